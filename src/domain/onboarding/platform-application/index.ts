/**
 * @module
 * Onboarding step 4, ขอใช้บริการขึ้นแพลตฟอร์มกลาง: the DGA's "แบบฟอร์มแจ้ง
 * ความประสงค์ขอเชื่อมโยงบริการกับแพลตฟอร์มดิจิทัลกลางฯ" in its three parts, as
 * section 6 of the manual describes them:
 *
 * 1. ข้อมูลผู้แจ้งความประสงค์ — the agency, the person it assigns, the
 *    Administrator who receives the Credential, the signed letter, and whom
 *    DGA Contact Center calls when the service has a problem (`part1-applicant`,
 *    with the free-mail advice in `free-mail`);
 * 2. รายละเอียดของบริการ — the service, the data and features it wants, and its
 *    profile access (mToken or OIDC, the same rules as step 2) (`part2-service`,
 *    prefilled from steps 1 and 2 by `prefill`);
 * 3. คำรับรองและคำยินยอม — three statements, each accepted with "ตกลง"
 *    (`part3-consents`).
 *
 * Each part has its own schema. Input is what an HTML form posts (strings, a
 * string or string[] for repeated fields, nothing for an unticked box); error
 * paths are the HTML field names. Either/or branches are discriminated unions,
 * joined with `.and()` so that every sub-form is checked on every submit and
 * all messages come back at once; a hidden branch's fields are not in the output.
 * The field helpers they share are in `fields`; the parts together (labels,
 * fields, conditional groups, checking) in `form`. This file is the public API
 * and the step's entry in the registry.
 */
import type { StepEntry } from "../step-entry";
import { allPartErrors, type Raw } from "./form";

export type { RawValues } from "./fields";
export {
  ADMIN_SAME,
  administratorOf,
  AGENCY_TYPES,
  type AgencyType,
  APPLICATION_FORM_TITLE,
  assigneeOf,
  AUTH_LETTER_REQUIRED,
  CONTACT_CHANNELS,
  COORDINATOR_WHO,
  PART1_NOTES,
  part1Form,
  type Part1Form,
  type Person,
  PERSON_FIELDS,
  PERSON_ROLES,
  personFieldNames,
  type PersonRole,
  problemContactOf,
} from "./part1-applicant";
export { FREE_MAIL_DOMAINS, freeMailWarnings, isFreeMailDomain, PART1_EMAIL_FIELDS } from "./free-mail";
export {
  DEVICE_ACCESS_STEP4,
  IDENTITY_LEVELS_STEP4,
  type IdentityLevelStep4,
  JURISTIC_DATA,
  type JuristicData,
  PART2_NOTES,
  PART2_OPTIONS,
  part2Form,
  type Part2Form,
  TARGET_USERS,
  type TargetUsers,
} from "./part2-service";
export { CONSENT_VALUE, type ConsentKey, CONSENTS, part3Form, type Part3Form } from "./part3-consents";
export { prefillFromEarlierSteps } from "./prefill";
export {
  allPartErrors,
  GROUP_FIELDS,
  groupsByPart,
  LIST_FIELDS,
  PART_FIELDS,
  PART_LABELS,
  type PartField,
  type PartNo,
  partErrors,
  PARTS,
  platformApplicationValues,
  type Raw,
  type VisibleGroups,
  visibleFields,
} from "./form";

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
