/**
 * @module
 * Turning a zod result into what a form view needs: the submitted values (to
 * re-render the user's answers) and one Thai message per field.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; values: FormValues; errors: FieldErrors };

/** Validates `input` against `schema`; on failure keeps the first message per field path. */
export function validateForm<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
): FormResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, values: stringValues(input), errors };
}

/** Form values as strings, for re-rendering; never includes passwords. */
export function stringValues(input: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (/password/i.test(key) || key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
  }
  return values;
}
