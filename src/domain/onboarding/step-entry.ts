/**
 * @module
 * The shape of one step's registry entry, apart from the registry itself
 * (steps.ts) so that each step's file can declare its entry without importing
 * the registry that imports it.
 */
import type { FieldErrors } from "../forms";

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

/** One step's entry, declared in the step's own file. */
export interface StepEntry {
  /** The answer fields its own form posts to the shared save route (steps filled in elsewhere post none). */
  formFields: readonly string[];
  /** Everything that stops a submit; empty when it may be submitted. */
  readiness(facts: StepFacts): FieldErrors;
  /** The fields an officer may comment on when reviewing (plus the general comment). */
  reviewLabels: Record<string, string>;
}
