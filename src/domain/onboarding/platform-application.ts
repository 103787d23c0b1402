/**
 * @module
 * Onboarding step 4, ขอใช้บริการขึ้นแพลตฟอร์มกลาง: the DGA's "แบบฟอร์มแจ้ง
 * ความประสงค์ขอเชื่อมโยงบริการกับแพลตฟอร์มดิจิทัลกลางฯ" in its three parts, as
 * section 6 of the manual describes them:
 *
 * 1. ข้อมูลผู้แจ้งความประสงค์ — the agency, the person it assigns, the
 *    Administrator who receives the Credential, the signed letter, and whom
 *    DGA Contact Center calls when the service has a problem;
 * 2. รายละเอียดของบริการ — the service, the data and features it wants, and its
 *    profile access (mToken or OIDC, the same rules as step 2);
 * 3. คำรับรองและคำยินยอม — three statements, each accepted with "ตกลง".
 *
 * Each part has its own schema. Input is what an HTML form posts (strings, a
 * string or string[] for repeated fields, nothing for an unticked box); error
 * paths are the HTML field names. Either/or branches are discriminated unions,
 * joined with `.and()` so that every sub-form is checked on every submit and
 * all messages come back at once; a hidden branch's fields are not in the output.
 */
import { z } from "zod";
import { email, thaiId, thaiMobile, thaiPhone } from "../contact";
import { validateForm, type FieldErrors } from "../forms";
import { isIsoDate } from "../dates";
import { DEVICE_ACCESS, IDENTITY_LEVELS, type IdentityLevel, PERSONAL_DATA_FIELDS, PERSONAL_DATA_KEYS } from "./credentials";
import { asArray, graphemeLength } from "./form-fields";
import { PROFILE_ACCESS, STEP2_LABELS, step2Form, urlProblem } from "./uat";
import { THAI_PROVINCES } from "../thai-provinces";
import type { StepEntry } from "./steps";

// ---------------------------------------------------------------------------
// Field helpers (every text is trimmed first; lengths are counted in graphemes)

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** ๐–๙ as 0–9: a postcode or หมู่ typed on a Thai keyboard. */
const arabicDigits = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

const tooLong = (label: string, max: number) => (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const n = graphemeLength(s);
  if (n > max) ctx.addIssue({ code: "custom", message: `${label}ต้องไม่เกิน ${max} ตัวอักษร (ตอนนี้ ${n})` });
};

/** Required text: `missing` when absent or blank, and at most `max` characters. */
const requiredText = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).superRefine(tooLong(label, max));

/** Optional text; blank comes out as null. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}ไม่ถูกต้อง` })
    .trim()
    .superRefine(tooLong(label, max))
    .optional()
    .transform((s) => s || null);

/** A required field checked by one of the shared contact schemas, with its own "กรุณากรอก…" message. */
const requiredThen = <S extends z.ZodType<unknown, string>>(missing: string, schema: S) =>
  z.string({ error: missing }).trim().min(1, missing).pipe(schema);

/** One of `keys` (a radio group or select). */
const choice = <const K extends readonly [string, ...string[]]>(keys: K, message: string) =>
  z.preprocess(trimmed, z.enum(keys, { error: message }));

const yesNo = (message: string) => choice(["yes", "no"], message);

/**
 * A checkbox group: the ticked keys, once each, in the order offered. Blank
 * values (a sentinel hidden input) are ignored. With `atLeastOne`, an empty
 * group is an error with that message.
 */
const checkboxes = <const K extends readonly [string, ...string[]]>(keys: K, invalid: string, atLeastOne?: string) =>
  z.preprocess(
    (v) => asArray(v).map(trimmed).filter((x) => x !== ""),
    z
      .array(z.enum(keys, { error: invalid }))
      .min(atLeastOne ? 1 : 0, atLeastOne ?? "")
      .transform((picked) => keys.filter((k) => picked.includes(k)) as K[number][]),
  );


/** A required https URL (the address citizens open). */
const httpsUrl = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .superRefine((s, ctx) => {
      if (s === "") return;
      const problem = urlProblem(s, ["https:"]);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const WEBSITE_INVALID = "เว็บไซต์หน่วยงานไม่ถูกต้อง (เช่น https://www.agency.go.th)";

/** Optional http(s) URL; "www.agency.go.th" typed without a scheme is taken as https. Blank → null. */
const websiteField = z
  .string({ error: WEBSITE_INVALID })
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (!s) return null;
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
    if (urlProblem(url, ["http:", "https:"])) {
      ctx.addIssue({ code: "custom", message: WEBSITE_INVALID });
      return z.NEVER;
    }
    return url;
  });

