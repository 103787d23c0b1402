/**
 * @module
 * Step 4's answers: one record across the three parts, validated part by part,
 * with the authorisation letter's presence taken from the stored file, never
 * from the form.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { eserviceFiles } from "../db/schema";
import type { FieldErrors } from "../domain/forms";
import { validateForm } from "../domain/forms";
import { PARTS, prefillFromEarlierSteps, visibleFields, type PartNo } from "../domain/platform-application";
import type { ServiceView } from "./onboarding";

export type Raw = Record<string, string | string[]>;

export async function authLetterOf(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "auth_letter")))
    .limit(1);
  return row ?? null;
}

/** Stored answers, or (before the first save) what steps 1 and 2 already said. */
export function step4Values(svc: ServiceView): Raw {
  const stored = svc.steps[3]!.answers as Raw | null;
  if (stored && Object.keys(stored).length) return stored;
  return prefillFromEarlierSteps(svc.steps[0]!.answers, svc.steps[1]!.answers, svc.name);
}

export function partErrors(part: PartNo, values: Raw, hasAuthLetter: boolean): FieldErrors {
  const form = validateForm(PARTS[part - 1]!.form, { ...values, hasAuthLetter: hasAuthLetter ? "yes" : "no" });
  return form.ok ? {} : form.errors;
}

/** Every problem in all three parts at once. */
export function allPartErrors(values: Raw, hasAuthLetter: boolean): FieldErrors {
  return { ...partErrors(1, values, hasAuthLetter), ...partErrors(2, values, hasAuthLetter), ...partErrors(3, values, hasAuthLetter) };
}

export function groupsByPart(values: Raw) {
  return { 1: visibleFields(1, values), 2: visibleFields(2, values), 3: visibleFields(3, values) } as const;
}

