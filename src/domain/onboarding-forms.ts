/**
 * @module
 * The agency's forms for onboarding steps 1 (ขอ Credential) and 2 (พัฒนาและ
 * ติดตั้ง UAT: profile access and testers), as the DGA manual describes them.
 * Input is what an HTML form posts: strings, a string or string[] for repeated
 * fields, nothing at all for an unticked checkbox group.
 */
import { z } from "zod";
import { email, thaiId, thaiPhone } from "./contact";

// ---------------------------------------------------------------------------
// Text length as people count it

const graphemes = new Intl.Segmenter("th", { granularity: "grapheme" });

/**
 * Characters as a reader counts them: a Thai consonant with its vowel and tone
 * marks is one ("ที่" is 3 code units, 1 grapheme; so is "น้ำ"). The manual's
 * "ไม่เกิน 140 ตัวอักษร" is shown on a counter in the browser, which must agree.
 */
export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Dates: Bangkok calendar, Thai fiscal year, Buddhist-era display

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000; // Thailand has no daylight saving.

/** The Bangkok calendar date of `instant` as `YYYY-MM-DD`. */
export function bangkokIsoDate(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last day (`YYYY-MM-DD`, Gregorian) of the government fiscal year containing
 * `today` in Bangkok. The year runs 1 October – 30 September, so from October on
 * it ends next September: 2026-02-06 → "2026-09-30", 2026-10-01 → "2027-09-30".
 */
export function fiscalYearEnd(today: Date): string {
  const [year, month] = bangkokIsoDate(today).split("-").map(Number) as [number, number];
  return `${month >= 10 ? year + 1 : year}-09-30`;
}

/** True for a real calendar date written `YYYY-MM-DD` (what `<input type="date">` posts). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const THAI_MONTHS_SHORT = [
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
];

/**
 * `2026-09-30` → `30 ก.ย. 2569`. Done by table rather than Intl so a message built
 * here reads the same on every runtime, whatever its ICU data.
 */
export function thaiShortDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return `${d} ${THAI_MONTHS_SHORT[m - 1]} ${y + 543}`;
}

// ---------------------------------------------------------------------------
// HTML form helpers

/**
 * A repeated field as a list: a checkbox group posts nothing when none is
 * ticked, one string for one, and an array for several.
 */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...v] : [v];
}

/**
 * For object-level checks: run whenever the fields the check reads parsed, even
 * if others did not, so every problem on the form is reported in one go.
 */
function fieldsParsed(...fields: string[]) {
  return (p: z.core.ParsePayload) =>
    typeof p.value === "object" && p.value !== null && !p.issues.some((i) => fields.includes(String(i.path?.[0])));
}

/**
 * A required text field. Not `abort: true`: zod then skips every object-level
 * check, even the ones given `when`, and the cross-field messages would only
 * appear after a second submit. The checks after this one skip "" themselves.
 */
const required = (label: string) => z.string({ error: `กรุณากรอก${label}` }).trim().min(1, `กรุณากรอก${label}`);

/** A field missing from the post is an empty one, so the shared schemas give their Thai "กรุณากรอก…". */
const presentOrEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? "", schema);

/** Required text capped in graphemes; the message shows the count so the user knows how much to cut. */
const countedText = (label: string, max: number) =>
  required(label).superRefine((s, ctx) => {
    const n = graphemeLength(s);
    if (n > max) ctx.addIssue({ code: "custom", message: `${label}ต้องไม่เกิน ${max} ตัวอักษร (ตอนนี้ ${n})` });
  });

const yesNo = (message: string) => z.enum(["yes", "no"], { error: message });

/** A checkbox group: the ticked keys, once each, in the order offered. Blank values (a sentinel hidden input) are ignored. */
const checkboxes = <K extends string>(keys: readonly [K, ...K[]], message: string) =>
  z.preprocess(
    (v) => asArray(v).filter((x) => x !== ""),
    z.array(z.enum(keys, { error: message })).transform((picked) => keys.filter((k) => picked.includes(k))),
  );

// ---------------------------------------------------------------------------
// Step 1: ขอ Credential

