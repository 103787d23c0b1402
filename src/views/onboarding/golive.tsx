/**
 * @module
 * Step 7, เตรียมการเปิดให้บริการ: the wanted date with its Tuesday batch shown
 * live and confirmed once, the officer's move to another batch, and the batch
 * calendar and launched list the go-live batches feed.
 */
import type { FieldErrors } from "../../domain/forms";
import { GOLIVE_LABELS } from "../../domain/onboarding/golive";
import { canWrite, isLiveBooking } from "../../domain/onboarding/workflow";
import { ErrorSummary } from "../components/error-summary";
import { Countdown } from "../components/countdown";
import { DateInput } from "../components/date-input";
import { OnceField } from "../components/once-field";
import { formatThaiDate } from "../../messages/dates";
import type { StepSection } from "./step-page";

const RULES = [
  "เปิดให้บริการตามรอบทุกวันอังคาร",
  "คำขอที่ส่งตั้งแต่เวลา 12.00 น. ของวันจันทร์เป็นต้นไป จะได้รับการดำเนินการในวันอังคารของสัปดาห์ถัดไป",
  "คำขอที่ส่งก่อนเวลา 12.00 น. ของวันจันทร์ จะสามารถดำเนินการในวันอังคารของสัปดาห์เดียวกันได้",
];

/** A YYYY-MM-DD batch date in Thai (Buddhist era), read at noon so no time zone can shift the day. */
export function thaiBatchDate(iso: string): string {
  return formatThaiDate(new Date(`${iso}T05:00:00Z`));
}

export interface GoLiveProps {
  serviceId: string;
  editable: boolean;
  officer: boolean;
  csrfToken: string;
  now: Date;
  nextCutoff: Date;
  values: { requestedDate?: string; note?: string };
  errors?: FieldErrors;
  /** The batch the current wanted date would get (shown live as the date changes). */
  previewBatch: string | null;
  /** Set after "ยืนยันวันเปิดให้บริการ": the confirm step before it becomes final. */
  confirming: boolean;
  /** The booking as stored; a cancelled one holds no batch and no confirmation. */
  confirmed: { requestedDate: string | null; note: string | null; batchDate: string | null; confirmedAt: Date | null; launchedAt: Date | null } | null;
  /** Whether the officer may move the booking now (the workflow's rule, read by the page). */
  canMove?: boolean;
  /** Step 7 approved by an officer: the booking now only waits for its batch. */
  approved?: boolean;
  justConfirmed?: boolean;
}

export function BatchPreview(props: { batch: string | null }) {
  return (
    <p id="batch-preview" class="batch-preview" aria-live="polite">
      {props.batch ? (
        <>
          รอบเปิดให้บริการที่จะได้รับ: <strong>วันอังคารที่ {thaiBatchDate(props.batch)}</strong>
        </>
      ) : (
        "เลือกวันที่เพื่อดูรอบเปิดให้บริการที่จะได้รับ"
      )}
    </p>
  );
}

