import {
  canCancelMail,
  canRetryMail,
  MAIL_KIND_LABEL,
  OUTBOX_STATUSES,
  OUTBOX_STATUS_LABEL,
  outboxQuery,
  type OutboxFilter,
  type OutboxStatus,
} from "../../domain/outbox";
import { formatThaiDateTime, isoDateTime } from "../../messages/dates";
import type { AdminMailRow } from "../../services/outbox-admin";
import { Pagination } from "../components/pagination";

export interface AdminMailProps {
  rows: AdminMailRow[];
  total: number;
  counts: Record<OutboxStatus, number>;
  page: number;
  pageSize: number;
  filter: OutboxFilter;
  csrfToken: string;
  /** Why the last retry/cancel was refused (the page is answered 409). */
  refusal?: string;
}

const BADGE: Record<OutboxStatus, string> = {
  pending: "badge-waiting",
  sending: "badge-active",
  sent: "badge-done",
  failed: "badge-attention",
  cancelled: "badge-neutral",
};

function When(props: { at: Date | null }) {
  return props.at ? <time datetime={isoDateTime(props.at)}>{formatThaiDateTime(props.at)}</time> : <>-</>;
}

/** One per-status count; failed mail is what an admin must act on, so it stands out. */
function StatusCounts(props: { counts: Record<OutboxStatus, number>; current?: OutboxStatus }) {
  const all = OUTBOX_STATUSES.reduce((n, s) => n + props.counts[s], 0);
  return (
    <ul class="cards mail-counts" aria-label="จำนวนอีเมลตามสถานะ">
      <li class={`stat${props.current ? "" : " stat-current"}`}>
        <a href="/admin/mail" aria-current={props.current ? undefined : "true"}>
          <span class="stat-value">{all}</span> ทั้งหมด
        </a>
      </li>
      {OUTBOX_STATUSES.map((s) => (
        <li class={`stat${s === "failed" && props.counts.failed > 0 ? " stat-alert" : ""}${props.current === s ? " stat-current" : ""}`}>
          <a href={`/admin/mail?status=${s}`} aria-current={props.current === s ? "true" : undefined}>
            <span class="stat-value">{props.counts[s]}</span> {OUTBOX_STATUS_LABEL[s]}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Actions(props: { row: AdminMailRow; back: string; csrfToken: string }) {
  const { row } = props;
  const retry = canRetryMail(row.status);
  const cancel = canCancelMail(row.status);
  return (
    <>
      {retry ? (
        <form method="post" action={`/admin/mail/${row.id}/retry${props.back}`} class="inline-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button">
            ส่งใหม่<span class="visually-hidden"> อีเมลถึง {row.to}</span>
          </button>
        </form>
      ) : null}
      {cancel ? (
        <form method="post" action={`/admin/mail/${row.id}/cancel${props.back}`} class="inline-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button button-secondary">
            ยกเลิกการส่ง<span class="visually-hidden"> อีเมลถึง {row.to}</span>
          </button>
        </form>
      ) : null}
      {row.userId ? (
        <a href={`/staff/${row.userId}`} class="mail-user-link">
          ดูบัญชีผู้ใช้<span class="visually-hidden"> ของ {row.to}</span>
        </a>
      ) : null}
      {!retry && !cancel && !row.userId ? "-" : null}
    </>
  );
}

/** Every mail the system sent or tried to send, so a mail that never arrived is seen and put right. */
export function AdminMailPage(props: AdminMailProps) {
  const f = props.filter;
  const back = outboxQuery(f, props.page);
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <section>
      <h1>จดหมายออก</h1>
      <p class="lead">อีเมลทุกฉบับที่ระบบส่งหรือพยายามส่ง เช่น รหัสผ่านชั่วคราวของบัญชีใหม่ หากส่งไม่สำเร็จ ผู้รับจะเข้าระบบไม่ได้จนกว่าจะส่งใหม่</p>
      {props.refusal ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2 class="error-summary-title">ดำเนินการไม่สำเร็จ</h2>
          <p>{props.refusal}</p>
        </div>
      ) : null}
      {props.counts.failed > 0 ? (
        <p class="warning" role="status">
          มีอีเมลที่ส่งไม่สำเร็จ {props.counts.failed} ฉบับ ตรวจสอบที่อยู่อีเมลของผู้รับ แล้วกด "ส่งใหม่" หรือ "ยกเลิกการส่ง"
        </p>
      ) : null}
      <StatusCounts counts={props.counts} current={f.status} />

      <form method="get" action="/admin/mail" class="filters" role="search">
        <div class="field">
          <label for="to">ค้นหาตามอีเมลผู้รับ</label>
          <input id="to" name="to" type="search" value={f.to ?? ""} autocomplete="off" />
        </div>
        <div class="field">
          <label for="status">สถานะ</label>
          <select id="status" name="status">
            <option value="">ทั้งหมด</option>
            {OUTBOX_STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {OUTBOX_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          ค้นหา
        </button>
        {f.status || f.to ? <a href="/admin/mail">ล้างตัวกรอง</a> : null}
      </form>
      <p class="secondary" role="status">
        พบ {props.total} ฉบับ
      </p>

      {props.rows.length === 0 ? (
        <p class="empty">ไม่มีอีเมลตามเงื่อนไขนี้</p>
      ) : (
        <table class="request-table mail-table">
          <caption class="visually-hidden">จดหมายออก ใหม่สุดก่อน</caption>
          <thead>
            <tr>
              <th scope="col">สร้างเมื่อ</th>
              <th scope="col">ผู้รับ</th>
              <th scope="col">เรื่อง</th>
              <th scope="col">สถานะ</th>
              <th scope="col">ครั้งที่ส่ง</th>
              <th scope="col">ส่งครั้งถัดไป</th>
              <th scope="col">ข้อผิดพลาดล่าสุด</th>
              <th scope="col">ส่งสำเร็จเมื่อ</th>
              <th scope="col">การดำเนินการ</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class="mail-row" id={`mail-${row.id}`}>
                <td data-label="สร้างเมื่อ">
                  <When at={row.createdAt} />
                </td>
                <td data-label="ผู้รับ" class="mail-to">
                  {row.to}
                </td>
                <td data-label="เรื่อง">
                  {/* One grid item on a phone, where each cell is a label | content grid. */}
                  <div>
                    {row.subject}
                    {row.kind ? (
                      <>
                        <br />
                        <span class="badge badge-neutral">{MAIL_KIND_LABEL[row.kind]}</span>
                      </>
                    ) : null}
                    {row.text === null ? (
                      <p class="hint">ไม่แสดงเนื้อหา เพราะมีรหัสผ่านชั่วคราว</p>
                    ) : (
                      <details>
                        <summary>ดูเนื้อหา</summary>
                        <pre class="preserve-lines">{row.text}</pre>
                      </details>
                    )}
                  </div>
                </td>
                <td data-label="สถานะ">
                  <span class={`badge ${BADGE[row.status]}`}>{OUTBOX_STATUS_LABEL[row.status]}</span>
                </td>
                <td data-label="ครั้งที่ส่ง">{row.attempts}</td>
                <td data-label="ส่งครั้งถัดไป">
                  <When at={row.status === "pending" ? row.nextAttemptAt : null} />
                </td>
                <td data-label="ข้อผิดพลาดล่าสุด" class="mail-error">
                  {row.lastError ?? "-"}
                </td>
                <td data-label="ส่งสำเร็จเมื่อ">
                  <When at={row.sentAt} />
                </td>
                <td data-label="การดำเนินการ">
                  <div>
                    <Actions row={row} back={back} csrfToken={props.csrfToken} />
                    {row.kind === "credentials" && canRetryMail(row.status) ? (
                      <p class="hint">รหัสผ่านชั่วคราวในอีเมลนี้ใช้ได้ 7 วันนับจากวันที่สร้าง หากเกินแล้ว ให้ออกรหัสผ่านใหม่แทนการส่งซ้ำ</p>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={props.page} pages={pages} href={(p) => `/admin/mail${outboxQuery(f, p)}`} />
    </section>
  );
}