/** Categories of the central platform "ทางรัฐ"; the last is for a service not yet classified. */
export const ESERVICE_CATEGORIES = [
  "ทะเบียนราษฎรและบัตรประจำตัว",
  "สวัสดิการและความช่วยเหลือ",
  "สุขภาพและการแพทย์",
  "การศึกษา",
  "การทำงานและอาชีพ",
  "ภาษีและการเงิน",
  "ธุรกิจและการค้า",
  "เกษตรกรรม",
  "ที่ดินและที่อยู่อาศัย",
  "การเดินทางและยานพาหนะ",
  "กฎหมายและความยุติธรรม",
  "ความปลอดภัยและเหตุฉุกเฉิน",
  "สิ่งแวดล้อมและพลังงาน",
  "ท่องเที่ยว ศาสนา และวัฒนธรรม",
  "บริการที่อยู่ระหว่างการพัฒนา",
] as const;
export type EServiceCategory = (typeof ESERVICE_CATEGORIES)[number];
/** The manual: unsure agencies pick this and change it at Pre-Production. */
export const ESERVICE_CATEGORY_UNDECIDED: EServiceCategory = "บริการที่อยู่ระหว่างการพัฒนา";

export const PERSONAL_DATA_FIELDS = {
  pid: "เลขประจำตัวประชาชน",
  first_name: "ชื่อ",
  last_name: "นามสกุล",
  birthdate: "วัน/เดือน/ปีเกิด",
  mobile: "เบอร์โทรศัพท์มือถือ",
  email: "อีเมล",
} as const;
export type PersonalDataField = keyof typeof PERSONAL_DATA_FIELDS;
export const PERSONAL_DATA_KEYS = Object.keys(PERSONAL_DATA_FIELDS) as [PersonalDataField, ...PersonalDataField[]];

export const IDENTITY_LEVELS = {
  id_card: "ยืนยันตัวตนด้วยบัตรประชาชน",
  id_card_face: "ยืนยันตัวตนด้วยบัตรประชาชนร่วมกับการสแกนใบหน้า (Face Recognition)",
} as const;
export type IdentityLevel = keyof typeof IDENTITY_LEVELS;
export const IDENTITY_LEVEL_KEYS = Object.keys(IDENTITY_LEVELS) as [IdentityLevel, ...IdentityLevel[]];

export const DEVICE_ACCESS = {
  gps: "ตำแหน่งที่ตั้ง (GPS Latitude, Longitude)",
  camera: "กล้องถ่ายรูป",
  microphone: "ไมโครโฟน",
  save_files: "บันทึกเอกสาร, รูปภาพ ลงเครื่อง",
} as const;
export type DeviceAccess = keyof typeof DEVICE_ACCESS;
export const DEVICE_ACCESS_KEYS = Object.keys(DEVICE_ACCESS) as [DeviceAccess, ...DeviceAccess[]];

export const SHORT_DESCRIPTION_MAX = 140;
export const FULL_DESCRIPTION_MAX = 10_000;
export const ICON_CONCEPT_MAX = 1000;
export const TASKS_MAX = 20;
export const TASK_NAME_MAX = 200;

/**
 * The งานบริการ under the e-Service, one per input. Blank rows (the empty one a
 * form keeps for adding) are dropped; paths like `tasks.2` keep the posted index
 * so the message lands on the right input.
 */
const tasksField = z.preprocess(
  (v) => asArray(v),
  z
    .array(z.string({ error: "ชื่องานบริการไม่ถูกต้อง" }))
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((raw, i) => {
        const name = raw.trim();
        if (!name) return;
        const n = graphemeLength(name);
        if (n > TASK_NAME_MAX) {
          ctx.addIssue({
            code: "custom",
            path: [i],
            message: `ชื่องานบริการต้องไม่เกิน ${TASK_NAME_MAX} ตัวอักษร (ตอนนี้ ${n})`,
          });
        } else if (seen.has(name)) {
          ctx.addIssue({ code: "custom", path: [i], message: `งานบริการ "${name}" ซ้ำกับรายการก่อนหน้า` });
        }
        seen.add(name);
      });
      const count = items.filter((s) => s.trim()).length;
      if (count < 1) ctx.addIssue({ code: "custom", message: "กรุณาเพิ่มงานบริการอย่างน้อย 1 รายการ" });
      if (count > TASKS_MAX) {
        ctx.addIssue({ code: "custom", message: `เพิ่มงานบริการได้ไม่เกิน ${TASKS_MAX} รายการ (ตอนนี้ ${count})` });
      }
    })
    .transform((items) => items.map((s) => s.trim()).filter(Boolean)),
);

