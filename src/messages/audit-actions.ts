/**
 * @module
 * The Thai name of every audit action, for the trail pages and the export.
 * `test/node/audit-actions.test.ts` fails when an action recorded anywhere in
 * `src/` or `scripts/` has no label here, so a new action gets one.
 */
import { ACTIONS, type RequestAction } from "../domain/academic";

const REQUEST_ACTIONS = Object.fromEntries(
  (Object.keys(ACTIONS) as RequestAction[]).map((a) => [`request.${a}`, `เปลี่ยนสถานะคำขอ: ${ACTIONS[a].th}`]),
) as Record<`request.${RequestAction}`, string>;

export const AUDIT_ACTION_LABEL: Record<string, string> = {
  // Sign-in and accounts
  "auth.login": "เข้าสู่ระบบ",
  "auth.logout": "ออกจากระบบ",
  "applicant.created": "สร้างบัญชีเจ้าของผลงาน (ThaiD)",
  "admin.created": "สร้างบัญชีผู้ดูแลระบบ",
  "agency_user.created": "สร้างบัญชีเจ้าหน้าที่หน่วยงาน",
  "user.first_login_completed": "ตั้งค่าบัญชีครั้งแรกเสร็จสิ้น",
  "user.profile_updated": "แก้ไขข้อมูลบัญชี",
  "user.email_change_requested": "ขอเปลี่ยนอีเมล",
  "user.email_change_refused": "ขอเปลี่ยนอีเมลไม่สำเร็จ (รหัสผ่านไม่ถูกต้อง)",
  "user.email_changed": "เปลี่ยนอีเมล",
  "user.password_changed": "เปลี่ยนรหัสผ่าน",
  "user.password_change_failed": "เปลี่ยนรหัสผ่านไม่สำเร็จ (รหัสผ่านปัจจุบันไม่ถูกต้อง)",
  "user.password_reset_requested": "ขอตั้งรหัสผ่านใหม่",
  "user.password_reset": "ตั้งรหัสผ่านใหม่",
  "staff.created": "สร้างบัญชีเจ้าหน้าที่",
  "staff.disabled": "ระงับบัญชีเจ้าหน้าที่",
  "staff.enabled": "เปิดใช้บัญชีเจ้าหน้าที่",
  "staff.role_changed": "เปลี่ยนบทบาทเจ้าหน้าที่",
  "staff.credentials_reissued": "ออกรหัสผ่านชั่วคราวใหม่",
  // Universities and agencies
  "university.created": "เพิ่มมหาวิทยาลัย",
  "university.renamed": "แก้ไขชื่อมหาวิทยาลัย",
  "university.deactivated": "ปิดการใช้งานมหาวิทยาลัย",
  "university.reactivated": "เปิดการใช้งานมหาวิทยาลัยอีกครั้ง",
  "agency.created": "เพิ่มหน่วยงาน",
  // Academic-position requests
  "request.draft_created": "สร้างร่างคำขอ",
  "request.draft_saved": "บันทึกร่างคำขอ",
  "request.submitted": "ยื่นคำขอ",
  ...REQUEST_ACTIONS,
  "document.uploaded": "อัปโหลดเอกสาร",
  "document.status": "ตรวจเอกสาร",
  "tracking_link.created": "สร้างลิงก์ติดตามคำขอ",
  "tracking_link.revoked": "ยกเลิกลิงก์ติดตามคำขอ",
  "tracking_link.mailed": "ส่งลิงก์ติดตามคำขอทางอีเมล",
  "pid.viewed": "ดูเลขประจำตัวประชาชนเต็ม",
  "export.requested": "สั่งส่งออกข้อมูลเป็นไฟล์ (สร้างเบื้องหลัง)",
  // e-Service onboarding
  "eservice.created": "สร้าง e-Service",
  "eservice.step.save_draft": "บันทึกร่างขั้นตอน",
  "eservice.step.submit": "ส่งขั้นตอนให้ตรวจสอบ",
  "eservice.step.approve": "อนุมัติขั้นตอน",
  "eservice.step.return": "ส่งขั้นตอนกลับแก้ไข",
  "eservice.icon_uploaded": "อัปโหลดไอคอน",
  "eservice.auth_letter_uploaded": "อัปโหลดหนังสือมอบอำนาจ",
  "eservice.screenshot_added": "เพิ่มภาพหน้าจอ",
  "eservice.screenshot_removed": "ลบภาพหน้าจอ",
  "eservice.screenshot_moved": "เลื่อนลำดับภาพหน้าจอ",
  "eservice.golive_confirmed": "ยืนยันรอบเปิดให้บริการ",
  "eservice.golive_moved": "เลื่อนรอบเปิดให้บริการ",
  "eservice.golive_cancelled": "ยกเลิกรอบเปิดให้บริการ",
  "eservice.launched": "เปิดให้บริการ",
  "tester.saved": "บันทึกผู้ทดสอบ",
  "tester.removed": "ลบผู้ทดสอบ",
  "test_result.added": "เพิ่มผลการทดสอบ",
  "test_result.updated": "แก้ไขผลการทดสอบ",
  "test_result.deleted": "ลบผลการทดสอบ",
  "credentials.issued": "ออกข้อมูลรับรองแอปพลิเคชัน",
  "credentials.reset": "รีเซ็ตข้อมูลรับรองแอปพลิเคชัน",
  // Administration
  "settings.contact": "แก้ไขหน้าติดต่อเรา",
  "mail.retried": "ส่งอีเมลซ้ำ",
  "mail.cancelled": "ยกเลิกการส่งอีเมล",
};

/** Known actions, sorted by label, for the admin search's select. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABEL).sort((a, b) => AUDIT_ACTION_LABEL[a]!.localeCompare(AUDIT_ACTION_LABEL[b]!, "th"));

/** The Thai label, or the raw action for one recorded before it had a label. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABEL, action) ? AUDIT_ACTION_LABEL[action]! : action;
}

export const AUDIT_SUBJECT_LABEL: Record<string, string> = {
  request: "คำขอ",
  eservice: "e-Service",
  agency: "หน่วยงาน",
  user: "บัญชีผู้ใช้",
  university: "มหาวิทยาลัย",
  settings: "การตั้งค่า",
  mail: "อีเมล",
};

export function auditSubjectLabel(type: string): string {
  return Object.hasOwn(AUDIT_SUBJECT_LABEL, type) ? AUDIT_SUBJECT_LABEL[type]! : type;
}
