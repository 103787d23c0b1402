/**
 * @module
 * Zod schemas for the contact fields every form asks for, with Thai messages.
 */
import * as z from "zod/mini";
import { isValidThaiId, normalizeThaiId } from "./thai-id";

/**
 * A Thai phone number: mobile `0[689]x-xxx-xxxx` (10 digits) or landline
 * `0x-xxx-xxxx` (9 digits), optionally with an extension (`ต่อ 7001`).
 * Spaces and dashes are dropped; `+66` becomes `0`.
 */
export const thaiPhone = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.minLength(1, "กรุณากรอกเบอร์โทรศัพท์")),
    z.transform((s) => s.replace(/[\s-]/g, "").replace(/^\+66/, "0")),
  ),
  z
    .string()
    .check(
      z.regex(
        /^(0[689]\d{8}|0[2-7]\d{7})((ต่อ|ext\.?|x)\d{1,5})?$/i,
        "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)",
      ),
    ),
);

/** A mobile number only (10 digits starting 06, 08 or 09). */
export const thaiMobile = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.minLength(1, "กรุณากรอกเบอร์โทรศัพท์มือถือ")),
    z.transform((s) => s.replace(/[\s-]/g, "").replace(/^\+66/, "0")),
  ),
  z.string().check(z.regex(/^0[689]\d{8}$/, "เบอร์โทรศัพท์มือถือไม่ถูกต้อง (เช่น 081-234-5678)")),
);

/** An e-mail address, lower-cased domain kept as typed otherwise. */
export const email = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "กรุณากรอกอีเมล"), z.maxLength(254, "อีเมลยาวเกินไป")),
  z.email({ message: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)" }),
);

/** A national ID with its check digit; the value comes out as 13 bare digits. */
export const thaiId = z.pipe(
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "กรุณากรอกเลขประจำตัวประชาชน"),
      z.refine(isValidThaiId, "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)"),
    ),
  z.transform(normalizeThaiId),
);
