import * as z from "zod";

/** An officer naming a new e-service for an agency. */
export const eserviceNameForm = z.object({
  name: z.string().trim().min(1, "กรุณากรอกชื่อ e-Service").max(200, "ชื่อ e-Service ยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"),
});
