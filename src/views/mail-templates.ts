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
