import { formatThaiDateTime } from "../../messages/dates";
import { ProgressBar } from "../components/progress-bar";
import { LAUNCHED_GAUGE_DEFINITION } from "../../domain/onboarding/eservice-list";
import type { StepState } from "../../domain/onboarding/workflow";

export interface DashboardCounts {
  total: number;
  waitingOnAgency: number;
  notLaunched: number;
  waitingOnOfficer: number;
  uatTesting: number;
  preprodTesting: number;
  launchedPercent: number;
}

/** The gauge: a ring whose filled share is the launched share, drawn server-side. */
function Gauge(props: { percent: number }) {
  const r = 42;
  const circumference = 2 * Math.PI * r;
  const filled = (props.percent / 100) * circumference;
  return (
    <svg class="gauge" viewBox="0 0 100 100" width="160" height="160" role="img" aria-label={`เปิดให้บริการแล้ว ${props.percent}%`}>
      <circle cx="50" cy="50" r={r} fill="none" stroke="#dfe5ec" stroke-width="10" />
      <circle
        cx="50"
        cy="50"
        r={r}
        fill="none"
        stroke="#1e6b35"
        stroke-width="10"
        stroke-dasharray={`${filled.toFixed(2)} ${(circumference - filled).toFixed(2)}`}
        transform="rotate(-90 50 50)"
      />
      <text x="50" y="50" text-anchor="middle" font-size="18" font-weight="700" fill="#1b1f24">
        {props.percent}%
      </text>
      <text x="50" y="66" text-anchor="middle" font-size="9" fill="#4a5562">
        LAUNCHED
      </text>
    </svg>
  );
}

export interface DashboardProps {
  counts: DashboardCounts;
  notifications: { id: string; text: string; createdAt: Date; readAt: Date | null; eserviceId: string | null }[];
  services: { id: string; name: string }[];
  selected: { id: string; name: string; states: StepState[] } | null;
  /** The chosen service's days in its current step, with the typical time for that step when there is one. */
  stepTime?: string;
  csrfToken: string;
}

const CARDS: [keyof DashboardCounts, string][] = [
  ["total", "งานบริการทั้งหมด"],
  ["waitingOnAgency", "งานที่รอดำเนินการ"],
  ["notLaunched", "งานที่ยังไม่เปิดใช้งาน"],
  ["waitingOnOfficer", "รอตรวจสอบ"],
  ["uatTesting", "กำลังทดสอบ UAT"],
  ["preprodTesting", "กำลังทดสอบ Pre-production"],
];

/** Seed section 2: cards, the APPROVED gauge, notifications, and one service's progress. */
export function AgencyDashboardPage(props: DashboardProps) {
  return (
    <section>
      <h1>แดชบอร์ด</h1>
      <p>
        <a href="/agency/eservices">จัดการ e-Service</a>
      </p>
      <ul class="cards">
        {CARDS.map(([key, label]) => (
          <li class="card stat">
            <span class="stat-label">{label}</span>
            <span class="stat-value">{props.counts[key]}</span>
          </li>
        ))}
      </ul>
      <div class="dashboard-row">
        <figure class="gauge-figure">
          <Gauge percent={props.counts.launchedPercent} />
          <figcaption class="hint">{LAUNCHED_GAUGE_DEFINITION}</figcaption>
        </figure>
        <section class="notifications" aria-labelledby="notif-heading">
          <h2 id="notif-heading">การแจ้งเตือนล่าสุด</h2>
          {props.notifications.length === 0 ? <p class="secondary">ยังไม่มีการแจ้งเตือน</p> : null}
          <ul>
            {props.notifications.map((n) => (
              <li class={n.readAt ? "read" : "unread"}>
                <time datetime={n.createdAt.toISOString()}>{formatThaiDateTime(n.createdAt)}</time>
                <p>
                  {n.eserviceId ? <a href={`/eservices/${n.eserviceId}`}>{n.text}</a> : n.text}
                </p>
                {n.readAt ? null : (
                  <form method="post" action={`/agency/notifications/${n.id}/read`} class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="button-link">
                      ทำเครื่องหมายว่าอ่านแล้ว
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="track-heading">
        <h2 id="track-heading">ติดตามสถานะการเชื่อมต่อ</h2>
        <form method="get" action="/agency" class="filters" hx-get="/agency" hx-select="#tracked" hx-target="#tracked" hx-swap="outerHTML" hx-trigger="change">
          <div class="field">
            <label for="service">เลือก e-Service</label>
            <select id="service" name="service">
              {props.services.map((s) => (
                <option value={s.id} selected={props.selected?.id === s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-secondary">
            แสดง
          </button>
        </form>
        <div id="tracked">
          {props.selected ? (
            <>
              <h3>
                <a href={`/eservices/${props.selected.id}`}>{props.selected.name}</a>
              </h3>
              {props.stepTime ? <p class="secondary step-time">{props.stepTime}</p> : null}
              <ProgressBar states={props.selected.states} serviceId={props.selected.id} />
            </>
          ) : (
            <p class="secondary">ยังไม่มี e-Service</p>
          )}
        </div>
      </section>
    </section>
  );
}
