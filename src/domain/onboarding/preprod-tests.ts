/**
 * @module
 * Step 6, การทดสอบผ่าน Pre-Production: test attempts exactly as on UAT
 * (uat-tests.ts), run against the pre-production environment.
 */
import type { StepEntry } from "./step-entry";
import { attemptsErrors } from "./uat-tests";

/** Step 6 in the registry. */
export const preprodTestsStep: StepEntry = { formFields: [], readiness: attemptsErrors, reviewLabels: { attempts: "ผลการทดสอบ" } };
