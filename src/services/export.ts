/**
 * @module
 * The officer's filtered list as an Excel workbook (exceljs), streamed from the
 * same query as the page so the file shows exactly what the officer filtered.
 */
import ExcelJS from "exceljs";
import { NEXT_ACTOR_LABEL, nextActor, POSITIONS, STATUSES } from "../domain/academic";
import { formatThaiDateTime } from "../messages/dates";
import type { RequestListRow } from "./requests";

export async function requestsWorkbook(rows: RequestListRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tidtam";
  const ws = wb.addWorksheet("คำขอตำแหน่งทางวิชาการ");
  ws.columns = [
    { header: "Ticket No.", key: "ticketNo", width: 18 },
    { header: "เลขที่หนังสือ", key: "letterNo", width: 16 },
    { header: "คิวที่", key: "queueNo", width: 8 },
    { header: "ชื่อ-สกุล", key: "name", width: 28 },
    { header: "ตำแหน่งที่ขอ", key: "position", width: 22 },
    { header: "สาขา", key: "field", width: 40 },
    { header: "มหาวิทยาลัย", key: "university", width: 30 },
    { header: "สถานะ", key: "status", width: 26 },
    { header: "รอใคร", key: "nextActor", width: 16 },
    { header: "ผู้ประสานงาน", key: "coordinator", width: 24 },
    { header: "โทรศัพท์", key: "phone", width: 14 },
    { header: "อีเมล", key: "email", width: 28 },
    { header: "สร้างเมื่อ", key: "createdAt", width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const actor = nextActor(r.status);
    ws.addRow({
      ticketNo: r.ticketNo ?? "",
      letterNo: r.letterNo ?? "",
      queueNo: r.queueNo ?? "",
      name: `${r.applicantTitle}${r.applicantFirstName} ${r.applicantLastName}`,
      position: r.position ? POSITIONS[r.position].th : "",
      field: `${r.fieldTh} (${r.fieldEn})`,
      university: r.universityName,
      status: STATUSES[r.status].th,
      nextActor: actor ? NEXT_ACTOR_LABEL[actor] : "",
      coordinator: r.coordinatorName,
      phone: r.coordinatorPhone,
      email: r.coordinatorEmail,
      createdAt: formatThaiDateTime(r.createdAt),
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
