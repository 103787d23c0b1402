/**
 * @module
 * What the onboarding forms share: text length as people count it, and the
 * small zod pieces for what an HTML form posts (strings, a string or string[]
 * for repeated fields, nothing at all for an unticked checkbox group).
 */
import * as z from "zod/mini";
import { preprocess } from "../forms";

// ---------------------------------------------------------------------------
// Text length as people count it

const graphemes = new Intl.Segmenter("th", { granularity: "grapheme" });

/**
 * Characters as a reader counts them: a Thai consonant with its vowel and tone
 * marks is one ("ที่" is 3 code units, 1 grapheme; so is "น้ำ"). The manual's
 * "ไม่เกิน 140 ตัวอักษร" is shown on a counter in the browser, which must agree.
 */
export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

// ---------------------------------------------------------------------------
// HTML form helpers

/**
 * A repeated field as a list: a checkbox group posts nothing when none is
 * ticked, one string for one, and an array for several.
 */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...v] : [v];
}

/**
 * For object-level checks: run whenever the fields the check reads parsed, even
 * if others did not, so every problem on the form is reported in one go.
 */
export function fieldsParsed(...fields: string[]) {
  return (p: z.core.ParsePayload) =>
    typeof p.value === "object" && p.value !== null && !p.issues.some((i) => fields.includes(String(i.path?.[0])));
}

/**
 * A required text field. Not `abort: true`: zod then skips every object-level
 * check, even the ones given `when`, and the cross-field messages would only
 * appear after a second submit. The checks after this one skip "" themselves.
 */
export const required = (label: string) => z.string({ error: askFor(label) }).check(z.trim(), z.minLength(1, askFor(label)));

/** "กรุณากรอก…" for a label; Thai runs on without a space, but an English label ("Domain") needs one. */
export function askFor(label: string): string {
  return /^[A-Za-z0-9]/.test(label) ? `กรุณากรอก ${label}` : `กรุณากรอก${label}`;
}

/** A field missing from the post is an empty one, so the shared schemas give their Thai "กรุณากรอก…". */
export const presentOrEmpty = <S extends z.core.$ZodType>(schema: S) => preprocess((v) => v ?? "", schema);

/** Required text capped in graphemes; the message shows the count so the user knows how much to cut. */
export const countedText = (label: string, max: number) =>
  required(label).check(
    z.superRefine((s, ctx) => {
      const n = graphemeLength(s);
      if (n > max) ctx.addIssue({ code: "custom", message: `${label}ต้องไม่เกิน ${max} ตัวอักษร (ตอนนี้ ${n})` });
    }),
  );

export const yesNo = (message: string) => z.enum(["yes", "no"], { error: message });

/** A checkbox group: the ticked keys, once each, in the order offered. Blank values (a sentinel hidden input) are ignored. */
export const checkboxes = <K extends string>(keys: readonly [K, ...K[]], message: string) =>
  preprocess(
    (v) => asArray(v).filter((x) => x !== ""),
    z.pipe(
      z.array(z.enum(keys, { error: message })),
      z.transform((picked) => keys.filter((k) => picked.includes(k))),
    ),
  );