/**
 * The radio values that choose a branch, trimmed before the unions read them
 * (a discriminated union looks at the raw value to pick its option).
 */
const DISCRIMINATORS = [
  "agencyType",
  "adminSame",
  "contactChannel",
  "coordinatorWho",
  "targetUsers",
  "wantsPersonalData",
  "profileAccess",
] as const;

function trimDiscriminators(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const k of DISCRIMINATORS) out[k] = trimmed(out[k]);
  return out;
}

/** Raw form values as the helpers below read them. */
export type RawValues = Record<string, unknown>;

const str = (v: unknown): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim() : "";
};

// ---------------------------------------------------------------------------
// Part 1: ข้อมูลผู้แจ้งความประสงค์

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
  } satisfies Record<PersonSuffix, z.ZodType>;
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
  requiredText(`กรุณากรอก${base} (ภาษาไทย)`, `${base} (ภาษาไทย)`, max).refine(
    (s) => s === "" || THAI_SCRIPT.test(s),
    `กรุณากรอก${base}เป็นภาษาไทย`,
  );

/** A required name in English: no Thai script. */
const englishName = (base: string, max: number) =>
  requiredText(`กรุณากรอก${base} (ภาษาอังกฤษ)`, `${base} (ภาษาอังกฤษ)`, max).refine(
    (s) => !THAI_SCRIPT.test(s),
    `กรุณากรอก${base}เป็นภาษาอังกฤษ`,
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
  addrMoo: z
    .string({ error: "หมู่ต้องเป็นตัวเลข (เช่น 5)" })
    .trim()
    .transform(arabicDigits)
    .refine((s) => s === "" || /^\d{1,3}$/.test(s), "หมู่ต้องเป็นตัวเลข (เช่น 5)")
    .optional()
    .transform((s) => s || null),
  addrSoi: optionalText("ซอย", 100),
  addrRoad: optionalText("ถนน", 100),
  subdistrict: requiredText("กรุณากรอกแขวง/ตำบล", "แขวง/ตำบล", 100),
  district: requiredText("กรุณากรอกเขต/อำเภอ", "เขต/อำเภอ", 100),
  province: z.preprocess(
    (v) => (typeof v === "string" && BANGKOK_ALIASES.has(v.trim()) ? "กรุงเทพมหานคร" : trimmed(v)),
    z.enum(THAI_PROVINCES, { error: "กรุณาเลือกจังหวัด" }),
  ),
  postcode: z
    .string({ error: "กรุณากรอกรหัสไปรษณีย์" })
    .trim()
    .min(1, "กรุณากรอกรหัสไปรษณีย์")
    .transform(arabicDigits)
    .refine((s) => s === "" || /^\d{5}$/.test(s), "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก"),
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
const authLetterSchema = z
  .object({ hasAuthLetter: z.preprocess((v) => trimmed(v) === "yes", z.boolean()) })
  .superRefine((v, ctx) => {
    if (!v.hasAuthLetter) ctx.addIssue({ code: "custom", path: ["authLetter"], message: AUTH_LETTER_REQUIRED });
  })
  .transform(() => ({}));

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
const callcenterPhone = z
  .string({ error: "กรุณากรอกเบอร์โทรของ Contact Center / Call Center" })
  .trim()
  .min(1, "กรุณากรอกเบอร์โทรของ Contact Center / Call Center")
  .transform((s, ctx) => {
    const compact = arabicDigits(s).replace(/[\s-]/g, "");
    if (/^1\d{3}$/.test(compact)) return compact;
    const phone = thaiPhone.safeParse(arabicDigits(s));
    if (phone.success) return phone.data;
    ctx.addIssue({ code: "custom", message: CALLCENTER_PHONE_INVALID });
    return z.NEVER;
  });

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
export const part1Form = z.preprocess(
  trimDiscriminators,
  agencySchema.and(agencyTypeSchema).and(assigneeSchema).and(authLetterSchema).and(adminSchema).and(contactSchema),
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

// ---------------------------------------------------------------------------
// Free e-mail: allowed, but the manual advises agency-issued addresses

/** Public webmail domains: "ไม่แนะนำให้ใช้ Free Email เช่น Gmail, Hotmail ฯลฯ". */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.co.th",
  "hotmail.co.uk",
  "outlook.com",
  "outlook.co.th",
  "live.com",
  "live.co.uk",
  "windowslive.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.th",
  "yahoo.co.uk",
  "ymail.com",
  "rocketmail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "aol.com",
  "gmx.com",
  "mail.com",
  "yandex.com",
  "zoho.com",
  "zohomail.com",
]);

