/**
 * @module
 * A page of audit events as stacked cards (one per event, readable at 390 px):
 * when, who (name and role, or "ระบบ"), what (the Thai label), the change where
 * the data has one, other details, and the IP. Everything is text, escaped by JSX.
 */
import { ROLE_LABEL } from "../../domain/roles";
import { auditActionLabel, auditSubjectLabel } from "../../messages/audit-actions";
import { describeAuditData } from "../../messages/audit-data";
import { formatThaiDateTime, isoDateTime } from "../../messages/dates";
import type { TrailEvent, TrailPage } from "../../services/audit-trail";
import { Pagination } from "./pagination";

const TRAIL_PAGES: Record<string, string> = { request: "requests", eservice: "eservices", agency: "agencies", user: "users" };

/** The trail page of an event's subject, when it has one. */
export function subjectHref(type: string, id: string): string | null {
  return Object.hasOwn(TRAIL_PAGES, type) ? `/audit/${TRAIL_PAGES[type]}/${encodeURIComponent(id)}` : null;
}

function Actor(props: { event: TrailEvent }) {
  const { actor, actorId } = props.event;
  if (actor) {
    return (
      <span class="audit-actor">
        {actor.displayName} <span class="secondary">({ROLE_LABEL[actor.role] ?? actor.role})</span>
      </span>
    );
  }
  return <span class="audit-actor">{actorId ? `บัญชีที่ถูกลบ (${actorId})` : "ระบบ"}</span>;
}

function AuditEvent(props: { event: TrailEvent; showSubject: boolean }) {
  const ev = props.event;
  const d = describeAuditData(ev.action, ev.data);
  const href = subjectHref(ev.subjectType, ev.subjectId);
  return (
    <li class="audit-event">
      <p class="audit-head">
        <time datetime={isoDateTime(ev.at)}>{formatThaiDateTime(ev.at)}</time>
        <Actor event={ev} />
      </p>
      <p class="audit-action">
        <strong>{auditActionLabel(ev.action)}</strong>
      </p>
      {props.showSubject ? (
        <p class="audit-subject">
          {auditSubjectLabel(ev.subjectType)}: {href ? <a href={href}>{ev.subjectId}</a> : ev.subjectId}
        </p>
      ) : null}
      {d.change ? (
        <p class="audit-change">
          <span class="visually-hidden">เปลี่ยนจาก </span>
          {d.change.before} <span aria-hidden="true">→</span>
          <span class="visually-hidden"> เป็น </span> {d.change.after}
        </p>
      ) : null}
      {d.details.length ? (
        <dl class="audit-details">
          {d.details.map((x) => (
            <>
              <dt>{x.label}</dt>
              <dd>{x.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      <p class="audit-ip secondary">IP: {ev.ip ?? "-"}</p>
    </li>
  );
}

/** One page of a trail with its total and previous/next links (`href(page)`). */
export function AuditTrail(props: { trail: TrailPage; href: (page: number) => string; showSubject?: boolean; caption?: string }) {
  const t = props.trail;
  return (
    <div class="audit-trail">
      <p class="secondary" role="status">
        ทั้งหมด {t.total} รายการ{t.pages > 1 ? ` (หน้า ${t.page} จาก ${t.pages})` : ""}
      </p>
      {t.events.length ? (
        <ol class="audit-list" aria-label={props.caption ?? "ประวัติการเปลี่ยนแปลง"}>
          {t.events.map((ev) => (
            <AuditEvent event={ev} showSubject={!!props.showSubject} />
          ))}
        </ol>
      ) : (
        <p>ยังไม่มีการบันทึก</p>
      )}
      <Pagination page={t.page} pages={t.pages} href={props.href} />
    </div>
  );
}
