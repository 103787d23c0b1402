/**
 * @module
 * Free e-mail in part 1 of step 4: allowed, but the manual advises
 * agency-issued addresses, so a shown e-mail field on a public webmail domain
 * gets a warning, never an error.
 */
import { str, type RawValues } from "./fields";
import { visibleFields } from "./form";

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
