/**
 * @module
 * Part 1 of step 4, ข้อมูลผู้แจ้งความประสงค์: the agency, the person it assigns,
 * the Administrator who receives the Credential, the signed letter, and whom
 * DGA Contact Center calls when the service has a problem.
 */
import * as z from "zod/mini";
import { preprocess, transformIssue } from "../../forms";
import { email, thaiId, thaiMobile, thaiPhone } from "../../contact";
import { THAI_PROVINCES } from "../../thai-provinces";
import { arabicDigits, optionalText, requiredText, requiredThen, trimDiscriminators, trimmed, websiteField } from "./fields";

export const APPLICATION_FORM_TITLE =
  "แบบฟอร์มแจ้งความประสงค์ขอเชื่อมโยงบริการกับแพลตฟอร์มดิจิทัลกลางของงานบริการภาครัฐสำหรับภาคธุรกิจและประชาชน (แพลตฟอร์มดิจิทัลกลางฯ)";

/** รูปแบบหน่วยงาน: the six options of the manual, in its order and wording. */
export const AGENCY_TYPES = {
  central: "ราชการส่วนกลาง",
  regional_local: "ราชการส่วนภูมิภาค/ราชการส่วนท้องถิ่น",
  parliament_court_independent: "รัฐสภา/ศาล/องค์กรอิสระ/องค์กรอิสระ-ตามรัฐธรรมนูญ",
  state_enterprise_public_org: "รัฐวิสาหกิจ/องค์การมหาชน/สถาบันอุดมศึกษาของรัฐ",
  independent_state_agency: "หน่วยงานอิสระของรัฐ",
  other: "อื่นๆ โปรดระบุ",
} as const;
export type AgencyType = keyof typeof AGENCY_TYPES;
const LISTED_AGENCY_TYPES = [
  "central",
  "regional_local",
  "parliament_court_independent",
  "state_enterprise_public_org",
  "independent_state_agency",
] as const satisfies readonly Exclude<AgencyType, "other">[];

/** The three people part 1 can name; each prefixes its seven fields (`assigneeName`, `adminPid`, `coordEmail`…). */
export const PERSON_ROLES = {
  assignee: "ผู้ได้รับมอบหมาย",
  admin: "ผู้ติดต่อประสานงาน (Administrator)",
  coord: "ผู้ประสานงานกรณีงานบริการมีปัญหา",
} as const;
export type PersonRole = keyof typeof PERSON_ROLES;

/** A person's fields by suffix, with the labels of the manual's form. */
export const PERSON_FIELDS = {
  Name: "ชื่อ – นามสกุล",
  Pid: "เลขบัตรประชาชน",
  Division: "สำนัก/กอง",
  Position: "ตำแหน่ง",
  OfficePhone: "โทร. (สำนักงาน)",
  Mobile: "โทร. (มือถือ)",
  Email: "อีเมล (ที่ออกโดยหน่วยงานของท่าน)",
} as const;
type PersonSuffix = keyof typeof PERSON_FIELDS;
const PERSON_SUFFIXES = Object.keys(PERSON_FIELDS) as PersonSuffix[];

/** The HTML field names of one person: `personFieldNames("admin")` → `["adminName", "adminPid", …]`. */
export function personFieldNames<R extends PersonRole>(role: R): `${R}${PersonSuffix}`[] {
  return PERSON_SUFFIXES.map((s) => `${role}${s}` as const);
}

/** Each field of one person with its label and, in brackets, the role: for error summaries. */
export function personLabels<R extends PersonRole>(role: R) {
  return Object.fromEntries(
    PERSON_SUFFIXES.map((s) => [`${role}${s}`, `${PERSON_FIELDS[s]} (${PERSON_ROLES[role]})`]),
  ) as Record<`${R}${PersonSuffix}`, string>;
}

