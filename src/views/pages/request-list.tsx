import { Pagination } from "../components/pagination";
import { FilterSelect } from "../components/filter-select";
import { POSITIONS, POSITION_KEYS, STATUSES, STATUS_KEYS } from "../../domain/academic";
import type { RequestListRow } from "../../services/requests";
import { RequestTable } from "../components/request-table";

export interface RequestListProps {
  title: string;
  rows: RequestListRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: Record<string, string>;
  /** Officers filter by university too; universities see only their own. */
  universities?: { id: string; nameTh: string }[];
  basePath: string;
  exportPath?: string;
  /** Lists over `threshold` rows are exported by a background job (a POST) instead of the link. */
  exportJob?: { action: string; threshold: number; csrfToken: string };
  newRequestPath?: string;
  /** Shown under the title (a deactivated university is told why it cannot file). */
  notice?: string;
}

/** A searchable, filterable list (GET form, so the URL is the state and Back works). */
export function RequestListPage(props: RequestListProps) {
  const f = props.filters;
  const query = (page: number) => {
    const p = new URLSearchParams({ ...f, page: String(page) });
    return `${props.basePath}?${p}`;
  };
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const byJob = props.exportJob && props.total > props.exportJob.threshold ? props.exportJob : null;
  return (
    <section>
      <h1>{props.title}</h1>
      {props.notice ? (
        <p class="warning" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.newRequestPath ? (
        <p>
          <a class="button" href={props.newRequestPath}>
            ยื่นคำขอใหม่
          </a>
        </p>
      ) : null}
      <form method="get" action={props.basePath} class="filters" role="search">
        <div class="field field-search">
          <label for="q">ค้นหา (Ticket No., ชื่อ, เลขประจำตัวประชาชน, เลขที่หนังสือ)</label>
          <input id="q" name="q" type="search" value={f.q} />
        </div>
        <FilterSelect name="status" label="สถานะ" value={f.status} options={STATUS_KEYS.map((s) => ({ value: s, label: STATUSES[s].th }))} />
        {props.universities ? (
          <FilterSelect name="university" label="มหาวิทยาลัย" value={f.university} options={props.universities.map((u) => ({ value: u.id, label: u.nameTh }))} />
        ) : null}
        <FilterSelect name="position" label="ตำแหน่ง" value={f.position} options={POSITION_KEYS.map((p) => ({ value: p, label: POSITIONS[p].th }))} />
        <div class="field">
          <label for="age">อยู่ในสถานะปัจจุบันนานกว่า (วัน)</label>
          <input id="age" name="age" type="number" inputmode="numeric" min="0" value={f.age} />
        </div>
        <button type="submit" class="button">
          ค้นหา
        </button>
        {props.exportPath && !byJob ? (
          <a class="button button-secondary" href={`${props.exportPath}?${new URLSearchParams(f)}`}>
            ส่งออก Excel (.xlsx)
          </a>
        ) : null}
      </form>
      {byJob ? (
        <form method="post" action={byJob.action} class="export-job-form">
          <input type="hidden" name="_csrf" value={byJob.csrfToken} />
          {Object.entries(f)
            .filter(([k]) => k !== "page")
            .map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
          <button type="submit" class="button button-secondary">
            ส่งออก Excel (.xlsx) — สร้างไฟล์เบื้องหลัง
          </button>
        </form>
      ) : null}
      <p class="secondary" role="status">
        พบ {props.total} คำขอ
      </p>
      <RequestTable rows={props.rows} caption={props.title} compact />
      <Pagination page={props.page} pages={pages} href={query} />
    </section>
  );
}
