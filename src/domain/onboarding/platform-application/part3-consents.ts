/**
 * @module
 * Part 3 of step 4, คำรับรองและคำยินยอม: three statements from the manual,
 * each accepted with "ตกลง".
 */
import * as z from "zod/mini";
import { preprocess } from "../../forms";
import { trimmed } from "./fields";

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
  z.pipe(preprocess(trimmed, z.literal(CONSENT_VALUE, { error: message })), z.transform(() => true as const));

const [consentDataAccess, consentAccuracy, consentTerms] = CONSENTS;

/** Part 3, คำรับรองและคำยินยอม: each statement accepted; the output is `true` for each. */
export const part3Form = z.object({
  consentDataAccess: agree(consentDataAccess.message),
  consentAccuracy: agree(consentAccuracy.message),
  consentTerms: agree(consentTerms.message),
} satisfies Record<ConsentKey, z.core.$ZodType>);
export type Part3Form = z.output<typeof part3Form>;
