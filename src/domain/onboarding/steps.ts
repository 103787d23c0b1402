/**
 * @module
 * The seven steps as a registry: for each, the fields its form posts, what must
 * be true before it can be submitted (a pure check over facts the service reads
 * inside the submit's transaction), and what the officer may comment on when
 * reviewing it. Routes, services and views look a step up here instead of
 * branching on its number.
 */
import type { FieldErrors } from "../forms";
import { validateForm } from "../forms";
import { goliveForm, GOLIVE_LABELS } from "../golive-forms";
import { fiscalYearEnd, MIN_TESTERS, step1Form, STEP1_LABELS, step2Form, STEP2_LABELS, TESTERS_REQUIRED } from "../onboarding-forms";
import { allPartErrors, REVIEW_GROUPS as STEP4_REVIEW_LABELS } from "../platform-application";
import { STEPS, type Step, type StepKey } from "./workflow";

/** What a step's readiness depends on besides its answers, read in the submit's transaction. */
export interface StepFacts {
  answers: Record<string, unknown>;
  testers: number;
  pendingAttempts: number;
  hasIcon: boolean;
  screenshots: number;
  hasAuthLetter: boolean;
  now: Date;
}

export interface StepDefinition extends Step {
  /** The answer fields its own form posts (steps filled in elsewhere post none here). */
  formFields: readonly string[];
  /** Everything that stops a submit; empty when it may be submitted. */
  readiness(facts: StepFacts): FieldErrors;
  /** The fields an officer may comment on when reviewing (plus the general comment). */
  reviewLabels: Record<string, string>;
}

const setupErrors = (f: StepFacts): FieldErrors => {
  const form = validateForm(step2Form, f.answers);
  const errors: FieldErrors = form.ok ? {} : form.errors;
  if (f.testers < MIN_TESTERS) errors.testers = TESTERS_REQUIRED;
  return errors;
};

const attemptsErrors = (f: StepFacts): FieldErrors =>
  f.pendingAttempts > 0 ? {} : { attempts: "กรุณาเพิ่มผลการทดสอบอย่างน้อย 1 ครั้งก่อนส่ง" };

const DEFINITIONS: Record<StepKey, Omit<StepDefinition, keyof Step>> = {
  credential: {
    formFields: [...Object.keys(STEP1_LABELS), "hasIcon"],
    readiness: (f) => {
      const form = validateForm(step1Form({ latestLaunchDate: fiscalYearEnd(f.now) }), f.answers);
      return form.ok ? {} : form.errors;
    },
    reviewLabels: STEP1_LABELS,
  },
  uat_setup: {
    formFields: Object.keys(STEP2_LABELS),
    readiness: setupErrors,
    reviewLabels: { ...STEP2_LABELS, testers: "ผู้ทดสอบ" },
  },
  uat_test: { formFields: [], readiness: attemptsErrors, reviewLabels: { attempts: "ผลการทดสอบ" } },
  platform_application: {
    formFields: [],
    readiness: (f) => allPartErrors(f.answers as Record<string, string | string[]>, f.hasAuthLetter),
    reviewLabels: STEP4_REVIEW_LABELS,
  },
  preprod_setup: {
    formFields: Object.keys(STEP2_LABELS),
    readiness: (f) => {
      const errors = setupErrors(f);
      if (!f.hasIcon) errors.icon = "กรุณาอัปโหลดไอคอนบริการ";
      if (f.screenshots === 0) errors.screenshots = "กรุณาเพิ่มภาพหน้าจออย่างน้อย 1 ภาพ";
      return errors;
    },
    reviewLabels: { ...STEP2_LABELS, testers: "ผู้ทดสอบ", icon: "ไอคอน", screenshots: "ภาพหน้าจอ" },
  },
  preprod_test: { formFields: [], readiness: attemptsErrors, reviewLabels: { attempts: "ผลการทดสอบ" } },
  golive: {
    formFields: [],
    readiness: (f) => {
      const form = validateForm(goliveForm(f.now), f.answers);
      return form.ok ? {} : form.errors;
    },
    reviewLabels: { requestedDate: GOLIVE_LABELS.requestedDate },
  },
};

/** The registry, in order. */
export const STEP_DEFINITIONS: readonly StepDefinition[] = STEPS.map((s) => ({ ...s, ...DEFINITIONS[s.key] }));

/** The definition of step `no`, or undefined for anything that is not 1..7. */
export function stepDefinition(no: number): StepDefinition | undefined {
  return Number.isInteger(no) ? STEP_DEFINITIONS[no - 1] : undefined;
}

/** The general comment every review form has, whatever the step. */
export const GENERAL_COMMENT = "general";
