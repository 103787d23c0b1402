import type { OutboxStatus } from "../../db/schema";
import { OUTBOX_STATUS_LABEL as STATUS_LABEL } from "../../domain/outbox";
import { formatThaiDateTime } from "../../messages/dates";

export interface OutboxRow {
  id: string;
  createdAt: Date;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
}

/** Developer view of the mail outbox, for running without an SMTP server. */
export function DevMailPage(props: { rows: OutboxRow[]; transport: string | null }) {
  return (
    <section>
      <h1>กล่องจดหมายออก (สำหรับนักพัฒนา)</h1>
      <p class="secondary">
        {props.transport ? `ส่งผ่าน ${props.transport}` : "ไม่ได้ตั้งค่า SMTP_URL: อีเมลจะรออยู่ในกล่องนี้"}
      </p>
      {props.rows.length === 0 ? <p>ยังไม่มีอีเมล</p> : null}
      {props.rows.map((m) => (
        <article class="card mail">
          <h2>{m.subject}</h2>
          <p class="meta">
            ถึง {m.to} · {formatThaiDateTime(m.createdAt)} · {STATUS_LABEL[m.status]} (ครั้งที่ส่ง {m.attempts})
            {m.lastError ? ` · ${m.lastError}` : ""}
          </p>
          <pre>{m.text}</pre>
        </article>
      ))}
    </section>
  );
}
