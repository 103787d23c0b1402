/**
 * @module
 * Turning a zod result into what a form view needs: the submitted values (to
 * re-render the user's answers) and one Thai message per field.
 */
import * as z from "zod/mini";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; values: FormValues; errors: FieldErrors };

/**
 * For the checks a schema gives no message of its own (a field missing from the
 * post, a file where text belongs): zod's defaults are English.
 */
export const thaiFallbackError = (issue: { code: string; input?: unknown }) =>
  issue.code === "invalid_type" && issue.input === undefined ? "กรุณากรอกข้อมูลนี้" : "ข้อมูลไม่ถูกต้อง";

export const NUL_MESSAGE = "มีอักขระที่ใช้ไม่ได้ (NUL) กรุณาลบออกแล้วลองใหม่";

/**
 * Paths of the strings in a parsed value that hold U+0000: SQLite reads text back
 * only up to it, so storing one would silently lose the rest.
 */
export function nulPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [path.join(".") || "_form"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...path, String(i)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nulPaths(v, [...path, k]));
  return [];
}

/**
 * Validates `input` against `schema`; on failure keeps the first message per field path.
 * Any zod 4 schema (zod/mini or classic) will do: it is parsed with the core function.
 */
export function validateForm<S extends z.core.$ZodType>(
  schema: S,
  input: Record<string, unknown>,
): FormResult<z.output<S>> {
  const parsed = z.safeParse(schema, input, { error: thaiFallbackError });
  const errors: FieldErrors = {};
  if (parsed.success) {
    for (const key of nulPaths(parsed.data)) errors[key] = NUL_MESSAGE;
    if (Object.keys(errors).length === 0) return { ok: true, data: parsed.data };
  } else {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_form";
      errors[key] ??= issue.message;
    }
  }
  return { ok: false, values: stringValues(input), errors };
}

/**
 * A problem found inside a `z.transform`: zod/mini gives transforms no `ctx.addIssue`,
 * so the issue is pushed as classic zod's would be; returns `z.NEVER` to end the transform.
 */
export function transformIssue(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: "custom", message, input: ctx.value });
  return z.NEVER;
}

/** zod/mini has no `z.preprocess`: the same pipe classic zod builds, `fn` run before `schema`. */
export const preprocess = <S extends z.core.$ZodType>(
  fn: (v: unknown) => unknown,
  schema: S,
): z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, S> => z.pipe(z.transform(fn), schema);

/** Form values as strings, for re-rendering; never includes passwords. */
export function stringValues(input: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (/password/i.test(key) || key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
  }
  return values;
}
