/**
 * @module
 * The Thai words the app says to people outside a form schema: flash notices,
 * refusals, errors. Routes, services and views all read them here, so one
 * sentence is written once. Pure data; imports nothing.
 */

/** One-time notices shown after a redirect; the cookie carries only the key. */
export const FLASH = {
  logged_out: "ออกจากระบบเรียบร้อยแล้ว",
  logged_in: "เข้าสู่ระบบเรียบร้อยแล้ว",
  session_expired: "หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง",
  account_ready: "ตั้งค่าบัญชีเรียบร้อยแล้ว ยินดีต้อนรับ",
  mail_retried: "นำอีเมลกลับเข้าคิวส่งแล้ว ระบบจะส่งในรอบถัดไป (ภายในประมาณ 1 นาที)",
  mail_cancelled: "ยกเลิกการส่งอีเมลแล้ว อีเมลนี้จะไม่ถูกส่งอีก",
  university_created: "เพิ่มมหาวิทยาลัยเรียบร้อยแล้ว",
  university_renamed: "แก้ไขชื่อมหาวิทยาลัยเรียบร้อยแล้ว",
  university_deactivated: "ปิดการใช้งานมหาวิทยาลัยแล้ว คำขอเดิมยังอยู่ แต่ยื่นคำขอใหม่ไม่ได้",
  university_reactivated: "เปิดการใช้งานมหาวิทยาลัยอีกครั้งแล้ว",
  staff_created: "สร้างบัญชีแล้ว ระบบกำลังส่งชื่อผู้ใช้และรหัสผ่านชั่วคราวทางอีเมล",
  staff_disabled: "ระงับบัญชีแล้ว ผู้ใช้ถูกออกจากระบบทุกอุปกรณ์",
  staff_enabled: "เปิดใช้งานบัญชีอีกครั้งแล้ว",
  staff_resent: "ออกรหัสผ่านชั่วคราวใหม่แล้ว ระบบกำลังส่งทางอีเมล รหัสผ่านเดิมใช้ไม่ได้อีก",
  staff_role_changed: "เปลี่ยนบทบาทแล้ว ผู้ใช้ต้องเข้าสู่ระบบใหม่",
  profile_saved: "บันทึกข้อมูลบัญชีเรียบร้อยแล้ว",
  email_change_sent: "บันทึกแล้ว อีเมลจะเปลี่ยนเมื่อท่านเปิดลิงก์ยืนยันที่ส่งไปยังอีเมลใหม่",
  email_changed: "เปลี่ยนอีเมลของบัญชีเรียบร้อยแล้ว",
  password_changed: "เปลี่ยนรหัสผ่านเรียบร้อยแล้ว อุปกรณ์อื่นที่เข้าสู่ระบบไว้ถูกออกจากระบบแล้ว",
  password_reset_done: "ตั้งรหัสผ่านใหม่แล้ว กรุณาเข้าสู่ระบบ",
  // Requests (universities and officers). `{}` is the one detail the route adds (setFlash's third argument).
  request_draft_saved: "บันทึกร่างคำขอแล้ว",
  request_submitted: "ยื่นคำขอเรียบร้อยแล้ว เลขที่ {}",
  request_action_recorded: "บันทึกการดำเนินการ '{}' แล้ว",
  document_uploaded: "อัปโหลดเอกสาร {} แล้ว",
  document_status_saved: "บันทึกสถานะเอกสารเป็น '{}' แล้ว",
  tracking_link_created: "สร้างลิงก์ติดตามคำขอแล้ว",
  pid_shown: "แสดงเลขประจำตัวประชาชนแล้ว การดูครั้งนี้ถูกบันทึกไว้",
  tracking_link_revoked: "ยกเลิกลิงก์ติดตามคำขอแล้ว ลิงก์เดิมใช้ไม่ได้อีก",
  contact_saved: "บันทึกหน้าติดต่อเราแล้ว",
  // Agencies and e-service onboarding.
  agency_created: "เพิ่มหน่วยงานเรียบร้อยแล้ว",
  eservice_created: "เพิ่มบริการอิเล็กทรอนิกส์ {} แล้ว",
  notification_read: "ทำเครื่องหมายว่าอ่านแล้ว",
  step_submitted: "ส่งขั้นตอนที่ {} ให้เจ้าหน้าที่ตรวจสอบแล้ว",
  step_reviewed: "ส่งผลการตรวจสอบขั้นตอนที่ {} แล้ว",
  icon_uploaded: "อัปโหลดไอคอน {} แล้ว",
  screenshot_uploaded: "อัปโหลดภาพหน้าจอ {} แล้ว",
  screenshot_moved: "เปลี่ยนลำดับภาพหน้าจอแล้ว",
  screenshot_deleted: "ลบภาพหน้าจอแล้ว",
  auth_letter_uploaded: "อัปโหลดหนังสือมอบอำนาจ {} แล้ว",
  attempt_uploaded: "อัปโหลดผลการทดสอบ {} แล้ว",
  attempt_saved: "บันทึกรายละเอียดผลการทดสอบแล้ว",
  attempt_deleted: "ลบผลการทดสอบแล้ว",
  tester_saved: "บันทึกผู้ทดสอบ {} แล้ว",
  tester_deleted: "ลบผู้ทดสอบแล้ว",
  credentials_shown: "แสดง App Id และ Consumer Key แล้ว กรุณาคัดลอกเก็บไว้",
  consumer_key_reset: "ออก Consumer Key ใหม่แล้ว หน่วยงานจะเห็นค่าใหม่ได้หนึ่งครั้ง",
  golive_moved: "ย้ายรอบเปิดให้บริการแล้ว",
} as const;
export type FlashKey = keyof typeof FLASH;

