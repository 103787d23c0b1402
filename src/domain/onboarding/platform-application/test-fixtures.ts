/**
 * @module
 * What the step 4 tests share: helpers that read a schema's errors or output,
 * and a valid submission of parts 1 and 2 to vary. Imported by tests only.
 */
import { safeParse } from "zod/mini";
import { validateForm } from "../../forms";

/** Errors by path, or {} when the input is valid. */
export function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

/** The parsed output, failing the test with the messages when invalid. */
export function dataOf<S extends Parameters<typeof validateForm>[0]>(schema: S, input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Every issue zod raised (not one per path), to be sure nothing is reported twice. */
export function issueCount(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = safeParse(schema, input);
  return r.success ? 0 : r.error.issues.length;
}

const PID_A = "1-1017-00230-36-8"; // check digit 8: valid
const PID_B = "3100500123458";
export const PID_C = "5109900012348";

const agency = {
  agencyNameTh: " กองทัพเรือ ",
  agencyNameEn: "Royal Thai Navy",
  agencyAbbrTh: "ทร.",
  agencyAbbrEn: "RTN",
  parentTh: "กระทรวงกลาโหม",
  parentEn: "Ministry of Defence",
  addrNo: "2",
  addrMoo: "",
  addrSoi: "",
  addrRoad: "อรุณอมรินทร์",
  subdistrict: "ศิริราช",
  district: "บางกอกน้อย",
  province: "กรุงเทพมหานคร",
  postcode: "10700",
  website: "",
  agencyType: "central",
};
const assignee = {
  assigneeName: "สมชาย ใจดี",
  assigneePid: PID_A,
  assigneeDivision: "กองเทคโนโลยีสารสนเทศ",
  assigneePosition: "นักวิชาการคอมพิวเตอร์",
  assigneeOfficePhone: "02-123-4567",
  assigneeMobile: "081-234-5678",
  assigneeEmail: "somchai@navy.mi.th",
};
export const admin = {
  adminName: "สมหญิง รักงาน",
  adminPid: PID_B,
  adminDivision: "กองพัฒนาระบบ",
  adminPosition: "นักวิชาการคอมพิวเตอร์ชำนาญการ",
  adminOfficePhone: "02-765-4321",
  adminMobile: "091-111-2222",
  adminEmail: "somying@navy.mi.th",
};
export const coord = {
  coordName: "สมศักดิ์ ประสานดี",
  coordPid: PID_C,
  coordDivision: "ศูนย์บริการประชาชน",
  coordPosition: "เจ้าพนักงานธุรการ",
  coordOfficePhone: "02-222-3333",
  coordMobile: "061-234-5678",
  coordEmail: "somsak@navy.mi.th",
};
export const validPart1 = {
  ...agency,
  ...assignee,
  adminSame: "yes",
  hasAuthLetter: "yes",
  contactChannel: "callcenter",
  callcenterPhone: "1111",
  callcenterEmail: "callcenter@navy.mi.th",
};

export const validPart2 = {
  targetUsers: "citizen",
  launchDate: "2026-09-01",
  serviceName: " ขอรับเงินสงเคราะห์ ",
  description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
  accessUrl: "https://service.navy.mi.th/welfare",
  accessDetails: "",
  wantsPersonalData: "no",
  identityLevel: "none",
  canDownload: "no",
  wantsNotification: "yes",
  smartTracking: "no",
  profileAccess: "mtoken",
  landingUrl: "https://service.navy.mi.th/mtoken",
};
export const oidc = {
  profileAccess: "oidc",
  domain: "service.navy.mi.th",
  landingUrl: "https://service.navy.mi.th/",
  loginCallbacks: ["https://service.navy.mi.th/callback"],
  logoutCallbacks: "https://service.navy.mi.th/logout",
};
