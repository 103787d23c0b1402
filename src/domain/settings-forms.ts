import * as z from "zod";

export const contactForm = z.object({
  text: z.string().trim().min(1, "กรุณากรอกข้อความ").max(4000, "ข้อความยาวเกินไป (ไม่เกิน 4000 ตัวอักษร)"),
});
