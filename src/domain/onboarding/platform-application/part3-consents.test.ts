/**
 * @module
 * Part 3 of step 4 (คำรับรองและคำยินยอม).
 */
import { describe, expect, it } from "vitest";
import { CONSENTS, part3Form } from "./part3-consents";
import { dataOf, errorsOf } from "./test-fixtures";

describe("part 3: คำรับรองและคำยินยอม", () => {
  const allAgreed = Object.fromEntries(CONSENTS.map((c) => [c.key, "agree"]));

  it("carries the manual's three statements word for word", () => {
    expect(CONSENTS.map((c) => c.key)).toEqual(["consentDataAccess", "consentAccuracy", "consentTerms"]);
    expect(CONSENTS[0].th).toMatch(/^ข้าพเจ้ายินยอมให้สำนักงาน.*เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ ที่ข้าพเจ้าได้ให้ไว้/);
    expect(CONSENTS[1].th).toMatch(/^ข้าพเจ้าขอรับรองว่าข้อมูล ตลอดจนเอกสารและหลักฐานต่าง ๆ มีความถูกต้อง ครบถ้วน/);
    expect(CONSENTS[1].th).toMatch(/ภายในระยะเวลาที่ สพร\. กำหนด$/);
    expect(CONSENTS[2].th).toBe(
      'ข้าพเจ้าได้อ่านและตกลงที่จะปฏิบัติตามข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice) เกี่ยวกับการนำบริการภาครัฐมาให้บริการบนแพลตฟอร์มดิจิทัลกลาง "ทางรัฐ" ตลอดจนข้อกำหนดอื่นใดที่เกี่ยวข้อง',
    );
  });

  it("needs each statement accepted, each message on its own checkbox", () => {
    expect(errorsOf(part3Form, {})).toEqual({
      consentDataAccess: "กรุณากด ตกลง เพื่อยอมรับการให้ สพร. เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ",
      consentAccuracy: "กรุณากด ตกลง เพื่อยอมรับคำรับรองความถูกต้องของข้อมูล เอกสาร และหลักฐาน",
      consentTerms: "กรุณากด ตกลง เพื่อยอมรับข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice)",
    });
    expect(errorsOf(part3Form, { ...allAgreed, consentAccuracy: "yes" })).toEqual({
      consentAccuracy: "กรุณากด ตกลง เพื่อยอมรับคำรับรองความถูกต้องของข้อมูล เอกสาร และหลักฐาน",
    });
    for (const c of CONSENTS) expect(c.message).toMatch(/^กรุณากด ตกลง เพื่อยอมรับ/);
  });

  it("accepts all three", () => {
    expect(dataOf(part3Form, { ...allAgreed, consentTerms: " agree " })).toEqual({
      consentDataAccess: true,
      consentAccuracy: true,
      consentTerms: true,
    });
  });
});
