/**
 * @module
 * The officers' overview of academic-position requests: filters (a GET form, so
 * the URL is the state), then each figure as a chart with the same numbers in a
 * table under it (the chart is a picture; the table is its text alternative).
 */
import { FilterSelect } from "../components/filter-select";
import { POSITIONS, POSITION_KEYS, STATUSES } from "../../domain/academic";
import { AGE_BUCKETS, MIN_PUBLISHED_GROUP } from "../../domain/insight";
import { formatCount } from "../../messages/numbers";
import { formatThaiDate, formatThaiDateTime, formatThaiDayMonth, isoDateTime } from "../../messages/dates";
import type { AcademicOverview } from "../../services/insight-academic";
import { OVERVIEW_WEEKS } from "../../services/insight-academic";
import { LineChart } from "../charts/line-chart";
import { StackedBarChart } from "../charts/stacked-bar-chart";

export interface OverviewProps {
  overview: AcademicOverview;
  filters: Record<string, string>;
  universities: { id: string; nameTh: string }[];
}


function Filters(props: { filters: Record<string, string>; universities: OverviewProps["universities"] }) {
  const f = props.filters;
  const query = new URLSearchParams(f).toString();
  const suffix = query ? `?${query}` : "";
  return (
    <form method="get" action="/officer/overview" class="filters" role="search" aria-label="กรองภาพรวม">
      <FilterSelect name="university" label="มหาวิทยาลัย" value={f.university} options={props.universities.map((u) => ({ value: u.id, label: u.nameTh }))} />
      <FilterSelect name="position" label="ตำแหน่ง" value={f.position} options={POSITION_KEYS.map((p) => ({ value: p, label: POSITIONS[p].th }))} />
      <button type="submit" class="button">
        แสดง
      </button>
      <a class="button button-secondary" href={`/officer/overview.xlsx${suffix}`}>
        ส่งออก Excel (.xlsx)
      </a>
      <a class="button button-secondary" href={`/officer/overview.csv${suffix}`}>
        ส่งออก CSV
      </a>
    </form>
  );
}