function personSchemas(role: string) {
  return {
    Name: requiredText(`กรุณากรอกชื่อ – นามสกุลของ${role}`, "ชื่อ – นามสกุล", 200),
    Pid: requiredThen(`กรุณากรอกเลขบัตรประชาชนของ${role}`, thaiId),
    Division: requiredText(`กรุณากรอกสำนัก/กองของ${role}`, "สำนัก/กอง", 200),
    Position: requiredText(`กรุณากรอกตำแหน่งของ${role}`, "ตำแหน่ง", 200),
    // thaiPhone also takes an extension: "02-123-4567 ต่อ 7001".
    OfficePhone: requiredThen(`กรุณากรอกเบอร์โทรสำนักงานของ${role}`, thaiPhone),
    Mobile: requiredThen(`กรุณากรอกเบอร์โทรศัพท์มือถือของ${role}`, thaiMobile),
    Email: requiredThen(`กรุณากรอกอีเมลของ${role}`, email),
  } satisfies Record<PersonSuffix, z.core.$ZodType>;
}
type PersonSchemas = ReturnType<typeof personSchemas>;
type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: T[K] };

function personShape<P extends PersonRole>(role: P): Prefixed<P, PersonSchemas> {
  const schemas = personSchemas(PERSON_ROLES[role]);
  return Object.fromEntries(Object.entries(schemas).map(([k, s]) => [`${role}${k}`, s])) as Prefixed<P, PersonSchemas>;
}

const THAI_SCRIPT = /[\u0E01-\u0E5B]/;

/** A required name in Thai: must contain Thai script. `base` is the label without "(ภาษาไทย)". */
const thaiName = (base: string, max: number) =>
  requiredText(`กรุณากรอก${base} (ภาษาไทย)`, `${base} (ภาษาไทย)`, max).check(
    z.refine((s) => s === "" || THAI_SCRIPT.test(s), `กรุณากรอก${base}เป็นภาษาไทย`),
  );

/** A required name in English: no Thai script. */
const englishName = (base: string, max: number) =>
  requiredText(`กรุณากรอก${base} (ภาษาอังกฤษ)`, `${base} (ภาษาอังกฤษ)`, max).check(
    z.refine((s) => !THAI_SCRIPT.test(s), `กรุณากรอก${base}เป็นภาษาอังกฤษ`),
  );

/** Short forms people type for the capital, read as its official name. */
const BANGKOK_ALIASES = new Set(["กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม."]);

const agencySchema = z.object({
  agencyNameTh: thaiName("ชื่อหน่วยงาน", 200),
  agencyNameEn: englishName("ชื่อหน่วยงาน", 200),
  agencyAbbrTh: thaiName("ชื่อย่อหน่วยงาน", 50),
  agencyAbbrEn: englishName("ชื่อย่อหน่วยงาน", 50),
  parentTh: thaiName("สังกัด", 200),
  parentEn: englishName("สังกัด", 200),
  addrNo: requiredText("กรุณากรอกเลขที่", "เลขที่", 50),
  addrMoo: z.pipe(
    z.optional(
      z
        .pipe(z.string({ error: "หมู่ต้องเป็นตัวเลข (เช่น 5)" }).check(z.trim()), z.transform(arabicDigits))
        .check(z.refine((s) => s === "" || /^\d{1,3}$/.test(s), "หมู่ต้องเป็นตัวเลข (เช่น 5)")),
    ),
    z.transform((s) => s || null),
  ),
  addrSoi: optionalText("ซอย", 100),
  addrRoad: optionalText("ถนน", 100),
  subdistrict: requiredText("กรุณากรอกแขวง/ตำบล", "แขวง/ตำบล", 100),
  district: requiredText("กรุณากรอกเขต/อำเภอ", "เขต/อำเภอ", 100),
  province: preprocess(
    (v) => (typeof v === "string" && BANGKOK_ALIASES.has(v.trim()) ? "กรุงเทพมหานคร" : trimmed(v)),
    z.enum(THAI_PROVINCES, { error: "กรุณาเลือกจังหวัด" }),
  ),
  postcode: z
    .pipe(
      z.string({ error: "กรุณากรอกรหัสไปรษณีย์" }).check(z.trim(), z.minLength(1, "กรุณากรอกรหัสไปรษณีย์")),
      z.transform(arabicDigits),
    )
    .check(z.refine((s) => s === "" || /^\d{5}$/.test(s), "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก")),
  website: websiteField,
});

