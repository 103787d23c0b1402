/**
 * @module
 * Steps 3 and 6 (การทดสอบผ่าน UAT / Pre-Production): each test attempt is a
 * Minimum Testcase workbook with what was developed and installed.
 */
import * as z from "zod/mini";
import { NUL_MESSAGE } from "../forms";
import type { FieldErrors } from "../forms";
import type { StepEntry, StepFacts } from "./step-entry";

export const DETAILS_MAX = 5000;

/** An attempt changes only until an officer has reviewed it (and only while its step is open). */
export function attemptEditable(status: "pending" | "approved" | "returned"): boolean {
  return status === "pending";
}

/** The details posted with a workbook, or alone when an attempt is edited. */
export const attemptDetailsForm = z.object({
  details: z
    .string({ error: "กรุณากรอกรายละเอียดผลการพัฒนาและติดตั้ง" })
    .check(
      z.trim(),
      z.minLength(1, "กรุณากรอกรายละเอียดผลการพัฒนาและติดตั้ง"),
      z.maxLength(DETAILS_MAX, `รายละเอียดยาวเกินไป (ไม่เกิน ${DETAILS_MAX} ตัวอักษร)`),
      z.refine((s) => !s.includes("\u0000"), NUL_MESSAGE),
    ),
});

/** A test step is submitted with at least one attempt the officer has not reviewed yet. */
export function attemptsErrors(f: StepFacts): FieldErrors {
  return f.pendingAttempts > 0 ? {} : { attempts: "กรุณาเพิ่มผลการทดสอบอย่างน้อย 1 ครั้งก่อนส่ง" };
}

/** Step 3 in the registry: attempts only, no form of its own. */
export const uatTestsStep: StepEntry = { formFields: [], readiness: attemptsErrors, reviewLabels: { attempts: "ผลการทดสอบ" } };
