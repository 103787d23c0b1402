/**
 * @module
 * Staff sign-in form. Kept apart from the users row: a form is not a row.
 */
import * as z from "zod/mini";

export const loginForm = z.object({
  username: z.string().check(z.trim(), z.minLength(1, "กรุณากรอกชื่อผู้ใช้"), z.maxLength(100, "ชื่อผู้ใช้ยาวเกินไป")),
  password: z.string().check(z.minLength(1, "กรุณากรอกรหัสผ่าน"), z.maxLength(200, "รหัสผ่านยาวเกินไป")),
  next: z.optional(z.string()),
});
export type LoginForm = z.infer<typeof loginForm>;

/**
 * Only same-site absolute paths survive as a post-login destination, so a crafted
 * `?next=//evil.example` cannot turn the login page into an open redirect.
 */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (/[\u0000-\u001f]/.test(next)) return null;
  return next;
}
