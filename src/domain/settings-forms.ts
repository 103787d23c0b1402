import * as z from "zod/mini";

export const contactForm = z.object({
  text: z.string().check(z.trim(), z.minLength(1, "กรุณากรอกข้อความ"), z.maxLength(4000, "ข้อความยาวเกินไป (ไม่เกิน 4000 ตัวอักษร)")),
});
