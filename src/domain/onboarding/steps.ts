/**
 * @module
 * The seven steps as a registry: for each, the fields its own form posts, what
 * must be true before it can be submitted (a pure check over facts the service
 * reads inside the submit's transaction), and what an officer may comment on
 * when reviewing it. Each step's entry lives in the file named for the step;
 * routes, services and views look a step up here instead of branching on its number.
 */
import { credentialsStep } from "./credentials";
import { goliveStep } from "./golive";
import { platformApplicationStep } from "./platform-application";
import { preprodStep } from "./preprod";
import { preprodTestsStep } from "./preprod-tests";
import { uatStep } from "./uat";
import { uatTestsStep } from "./uat-tests";
import type { StepEntry } from "./step-entry";
import { STEPS, type Step, type StepKey } from "./workflow";

export type { StepEntry, StepFacts } from "./step-entry";

export type StepDefinition = Step & StepEntry;

const ENTRIES: Record<StepKey, StepEntry> = {
  credential: credentialsStep,
  uat_setup: uatStep,
  uat_test: uatTestsStep,
  platform_application: platformApplicationStep,
  preprod_setup: preprodStep,
  preprod_test: preprodTestsStep,
  golive: goliveStep,
};

/** The registry, in order. */
export const STEP_DEFINITIONS: readonly StepDefinition[] = STEPS.map((s) => ({ ...s, ...ENTRIES[s.key] }));

/** The definition of step `no`, or undefined for anything that is not 1..7. */
export function stepDefinition(no: number): StepDefinition | undefined {
  return Number.isInteger(no) ? STEP_DEFINITIONS[no - 1] : undefined;
}

/** The general comment every review form has, whatever the step. */
export const GENERAL_COMMENT = "general";
