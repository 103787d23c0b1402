import * as z from "zod/mini";

/** An officer naming a new e-service for an agency. */
export const eserviceNameForm = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, "กรุณากรอกชื่อ e-Service"), z.maxLength(200, "ชื่อ e-Service ยาวเกินไป (ไม่เกิน 200 ตัวอักษร)")),
});