export function isFlashKey(value: string): value is FlashKey {
  return Object.hasOwn(FLASH, value);
}

/** The longest detail a flash carries (a ticket number, a file or person's name): the cookie stays small. */
export const FLASH_DETAIL_MAX = 120;

/**
 * The notice a flash cookie stands for: `key` or `key|detail`; the detail fills
 * the message's `{}` (and is dropped by a message without one). Unknown keys say nothing.
 */
export function flashMessage(raw: string): string | null {
  const cut = raw.indexOf("|");
  const key = cut < 0 ? raw : raw.slice(0, cut);
  if (!isFlashKey(key)) return null;
  const detail = cut < 0 ? "" : raw.slice(cut + 1, cut + 1 + FLASH_DETAIL_MAX);
  const text: string = FLASH[key];
  return text.replace("{}", detail).replace(/\s{2,}/g, " ").trim();
}

/** How long a rate-limited visitor must wait, rounded up: whole minutes, or seconds under one. */
function retryIn(waitMs: number): string {
  return waitMs < 60_000
    ? `กรุณาลองใหม่ในอีก ${Math.max(1, Math.ceil(waitMs / 1000))} วินาที`
    : `กรุณาลองใหม่ในอีก ${Math.ceil(waitMs / 60_000)} นาที`;
}

export const MESSAGES = {
  loginInvalid: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
  temporaryPasswordExpired: "รหัสผ่านชั่วคราวหมดอายุแล้ว (ใช้ได้ 7 วัน) กรุณาติดต่อเจ้าหน้าที่เพื่อขอรหัสผ่านใหม่",
  loginRateLimited: (waitMs: number) => `พยายามเข้าสู่ระบบหลายครั้งเกินไป ${retryIn(waitMs)}`,
  retryIn,
  csrf: "ไม่สามารถยืนยันแหล่งที่มาของคำขอได้ กรุณาโหลดหน้าเดิมใหม่แล้วลองอีกครั้ง",
  authRequired: "กรุณาเข้าสู่ระบบก่อนใช้งาน",
  forbidden: "บัญชีของท่านไม่มีสิทธิ์เข้าถึงหน้านี้",
  /** Every ThaiD failure says only this (nothing about which check failed). */
  thaidFailed: "เข้าสู่ระบบด้วย ThaiD ไม่สำเร็จ กรุณาเริ่มใหม่อีกครั้ง",
  wrongCurrentPassword: "รหัสผ่านปัจจุบันไม่ถูกต้อง",
  currentPasswordForEmail: "กรุณากรอกรหัสผ่านปัจจุบันเพื่อเปลี่ยนอีเมล",
  linkInvalid: "ลิงก์นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว)",
  resetRequested: "ถ้าอีเมลนี้มีบัญชีอยู่ เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว ลิงก์ใช้ได้ 30 นาที",
  tooManyEmailChanges: (waitMs: number) => `ส่งลิงก์ยืนยันอีเมลบ่อยเกินไป ${retryIn(waitMs)}`,
  tooManyPasswordAttempts: (waitMs: number) => `กรอกรหัสผ่านผิดหลายครั้งเกินไป ${retryIn(waitMs)}`,
  usernameTaken: "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น",
  /** A deactivated university keeps its requests but files no new one. */
  universityDeactivated: "มหาวิทยาลัยของท่านถูกปิดการใช้งานแล้ว จึงยื่นคำขอใหม่ไม่ได้ คำขอเดิมยังดูได้ตามปกติ หากมีข้อสงสัยกรุณาติดต่อผู้ดูแลระบบ",
  chooseAction: "กรุณาเลือกการดำเนินการ",
  trackingLinkMailed: (to: string[]) => `ส่งลิงก์ติดตามไปที่ ${to.join(" และ ")} แล้ว ลิงก์ที่สร้างไว้ก่อนหน้านี้ใช้ไม่ได้อีก`,
  fileMissing: (label: string) => `กรุณาเลือกไฟล์ ${label}`,
  fileTooLarge: (maxBytes: number) => `ไฟล์มีขนาดเกิน ${Math.floor(maxBytes / 1024 / 1024)} MB`,
  fileWrongType: (label: string) => `ไฟล์นี้ไม่ใช่ ${label} (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์) กรุณาเลือกไฟล์ ${label}`,
} as const;
