/**
 * @module
 * Part 2 of step 4, รายละเอียดของบริการ: the service, the data and features it
 * wants, and its profile access (mToken or OIDC, the same rules as step 2).
 */
import * as z from "zod/mini";
import { preprocess } from "../../forms";
import { dateAnswerProblem } from "../../dates";
import { DEVICE_ACCESS, type IdentityLevel, PERSONAL_DATA_FIELDS, PERSONAL_DATA_KEYS } from "../credentials";
import { PROFILE_ACCESS, step2Form } from "../uat";
import { checkboxes, choice, httpsUrl, optionalText, requiredText, trimDiscriminators, yesNo } from "./fields";

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
export const DEVICE_ACCESS_STEP4_KEYS = ["gps", "camera", "microphone"] as const satisfies readonly (keyof typeof DEVICE_ACCESS)[];

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

const LAUNCH_DATE_MISSING = "กรุณาเลือกวันที่ต้องการเปิดให้บริการจริง (ประมาณการ)";

const part2Base = z.object({
  launchDate: z.string({ error: LAUNCH_DATE_MISSING }).check(
    z.trim(),
    z.minLength(1, LAUNCH_DATE_MISSING),
    z.superRefine((d, ctx) => {
      const problem = dateAnswerProblem(d, "วันที่ต้องการเปิดให้บริการจริง");
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  ),
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
export const part2Form = preprocess(
  trimDiscriminators,
  z.intersection(z.intersection(z.intersection(part2Base, targetUsersSchema), personalDataSchema), step2Form),
);
export type Part2Form = z.output<typeof part2Form>;

/** Labels of part 2's checkbox options, for the view (step 1's personal data labels reused). */
export const PART2_OPTIONS = {
  personalData: PERSONAL_DATA_FIELDS,
  juristicData: JURISTIC_DATA,
  deviceAccess: DEVICE_ACCESS_STEP4,
  identityLevel: IDENTITY_LEVELS_STEP4,
  targetUsers: TARGET_USERS,
  profileAccess: PROFILE_ACCESS,
} as const;