/** True when the address (or a bare domain) is on a public webmail domain; case and a trailing dot ignored. */
export function isFreeMailDomain(addressOrDomain: string): boolean {
  const s = addressOrDomain.trim().toLowerCase();
  const domain = s.slice(s.lastIndexOf("@") + 1).replace(/\.$/, "");
  return FREE_MAIL_DOMAINS.has(domain);
}

/** The e-mail fields of part 1, in form order. */
export const PART1_EMAIL_FIELDS = ["assigneeEmail", "adminEmail", "callcenterEmail", "coordEmail"] as const;

/**
 * Advice, not errors: for each e-mail field of part 1 that is shown for the
 * current answers and holds an address on a free domain, a Thai warning.
 */
export function freeMailWarnings(values: RawValues): Record<string, string> {
  const shown = visibleFields(1, values);
  const visible: Record<(typeof PART1_EMAIL_FIELDS)[number], boolean> = {
    assigneeEmail: true,
    adminEmail: shown.adminPerson,
    callcenterEmail: shown.callcenter,
    coordEmail: shown.coordinatorPerson,
  };
  const out: Record<string, string> = {};
  for (const field of PART1_EMAIL_FIELDS) {
    const address = str(values[field]);
    if (!visible[field] || !address.includes("@") || !isFreeMailDomain(address)) continue;
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    out[field] =
      `แนะนำให้ใช้อีเมลของหน่วยงาน (เช่น .go.th, .or.th, .co.th) แทนอีเมลทั่วไปอย่าง ${domain} ตามที่ สพร. ไม่แนะนำให้ใช้ Free Email`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Part 2: รายละเอียดของบริการ

export const TARGET_USERS = {
  citizen: "บุคคลธรรมดา",
  juristic: "นิติบุคคล",
  both: "บุคคลธรรมดาและนิติบุคคล",
} as const;
export type TargetUsers = keyof typeof TARGET_USERS;

/** ข้อมูลนิติบุคคล a service may ask for, when its users include juristic persons. */
export const JURISTIC_DATA = {
  juristic_id: "เลขนิติบุคคล",
  juristic_name: "ชื่อนิติบุคคล",
} as const;
export type JuristicData = keyof typeof JURISTIC_DATA;
const JURISTIC_KEYS = ["juristic_id", "juristic_name"] as const satisfies readonly JuristicData[];

/** ระดับการยืนยันตัวตนของผู้ใช้บริการ: step 1's two levels plus "none". */
export const IDENTITY_LEVELS_STEP4 = {
  none: "ไม่ต้องการเข้าถึงข้อมูลส่วนบุคคล",
  id_card: "ยืนยันตัวตนตามบัตรประชาชนอย่างเดียว",
  id_card_face: "ยืนยันตัวตนตามบัตรประชาชน และมีการยืนยันตัวตนด้วยการเปรียบเทียบใบหน้า",
} as const satisfies Record<"none" | IdentityLevel, string>;
export type IdentityLevelStep4 = keyof typeof IDENTITY_LEVELS_STEP4;
const IDENTITY_LEVEL_STEP4_KEYS = ["none", "id_card", "id_card_face"] as const satisfies readonly IdentityLevelStep4[];

/**
 * Device access in part 2: step 1's keys without `save_files`, which part 2
 * asks as its own question (`canDownload`), as the manual's form does.
 */
export const DEVICE_ACCESS_STEP4 = {
  gps: DEVICE_ACCESS.gps,
  camera: DEVICE_ACCESS.camera,
  microphone: DEVICE_ACCESS.microphone,
} as const;
const DEVICE_ACCESS_STEP4_KEYS = ["gps", "camera", "microphone"] as const satisfies readonly (keyof typeof DEVICE_ACCESS)[];

/** The manual's notes under part 2's questions, to show beside them. */
export const PART2_NOTES = {
  juristicData: "ในกรณีที่มีการขอเข้าถึงข้อมูลนิติบุคคลให้เลือกว่าต้องการเข้าถึงข้อมูลใดบ้าง เช่น เลขนิติบุคคล ชื่อนิติบุคคล",
  canDownload:
    "หากเลือก ต้องการ หน่วยงานจำเป็นต้องแก้ไข Code เพื่อบันทึกข้อมูลลงเครื่องตามมาตรฐานการพัฒนาของแพลตฟอร์มดิจิทัลต่างๆ",
  wantsNotification:
    "หากเป็นงานบริการที่มีการส่งแจ้งเตือนผ่าน Push Notification ไปยังมือถือของผู้ใช้บริการ และจะส่งเข้าไปใน Personal Inbox ให้เลือก ต้องการ",
  smartTracking: "เป็นบริการที่จะช่วยให้ผู้ใช้บริการสามารถติดตามตำแหน่งและรับการแจ้งเตือนจากหน่วยงาน",
  profileAccess:
    "กรณีเลือก mToken จะต้องกรอก Landing Page URL กรณีเลือก OIDC จะต้องกรอก Domain, Callback URL และ Logout Callback URL",
} as const;

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

const LAUNCH_DATE_MISSING = "กรุณาเลือกวันที่ต้องการเปิดให้บริการจริง (ประมาณการ)";

const part2Base = z.object({
  launchDate: z
    .string({ error: LAUNCH_DATE_MISSING })
    .trim()
    .min(1, LAUNCH_DATE_MISSING)
    .refine((d) => d === "" || isIsoDate(d), "วันที่ต้องการเปิดให้บริการจริงไม่ใช่วันที่ที่ถูกต้อง"),
  serviceName: requiredText("กรุณากรอกชื่อบริการ", "ชื่อบริการ", 200),
  description: requiredText("กรุณากรอกรายละเอียดของบริการ", "รายละเอียดของบริการ", 10_000),
  accessUrl: httpsUrl("กรุณากรอก URL ในการเข้าถึงงานบริการ"),
  // The manual: "URL … หรือรายละเอียดช่องทางการเข้าถึงทั้งหมด" — other channels in words.
  accessDetails: optionalText("รายละเอียดช่องทางการเข้าถึง", 2000),
  identityLevel: choice(IDENTITY_LEVEL_STEP4_KEYS, "กรุณาเลือกระดับการยืนยันตัวตนของผู้ใช้บริการ"),
  deviceAccess: checkboxes(DEVICE_ACCESS_STEP4_KEYS, "อุปกรณ์ที่เลือกไม่ถูกต้อง"),
  canDownload: yesNo("กรุณาเลือกว่างานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่"),
  wantsNotification: yesNo("กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่"),
  smartTracking: yesNo("กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่"),
});

const targetUsersSchema = z.discriminatedUnion(
  "targetUsers",
  [
    z.object({ targetUsers: z.literal("citizen") }),
    z.object({
      targetUsers: z.literal(["juristic", "both"]),
      juristicData: checkboxes(
        JURISTIC_KEYS,
        "ข้อมูลนิติบุคคลที่เลือกไม่ถูกต้อง",
        "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      ),
    }),
  ],
  { error: "กรุณาเลือกกลุ่มเป้าหมายผู้ใช้บริการ" },
);

const personalDataSchema = z.discriminatedUnion(
  "wantsPersonalData",
  [
    z.object({
      wantsPersonalData: z.literal("yes"),
      personalData: checkboxes(
        PERSONAL_DATA_KEYS,
        "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง",
        "กรุณาเลือกข้อมูลส่วนบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      ),
    }),
    z.object({ wantsPersonalData: z.literal("no") }),
  ],
  { error: "กรุณาเลือกว่างานบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่" },
);

/**
 * Part 2, รายละเอียดของบริการ. Profile access is step 2's own schema, so the
 * OIDC rule (landing page and callbacks on the registered domain) is the same.
 */
export const part2Form = z.preprocess(
  trimDiscriminators,
  part2Base.and(targetUsersSchema).and(personalDataSchema).and(step2Form),
);
export type Part2Form = z.output<typeof part2Form>;

// ---------------------------------------------------------------------------
// Part 3: คำรับรองและคำยินยอม

/**
 * The three statements from the manual, each a checkbox posting `agree` under its
 * `key`. One correction: the manual's first statement names "สำนักงานพัฒนาธุรกิจ
 * ดิจิทัล", but the สพร. that runs the platform is สำนักงานพัฒนารัฐบาลดิจิทัล (as the
 * same manual's definition of บริการ says), and a consent must name who it is given to.
 */
export const CONSENTS = [
  {
    key: "consentDataAccess",
    th: "ข้าพเจ้ายินยอมให้สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) หรือ สพร. เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ ที่ข้าพเจ้าได้ให้ไว้ เพื่อประโยชน์ในการพิจารณาการขอใช้บริการมาเชื่อมต่อและให้บริการบนแพลตฟอร์มดิจิทัลกลางของรัฐ และการดำเนินการอื่นใดที่เกี่ยวข้อง",
    message: "กรุณากด ตกลง เพื่อยอมรับการให้ สพร. เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ",
  },
  {
    key: "consentAccuracy",
    th: "ข้าพเจ้าขอรับรองว่าข้อมูล ตลอดจนเอกสารและหลักฐานต่าง ๆ มีความถูกต้อง ครบถ้วน และตรงต่อความเป็นจริง โดยหากปรากฏข้อเท็จจริงว่าข้อมูล เอกสาร หรือหลักฐานใดไม่ถูกต้อง ไม่ครบถ้วน หรือข้าพเจ้ามิได้ปฏิบัติตามข้อกำหนดหลักเกณฑ์ วิธีการ และเงื่อนไขที่สำนักงานกำหนด ข้าพเจ้าจะเร่งดำเนินการแก้ไขให้ถูกต้องและครบถ้วนภายในระยะเวลาที่ สพร. กำหนด",
    message: "กรุณากด ตกลง เพื่อยอมรับคำรับรองความถูกต้องของข้อมูล เอกสาร และหลักฐาน",
  },
  {
    key: "consentTerms",
    th: 'ข้าพเจ้าได้อ่านและตกลงที่จะปฏิบัติตามข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice) เกี่ยวกับการนำบริการภาครัฐมาให้บริการบนแพลตฟอร์มดิจิทัลกลาง "ทางรัฐ" ตลอดจนข้อกำหนดอื่นใดที่เกี่ยวข้อง',
    message: "กรุณากด ตกลง เพื่อยอมรับข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice)",
  },
] as const;
export type ConsentKey = (typeof CONSENTS)[number]["key"];

/** The value a consent checkbox posts. */
export const CONSENT_VALUE = "agree";

const agree = (message: string) =>
  z.preprocess(trimmed, z.literal(CONSENT_VALUE, { error: message })).transform(() => true as const);

const [consentDataAccess, consentAccuracy, consentTerms] = CONSENTS;

/** Part 3, คำรับรองและคำยินยอม: each statement accepted; the output is `true` for each. */
export const part3Form = z.object({
  consentDataAccess: agree(consentDataAccess.message),
  consentAccuracy: agree(consentAccuracy.message),
  consentTerms: agree(consentTerms.message),
} satisfies Record<ConsentKey, z.ZodType>);
export type Part3Form = z.output<typeof part3Form>;

// ---------------------------------------------------------------------------
// Labels, fields and parts

function personLabels<R extends PersonRole>(role: R) {
  return Object.fromEntries(
    PERSON_SUFFIXES.map((s) => [`${role}${s}`, `${PERSON_FIELDS[s]} (${PERSON_ROLES[role]})`]),
  ) as Record<`${R}${PersonSuffix}`, string>;
}

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
// Prefill from steps 1 and 2

/** Non-blank trimmed strings of a repeated field; a textarea's lines count as items. */
const list = (v: unknown): string[] =>
  asArray(v)
    .flatMap((x) => (typeof x === "string" ? x.split(/\r?\n/) : []))
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Part 2's answers that steps 1 (ขอ Credential) and 2 (profile access) already
 * gave, as raw form values under part 2's field names. Only what is known and
 * valid for part 2 is returned; layer the agency's own draft over it
 * (`{ ...prefill, ...draft }`).
 *
 * - launchDate, description (step 1's fullDescription), wantsPersonalData,
 *   personalData (when "yes"), wantsNotification;
 * - identityLevel (id_card / id_card_face);
 * - deviceAccess (gps, camera, microphone); step 1's `save_files` becomes
 *   canDownload = "yes", the question part 2 asks for it;
 * - profileAccess and landingUrl, plus domain and both callback lists for OIDC;
 * - serviceName from `eserviceName`.
 */
export function prefillFromEarlierSteps(
  step1Answers: RawValues | null | undefined,
  step2Answers: RawValues | null | undefined,
  eserviceName?: string | null,
): Record<string, string | string[]> {
  const s1 = step1Answers ?? {};
  const s2 = step2Answers ?? {};
  const out: Record<string, string | string[]> = {};

  const launchDate = str(s1.launchDate);
  if (isIsoDate(launchDate)) out.launchDate = launchDate;
  const name = (eserviceName ?? "").trim();
  if (name) out.serviceName = name;
  const description = str(s1.fullDescription);
  if (description) out.description = description;

  const wantsPersonalData = str(s1.wantsPersonalData);
  if (wantsPersonalData === "yes" || wantsPersonalData === "no") out.wantsPersonalData = wantsPersonalData;
  if (wantsPersonalData === "yes") {
    const picked = list(s1.personalData);
    const personalData = PERSONAL_DATA_KEYS.filter((k) => picked.includes(k));
    if (personalData.length) out.personalData = personalData;
  }

  const identityLevel = str(s1.identityLevel);
  if (Object.hasOwn(IDENTITY_LEVELS, identityLevel)) out.identityLevel = identityLevel;

  const devices = list(s1.deviceAccess);
  const deviceAccess = DEVICE_ACCESS_STEP4_KEYS.filter((k) => devices.includes(k));
  if (deviceAccess.length) out.deviceAccess = deviceAccess;
  if (devices.includes("save_files")) out.canDownload = "yes";

  const wantsNotification = str(s1.wantsNotification);
  if (wantsNotification === "yes" || wantsNotification === "no") out.wantsNotification = wantsNotification;

  const profileAccess = str(s2.profileAccess);
  if (Object.hasOwn(PROFILE_ACCESS, profileAccess)) {
    out.profileAccess = profileAccess;
    const landingUrl = str(s2.landingUrl);
    if (landingUrl) out.landingUrl = landingUrl;
    if (profileAccess === "oidc") {
      const domain = str(s2.domain);
      if (domain) out.domain = domain;
      const login = list(s2.loginCallbacks);
      if (login.length) out.loginCallbacks = login;
      const logout = list(s2.logoutCallbacks);
      if (logout.length) out.logoutCallbacks = logout;
    }
  }
  return out;
}

/** Labels of part 2's checkbox options, for the view (step 1's personal data labels reused). */
export const PART2_OPTIONS = {
  personalData: PERSONAL_DATA_FIELDS,
  juristicData: JURISTIC_DATA,
  deviceAccess: DEVICE_ACCESS_STEP4,
  identityLevel: IDENTITY_LEVELS_STEP4,
  targetUsers: TARGET_USERS,
  profileAccess: PROFILE_ACCESS,
} as const;

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

/** Step 4 is long: the officer comments per group of the form rather than per input. */
export const REVIEW_GROUPS: Record<string, string> = {
  agencyNameTh: "ข้อมูลหน่วยงาน",
  addrNo: "ที่อยู่หน่วยงาน",
  assigneeName: "ผู้ได้รับมอบหมาย",
  adminSame: "ผู้ติดต่อประสานงาน (Administrator)",
  authLetter: "หนังสือมอบหมาย",
  contactChannel: "ช่องทางติดต่อกรณีมีปัญหา",
  serviceName: "ชื่อและรายละเอียดบริการ",
  targetUsers: "กลุ่มเป้าหมายและข้อมูลที่เข้าถึง",
  identityLevel: "ระดับการยืนยันตัวตน",
  profileAccess: "การเชื่อมโยงบริการ (Profile access)",
};

/** Step 4 in the registry: its three parts post to their own pages, so none to the shared save route. */
export const platformApplicationStep: StepEntry = {
  formFields: [],
  readiness: (f) => allPartErrors(f.answers as Raw, f.hasAuthLetter),
  reviewLabels: REVIEW_GROUPS,
};
