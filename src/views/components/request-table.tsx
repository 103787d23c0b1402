import { POSITIONS } from "../../domain/academic";
import type { RequestListRow } from "../../services/requests";
import { formatThaiDate, formatThaiDateTime, isoDateTime } from "../../messages/dates";
import { EmailLink, PhoneLink } from "./phone-link";
import { NextActorTag, StatusBadge } from "./status-badge";

/** "ดูรายละเอียด" with its arrow: the visible way into a request, named with its ticket number. */
function DetailsLink(props: { id: string; ticket: string }) {
  return (
    <a href={`/requests/${props.id}`} class="details-link">
      ดูรายละเอียด<span class="visually-hidden"> คำขอ {props.ticket}</span>
      <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
        <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" stroke-width="2" />
      </svg>
    </a>
  );
}

/**
 * The request list of screen 6. One markup: a table on wide screens, and on a
 * phone each row becomes a card whose cells show their column names (CSS only).
 * Each cell's value is one element, so a long value wraps beside its label.
 * Staff lists (`compact`) keep a phone card to what an officer scans for; the
 * letter no., coordinator and creation time show on wide screens and the request page.
 */
export function RequestTable(props: { rows: RequestListRow[]; caption: string; compact?: boolean }) {
  if (props.rows.length === 0) return <p class="empty">ยังไม่มีคำขอ</p>;
  const extra = props.compact ? "wide-only" : undefined;
  return (
    <table class={`request-table${props.compact ? " compact" : ""}`}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="wide-only">
            #
          </th>
          <th scope="col">Ticket No.</th>
          <th scope="col" class={extra}>
            เลขที่หนังสือ
          </th>
          <th scope="col" class="nowrap">
            คิวที่
          </th>
          <th scope="col">ชื่อ-สกุล</th>
          <th scope="col">ตำแหน่งที่ขอ</th>
          <th scope="col">มหาวิทยาลัย</th>
          <th scope="col">สถานะ</th>
          <th scope="col" class={extra}>
            ผู้ประสานงาน
          </th>
          <th scope="col" class={extra}>
            สร้างเมื่อ
          </th>
          <th scope="col">
            <span class="visually-hidden">การดำเนินการ</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => {
          const ticket = row.ticketNo ?? "ร่าง";
          return (
            <tr>
              <td data-label="#" class="wide-only">
                <span class="cell">{i + 1}</span>
              </td>
              <td data-label="Ticket No.">
                <span class="cell">
                  <a href={`/requests/${row.id}`} class="ticket-link">
                    {ticket}
                  </a>
                </span>
              </td>
              <td data-label="เลขที่หนังสือ" class={extra}>
                <span class="cell">{row.letterNo ?? "-"}</span>
              </td>
              <td data-label="คิวที่">
                <span class="cell">{row.queueNo ?? "-"}</span>
              </td>
              <td data-label="ชื่อ-สกุล">
                <span class="cell">
                  {row.applicantFirstName} {row.applicantLastName}
                </span>
              </td>
              <td data-label="ตำแหน่งที่ขอ">
                <span class="cell">
                  {row.position ? POSITIONS[row.position].th : "-"} สาขา{row.fieldTh} <span lang="en">({row.fieldEn})</span>
                </span>
              </td>
              <td data-label="มหาวิทยาลัย">
                <span class="cell">{row.universityName}</span>
              </td>
              <td data-label="สถานะ">
                <span class="cell">
                  <StatusBadge status={row.status} /> <NextActorTag status={row.status} />
                  <span class="since">
                    ตั้งแต่ <time datetime={isoDateTime(row.statusSince)}>{formatThaiDate(row.statusSince)}</time>
                  </span>
                </span>
              </td>
              <td data-label="ผู้ประสานงาน" class={extra}>
                <span class="cell">
                  {row.coordinatorName}
                  {row.coordinatorPhone.trim() ? <br /> : null}
                  <PhoneLink phone={row.coordinatorPhone} />
                  {row.coordinatorEmail.trim() ? <br /> : null}
                  <EmailLink email={row.coordinatorEmail} />
                </span>
              </td>
              <td data-label="สร้างเมื่อ" class={extra}>
                <span class="cell">{formatThaiDateTime(row.createdAt)}</span>
              </td>
              <td class="row-action">
                <DetailsLink id={row.id} ticket={ticket} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
