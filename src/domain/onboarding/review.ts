/**
 * @module
 * The officer's review of a submitted step: approve, or return with comments.
 * Comments are posted as `comment.<field>` for the fields the step's registry
 * entry names, plus `comment.general`; anything else is ignored. A return must
 * say why, so it needs at least one comment.
 */
import * as z from "zod/mini";
import { GENERAL_COMMENT, type StepDefinition } from "./steps";

export const COMMENT_MAX = 2000;

export const REVIEW_MESSAGES = {
  decision: "กรุณาเลือกอนุมัติหรือส่งกลับแก้ไข",
  reasonRequired: "กรุณาเขียนความเห็นอย่างน้อย 1 ช่องเมื่อส่งกลับแก้ไข เพื่อให้หน่วยงานทราบสิ่งที่ต้องแก้",
  tooLong: `ความเห็นยาวเกินไป (ไม่เกิน ${COMMENT_MAX} ตัวอักษร)`,
} as const;

/** The review form of `step`: `{ decision, comments }`, with comment keys limited to what the step declares. */
export function reviewForm(step: StepDefinition) {
  const fields = new Set([...Object.keys(step.reviewLabels), GENERAL_COMMENT]);
  const collected = z.pipe(
    z.record(z.string(), z.unknown()),
    z.transform((body) => {
      // In the order posted, which is the order the officer saw them.
      const comments: Record<string, string> = {};
      for (const [key, v] of Object.entries(body)) {
        const name = key.startsWith("comment.") ? key.slice("comment.".length) : null;
        if (name && fields.has(name) && typeof v === "string" && v.trim()) comments[name] = v.trim();
      }
      return { decision: body.decision, comments };
    }),
  );
  return z.pipe(
    collected,
    z
      .object({
        decision: z.enum(["approve", "return"], { error: REVIEW_MESSAGES.decision }),
        comments: z.record(z.string(), z.string().check(z.maxLength(COMMENT_MAX, REVIEW_MESSAGES.tooLong))),
      })
      .check(
        z.refine((r) => r.decision !== "return" || Object.keys(r.comments).length > 0, {
          message: REVIEW_MESSAGES.reasonRequired,
          path: ["comment"],
        }),
      ),
  );
}

export type ReviewDecision = z.output<ReturnType<typeof reviewForm>>;

/** Every comment with the label the officer saw, general last, for the agency to read in one place. */
export function labelledComments(step: StepDefinition, comments: Record<string, string> | null): { label: string; text: string }[] {
  if (!comments) return [];
  const labels: Record<string, string> = { ...step.reviewLabels };
  return Object.entries(comments)
    .filter(([name]) => name !== GENERAL_COMMENT)
    .map(([name, text]) => ({ label: labels[name] ?? name, text }))
    .concat(comments[GENERAL_COMMENT] ? [{ label: "ความเห็นทั่วไป", text: comments[GENERAL_COMMENT] }] : []);
}
