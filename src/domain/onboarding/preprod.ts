/**
 * @module
 * Step 5, พัฒนาและติดตั้ง Pre-Production: the same set-up form and testers as
 * UAT, plus a service icon of at least 120×120 and screenshots (the App Id and
 * Consumer Key it also owns are issued, not filled in).
 */
import type { StepEntry } from "./step-entry";
import { setupErrors, STEP2_LABELS } from "./uat";

/** Step 5 in the registry. */
export const preprodStep: StepEntry = {
  formFields: Object.keys(STEP2_LABELS),
  readiness: (f) => {
    const errors = setupErrors(f);
    if (!f.hasIcon) errors.icon = "กรุณาอัปโหลดไอคอนบริการ";
    if (f.screenshots === 0) errors.screenshots = "กรุณาเพิ่มภาพหน้าจออย่างน้อย 1 ภาพ";
    return errors;
  },
  reviewLabels: { ...STEP2_LABELS, testers: "ผู้ทดสอบ", icon: "ไอคอน", screenshots: "ภาพหน้าจอ" },
};