const agencyTypeSchema = z.discriminatedUnion(
  "agencyType",
  [
    z.object({ agencyType: z.enum(LISTED_AGENCY_TYPES) }),
    z.object({
      agencyType: z.literal("other"),
      agencyTypeOther: requiredText("กรุณาระบุรูปแบบหน่วยงาน", "รูปแบบหน่วยงาน", 200),
    }),
  ],
  { error: "กรุณาเลือกรูปแบบหน่วยงาน" },
);

const assigneeSchema = z.object(personShape("assignee"));

export const AUTH_LETTER_REQUIRED = "กรุณาอัปโหลดหนังสือมอบหมาย (PDF) ที่ลงนามแล้ว";

/**
 * The signed letter is a file the route stores; it tells the schema by the
 * hidden field `hasAuthLetter` = "yes". The message goes on `authLetter`, the
 * file input. Nothing of it is in the output.
 */
const authLetterSchema = z.pipe(
  z.object({ hasAuthLetter: preprocess((v) => trimmed(v) === "yes", z.boolean()) }).check(
    z.superRefine((v, ctx) => {
      if (!v.hasAuthLetter) ctx.addIssue({ code: "custom", path: ["authLetter"], message: AUTH_LETTER_REQUIRED });
    }),
  ),
  z.transform(() => ({})),
);

/** ข้อมูลผู้ติดต่อประสานงาน (Administrator): the assignee, or someone else in full. */
export const ADMIN_SAME = {
  yes: "กรณี เป็น บุคคลคนเดียวกับผู้รับมอบหมาย",
  no: "กรณี ไม่เป็น บุคคลคนเดียวกับผู้รับมอบหมาย ให้กรอกรายละเอียด",
} as const;

const adminSchema = z.discriminatedUnion(
  "adminSame",
  [z.object({ adminSame: z.literal("yes") }), z.object({ adminSame: z.literal("no"), ...personShape("admin") })],
  { error: "กรุณาเลือกข้อมูลผู้ติดต่อประสานงาน (Administrator)" },
);

/** ช่องทางการติดต่อประสานงานกรณีงานบริการของหน่วยงานมีปัญหาจากการใช้งาน. */
export const CONTACT_CHANNELS = {
  callcenter: "กรณีหน่วยงานมี Contact Center หรือ Call Center (โปรดกรอกข้อมูลติดต่อของ Contact Center หรือ Call Center)",
  coordinator:
    "กรณีหน่วยงานไม่มี Contact Center หรือ Call Center (โปรดกรอกข้อมูลผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน)",
} as const;

/** Who the coordinator is when the agency has no Contact Center. */
export const COORDINATOR_WHO = {
  assignee: "เป็น บุคคลเดียวกับผู้รับมอบหมาย",
  admin: "เป็น บุคคลเดียวกับผู้ติดต่อประสานงาน (Administrator)",
  other: "กรณี เป็น บุคคลอื่น ให้กรอกรายละเอียด",
} as const;

const CALLCENTER_PHONE_INVALID = "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 1111, 02-123-4567 หรือ 081-234-5678)";

/** A Contact Center number: a 4-digit hotline (1111, 1548…) or an ordinary Thai number. */
const callcenterPhone = z.pipe(
  z
    .string({ error: "กรุณากรอกเบอร์โทรของ Contact Center / Call Center" })
    .check(z.trim(), z.minLength(1, "กรุณากรอกเบอร์โทรของ Contact Center / Call Center")),
  z.transform((s, ctx) => {
    const compact = arabicDigits(s).replace(/[\s-]/g, "");
    if (/^1\d{3}$/.test(compact)) return compact;
    const phone = thaiPhone.safeParse(arabicDigits(s));
    if (phone.success) return phone.data;
    return transformIssue(ctx, CALLCENTER_PHONE_INVALID);
  }),
);

