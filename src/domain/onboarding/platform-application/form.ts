/**
 * @module
 * The three parts of step 4 together: the labels and HTML fields of each part,
 * which conditional groups the answers show, and checking one part or all.
 */
import { validateForm, type FieldErrors } from "../../forms";
import { STEP2_LABELS } from "../uat";
import { str, type RawValues } from "./fields";
import { part1Form, personFieldNames, personLabels } from "./part1-applicant";
import { part2Form } from "./part2-service";
import { CONSENTS, part3Form } from "./part3-consents";
import { prefillFromEarlierSteps } from "./prefill";

// ---------------------------------------------------------------------------
// Labels, fields and parts

/** Every field an error can be on, with its Thai label, for error summaries. */
export const PART_LABELS = {
  // Part 1
  agencyNameTh: "ชื่อหน่วยงาน (ภาษาไทย)",
  agencyNameEn: "ชื่อหน่วยงาน (ภาษาอังกฤษ)",
  agencyAbbrTh: "ชื่อย่อหน่วยงาน (ภาษาไทย)",
  agencyAbbrEn: "ชื่อย่อหน่วยงาน (ภาษาอังกฤษ)",
  parentTh: "อยู่ภายใต้สังกัด (ภาษาไทย)",
  parentEn: "อยู่ภายใต้สังกัด (ภาษาอังกฤษ)",
  addrNo: "เลขที่",
  addrMoo: "หมู่",
  addrSoi: "ซอย",
  addrRoad: "ถนน",
  subdistrict: "แขวง/ตำบล",
  district: "เขต/อำเภอ",
  province: "จังหวัด",
  postcode: "รหัสไปรษณีย์",
  website: "เว็บไซต์หน่วยงาน (ถ้ามี)",
  agencyType: "รูปแบบหน่วยงาน",
  agencyTypeOther: "รูปแบบหน่วยงาน (โปรดระบุ)",
  ...personLabels("assignee"),
  adminSame: "ข้อมูลผู้ติดต่อประสานงาน (Administrator)",
  ...personLabels("admin"),
  authLetter: "หลักฐานการได้รับมอบหมายเป็นผู้ดำเนินการขอเข้าใช้บริการ",
  contactChannel: "ช่องทางการติดต่อประสานงานกรณีงานบริการของหน่วยงานมีปัญหาจากการใช้งาน",
  callcenterPhone: "โทร. (Contact Center / Call Center)",
  callcenterEmail: "อีเมล (Contact Center / Call Center)",
  coordinatorWho: "ผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน",
  ...personLabels("coord"),
  // Part 2
  targetUsers: "กลุ่มเป้าหมายผู้ใช้บริการ",
  launchDate: "วันที่ต้องการเปิดให้บริการจริง (ประมาณการ)",
  serviceName: "ชื่อบริการ",
  description: "รายละเอียดของบริการ",
  accessUrl: "URL ในการเข้าถึงงานบริการ",
  accessDetails: "รายละเอียดช่องทางการเข้าถึง (ถ้ามี)",
  wantsPersonalData: "งานบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่",
  personalData: "ข้อมูลส่วนบุคคลที่ต้องการเข้าถึง",
  juristicData: "ข้อมูลนิติบุคคลที่ต้องการเข้าถึง",
  identityLevel: "ระดับการยืนยันตัวตนของผู้ใช้บริการที่ต้องการ",
  deviceAccess: "อุปกรณ์มือถือที่ต้องการเข้าถึง",
  canDownload: "งานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่",
  wantsNotification: "งานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
  smartTracking: "งานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่",
  ...STEP2_LABELS,
  // Part 3
  consentDataAccess: "คำยินยอมให้ สพร. เข้าถึงข้อมูล เอกสาร และหลักฐาน",
  consentAccuracy: "คำรับรองความถูกต้องของข้อมูล",
  consentTerms: "ข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว",
} as const;
export type PartField = keyof typeof PART_LABELS;

/**
 * The HTML field names each part posts (what the route should keep from the
 * body). Part 1 includes the hidden `hasAuthLetter`; the letter itself
 * (`authLetter`) is a file and only an error path.
 */
export const PART_FIELDS = {
  1: [
    "agencyNameTh",
    "agencyNameEn",
    "agencyAbbrTh",
    "agencyAbbrEn",
    "parentTh",
    "parentEn",
    "addrNo",
    "addrMoo",
    "addrSoi",
    "addrRoad",
    "subdistrict",
    "district",
    "province",
    "postcode",
    "website",
    "agencyType",
    "agencyTypeOther",
    ...personFieldNames("assignee"),
    "adminSame",
    ...personFieldNames("admin"),
    "hasAuthLetter",
    "contactChannel",
    "callcenterPhone",
    "callcenterEmail",
    "coordinatorWho",
    ...personFieldNames("coord"),
  ],
  2: [
    "targetUsers",
    "launchDate",
    "serviceName",
    "description",
    "accessUrl",
    "accessDetails",
    "wantsPersonalData",
    "personalData",
    "juristicData",
    "identityLevel",
    "deviceAccess",
    "canDownload",
    "wantsNotification",
    "smartTracking",
    "profileAccess",
    "landingUrl",
    "domain",
    "loginCallbacks",
    "logoutCallbacks",
  ],
  3: CONSENTS.map((c) => c.key),
} as const satisfies Record<PartNo, readonly string[]>;

