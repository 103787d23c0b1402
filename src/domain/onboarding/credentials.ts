/**
 * @module
 * Step 1, ขอ Credential: the form the DGA manual describes, and its registry
 * entry (what the form posts, when it may be submitted, what an officer
 * comments on).
 */
import * as z from "zod/mini";
import { dateAnswerProblem, fiscalYearEnd, isIsoDate, thaiShortDate } from "../dates";
import { preprocess, validateForm } from "../forms";
import { asArray, checkboxes, countedText, fieldsParsed, graphemeLength, yesNo } from "./form-fields";
import type { StepEntry } from "./step-entry";

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
const tasksField = preprocess(
  (v) => asArray(v),
  z.pipe(
    z.array(z.string({ error: "ชื่องานบริการไม่ถูกต้อง" })).check(
      z.superRefine((items, ctx) => {
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
      }),
    ),
    z.transform((items) => items.map((s) => s.trim()).filter(Boolean)),
  ),
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

  const fields = z
    .object({
      category: z.enum(ESERVICE_CATEGORIES, { error: "กรุณาเลือกหมวดหมู่ e-Service" }),
      shortDescription: countedText("รายละเอียดแบบย่อ", SHORT_DESCRIPTION_MAX),
      fullDescription: countedText("รายละเอียดแบบเต็ม", FULL_DESCRIPTION_MAX),
      hasIcon: preprocess((v) => v === "yes", z.boolean()),
      iconConcept: z
        .pipe(
          z.optional(z.string().check(z.trim())),
          z.transform((v) => v ?? ""),
        )
        .check(
          z.superRefine((s, ctx) => {
            const n = graphemeLength(s);
            if (n > ICON_CONCEPT_MAX) {
              ctx.addIssue({
                code: "custom",
                message: `แนวคิดของไอคอนต้องไม่เกิน ${ICON_CONCEPT_MAX} ตัวอักษร (ตอนนี้ ${n})`,
              });
            }
          }),
        ),
      launchDate: z.string({ error: "กรุณาเลือกกำหนดการเปิดใช้งาน" }).check(
        z.trim(),
        z.minLength(1, "กรุณาเลือกกำหนดการเปิดใช้งาน"),
        z.superRefine((d, ctx) => {
          const problem = dateAnswerProblem(d, "กำหนดการเปิดใช้งาน");
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
        z.refine(
          (d) => !isIsoDate(d) || d <= latestLaunchDate,
          `กำหนดการเปิดใช้งานต้องไม่เกินวันที่ ${thaiShortDate(latestLaunchDate)}`,
        ),
      ),
      wantsPersonalData: yesNo("กรุณาเลือกว่าบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่"),
      personalData: checkboxes(PERSONAL_DATA_KEYS, "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง"),
      identityLevel: z.enum(IDENTITY_LEVEL_KEYS, { error: "กรุณาเลือกรูปแบบการยืนยันตัวตน" }),
      wantsNotification: yesNo("กรุณาเลือกว่าบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่"),
      deviceAccess: checkboxes(DEVICE_ACCESS_KEYS, "อุปกรณ์ที่เลือกไม่ถูกต้อง"),
      tasks: tasksField,
    })
    .check(
      z.superRefine(
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
      ),
      z.superRefine(
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
      ),
    );
  return z.pipe(
    fields,
    z.transform((v) => ({
      ...v,
      // What the agency no longer asks for is not stored: a concept without an
      // icon, or data fields ticked before answering "ไม่ต้องการ".
      iconConcept: v.hasIcon ? v.iconConcept : null,
      personalData: v.wantsPersonalData === "yes" ? v.personalData : [],
    })),
  );
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

/** Step 1 in the registry: its whole form is posted to the shared save route. */
export const credentialsStep: StepEntry = {
  formFields: [...Object.keys(STEP1_LABELS), "hasIcon"],
  readiness: (f) => {
    const form = validateForm(step1Form({ latestLaunchDate: fiscalYearEnd(f.now) }), f.answers);
    return form.ok ? {} : form.errors;
  },
  reviewLabels: STEP1_LABELS,
};
