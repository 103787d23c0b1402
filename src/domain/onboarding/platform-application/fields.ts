/**
 * @module
 * The zod field helpers the three parts of step 4 share: every text is
 * trimmed first and lengths are counted in graphemes; radio values that pick
 * a branch are trimmed before the unions read them.
 */
import * as z from "zod/mini";
import { preprocess, transformIssue } from "../../forms";
import { asArray, graphemeLength } from "../form-fields";
import { urlProblem } from "../uat";

export const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** ๐–๙ as 0–9: a postcode or หมู่ typed on a Thai keyboard. */
export const arabicDigits = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

const tooLong = (label: string, max: number) => (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const n = graphemeLength(s);
  if (n > max) ctx.addIssue({ code: "custom", message: `${label}ต้องไม่เกิน ${max} ตัวอักษร (ตอนนี้ ${n})` });
};

/** Required text: `missing` when absent or blank, and at most `max` characters. */
export const requiredText = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).check(z.trim(), z.minLength(1, missing), z.superRefine(tooLong(label, max)));

/** Optional text; blank comes out as null. */
export const optionalText = (label: string, max: number) =>
  z.pipe(
    z.optional(z.string({ error: `${label}ไม่ถูกต้อง` }).check(z.trim(), z.superRefine(tooLong(label, max)))),
    z.transform((s) => s || null),
  );

/** A required field checked by one of the shared contact schemas, with its own "กรุณากรอก…" message. */
export const requiredThen = <S extends z.core.$ZodType<unknown, string>>(missing: string, schema: S) =>
  z.pipe(z.string({ error: missing }).check(z.trim(), z.minLength(1, missing)), schema);

/** One of `keys` (a radio group or select). */
export const choice = <const K extends readonly [string, ...string[]]>(keys: K, message: string) =>
  preprocess(trimmed, z.enum(keys, { error: message }));

export const yesNo = (message: string) => choice(["yes", "no"], message);

/**
 * A checkbox group: the ticked keys, once each, in the order offered. Blank
 * values (a sentinel hidden input) are ignored. With `atLeastOne`, an empty
 * group is an error with that message.
 */
export const checkboxes = <const K extends readonly [string, ...string[]]>(keys: K, invalid: string, atLeastOne?: string) =>
  preprocess(
    (v) => asArray(v).map(trimmed).filter((x) => x !== ""),
    z.pipe(
      z.array(z.enum(keys, { error: invalid })).check(z.minLength(atLeastOne ? 1 : 0, atLeastOne ?? "")),
      z.transform((picked) => keys.filter((k) => picked.includes(k)) as K[number][]),
    ),
  );


/** A required https URL (the address citizens open). */
export const httpsUrl = (missing: string) =>
  z.string({ error: missing }).check(
    z.trim(),
    z.minLength(1, missing),
    z.superRefine((s, ctx) => {
      if (s === "") return;
      const problem = urlProblem(s, ["https:"]);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  );

const WEBSITE_INVALID = "เว็บไซต์หน่วยงานไม่ถูกต้อง (เช่น https://www.agency.go.th)";

/** Optional http(s) URL; "www.agency.go.th" typed without a scheme is taken as https. Blank → null. */
export const websiteField = z.pipe(
  z.optional(z.string({ error: WEBSITE_INVALID }).check(z.trim())),
  z.transform((s, ctx) => {
    if (!s) return null;
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
    if (urlProblem(url, ["http:", "https:"])) return transformIssue(ctx, WEBSITE_INVALID);
    return url;
  }),
);

/**
 * The radio values that choose a branch, trimmed before the unions read them
 * (a discriminated union looks at the raw value to pick its option).
 */
const DISCRIMINATORS = [
  "agencyType",
  "adminSame",
  "contactChannel",
  "coordinatorWho",
  "targetUsers",
  "wantsPersonalData",
  "profileAccess",
] as const;

export function trimDiscriminators(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const k of DISCRIMINATORS) out[k] = trimmed(out[k]);
  return out;
}

/** Raw form values as the helpers below read them. */
export type RawValues = Record<string, unknown>;

export const str = (v: unknown): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim() : "";
};
