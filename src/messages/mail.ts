/**
 * @module
 * The Thai text of every e-mail. Plain text first: it reads well in any client.
 */
import { STATUSES, type RequestStatus } from "../domain/academic";

export function requestStatusMail(input: {
  ticketNo: string;
  applicantName: string;
  status: RequestStatus;
  label: string;
  url: string;
}) {
  return {
    subject: `[tidtam] คำขอ ${input.ticketNo}: ${STATUSES[input.status].th}`,
    text: [
      `เรียน ผู้เกี่ยวข้อง`,
      ``,
      `คำขอตำแหน่งทางวิชาการเลขที่ ${input.ticketNo} ของ ${input.applicantName}`,
      `มีความคืบหน้า: ${input.label}`,
      `สถานะปัจจุบัน: ${STATUSES[input.status].th}`,
      ``,
      `ดูรายละเอียดและลำดับเหตุการณ์ทั้งหมดได้ที่ ${input.url}`,
      ``,
      `อีเมลนี้ส่งโดยอัตโนมัติจากระบบติดตาม tidtam กรุณาอย่าตอบกลับ`,
    ].join("\n"),
  };
}

interface TemporaryCredentials {
  username: string;
  password: string;
  expiresAt: Date;
  loginUrl: string;
}

/** The part of every new-account mail that carries the temporary credentials and what happens next. */
function credentialLines(input: TemporaryCredentials): string[] {
  const until = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { dateStyle: "medium", timeZone: "Asia/Bangkok" }).format(input.expiresAt);
  return [
    `ชื่อผู้ใช้ชั่วคราว: ${input.username}`,
    `รหัสผ่านชั่วคราว: ${input.password}`,
    `ใช้ได้ถึง: ${until}`,
    ``,
    `เข้าสู่ระบบที่ ${input.loginUrl}`,
    `เมื่อเข้าสู่ระบบครั้งแรก ระบบจะให้ท่านตั้งชื่อผู้ใช้และรหัสผ่านใหม่ของท่านเอง`,
  ];
}

export function accountCreatedMail(input: TemporaryCredentials & { name: string; agency: string }) {
  return {
    subject: "[tidtam] บัญชีผู้ใช้สำหรับติดตามสถานะการเชื่อมต่อ e-Service",
    text: [
      `เรียน ${input.name}`,
      ``,
      `สำนักงานพัฒนารัฐบาลดิจิทัลได้สร้างบัญชีผู้ใช้ให้ท่านในนามของ ${input.agency}`,
      ``,
      ...credentialLines(input),
      ``,
      `หากท่านไม่ได้คาดว่าจะได้รับอีเมลนี้ กรุณาเพิกเฉย`,
    ].join("\n"),
  };
}

/** New temporary credentials for an existing account: the old password no longer works. */
export function credentialsReissuedMail(input: TemporaryCredentials & { name: string; role: string }) {
  return {
    subject: `[tidtam] รหัสผ่านชั่วคราวใหม่สำหรับบัญชี${input.role}ของท่าน`,
    text: [
      `เรียน ${input.name}`,
      ``,
      `ผู้ดูแลระบบได้ออกรหัสผ่านชั่วคราวใหม่ให้บัญชี${input.role}ของท่าน รหัสผ่านเดิมใช้ไม่ได้แล้ว`,
      ``,
      ...credentialLines(input),
      ``,
      `หากท่านไม่ได้ขอรหัสผ่านใหม่ กรุณาแจ้งผู้ดูแลระบบของหน่วยงาน`,
    ].join("\n"),
  };
}

export function stepReviewMail(input: { service: string; step: string; text: string; comments: { label: string; text: string }[]; url: string }) {
  const comments = input.comments.length ? [``, `ความเห็นของเจ้าหน้าที่:`, ...input.comments.map((c) => `- ${c.label}: ${c.text}`)] : [];
  return {
    subject: `[tidtam] ${input.service}: ${input.step}`,
    text: [`เรียน ผู้ดูแล e-Service ${input.service}`, ``, input.text, ...comments, ``, `ดูรายละเอียดได้ที่ ${input.url}`, ``, `อีเมลนี้ส่งโดยอัตโนมัติจากระบบติดตาม tidtam กรุณาอย่าตอบกลับ`].join("\n"),
  };
}

export function launchedMail(input: { service: string; batchDate: string; url: string }) {
  return {
    subject: `[tidtam] ${input.service}: เปิดให้บริการแล้ว`,
    text: [`เรียน ผู้ดูแล e-Service ${input.service}`, ``, `e-Service ของท่านเปิดให้บริการแล้วตามรอบวันที่ ${input.batchDate}`, `ขอแสดงความยินดี และขอบคุณที่ดำเนินการผ่านระบบกลางภาครัฐ`, ``, `ดูรายละเอียดได้ที่ ${input.url}`].join("\n"),
  };
}

/** A staff account made by an admin or by `npm run admin:create`: temporary credentials, valid 7 days. */
export function staffAccountMail(input: TemporaryCredentials & { name: string; role: string }) {
  return {
    subject: `[tidtam] บัญชี${input.role}ของท่าน`,
    text: [
      `เรียน ${input.name}`,
      ``,
      `ระบบติดตาม tidtam ได้สร้างบัญชี${input.role}ให้ท่าน`,
      ``,
      ...credentialLines(input),
      ``,
      `หากท่านไม่ได้คาดว่าจะได้รับอีเมลนี้ กรุณาแจ้งผู้ดูแลระบบของหน่วยงาน`,
    ].join("\n"),
  };
}

/**
 * The tracking link an officer sends to the applicant and the coordinator
 * ("เจ้าหน้าที่จะส่งลิงก์การติดตามสถานะคำขอให้กับผู้ร้องขอ"), Thai then English.
 */
export function trackingLinkMail(input: { ticketNo: string; applicantName: string; url: string; helpUrl: string }) {
  return {
    subject: `[tidtam] ลิงก์ติดตามคำขอ ${input.ticketNo} / Tracking link for request ${input.ticketNo}`,
    text: [
      `เรียน ผู้เกี่ยวข้อง`,
      ``,
      `เจ้าหน้าที่ส่งลิงก์ติดตามสถานะคำขอตำแหน่งทางวิชาการเลขที่ ${input.ticketNo} ของ ${input.applicantName}`,
      ``,
      `ติดตามสถานะได้ที่ ${input.url}`,
      ``,
      `เมื่อเปิดลิงก์ ระบบจะให้เข้าสู่ระบบก่อน: เจ้าของผลงานเข้าสู่ระบบด้วยแอป ThaiD ผู้ประสานงานของมหาวิทยาลัยใช้บัญชีผู้ใช้ของตน`,
      `ยังไม่มีแอป ThaiD? ดูวิธีติดตั้งและลงทะเบียนได้ที่ ${input.helpUrl}`,
      `ลิงก์นี้ใช้ได้จนกว่าเจ้าหน้าที่จะสร้างลิงก์ใหม่หรือยกเลิกลิงก์ กรุณาอย่าส่งต่อให้ผู้อื่น`,
      ``,
      `---`,
      `An officer sent you the tracking link for academic-position request ${input.ticketNo} (${input.applicantName}):`,
      input.url,
      `You will be asked to sign in first: applicants with the ThaiD app, university coordinators with their account.`,
      `No ThaiD app yet? ${input.helpUrl}`,
      ``,
      `อีเมลนี้ส่งโดยอัตโนมัติจากระบบติดตาม tidtam กรุณาอย่าตอบกลับ (automatic e-mail, please do not reply)`,
    ].join("\n"),
  };
}
