/**
 * @module
 * Part 2 of step 4 prefilled from what steps 1 (ขอ Credential) and 2 (profile
 * access) already said.
 */
import { isIsoDate } from "../../dates";
import { IDENTITY_LEVELS, PERSONAL_DATA_KEYS } from "../credentials";
import { asArray } from "../form-fields";
import { PROFILE_ACCESS } from "../uat";
import { str, type RawValues } from "./fields";
import { DEVICE_ACCESS_STEP4_KEYS } from "./part2-service";

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
