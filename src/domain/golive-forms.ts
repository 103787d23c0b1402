import { z } from "zod";
import { bangkokIsoDate, isIsoDate } from "./onboarding-forms";

/** Step 7: the wanted go-live date (not in the past, in Bangkok) and an optional note. */
export function goliveForm(now: Date) {
  const today = bangkokIsoDate(now);
  return z.object({
    requestedDate: z
      .string()
      .trim()
      .min(1, "กรุณาเลือกวันที่ต้องการเปิดใช้งาน")
      .refine(isIsoDate, "วันที่ต้องการเปิดใช้งานไม่ถูกต้อง")
      .refine((d) => !isIsoDate(d) || d >= today, "วันที่ต้องการเปิดใช้งานต้องไม่เป็นวันที่ผ่านมาแล้ว"),
    note: z.string().trim().max(1000, "หมายเหตุยาวเกินไป (ไม่เกิน 1000 ตัวอักษร)").optional().transform((v) => v || null),
  });
}

export const GOLIVE_LABELS = { requestedDate: "วันที่ต้องการเปิดใช้งาน", note: "หมายเหตุเพิ่มเติม (ถ้ามี)" };

/** An officer moving a confirmed service to another batch: a Tuesday, today or later. */
export function moveBatchForm(now: Date) {
  const today = bangkokIsoDate(now);
  return z.object({
    batchDate: z
      .string()
      .trim()
      .refine(isIsoDate, "วันที่ไม่ถูกต้อง")
      .refine((d) => !isIsoDate(d) || new Date(`${d}T00:00:00Z`).getUTCDay() === 2, "รอบเปิดให้บริการต้องเป็นวันอังคาร")
      .refine((d) => !isIsoDate(d) || d >= today, "รอบเปิดให้บริการต้องไม่เป็นวันที่ผ่านมาแล้ว"),
  });
}