/** Fields posted as lists (checkbox groups, repeated inputs). */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  "personalData",
  "juristicData",
  "deviceAccess",
  "loginCallbacks",
  "logoutCallbacks",
]);

export type PartNo = 1 | 2 | 3;

export const PARTS = [
  { no: 1, th: "ข้อมูลผู้แจ้งความประสงค์", form: part1Form, fields: PART_FIELDS[1] },
  {
    no: 2,
    th: "รายละเอียดของบริการ",
    intro:
      "บริการ หมายถึง แพลตฟอร์มกลางของงานบริการภาครัฐสำหรับภาคธุรกิจและประชาชน (แพลตฟอร์มกลางภาครัฐ) ของสำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)",
    form: part2Form,
    fields: PART_FIELDS[2],
  },
  {
    no: 3,
    th: "คำรับรองและคำยินยอม",
    intro:
      "ผู้รับผิดชอบของหน่วยงานจะต้องอ่านและทำการยอมรับคำยินยอม โดยเลือก “ตกลง” และบันทึกข้อมูล จากนั้น กด “ยืนยันการส่งข้อมูล” ให้ สพร. ดำเนินการตรวจสอบ",
    form: part3Form,
    fields: PART_FIELDS[3],
  },
] as const;

// ---------------------------------------------------------------------------
// Conditional groups

/** The show/hide groups of the three parts; a group outside the asked part is false. */
export interface VisibleGroups {
  /** Part 1: `agencyTypeOther`, when agencyType = other. */
  agencyTypeOther: boolean;
  /** Part 1: the `admin*` person, when adminSame = no. */
  adminPerson: boolean;
  /** Part 1: `callcenterPhone`, `callcenterEmail`, when contactChannel = callcenter. */
  callcenter: boolean;
  /** Part 1: the `coordinatorWho` radios, when contactChannel = coordinator. */
  coordinator: boolean;
  /** Part 1: the `coord*` person, when contactChannel = coordinator and coordinatorWho = other. */
  coordinatorPerson: boolean;
  /** Part 2: the `personalData` checkboxes, when wantsPersonalData = yes. */
  personalData: boolean;
  /** Part 2: the `juristicData` checkboxes, when targetUsers = juristic or both. */
  juristicData: boolean;
  /** Part 2: `landingUrl`, for either profile access. */
  landingUrl: boolean;
  /** Part 2: `domain`, `loginCallbacks`, `logoutCallbacks`, when profileAccess = oidc. */
  oidc: boolean;
}

/** The fields inside each group, for the view to wrap. */
export const GROUP_FIELDS = {
  agencyTypeOther: ["agencyTypeOther"],
  adminPerson: personFieldNames("admin"),
  callcenter: ["callcenterPhone", "callcenterEmail"],
  coordinator: ["coordinatorWho"],
  coordinatorPerson: personFieldNames("coord"),
  personalData: ["personalData"],
  juristicData: ["juristicData"],
  landingUrl: ["landingUrl"],
  oidc: ["domain", "loginCallbacks", "logoutCallbacks"],
} as const satisfies Record<keyof VisibleGroups, readonly string[]>;

/**
 * Which conditional groups the answers so far show, by exactly the rules the
 * schemas apply, so the view hides what the schema ignores.
 */
export function visibleFields(part: PartNo, values: RawValues): VisibleGroups {
  const v = (k: string) => str(values[k]);
  const p1 = part === 1;
  const p2 = part === 2;
  const profile = v("profileAccess");
  return {
    agencyTypeOther: p1 && v("agencyType") === "other",
    adminPerson: p1 && v("adminSame") === "no",
    callcenter: p1 && v("contactChannel") === "callcenter",
    coordinator: p1 && v("contactChannel") === "coordinator",
    coordinatorPerson: p1 && v("contactChannel") === "coordinator" && v("coordinatorWho") === "other",
    personalData: p2 && v("wantsPersonalData") === "yes",
    juristicData: p2 && (v("targetUsers") === "juristic" || v("targetUsers") === "both"),
    landingUrl: p2 && (profile === "mtoken" || profile === "oidc"),
    oidc: p2 && profile === "oidc",
  };
}

// ---------------------------------------------------------------------------
// Checking the three parts

export type Raw = Record<string, string | string[]>;

/** Stored answers, or (before the first save) what steps 1 and 2 already said. */
export function platformApplicationValues(stored: Raw | null, step1: Record<string, unknown> | null, step2: Record<string, unknown> | null, serviceName: string): Raw {
  if (stored && Object.keys(stored).length) return stored;
  return prefillFromEarlierSteps(step1, step2, serviceName);
}

/** One part's problems; the letter's presence comes from the stored file, never from the form. */
export function partErrors(part: PartNo, values: Raw, hasAuthLetter: boolean): FieldErrors {
  const form = validateForm(PARTS[part - 1]!.form, { ...values, hasAuthLetter: hasAuthLetter ? "yes" : "no" });
  return form.ok ? {} : form.errors;
}

/** Every problem in all three parts at once. */
export function allPartErrors(values: Raw, hasAuthLetter: boolean): FieldErrors {
  return { ...partErrors(1, values, hasAuthLetter), ...partErrors(2, values, hasAuthLetter), ...partErrors(3, values, hasAuthLetter) };
}

export function groupsByPart(values: Raw) {
  return { 1: visibleFields(1, values), 2: visibleFields(2, values), 3: visibleFields(3, values) } as const;
}
