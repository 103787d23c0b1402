import { formatThaiDate } from "../../messages/dates";
import type { OnboardingOverview } from "../../services/insight-onboarding";
import { FunnelChart } from "../charts/funnel";
import { HBarChart } from "../charts/hbar-chart";
import { thaiBatchDate } from "../onboarding/golive";

const DAY = 86_400_000;
const percent = (rate: number | null) => (rate === null ? "-" : `${Math.round(rate * 100)}%`);

/** The officers' e-Service onboarding overview: every chart followed by a table of the same figures. */
export function OnboardingOverviewPage(props: { overview: OnboardingOverview; now: Date }) {
  const o = props.overview;
  const funnelRows = [
    ...o.funnel.map((f) => ({ label: `${f.step.no}. ${f.step.th}`, value: f.reached })),
    { label: "เปิดให้บริการแล้ว", value: o.launched },
  ];
  const timed = o.stepTimes.filter((s) => s.summary);
  return (
    <section class="insight">
      <h1>ภาพรวมการเชื่อมต่อ e-Service</h1>
      <p class="secondary">e-Service ทั้งหมด {o.total} รายการ · ข้อมูล ณ {formatThaiDate(props.now)}</p>
      <p class="button-row">
        <a class="button button-secondary" href="/officer/onboarding.xlsx" download>
          ส่งออก Excel
        </a>
        <a class="button button-secondary" href="/officer/onboarding.csv" download>
          ส่งออก CSV
        </a>
      </p>

      <h2 id="funnel">จำนวน e-Service ในแต่ละขั้นตอน</h2>
      <p class="secondary">จำนวนที่ไปถึงแต่ละขั้นตอนแล้ว ตั้งแต่ขั้นตอนที่ 1 จนเปิดให้บริการ</p>
      <FunnelChart rows={funnelRows} format={(v) => `${v}`} />
      <table class="request-table">
        <caption class="visually-hidden">จำนวน e-Service ในแต่ละขั้นตอน</caption>
        <thead>
          <tr>
            <th scope="col">ขั้นตอน</th>
            <th scope="col">ถึงขั้นนี้แล้ว</th>
            <th scope="col">อยู่ขั้นนี้ รอหน่วยงาน</th>
            <th scope="col">อยู่ขั้นนี้ รอเจ้าหน้าที่ตรวจ</th>
          </tr>
        </thead>
        <tbody>
          {o.funnel.map((f) => (
            <tr>
              <th scope="row" data-label="ขั้นตอน">
                {f.step.no}. {f.step.th}
              </th>
              <td data-label="ถึงขั้นนี้แล้ว">{f.reached}</td>
              <td data-label="อยู่ขั้นนี้ รอหน่วยงาน">{f.withAgency}</td>
              <td data-label="อยู่ขั้นนี้ รอเจ้าหน้าที่ตรวจ">{f.withOfficer}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" data-label="ขั้นตอน">ผ่านครบ 7 ขั้นตอน รอรอบเปิดให้บริการ</th>
            <td data-label="ถึงขั้นนี้แล้ว">{o.awaitingLaunch}</td>
            <td data-label="อยู่ขั้นนี้ รอหน่วยงาน">-</td>
            <td data-label="อยู่ขั้นนี้ รอเจ้าหน้าที่ตรวจ">-</td>
          </tr>
          <tr>
            <th scope="row" data-label="ขั้นตอน">เปิดให้บริการแล้ว</th>
            <td data-label="ถึงขั้นนี้แล้ว">{o.launched}</td>
            <td data-label="อยู่ขั้นนี้ รอหน่วยงาน">-</td>
            <td data-label="อยู่ขั้นนี้ รอเจ้าหน้าที่ตรวจ">-</td>
          </tr>
        </tbody>
      </table>

      <h2 id="times">เวลาที่ใช้ในแต่ละขั้นตอน และการส่งกลับแก้ไข</h2>
      <p class="secondary">
        นับจากวันที่ขั้นตอนเปิดจนเจ้าหน้าที่อนุมัติ (รวมช่วงที่ถูกส่งกลับแก้ไข) เฉพาะขั้นตอนที่อนุมัติแล้วและส่งตรวจในรอบ 12 เดือนที่ผ่านมา · อัตราส่งกลับ = จำนวนครั้งที่ส่งกลับ ÷ จำนวนครั้งที่ตรวจ · จำนวนวันปรับปรุงทุกชั่วโมง
      </p>
      {timed.length ? (
        <HBarChart rows={timed.map((s) => ({ label: `${s.step.no}. ${s.step.th}`, value: s.summary!.medianDays }))} format={(v) => `${v} วัน`} />
      ) : (
        <p>ยังไม่มีขั้นตอนที่อนุมัติแล้ว</p>
      )}
      <table class="request-table">
        <caption class="visually-hidden">มัธยฐานจำนวนวันและอัตราการส่งกลับแก้ไขของแต่ละขั้นตอน</caption>
        <thead>
          <tr>
            <th scope="col">ขั้นตอน</th>
            <th scope="col">มัธยฐาน (วัน)</th>
            <th scope="col">80% เสร็จภายใน (วัน)</th>
            <th scope="col">จำนวนที่อนุมัติแล้ว</th>
            <th scope="col">ส่งกลับ (ครั้ง)</th>
            <th scope="col">ตรวจทั้งหมด (ครั้ง)</th>
            <th scope="col">อัตราส่งกลับ</th>
          </tr>
        </thead>
        <tbody>
          {o.stepTimes.map((s) => (
            <tr>
              <th scope="row" data-label="ขั้นตอน">
                {s.step.no}. {s.step.th}
              </th>
              <td data-label="มัธยฐาน (วัน)">{s.summary ? s.summary.medianDays : "-"}</td>
              <td data-label="80% เสร็จภายใน (วัน)">{s.summary ? s.summary.p80Days : "-"}</td>
              <td data-label="จำนวนที่อนุมัติแล้ว">{s.summary?.count ?? 0}</td>
              <td data-label="ส่งกลับ (ครั้ง)">{s.returns}</td>
              <td data-label="ตรวจทั้งหมด (ครั้ง)">{s.returns + s.approvals}</td>
              <td data-label="อัตราส่งกลับ">{percent(s.returnRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="batches">รอบเปิดให้บริการ 4 รอบถัดไป</h2>
      <HBarChart rows={o.batches.map((b) => ({ label: `วันอังคารที่ ${thaiBatchDate(b.date)}`, value: b.count, href: "/officer/batches" }))} format={(v) => `${v} รายการ`} />
      <table class="request-table">
        <caption class="visually-hidden">จำนวน e-Service ในรอบเปิดให้บริการ 4 รอบถัดไป</caption>
        <thead>
          <tr>
            <th scope="col">รอบวันอังคารที่</th>
            <th scope="col">จำนวน e-Service</th>
          </tr>
        </thead>
        <tbody>
          {o.batches.map((b) => (
            <tr>
              <th scope="row" data-label="รอบวันอังคารที่">
                <time datetime={b.date}>{thaiBatchDate(b.date)}</time>
              </th>
              <td data-label="จำนวน e-Service">{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/officer/batches">ดูรายการในแต่ละรอบเปิดให้บริการ</a>
      </p>

      <h2 id="idle">หน่วยงานที่มี e-Service ไม่เคลื่อนไหวเกิน 30 วัน</h2>
      {o.idleAgencies.length === 0 ? (
        <p>ไม่มีหน่วยงานที่มี e-Service ไม่เคลื่อนไหวเกิน 30 วัน</p>
      ) : (
        <table class="request-table">
          <caption class="visually-hidden">หน่วยงานที่มี e-Service ยังไม่เปิดให้บริการและไม่มีการเปลี่ยนแปลงเกิน 30 วัน</caption>
          <thead>
            <tr>
              <th scope="col">หน่วยงาน</th>
              <th scope="col">e-Service ที่ไม่เคลื่อนไหว</th>
              <th scope="col">เปลี่ยนแปลงล่าสุดเมื่อ</th>
            </tr>
          </thead>
          <tbody>
            {o.idleAgencies.map((a) => (
              <tr>
                <th scope="row" data-label="หน่วยงาน">
                  <a href={`/officer/agencies/${encodeURIComponent(a.id)}`}>{a.name}</a>
                </th>
                <td data-label="e-Service ที่ไม่เคลื่อนไหว">{a.services}</td>
                <td data-label="เปลี่ยนแปลงล่าสุดเมื่อ">
                  {formatThaiDate(a.since)} ({Math.floor((props.now.getTime() - a.since.getTime()) / DAY)} วันที่แล้ว)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