/**
 * The ขอ Credential form. `latestLaunchDate` (`YYYY-MM-DD`) is the last launch
 * date allowed, normally `fiscalYearEnd(now)`; it comes in rather than being
 * read from a clock so the rule stays testable.
 *
 * `hasIcon` is a hidden field the route sets to "yes" when an icon file is
 * stored: the concept is asked for only then ("-" when the agency has none to give).
 */
export function step1Form(opts: { latestLaunchDate: string }) {
  const { latestLaunchDate } = opts;
  if (!isIsoDate(latestLaunchDate)) throw new Error(`latestLaunchDate must be YYYY-MM-DD: ${latestLaunchDate}`);

  return z
    .object({
      category: z.enum(ESERVICE_CATEGORIES, { error: "กรุณาเลือกหมวดหมู่ e-Service" }),
      shortDescription: countedText("รายละเอียดแบบย่อ", SHORT_DESCRIPTION_MAX),
      fullDescription: countedText("รายละเอียดแบบเต็ม", FULL_DESCRIPTION_MAX),
      hasIcon: z.preprocess((v) => v === "yes", z.boolean()),
      iconConcept: z
        .string()
        .trim()
        .optional()
        .transform((v) => v ?? "")
        .superRefine((s, ctx) => {
          const n = graphemeLength(s);
          if (n > ICON_CONCEPT_MAX) {
            ctx.addIssue({
              code: "custom",
              message: `แนวคิดของไอคอนต้องไม่เกิน ${ICON_CONCEPT_MAX} ตัวอักษร (ตอนนี้ ${n})`,
            });
          }
        }),
      launchDate: z
        .string({ error: "กรุณาเลือกกำหนดการเปิดใช้งาน" })
        .trim()
        .min(1, "กรุณาเลือกกำหนดการเปิดใช้งาน")
        .refine((d) => d === "" || isIsoDate(d), "กำหนดการเปิดใช้งานไม่ใช่วันที่ที่ถูกต้อง")
        .refine(
          (d) => !isIsoDate(d) || d <= latestLaunchDate,
          `กำหนดการเปิดใช้งานต้องไม่เกินวันที่ ${thaiShortDate(latestLaunchDate)}`,
        ),
      wantsPersonalData: yesNo("กรุณาเลือกว่าบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่"),
      personalData: checkboxes(PERSONAL_DATA_KEYS, "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง"),
      identityLevel: z.enum(IDENTITY_LEVEL_KEYS, { error: "กรุณาเลือกรูปแบบการยืนยันตัวตน" }),
      wantsNotification: yesNo("กรุณาเลือกว่าบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่"),
      deviceAccess: checkboxes(DEVICE_ACCESS_KEYS, "อุปกรณ์ที่เลือกไม่ถูกต้อง"),
      tasks: tasksField,
    })
    .superRefine(
      (v, ctx) => {
        if (v.hasIcon && v.iconConcept === "") {
          ctx.addIssue({
            code: "custom",
            path: ["iconConcept"],
            message: "กรุณากรอกแนวคิดของไอคอน (หากไม่ประสงค์ระบุ ให้ใส่เครื่องหมาย -)",
          });
        }
      },
      { when: fieldsParsed("hasIcon", "iconConcept") },
    )
    .superRefine(
      (v, ctx) => {
        if (v.wantsPersonalData === "yes" && v.personalData.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["personalData"],
            message: "กรุณาเลือกข้อมูลส่วนบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
          });
        }
      },
      { when: fieldsParsed("wantsPersonalData", "personalData") },
    )
    .transform((v) => ({
      ...v,
      // What the agency no longer asks for is not stored: a concept without an
      // icon, or data fields ticked before answering "ไม่ต้องการ".
      iconConcept: v.hasIcon ? v.iconConcept : null,
      personalData: v.wantsPersonalData === "yes" ? v.personalData : [],
    }));
}
export type Step1Form = z.output<ReturnType<typeof step1Form>>;

