/**
 * @module
 * Step 2, พัฒนาและติดตั้ง UAT: profile access (mToken or OIDC URLs on the
 * service's own domain) and the testers given the UAT app. Pre-production
 * (step 5) asks for the same.
 */
import * as z from "zod/mini";
import { email, thaiId, thaiPhone } from "../contact";
import { asArray, fieldsParsed, presentOrEmpty, required } from "./form-fields";
import { preprocess, transformIssue, validateForm, type FieldErrors } from "../forms";
import type { StepEntry, StepFacts } from "./step-entry";

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
  required(label).check(
    z.superRefine((s, ctx) => {
      const problem = s === "" ? null : urlProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  );

/**
 * A list of URLs: one per hidden input (string[]) or typed one per line in a
 * textarea (a newline-separated string); blank lines dropped.
 */
const urlList = (label: string) =>
  preprocess(
    (v) =>
      asArray(v)
        .flatMap((item) => (typeof item === "string" ? item.split(/\r?\n/) : [item]))
        .map((item) => (typeof item === "string" ? item.trim() : item))
        .filter((item) => item !== ""),
    z
      .array(
        z.string({ error: `${label}ไม่ถูกต้อง` }).check(
          z.superRefine((s, ctx) => {
            const problem = urlProblem(s);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
          }),
        ),
      )
      .check(
        z.minLength(1, `กรุณาเพิ่ม ${label} อย่างน้อย 1 รายการ`),
        z.maxLength(CALLBACKS_MAX, `เพิ่ม ${label} ได้ไม่เกิน ${CALLBACKS_MAX} รายการ`),
        z.superRefine((items, ctx) => {
          items.forEach((s, i) => {
            if (items.indexOf(s) < i) ctx.addIssue({ code: "custom", path: [i], message: `${s} ซ้ำกับรายการก่อนหน้า` });
          });
        }),
      ),
  );

const DOMAIN_EXAMPLE = "(เช่น service.go.th)";

/**
 * A bare host name, lower-cased; a Thai (IDN) name comes out in its punycode
 * form, which is what a URL's hostname is compared in.
 */
const domainField = z.pipe(
  required("Domain"),
  z.transform((s, ctx) => {
    const input = s.toLowerCase();
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(input)) {
      return transformIssue(ctx, `กรุณากรอกเฉพาะชื่อโดเมน ไม่ต้องมี https:// ${DOMAIN_EXAMPLE}`);
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
      return transformIssue(ctx, `Domain ไม่ถูกต้อง ${DOMAIN_EXAMPLE}`);
    }
    return host;
  }),
);

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
  .check(
    z.superRefine(
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
    ),
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
  fullName: required("ชื่อ – นามสกุล").check(z.maxLength(200, "ชื่อ – นามสกุลยาวเกินไป (ไม่เกิน 200 ตัวอักษร)")),
  organisation: required("หน่วยงาน").check(z.maxLength(200, "ชื่อหน่วยงานยาวเกินไป (ไม่เกิน 200 ตัวอักษร)")),
  email: presentOrEmpty(email),
  phone: presentOrEmpty(thaiPhone),
  nationalId: presentOrEmpty(thaiId),
  os: z.enum(["ios", "android"], { error: "กรุณาเลือกระบบปฏิบัติการ (iOS หรือ Android)" }),
});
export type TesterForm = z.output<typeof testerForm>;

/**
 * Changing a tester: the form does not show the national ID again (showing it
 * would be an unrecorded view), so a blank one keeps the ID on record.
 */
export const testerEditForm = z.extend(testerForm, {
  nationalId: preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v), z.nullable(thaiId)),
});
export type TesterEditForm = z.output<typeof testerEditForm>;
export const KEEP_PID_HINT = "กรอกใหม่หากต้องการแก้ไข (เว้นว่างไว้เพื่อใช้เลขเดิม)";

export const TESTER_LABELS: Record<keyof TesterForm, string> = {
  fullName: "ชื่อ – นามสกุล",
  organisation: "หน่วยงาน",
  email: "อีเมล",
  phone: "เบอร์โทรศัพท์",
  nationalId: "เลขบัตรประชาชน",
  os: "ระบบปฏิบัติการ",
};

/** The set-up form with at least one tester: what UAT (and pre-production) need before a submit. */
export function setupErrors(f: StepFacts): FieldErrors {
  const form = validateForm(step2Form, f.answers);
  const errors: FieldErrors = form.ok ? {} : form.errors;
  if (f.testers < MIN_TESTERS) errors.testers = TESTERS_REQUIRED;
  return errors;
}

/** Step 2 in the registry. */
export const uatStep: StepEntry = {
  formFields: Object.keys(STEP2_LABELS),
  readiness: setupErrors,
  reviewLabels: { ...STEP2_LABELS, testers: "ผู้ทดสอบ" },
};
