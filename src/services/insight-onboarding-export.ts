/**
 * @module
 * The onboarding overview's tables as files: one sheet (or one CSV) holding each
 * table under its title, a blank row between them. CSV cells go through the audit
 * export's formula-safe quoting, with a BOM so Excel reads the Thai.
 */
import { formatThaiDate } from "../messages/dates";
import { csvText, defuse } from "./csv";
import type { OnboardingOverview } from "./insight-onboarding";
import { xlsxStream, type XlsxCell, type XlsxRow } from "./xlsx/write";

interface Table {
  title: string;
  header: string[];
  rows: XlsxCell[][];
}

const rate = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** The overview's four tables, in the page's order. */
export function overviewTables(o: OnboardingOverview): Table[] {
  return [
    {
      title: "จำนวน e-Service ในแต่ละขั้นตอน",
      header: ["ขั้นตอน", "ถึงขั้นนี้แล้ว", "อยู่ขั้นนี้ รอหน่วยงาน", "อยู่ขั้นนี้ รอเจ้าหน้าที่ตรวจ"],
      rows: [
        ...o.funnel.map((f) => [`${f.step.no}. ${f.step.th}`, f.reached, f.withAgency, f.withOfficer]),
        ["ผ่านครบ 7 ขั้นตอน รอรอบเปิดให้บริการ", o.awaitingLaunch, null, null],
        ["เปิดให้บริการแล้ว", o.launched, null, null],
      ],
    },
    {
      title: "เวลาที่ใช้ในแต่ละขั้นตอน และการส่งกลับแก้ไข",
      header: ["ขั้นตอน", "มัธยฐาน (วัน)", "80% เสร็จภายใน (วัน)", "จำนวนที่อนุมัติแล้ว", "ส่งกลับ (ครั้ง)", "ตรวจทั้งหมด (ครั้ง)", "อัตราส่งกลับ (%)"],
      rows: o.stepTimes.map((s) => [
        `${s.step.no}. ${s.step.th}`,
        s.summary?.medianDays ?? null,
        s.summary?.p80Days ?? null,
        s.summary?.count ?? 0,
        s.returns,
        s.returns + s.approvals,
        rate(s.returnRate),
      ]),
    },
    {
      title: "รอบเปิดให้บริการ 4 รอบถัดไป",
      header: ["รอบวันอังคารที่", "จำนวน e-Service"],
      rows: o.batches.map((b) => [b.date, b.count]),
    },
    {
      title: "หน่วยงานที่มี e-Service ไม่เคลื่อนไหวเกิน 30 วัน",
      header: ["หน่วยงาน", "รหัสหน่วยงาน", "e-Service ที่ไม่เคลื่อนไหว", "เปลี่ยนแปลงล่าสุดเมื่อ"],
      rows: o.idleAgencies.map((a) => [a.name, a.id, a.services, formatThaiDate(a.since)]),
    },
  ];
}

function* lines(o: OnboardingOverview): Generator<XlsxRow> {
  for (const [i, t] of overviewTables(o).entries()) {
    if (i > 0) yield { cells: [] };
    yield { cells: [t.title], bold: true };
    yield { cells: t.header, bold: true };
    for (const row of t.rows) yield { cells: row };
  }
}

/** UTF-8 CSV with a BOM. */
export function overviewCsv(o: OnboardingOverview): string {
  return csvText(lines(o));
}

/** One-sheet workbook; text cells defused like the audit export's. */
export function overviewWorkbook(o: OnboardingOverview): ReadableStream<Uint8Array> {
  const rows = [...lines(o)].map((r) => ({ ...r, cells: r.cells.map((v) => (typeof v === "string" ? defuse(v) : v)) }));
  return xlsxStream({ sheetName: "ภาพรวม e-Service", widths: [44, 16, 18, 20, 14, 18, 16] }, (async function* () {
    yield rows;
  })());
}
