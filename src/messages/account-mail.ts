/**
 * @module
 * The Thai text of the mails about a staff member's own account: a reset link,
 * a link confirming a new address, and the notice to the old address.
 */
import { EMAIL_CHANGE_HOURS, RESET_LINK_MINUTES } from "../domain/profile-forms";

const FOOTER = "อีเมลนี้ส่งโดยอัตโนมัติจากระบบติดตาม tidtam กรุณาอย่าตอบกลับ";

export function passwordResetMail(input: { name: string; username: string | null; url: string }) {
  return {
    subject: "[tidtam] ลิงก์ตั้งรหัสผ่านใหม่",
    text: [
      `เรียน ${input.name}`,
      ``,
      `มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชี${input.username ? ` ${input.username}` : "ของท่าน"} ในระบบติดตาม tidtam`,
      `ตั้งรหัสผ่านใหม่ได้ที่ลิงก์นี้ (ใช้ได้ ${RESET_LINK_MINUTES} นาที และใช้ได้ครั้งเดียว):`,
      input.url,
      ``,
      `หากท่านไม่ได้ขอ กรุณาเพิกเฉยต่ออีเมลนี้ รหัสผ่านเดิมของท่านยังใช้ได้ตามปกติ`,
      ``,
      FOOTER,
    ].join("\n"),
  };
}

export function emailChangeConfirmMail(input: { name: string; username: string | null; newEmail: string; url: string }) {
  return {
    subject: "[tidtam] ยืนยันอีเมลใหม่ของบัญชี",
    text: [
      `เรียน ${input.name}`,
      ``,
      `มีการขอเปลี่ยนอีเมลของบัญชี${input.username ? ` ${input.username}` : ""} ในระบบติดตาม tidtam เป็น ${input.newEmail}`,
      `กรุณายืนยันที่ลิงก์นี้ (ใช้ได้ ${EMAIL_CHANGE_HOURS} ชั่วโมง):`,
      input.url,
      ``,
      `อีเมลของบัญชีจะยังไม่เปลี่ยนจนกว่าจะยืนยัน หากท่านไม่ได้ขอ กรุณาเพิกเฉยต่ออีเมลนี้`,
      ``,
      FOOTER,
    ].join("\n"),
  };
}

export function emailChangedNoticeMail(input: { name: string; username: string | null; newEmail: string }) {
  return {
    subject: "[tidtam] อีเมลของบัญชีถูกเปลี่ยนแล้ว",
    text: [
      `เรียน ${input.name}`,
      ``,
      `อีเมลของบัญชี${input.username ? ` ${input.username}` : ""} ถูกเปลี่ยนเป็น ${input.newEmail} แล้ว`,
      `อีเมลนี้ (อีเมลเดิม) จะไม่ได้รับข่าวสารของบัญชีอีก`,
      ``,
      `หากท่านไม่ได้เปลี่ยนเอง กรุณาแจ้งผู้ดูแลระบบโดยเร็ว`,
      ``,
      FOOTER,
    ].join("\n"),
  };
}