export const STEP1_LABELS = {
  category: "หมวดหมู่ e-Service",
  shortDescription: "รายละเอียดแบบย่อ",
  fullDescription: "รายละเอียดแบบเต็ม",
  iconConcept: "แนวคิด (Concept) ของไอคอน",
  launchDate: "กำหนดการเปิดใช้งาน",
  wantsPersonalData: "บริการของคุณต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่",
  personalData: "ข้อมูลส่วนบุคคลที่ต้องการเข้าถึง",
  identityLevel: "รูปแบบการยืนยันตัวตน",
  wantsNotification: "บริการของคุณต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
  deviceAccess: "อุปกรณ์ที่ต้องการเข้าถึง",
  tasks: "รายชื่องานบริการ",
} as const satisfies Record<Exclude<keyof Step1Form, "hasIcon">, string>;

// ---------------------------------------------------------------------------
// Step 2: profile access (mToken or OIDC)

export const PROFILE_ACCESS = {
  mtoken: "mToken",
  oidc: "OIDC (Digital ID)",
} as const;
export type ProfileAccess = keyof typeof PROFILE_ACCESS;

export const CALLBACKS_MAX = 10;
const URL_MAX = 2000;

/**
 * What is wrong with `raw` as a public URL with one of `protocols`, naming it; null
 * when nothing is. Shared by steps 2 and 4.
 */
export function urlProblem(raw: string, protocols: readonly string[] = ["https:"]): string | null {
  if (raw.length > URL_MAX) return `URL ยาวเกินไป (ไม่เกิน ${URL_MAX} ตัวอักษร)`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${raw} ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)`;
  }
  if (!protocols.includes(url.protocol)) {
    return protocols.length === 1 ? `${raw} ต้องขึ้นต้นด้วย https://` : `${raw} ต้องขึ้นต้นด้วย http:// หรือ https://`;
  }
  if (url.username || url.password) return `${raw} ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่านใน URL`;
  // A public address has a domain name, not a single label like "localhost".
  if (!url.hostname.includes(".")) return `${raw} ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)`;
  return null;
}

/** True when `raw` (already a valid https URL) is served from `domain` or a subdomain of it. */
export function isUrlInDomain(raw: string, domain: string): boolean {
  let host: string;
  try {
    host = new URL(raw).hostname;
  } catch {
    return false;
  }
  // A suffix match on ".domain" rejects both "evilservice.go.th" and "service.go.th.evil.com".
  return host === domain || host.endsWith(`.${domain}`);
}

