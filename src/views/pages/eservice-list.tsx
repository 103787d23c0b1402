import { Pagination } from "../components/pagination";
import { STEPS, STEP_STATE_LABEL, type StepState } from "../../domain/onboarding/workflow";
import { CurrentStepLine } from "../components/progress-bar";

export interface EserviceListProps {
  rows: { id: string; name: string; agencyName: string; states: StepState[] }[];
  /** Per service, its days in the current step and the typical time for that step ("อยู่ขั้นนี้ 12 วัน · ปกติ 9 วัน"). */
  stepTimes?: ReadonlyMap<string, string>;
  total: number;
  page: number;
  pageSize: number;
  filters: { q?: string; step?: string; state?: string };
  basePath: string;
}

/** "จัดการ e-Services": search, filter by step and state, pages of cards with each one's current step. */
export function EserviceListPage(props: EserviceListProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const href = (page: number) => `${props.basePath}?${new URLSearchParams({ ...(props.filters as Record<string, string>), page: String(page) })}`;
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <section>
      <h1>จัดการ e-Services</h1>
      <form method="get" action={props.basePath} class="filters" role="search">
        <div class="field field-search">
          <label for="q">ค้นหาชื่องานบริการ</label>
          <input id="q" name="q" type="search" value={props.filters.q} />
        </div>
        <div class="field">
          <label for="step">ขั้นตอน</label>
          <select id="step" name="step">
            <option value="">ทั้งหมด</option>
            {STEPS.map((s) => (
              <option value={String(s.no)} selected={props.filters.step === String(s.no)}>
                {s.no}. {s.th}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="state">สถานะ</label>
          <select id="state" name="state">
            <option value="">ทั้งหมด</option>
            {(Object.keys(STEP_STATE_LABEL) as StepState[])
              .filter((s) => s !== "locked")
              .map((s) => (
                <option value={s} selected={props.filters.state === s}>
                  {STEP_STATE_LABEL[s]}
                </option>
              ))}
          </select>
        </div>
        <button type="submit" class="button">
          ค้นหา
        </button>
      </form>
      <p class="secondary" role="status">
        แสดงรายการ {from}-{to} จากทั้งหมด {props.total} รายการ
      </p>
      <ul class="service-list">
        {props.rows.map((r) => (
          <li class="card">
            <h2>
              <a href={`/eservices/${r.id}`}>{r.name}</a>
            </h2>
            <p class="secondary">หน่วยงาน: {r.agencyName}</p>
            <CurrentStepLine states={r.states} serviceId={r.id} />
            {props.stepTimes?.get(r.id) ? <p class="secondary step-time">{props.stepTimes.get(r.id)}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination page={props.page} pages={pages} href={href} />
    </section>
  );
}