const contactSchema = z.discriminatedUnion(
  "contactChannel",
  [
    z.object({
      contactChannel: z.literal("callcenter"),
      callcenterPhone,
      callcenterEmail: requiredThen("กรุณากรอกอีเมลของ Contact Center / Call Center", email),
    }),
    z.discriminatedUnion(
      "coordinatorWho",
      [
        z.object({ contactChannel: z.literal("coordinator"), coordinatorWho: z.enum(["assignee", "admin"]) }),
        z.object({ contactChannel: z.literal("coordinator"), coordinatorWho: z.literal("other"), ...personShape("coord") }),
      ],
      { error: "กรุณาเลือกผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน" },
    ),
  ],
  { error: "กรุณาเลือกช่องทางการติดต่อประสานงานกรณีงานบริการมีปัญหา" },
);

/** Part 1, ข้อมูลผู้แจ้งความประสงค์. */
export const part1Form = preprocess(
  trimDiscriminators,
  z.intersection(
    z.intersection(
      z.intersection(z.intersection(z.intersection(agencySchema, agencyTypeSchema), assigneeSchema), authLetterSchema),
      adminSchema,
    ),
    contactSchema,
  ),
);
export type Part1Form = z.output<typeof part1Form>;

/** A person as stored, whichever prefix the form used. */
export interface Person {
  name: string;
  pid: string;
  division: string;
  position: string;
  officePhone: string;
  mobile: string;
  email: string;
}

function personOf(v: Part1Form, role: PersonRole): Person {
  const r = v as unknown as Record<string, string>;
  const get = (s: PersonSuffix) => r[`${role}${s}`] ?? "";
  return {
    name: get("Name"),
    pid: get("Pid"),
    division: get("Division"),
    position: get("Position"),
    officePhone: get("OfficePhone"),
    mobile: get("Mobile"),
    email: get("Email"),
  };
}

/** The assignee named in part 1. */
export const assigneeOf = (v: Part1Form): Person => personOf(v, "assignee");

/** The Administrator, to whom the Credential is e-mailed: the assignee when `adminSame` is "yes". */
export const administratorOf = (v: Part1Form): Person => personOf(v, v.adminSame === "no" ? "admin" : "assignee");

/** Whom DGA Contact Center contacts when the service has a problem. */
export function problemContactOf(
  v: Part1Form,
): { kind: "callcenter"; phone: string; email: string } | { kind: "person"; person: Person } {
  if (v.contactChannel === "callcenter") return { kind: "callcenter", phone: v.callcenterPhone, email: v.callcenterEmail };
  if (v.coordinatorWho === "other") return { kind: "person", person: personOf(v, "coord") };
  return { kind: "person", person: v.coordinatorWho === "admin" ? administratorOf(v) : assigneeOf(v) };
}

/** The manual's notes under part 1's questions. */
export const PART1_NOTES = {
  assigneeEmail:
    "อีเมลที่ออกให้โดยหน่วยงานของท่าน เช่น .go.th, .or.th, .co.th เป็นต้น ไม่แนะนำให้ใช้ Free Email เช่น Gmail, Hotmail ฯลฯ",
  adminSame:
    "วัตถุประสงค์เพื่อเป็นข้อมูลติดต่อ (สำหรับออก Credential ในการพัฒนาระบบ โดยจะถูกส่งไปให้ทางอีเมลของคุณคนนี้)",
  authLetter: "หนังสือมอบหมายเป็นผู้ดำเนินการขอเข้าใช้บริการ ซึ่งลงนามโดยผู้มีอำนาจลงนามของส่วนราชการ/หน่วยงาน",
  contactChannel:
    "วัตถุประสงค์เพื่อเป็นช่องทางที่ DGA Contact Center จะประสานงานกรณีงานบริการที่อยู่บนแพลตฟอร์มกลางมีปัญหา",
} as const;
