/**
 * @module
 * An audit event's `data` in words: the change it made (before → after) when
 * the data has one of the known shapes, and every other field as a label and a
 * short value. Shared by the trail pages and the exports so both say the same.
 */
import { DOCUMENT_STATUSES, STATUSES } from "../domain/academic";
import { STEP_STATE_LABEL } from "../domain/onboarding/workflow";
import { isIsoDate, thaiShortDate } from "../domain/dates";
import { ROLE_LABEL } from "../domain/roles";
import { formatThaiDateTime } from "./dates";

const KEY_LABEL: Record<string, string> = {
  stepNo: "ขั้นตอนที่",
  note: "หมายเหตุ",
  receiptNo: "หมายเลขรับเอกสาร",
  ticketNo: "Ticket No.",
  documentId: "รหัสเอกสาร",
  status: "สถานะ",
  method: "วิธีเข้าสู่ระบบ",
  agencyId: "รหัสหน่วยงาน",
  name: "ชื่อ",
  nameTh: "ชื่อ (ไทย)",
  nameEn: "ชื่อ (อังกฤษ)",
  ministry: "กระทรวง",
  testerId: "รหัสผู้ทดสอบ",
  batchDate: "รอบวันที่",
  requestedDate: "วันที่ต้องการ",
  comments: "ความเห็น",
  reason: "เหตุผล",
  whose: "ของ",
  appId: "App ID",
  fileId: "รหัสไฟล์",
  direction: "ทิศทาง",
  via: "ผ่านทาง",
  another: "เพิ่มเติมจากที่มีอยู่",
  id: "รหัส",
  role: "บทบาท",
  email: "อีเมล",
  recipients: "ผู้รับ",
};

/** Coded values of the fields that hold a code (`whose`, `method`, `direction`). */
const WORDS: Record<string, string> = {
  applicant: "เจ้าของผลงาน",
  tester: "ผู้ทดสอบ",
  password: "รหัสผ่าน",
  thaid: "ThaiD",
  "thaid-qr": "ThaiD (QR)",
  up: "ขึ้น",
  down: "ลง",
};

const CODED_KEYS = new Set(["whose", "method", "direction"]);

export function keyLabel(key: string): string {
  return Object.hasOwn(KEY_LABEL, key) ? KEY_LABEL[key]! : key;
}

/** The words for one state of the record the action changed. */
function stateWords(action: string, value: unknown): string {
  const s = typeof value === "string" ? value : "";
  if (action.startsWith("request.") && Object.hasOwn(STATUSES, s)) return STATUSES[s as keyof typeof STATUSES].th;
  if (action.startsWith("eservice.step.") && Object.hasOwn(STEP_STATE_LABEL, s)) return STEP_STATE_LABEL[s as keyof typeof STEP_STATE_LABEL];
  if (action.endsWith("role_changed") && Object.hasOwn(ROLE_LABEL, s)) return ROLE_LABEL[s as keyof typeof ROLE_LABEL];
  return short(value);
}

/** A stored date (`2027-09-30`) or instant (`…T…Z`) in Thai, Buddhist era; any other text as it is. */
function thaiIfDate(s: string): string {
  if (isIsoDate(s)) return thaiShortDate(s);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(s) && !Number.isNaN(Date.parse(s))) return formatThaiDateTime(new Date(s));
  return s;
}

/** A value in one line: text as is, anything structured as compact JSON. */
export function short(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "string") return thaiIfDate(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${keyLabel(k)}: ${short(v)}`)
      .join(", ");
  }
  return JSON.stringify(value);
}

export interface DescribedData {
  change: { before: string; after: string } | null;
  details: { label: string; value: string }[];
}

const PAIRS: [string, string][] = [
  ["from", "to"],
  ["before", "after"],
];

export function describeAuditData(action: string, data: Record<string, unknown> | null): DescribedData {
  if (!data || typeof data !== "object") return { change: null, details: [] };
  let change: DescribedData["change"] = null;
  const used = new Set<string>();
  for (const [a, b] of PAIRS) {
    if (Object.hasOwn(data, a) && Object.hasOwn(data, b)) {
      change = { before: stateWords(action, data[a]), after: stateWords(action, data[b]) };
      used.add(a).add(b);
      break;
    }
  }
  const details: DescribedData["details"] = [];
  for (const [key, value] of Object.entries(data)) {
    if (used.has(key) || value === null || value === undefined || value === "") continue;
    const words =
      key === "status" && typeof value === "string" && Object.hasOwn(DOCUMENT_STATUSES, value)
        ? DOCUMENT_STATUSES[value as keyof typeof DOCUMENT_STATUSES]
        : CODED_KEYS.has(key) && typeof value === "string" && Object.hasOwn(WORDS, value)
          ? WORDS[value]!
          : short(value);
    details.push({ label: keyLabel(key), value: words });
  }
  return { change, details };
}

/** The whole event's data as one line, for a spreadsheet cell. */
export function auditDataLine(action: string, data: Record<string, unknown> | null): string {
  const d = describeAuditData(action, data);
  const parts = d.change ? [`${d.change.before} → ${d.change.after}`] : [];
  for (const x of d.details) parts.push(`${x.label}: ${x.value}`);
  return parts.join("; ");
}
