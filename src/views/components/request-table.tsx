import { POSITIONS } from "../../domain/academic";
import type { RequestListRow } from "../../services/requests";
import { formatThaiDateTime } from "../../messages/dates";
import { PhoneLink } from "./phone-link";
import { NextActorTag, StatusBadge } from "./status-badge";

/**
 * The request list of screen 6. One markup: a table on wide screens, and on a
 * phone each row becomes a card whose cells show their column names (CSS only).
 */
export function RequestTable(props: { rows: RequestListRow[]; caption: string; showQueue?: boolean }) {
  if (props.rows.length === 0) return <p class="empty">ยังไม่มีคำขอ</p>;
  return (
    <table class="request-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Ticket No.</th>
          <th scope="col">เลขที่หนังสือ</th>
          <th scope="col">คิวที่</th>
          <th scope="col">ชื่อ-สกุล</th>
          <th scope="col">ตำแหน่งที่ขอ</th>
          <th scope="col">มหาวิทยาลัย</th>
          <th scope="col">สถานะ</th>
          <th scope="col">ผู้ประสานงาน</th>
          <th scope="col">สร้างเมื่อ</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr>
            <td data-label="#">{i + 1}</td>
            <td data-label="Ticket No.">
              <a href={`/requests/${row.id}`} class="ticket-link">
                {row.ticketNo ?? "ร่าง"}
                <span class="visually-hidden"> ดูรายละเอียด</span>
              </a>
            </td>
            <td data-label="เลขที่หนังสือ">{row.letterNo ?? "-"}</td>
            <td data-label="คิวที่">{row.queueNo ?? "-"}</td>
            <td data-label="ชื่อ-สกุล">
              {row.applicantFirstName} {row.applicantLastName}
            </td>
            <td data-label="ตำแหน่งที่ขอ">
              {row.position ? POSITIONS[row.position].th : "-"} สาขา{row.fieldTh} <span lang="en">({row.fieldEn})</span>
            </td>
            <td data-label="มหาวิทยาลัย">{row.universityName}</td>
            <td data-label="สถานะ">
              <StatusBadge status={row.status} /> <NextActorTag status={row.status} />
            </td>
            <td data-label="ผู้ประสานงาน">
              {row.coordinatorName}
              <br />
              <PhoneLink phone={row.coordinatorPhone} />
              <br />
              <a href={`mailto:${row.coordinatorEmail}`}>{row.coordinatorEmail}</a>
            </td>
            <td data-label="สร้างเมื่อ">{formatThaiDateTime(row.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
