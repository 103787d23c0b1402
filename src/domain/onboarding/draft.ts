/**
 * @module
 * What an autosave stores. Drafts are incomplete by nature, so nothing is refused
 * for being missing, and a field cleared on purpose is stored empty; but a field
 * typed into an invalid value (a half-typed URL, a launch date past the limit) does
 * not replace a stored value that was valid: the browser still shows what was
 * typed, and the explicit save button (or the check) stores and reports it.
 */
import type { FieldErrors } from "../forms";

function filled(v: unknown): boolean {
  if (Array.isArray(v)) return v.some((x) => typeof x === "string" && x.trim() !== "");
  return typeof v === "string" && v.trim() !== "";
}

function hasError(errors: FieldErrors, field: string): boolean {
  return Object.keys(errors).some((k) => k === field || k.startsWith(`${field}.`));
}

/**
 * The stored answers with the posted ones laid over them, except a filled but
 * invalid posted field where the stored one was filled and valid.
 * @example draftAnswers({ url: "https://a.go.th" }, { url: "htt" }, check) // keeps the stored url
 */
export function draftAnswers(
  stored: Record<string, unknown>,
  posted: Record<string, unknown>,
  errorsOf: (answers: Record<string, unknown>) => FieldErrors,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...posted };
  const after = errorsOf(merged);
  const before = errorsOf(stored);
  for (const [field, value] of Object.entries(posted)) {
    if (filled(value) && hasError(after, field) && filled(stored[field]) && !hasError(before, field)) merged[field] = stored[field];
  }
  return merged;
}