/** Step 7 (seed section 9): pick the date, see the real batch, confirm once. */
export function GoLiveSection(props: GoLiveProps) {
  const base = `/eservices/${props.serviceId}/steps/7`;
  return (
    <section aria-labelledby="golive-heading">
      <h3 id="golive-heading">เตรียมการเปิดให้บริการ</h3>
      <div class="card">
        <h4>ข้อมูลสำคัญ</h4>
        <ul>
          {RULES.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
        {/* Once the date is confirmed the cutoff no longer concerns this service. */}
        {props.confirmed?.confirmedAt || props.confirmed?.launchedAt ? null : (
          <p class="golive-countdown">
            เหลือเวลาก่อนตัดรอบ (วันจันทร์ 12:00 น.): <Countdown deadline={props.nextCutoff} now={props.now} />
          </p>
        )}
      </div>
      {props.justConfirmed && props.confirmed?.confirmedAt ? (
        <div class="flash" role="status">
          <h4>ยืนยันวันเปิดให้บริการแล้ว</h4>
          <p>เจ้าหน้าที่จะตรวจสอบ แล้ว e-Service ของท่านจะเปิดให้บริการตามรอบที่ได้รับ เราจะแจ้งทางอีเมล</p>
        </div>
      ) : null}
      {props.confirmed?.batchDate && (props.confirmed.confirmedAt || props.confirmed.launchedAt) ? (
        <dl class="facts">
          <dt>วันที่ต้องการเปิดใช้งาน</dt>
          <dd>{props.confirmed.requestedDate ? thaiBatchDate(props.confirmed.requestedDate) : "-"}</dd>
          <dt>รอบเปิดให้บริการ</dt>
          <dd>
            <strong>วันอังคารที่ {thaiBatchDate(props.confirmed.batchDate)}</strong>{" "}
            <a href={`/eservices/${props.serviceId}/golive.ics`}>เพิ่มลงปฏิทิน (.ics)</a>
          </dd>
          <dt>หมายเหตุ</dt>
          <dd>{props.confirmed.note ?? "-"}</dd>
          <dt>สถานะ</dt>
          <dd>{props.confirmed.launchedAt ? "เปิดให้บริการแล้ว" : props.approved ? "ผ่านการตรวจสอบแล้ว รอเปิดให้บริการตามรอบ" : "รอเจ้าหน้าที่ตรวจสอบ แล้วจึงเปิดให้บริการตามรอบ"}</dd>
        </dl>
      ) : null}
      {props.canMove ? (
        <form method="post" action={`/eservices/${props.serviceId}/golive/move`} class="card">
          <ErrorSummary errors={props.errors} />
          <DateInput name="batchDate" legend="ย้ายไปรอบวันอังคารที่" errors={props.errors} />
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button button-secondary">
            ย้ายรอบเปิดให้บริการ
          </button>
        </form>
      ) : null}
      {props.editable ? (
        <>
          <ErrorSummary errors={props.errors} labels={GOLIVE_LABELS} />
          <form method="post" action={base} novalidate>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <OnceField />
            <div id="requested-date" hx-post={`${base}/preview`} hx-trigger="change" hx-include="#requested-date" hx-target="#batch-preview" hx-swap="outerHTML">
              <DateInput name="requestedDate" legend={GOLIVE_LABELS.requestedDate} value={props.values.requestedDate} errors={props.errors} required />
            </div>
            <BatchPreview batch={props.previewBatch} />
            <div class="field">
              <label for="f-note">{GOLIVE_LABELS.note}</label>
              <p class="hint">หมายเหตุนี้จะถูกส่งไปยังทีมบริการเพื่อประกอบการพิจารณา</p>
              <textarea id="f-note" name="note" rows={3}>
                {props.values.note ?? ""}
              </textarea>
            </div>
            {props.confirming ? (
              <div class="card confirm-box" role="alertdialog" aria-labelledby="confirm-title">
                <h4 id="confirm-title">ยืนยันข้อมูล</h4>
                <p>กรุณาตรวจสอบข้อมูลวันที่ต้องการเปิดใช้งานให้ถูกต้อง เมื่อยืนยันแล้วจะไม่สามารถแก้ไขได้</p>
                <div class="button-row">
                  <button type="submit" name="intent" value="confirm" class="button" autofocus>
                    ยืนยัน
                  </button>
                  <a class="button button-secondary" href={base}>
                    ยกเลิก
                  </a>
                </div>
              </div>
            ) : (
              <button type="submit" name="intent" value="review" class="button">
                ยืนยันวันเปิดให้บริการ
              </button>
            )}
          </form>
        </>
      ) : null}
    </section>
  );
}

/** Step 7 on the shared page: the booking, movable by an officer while the declaration lets one write it. */
export const goliveSection: StepSection = {
  Body: (props) => {
    if (!props.golive) return null;
    const booking = props.golive.confirmed;
    const officer = props.viewer === "officer";
    return (
      <GoLiveSection
        serviceId={props.service.id}
        editable={props.editable}
        officer={officer}
        csrfToken={props.csrfToken}
        errors={props.errors}
        {...props.golive}
        canMove={officer && canWrite(props.states, props.stepNo, "booking", "officer") && !!booking && isLiveBooking(booking)}
        approved={props.state === "done"}
      />
    );
  },
  // The officer's move form lists its own errors while a booking holds a batch not yet launched.
  listsErrors: (props) => props.editable || (props.viewer === "officer" && !!props.golive?.confirmed?.batchDate && !props.golive.confirmed.launchedAt),
  // The booking's own status line says whether it waits for review.
  showsReviewStatus: true,
};

export interface BatchCalendarProps {
  title: string;
  now: Date;
  nextCutoff: Date;
  batches: { date: string; services: { id: string; name: string; agencyName: string; launched: boolean }[] }[];
  exportHref?: string;
}

/** The next Tuesdays and what goes live in each, with the countdown to the next cutoff. */
export function BatchCalendarPage(props: BatchCalendarProps) {
  return (
    <section>
      <h1>{props.title}</h1>
      <p>
        ตัดรอบครั้งถัดไป (วันจันทร์ 12:00 น.): <Countdown deadline={props.nextCutoff} now={props.now} />
      </p>
      {props.exportHref ? (
        <p>
          <a class="button button-secondary" href={props.exportHref}>
            ส่งออก CSV
          </a>
        </p>
      ) : null}
      {props.batches.map((b) => (
        <section class="card">
          <h2>วันอังคารที่ {thaiBatchDate(b.date)}</h2>
          {b.services.length === 0 ? (
            <p class="secondary">ยังไม่มี e-Service ในรอบนี้</p>
          ) : (
            <ul class="link-list">
              {b.services.map((s) => (
                <li>
                  <a href={`/eservices/${s.id}`}>{s.name}</a> · {s.agencyName}
                  {s.launched ? " · เปิดให้บริการแล้ว" : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

export function LaunchedPage(props: { rows: { id: string; name: string; launchedAt: Date | null; batchDate: string | null }[] }) {
  return (
    <section>
      <h1>เปิดให้บริการแล้ว</h1>
      {props.rows.length === 0 ? <p class="secondary">ยังไม่มี e-Service ที่เปิดให้บริการ</p> : null}
      <ul class="link-list">
        {props.rows.map((r) => (
          <li>
            <a href={`/eservices/${r.id}`}>{r.name}</a> · เปิดให้บริการเมื่อ {r.launchedAt ? formatThaiDate(r.launchedAt) : "-"}
          </li>
        ))}
      </ul>
    </section>
  );
}