function Backlog(props: { overview: AcademicOverview }) {
  const rows = props.overview.backlog;
  const total = rows.reduce((n, r) => n + r.total, 0);
  return (
    <section aria-labelledby="backlog-title">
      <h2 id="backlog-title">งานค้างตามสถานะ และอายุนับจากวันยื่น</h2>
      <p class="secondary">คำขอที่ยื่นแล้วและยังไม่สิ้นสุด รวม {formatCount(total)} คำขอ</p>
      <StackedBarChart
        segments={AGE_BUCKETS.map((b) => b.th)}
        rows={rows.map((r) => ({ name: STATUSES[r.status].th, values: AGE_BUCKETS.map((b) => r.buckets[b.key]) }))}
      />
      <table class="request-table figure-table">
        <caption>งานค้างตามสถานะ แยกตามอายุคำขอนับจากวันยื่น (จำนวนคำขอ)</caption>
        <thead>
          <tr>
            <th scope="col">สถานะ</th>
            {AGE_BUCKETS.map((b) => (
              <th scope="col" class="num">
                {b.th}
              </th>
            ))}
            <th scope="col" class="num">
              รวม
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{STATUSES[r.status].th}</th>
              {AGE_BUCKETS.map((b) => (
                <td class="num" data-label={b.th}>
                  <span class="cell">{formatCount(r.buckets[b.key])}</span>
                </td>
              ))}
              <td class="num" data-label="รวม">
                <span class="cell">{formatCount(r.total)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Flow(props: { overview: AcademicOverview }) {
  const weeks = props.overview.weeks;
  return (
    <section aria-labelledby="flow-title">
      <h2 id="flow-title">คำขอเข้าและคำขอที่เสร็จสิ้น รายสัปดาห์ ({OVERVIEW_WEEKS} สัปดาห์ล่าสุด)</h2>
      <p class="secondary">สัปดาห์เริ่มวันจันทร์ (เวลาประเทศไทย); สัปดาห์ล่าสุดยังไม่ครบ</p>
      <LineChart
        labels={weeks.map((w) => formatThaiDayMonth(w.weekStart))}
        labelEvery={5}
        series={[
          { name: "ยื่นเข้า", values: weeks.map((w) => w.submitted), tone: "a" },
          { name: "เสร็จสิ้น", values: weeks.map((w) => w.finished), tone: "b" },
        ]}
      />
      <details class="figure-details">
        <summary>ตัวเลขรายสัปดาห์</summary>
        <table class="request-table figure-table">
          <caption>คำขอที่ยื่นเข้าและที่เสร็จสิ้นในแต่ละสัปดาห์</caption>
          <thead>
            <tr>
              <th scope="col">สัปดาห์เริ่มวันที่</th>
              <th scope="col" class="num">
                ยื่นเข้า
              </th>
              <th scope="col" class="num">
                เสร็จสิ้น
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr>
                <th scope="row">
                  <time datetime={isoDateTime(w.weekStart)}>{formatThaiDate(w.weekStart)}</time>
                </th>
                <td class="num" data-label="ยื่นเข้า">
                  <span class="cell">{formatCount(w.submitted)}</span>
                </td>
                <td class="num" data-label="เสร็จสิ้น">
                  <span class="cell">{formatCount(w.finished)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Times(props: { overview: AcademicOverview }) {
  const { rows, computedAt } = props.overview.times;
  return (
    <section aria-labelledby="times-title">
      <h2 id="times-title">เวลาที่คำขออยู่ในแต่ละสถานะ (คำขอที่เสร็จสิ้นใน 12 เดือนล่าสุด)</h2>
      <p class="secondary">
        นับทุกครั้งที่คำขอเข้าสถานะนั้น (รวมการกลับเข้าซ้ำ); สถานะที่คำขอข้ามไปไม่นับ; กลุ่มที่มีไม่ถึง {MIN_PUBLISHED_GROUP} คำขอไม่แสดงตัวเลข
        · คำนวณเมื่อ <time datetime={isoDateTime(computedAt)}>{formatThaiDateTime(computedAt)}</time> (ปรับใหม่อย่างน้อยทุก 1 ชั่วโมง)
      </p>
      <table class="request-table figure-table">
        <caption>จำนวนวันในแต่ละสถานะ: มัธยฐาน และ 80% ของคำขอไม่เกิน</caption>
        <thead>
          <tr>
            <th scope="col">สถานะ</th>
            <th scope="col" class="num">
              มัธยฐาน (วัน)
            </th>
            <th scope="col" class="num">
              80% ไม่เกิน (วัน)
            </th>
            <th scope="col" class="num">
              จำนวนคำขอ
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{STATUSES[r.status].th}</th>
              <td class="num" data-label="มัธยฐาน (วัน)">
                <span class="cell">{r.summary ? formatCount(r.summary.medianDays) : "ข้อมูลยังไม่พอ"}</span>
              </td>
              <td class="num" data-label="80% ไม่เกิน (วัน)">
                <span class="cell">{r.summary ? formatCount(r.summary.p80Days) : "ข้อมูลยังไม่พอ"}</span>
              </td>
              <td class="num" data-label="จำนวนคำขอ">
                <span class="cell">{formatCount(r.count)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Waiting(props: { overview: AcademicOverview }) {
  return (
    <section aria-labelledby="waiting-title">
      <h2 id="waiting-title">คำขอที่รอนานที่สุดในแต่ละสถานะ</h2>
      {props.overview.waiting.map((group) => (
        <div class="waiting-group">
          <h3>{STATUSES[group.status].th}</h3>
          {group.requests.length === 0 ? (
            <p class="empty">ไม่มีคำขอในสถานะนี้</p>
          ) : (
            <ol class="waiting-list">
              {group.requests.map((r) => (
                <li>
                  <a href={`/requests/${r.id}`}>{r.ticketNo ?? "ไม่มีเลขที่"}</a> {r.name} · {r.universityName} ·{" "}
                  <strong>{formatCount(r.days)} วัน</strong> ในสถานะนี้ (ตั้งแต่ <time datetime={isoDateTime(r.statusSince)}>{formatThaiDate(r.statusSince)}</time>)
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}

export function AcademicOverviewPage(props: OverviewProps) {
  return (
    <section class="overview">
      <h1>ภาพรวมคำขอตำแหน่งทางวิชาการ</h1>
      <p class="secondary">
        ข้อมูล ณ <time datetime={isoDateTime(props.overview.now)}>{formatThaiDateTime(props.overview.now)}</time> ·{" "}
        <a href="/processing-times">ระยะเวลาดำเนินการที่เผยแพร่ต่อสาธารณะ</a>
      </p>
      <Filters filters={props.filters} universities={props.universities} />
      <Backlog overview={props.overview} />
      <Flow overview={props.overview} />
      <Times overview={props.overview} />
      <Waiting overview={props.overview} />
    </section>
  );
}