const httpsUrl = (label: string) =>
  required(label).superRefine((s, ctx) => {
    const problem = s === "" ? null : urlProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * A list of URLs: one per hidden input (string[]) or typed one per line in a
 * textarea (a newline-separated string); blank lines dropped.
 */
const urlList = (label: string) =>
  z.preprocess(
    (v) =>
      asArray(v)
        .flatMap((item) => (typeof item === "string" ? item.split(/\r?\n/) : [item]))
        .map((item) => (typeof item === "string" ? item.trim() : item))
        .filter((item) => item !== ""),
    z
      .array(
        z.string({ error: `${label}ไม่ถูกต้อง` }).superRefine((s, ctx) => {
          const problem = urlProblem(s);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      )
      .min(1, `กรุณาเพิ่ม ${label} อย่างน้อย 1 รายการ`)
      .max(CALLBACKS_MAX, `เพิ่ม ${label} ได้ไม่เกิน ${CALLBACKS_MAX} รายการ`)
      .superRefine((items, ctx) => {
        items.forEach((s, i) => {
          if (items.indexOf(s) < i) ctx.addIssue({ code: "custom", path: [i], message: `${s} ซ้ำกับรายการก่อนหน้า` });
        });
      }),
  );

const DOMAIN_EXAMPLE = "(เช่น service.go.th)";

/**
 * A bare host name, lower-cased; a Thai (IDN) name comes out in its punycode
 * form, which is what a URL's hostname is compared in.
 */
const domainField = required("Domain").transform((s, ctx) => {
  const input = s.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(input)) {
    ctx.addIssue({ code: "custom", message: `กรุณากรอกเฉพาะชื่อโดเมน ไม่ต้องมี https:// ${DOMAIN_EXAMPLE}` });
    return z.NEVER;
  }
  let host = "";
  if (!/[\s/:@?#\\]/.test(input)) {
    try {
      host = new URL(`https://${input}`).hostname;
    } catch {
      // falls through to the message below
    }
  }
  const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  if (host.length > 253 || !new RegExp(`^(?:${label}\\.)+${label}$`).test(host) || /^[\d.]+$/.test(host)) {
    ctx.addIssue({ code: "custom", message: `Domain ไม่ถูกต้อง ${DOMAIN_EXAMPLE}` });
    return z.NEVER;
  }
  return host;
});

const mtokenAccess = z.object({
  profileAccess: z.literal("mtoken"),
  landingUrl: httpsUrl("Landing Page URL"),
});

const oidcAccess = z
  .object({
    profileAccess: z.literal("oidc"),
    domain: domainField,
    landingUrl: httpsUrl("Landing Page URL"),
    loginCallbacks: urlList("Callback URL"),
    logoutCallbacks: urlList("Logout Callback URL"),
  })
  .superRefine(
    (v, ctx) => {
      const outside = (raw: unknown) =>
        typeof raw === "string" && urlProblem(raw) === null && !isUrlInDomain(raw, v.domain);
      const message = (raw: string) => `${raw} ไม่อยู่ในโดเมน ${v.domain}`;
      if (outside(v.landingUrl)) ctx.addIssue({ code: "custom", path: ["landingUrl"], message: message(v.landingUrl) });
      for (const field of ["loginCallbacks", "logoutCallbacks"] as const) {
        const list: unknown = v[field];
        if (!Array.isArray(list)) continue;
        list.forEach((raw: unknown, i) => {
          if (outside(raw)) ctx.addIssue({ code: "custom", path: [field, i], message: message(raw as string) });
        });
      }
    },
    // Each URL's own problems are reported by its field; this only needs the domain.
    { when: fieldsParsed("domain") },
  );

/**
 * Profile access for step 2. With OIDC every URL — landing page and callbacks —
 * must be https on the registered domain or a subdomain of it: Digital ID will
 * redirect citizens, with their tokens, to these addresses.
 */
export const step2Form = z.discriminatedUnion("profileAccess", [mtokenAccess, oidcAccess], {
  error: "กรุณาเลือกรูปแบบการเชื่อมโยงบริการ (Profile access)",
});
export type Step2Form = z.output<typeof step2Form>;

export const STEP2_LABELS = {
  profileAccess: "รูปแบบการเชื่อมโยงบริการ (Profile access)",
  landingUrl: "Landing Page URL",
  domain: "Domain",
  loginCallbacks: "Callback URL",
  logoutCallbacks: "Logout Callback URL",
} as const;

// ---------------------------------------------------------------------------
// Step 2: testers on the UAT "ทางรัฐ" app

export const TESTER_OS = { ios: "iOS", android: "Android" } as const;
export type TesterOs = keyof typeof TESTER_OS;

/** The manual: "อย่างน้อย 1" tester, so สพร. can grant someone access to ทางรัฐ UAT. */
export const MIN_TESTERS = 1;
export const TESTERS_REQUIRED = "กรุณาเพิ่มผู้ทดสอบอย่างน้อย 1 คน";

export const testerForm = z.object({
  fullName: required("ชื่อ – นามสกุล").max(200, "ชื่อ – นามสกุลยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"),
  organisation: required("หน่วยงาน").max(200, "ชื่อหน่วยงานยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"),
  email: presentOrEmpty(email),
  phone: presentOrEmpty(thaiPhone),
  nationalId: presentOrEmpty(thaiId),
  os: z.enum(["ios", "android"], { error: "กรุณาเลือกระบบปฏิบัติการ (iOS หรือ Android)" }),
});
export type TesterForm = z.output<typeof testerForm>;

export const TESTER_LABELS: Record<keyof TesterForm, string> = {
  fullName: "ชื่อ – นามสกุล",
  organisation: "หน่วยงาน",
  email: "อีเมล",
  phone: "เบอร์โทรศัพท์",
  nationalId: "เลขบัตรประชาชน",
  os: "ระบบปฏิบัติการ",
};
