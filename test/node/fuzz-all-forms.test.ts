/**
 * Hostile input to every form and upload of the router, as the role that may use
 * it: overlong and odd Unicode text, markup, SQL and template metacharacters,
 * repeated and wrongly typed fields (a file where text belongs), prototype keys,
 * hostile path parameters, files whose name or header lies. Whatever is sent:
 *
 * - never a 500, never an internal error in the page;
 * - a 4xx shows at least one error message, each in Thai (never zod's English);
 * - a 2xx/3xx stored the text as typed (as the form trims it) and the page that
 *   shows it shows it escaped; a redirect stays on this site (or goes to ThaiD);
 * - no HTML answer carries injected markup (an echoed value, a foreign <script>,
 *   an inline event handler);
 * - the twin side's records (university Y, applicant B, agency B) are unchanged;
 * - no run passes vacuously: every run opens with an all-good case (one shown
 *   field carrying markup), and a target fails unless some case was accepted, its
 *   stored value read back and found escaped on its page — or the target says why
 *   it has nothing to store or show (`noText`).
 *
 * The routes come from the router (like the authorization matrix): an unsafe
 * route with no target here fails the first test until it gets one, or a reason
 * in NOT_FUZZED. Cases come from a seeded PRNG (FUZZ_SEED replays another run).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  academicRequests,
  accountTokens,
  agencies,
  eservices,
  eserviceSteps,
  exportJobs,
  outboxMail,
  rateLimits,
  requestDocuments,
  sessions,
  siteSettings,
  testers,
  testResults,
  universities,
  users,
} from "../../src/db/schema";
import { ACTION_KEYS, availableActions, POSITION_KEYS, type RequestStatus } from "../../src/domain/academic";
import { NUL_MESSAGE } from "../../src/domain/forms";
import { AUDIT_SUBJECT_TYPES } from "../../src/domain/audit-forms";
import { ESERVICE_CATEGORIES } from "../../src/domain/onboarding/credentials";
import { PART_FIELDS, type PartNo } from "../../src/domain/onboarding/platform-application";
import { hashPassword, verifyPassword } from "../../src/services/password";
import { FUZZ_SEED, pick } from "../support/fuzz";
import {
  buildFuzzWorld,
  choice,
  COMPLETE_REQUEST,
  fileName,
  FIRST_LOGIN_NAME,
  fuzzTarget,
  idFrom,
  lastString,
  MOVE_NOTE,
  newestFile,
  partAnswer,
  rawAnswer,
  STEP1_GOOD,
  stepRow,
  targetName,
  trimmedChecks,
  trimmedOrNull,
  type FuzzWorld,
  type Good,
  type StoredCheck,
  type Target,
} from "../support/fuzz-runner";
import { addAccountLink, isSafe } from "../support/matrix-fixtures";

const MB = 1024 * 1024;

let w: FuzzWorld;
const started = Date.now();
const totals = { targets: 0, cases: 0, accepted: 0, refused: 0, readBack: 0 };

beforeAll(async () => {
  w = await buildFuzzWorld();
}, 60_000);

afterAll(() => {
  console.info(
    `fuzz-all-forms: ${totals.targets} targets, ${totals.cases} submissions, one all-good per target and the rest hostile ` +
      `(${totals.accepted} accepted, ${totals.readBack} of them read back; ${totals.refused} refused), seed ${FUZZ_SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return w?.t.close();
});

// ---------------------------------------------------------------------------
// Targets: one form (or upload) of one route, as someone who may use it.

/** Unsafe routes deliberately left out, each with its reason. */
const NOT_FUZZED: Record<string, string> = {};

const step1Fields: Record<string, Good> = {
  ...STEP1_GOOD,
  category: choice(...ESERVICE_CATEGORIES.slice(0, 3)),
  intent: choice("save", "check", "add_task"),
};

const step2Fields: Record<string, Good> = {
  profileAccess: choice("mtoken", "oidc"),
  landingUrl: "https://service.go.th/",
  domain: "service.go.th",
  loginCallbacks: ["https://service.go.th/cb"],
  logoutCallbacks: ["https://service.go.th/out"],
  intent: choice("save", "check"),
};

function stepFormTarget(stepNo: 1 | 2 | 5, fields: Record<string, Good>, shows: string[]): Target {
  return {
    key: "POST /eservices/:id/steps/:no",
    label: `step ${stepNo}`,
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}`,
    fields,
    stored: async (w, sent) => {
      const answers = ((await stepRow(w, w.primary.services[stepNo], stepNo)).answers ?? {}) as Record<string, unknown>;
      return Object.keys(fields)
        .filter((f) => f !== "intent" && sent.has(f))
        .map((f): StoredCheck => [f, answers[f], rawAnswer(sent.get(f), 20_000)]);
    },
    view: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}`,
    shows,
  };
}

const testerFields: Record<string, Good> = {
  fullName: "สมศรี ทดสอบ",
  organisation: "กรมเอ",
  email: "tester@dept.go.th",
  phone: "0812345678",
  nationalId: "1101700230368",
  os: choice("ios", "android"),
};

function testerAddTarget(stepNo: 2 | 5): Target {
  return {
    key: "POST /eservices/:id/steps/:no/testers",
    label: `step ${stepNo}`,
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}/testers`,
    fields: testerFields,
    stored: async (w, sent) => {
      const [row] = await w.t.db
        .select()
        .from(testers)
        .where(and(eq(testers.eserviceId, w.primary.services[stepNo]), eq(testers.stepNo, stepNo)))
        .orderBy(desc(sql`rowid`))
        .limit(1);
      return trimmedChecks(sent, row, ["fullName", "organisation"]);
    },
    view: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}`,
    shows: ["fullName", "organisation"],
  };
}

function attemptTarget(stepNo: 3 | 6): Target {
  return {
    key: "POST /eservices/:id/steps/:no/attempts",
    label: `step ${stepNo}`,
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}/attempts`,
    fields: { details: "ทดสอบครบทุกกรณี" },
    file: { kind: "xlsx", maxBytes: 10 * MB },
    stored: async (w, sent) => {
      const [row] = await w.t.db
        .select()
        .from(testResults)
        .where(and(eq(testResults.eserviceId, w.primary.services[stepNo]), eq(testResults.stepNo, stepNo)))
        .orderBy(desc(testResults.attemptNo))
        .limit(1);
      return [
        ["details", row?.details, lastString(sent, "details")?.trim().slice(0, 5000)],
        ["file name", row?.fileName, fileName(sent)],
      ];
    },
    view: (w) => `/eservices/${w.primary.services[stepNo]}/steps/${stepNo}`,
    shows: ["details", "file"],
  };
}

function partTarget(part: PartNo, shows: string[]): Target {
  const fields: Record<string, Good> = Object.fromEntries(PART_FIELDS[part].map((f) => [f, null]));
  return {
    key: "POST /eservices/:id/steps/4/parts/:part",
    label: `part ${part}`,
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[4]}/steps/4/parts/${part}`,
    fields: { ...fields, agencyNameTh: "กรมเอ", serviceName: "บริการทดสอบ", intent: choice("save", "next", "back") },
    stored: async (w, sent) => {
      const answers = ((await stepRow(w, w.primary.services[4], 4)).answers ?? {}) as Record<string, unknown>;
      return PART_FIELDS[part].map((f): StoredCheck => [f, answers[f], partAnswer(f, sent.get(f))]);
    },
    view: (w) => `/eservices/${w.primary.services[4]}/steps/4/parts/${part}`,
    shows,
    // "next" and "back" also check the part, which the benign values need not pass.
    probe: { intent: "save" },
  };
}

const requestFields: Record<string, Good> = {
  applicantPid: "1-1017-00230-36-8",
  applicantTitle: "นาย",
  applicantFirstName: "สมชาย",
  applicantLastName: "ใจดี",
  applicantEmail: "somchai@example.ac.th",
  position: choice(...POSITION_KEYS),
  fieldTh: "วิทยาการคอมพิวเตอร์",
  fieldEn: "Computer Science",
  letterNo: "อว 0001/2569",
  coordinatorName: "ผู้ประสานงาน",
  coordinatorPhone: "021234567",
  coordinatorEmail: "coord@example.ac.th",
  intent: choice("save", "check"),
};
const REQUEST_TEXT = ["applicantTitle", "applicantFirstName", "applicantLastName", "fieldTh", "fieldEn", "letterNo", "coordinatorName"];

async function requestStatus(w: FuzzWorld): Promise<RequestStatus> {
  const [row] = await w.t.db.select({ status: academicRequests.status }).from(academicRequests).where(eq(academicRequests.id, w.primary.requestId));
  return row!.status;
}

const step7Path = (w: FuzzWorld) => `/eservices/${w.primary.services[7]}/steps/7`;

/** The staff account the staff targets act on, back to an active university staff member before each case. */
async function resetStaffTarget(w: FuzzWorld, disabled = false): Promise<void> {
  await w.t.db
    .update(users)
    .set({ role: "university", orgId: w.admin.universityId, disabledAt: disabled ? w.t.clock.now() : null })
    .where(eq(users.id, w.admin.staffUserId));
  await w.t.db.update(universities).set({ deactivatedAt: null }).where(eq(universities.id, w.admin.universityId));
}

const staffPath = (action: string) => (w: FuzzWorld) => `/staff/${w.admin.staffUserId}/${action}`;

/** For a route that takes no text to keep: it must still accept a case; nothing is read back or looked for. */
function noText(why: string): Pick<Target, "nothingStored" | "nothingShown"> {
  return { nothingStored: why, nothingShown: why };
}

async function setMailStatus(w: FuzzWorld, status: "failed"): Promise<void> {
  await w.t.db.update(outboxMail).set({ status }).where(eq(outboxMail.id, w.mailId));
}

async function reopenStep(w: FuzzWorld, stepNo: 2 | 3): Promise<void> {
  await w.t.db
    .update(eserviceSteps)
    .set({ state: "in_progress" })
    .where(and(eq(eserviceSteps.eserviceId, w.primary.services[stepNo]), eq(eserviceSteps.stepNo, stepNo)));
}

let loginSessionsBefore = 0;

async function sessionCount(w: FuzzWorld, userId: string): Promise<number> {
  return (await w.t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;
}

async function request(w: FuzzWorld, id: string) {
  const [row] = await w.t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
  return row;
}

/** Links minted fresh before each case (a used one answers 410), for the spare account. */
const links = { reset: "", email: "" };
const OLD_PASSWORD = "Fuzz#Old2567";
let oldPasswordHash: string | null = null;

const ADMIN_EMAIL = "admin.fuzz@dga.or.th";

/** Back to the old password, with no failed attempts counted, so every case can be the owner's. */
async function restoreOldPassword(w: FuzzWorld, userId: string, usernameLower: string): Promise<void> {
  oldPasswordHash ??= await hashPassword(w.t.deps.kdf, OLD_PASSWORD);
  await w.t.db.update(users).set({ passwordHash: oldPasswordHash }).where(eq(users.id, userId));
  await w.t.db.delete(rateLimits).where(eq(rateLimits.key, `login:user:${usernameLower}`));
}

/** Whether `userId`'s password is now the one sent in `field`. */
async function passwordIs(w: FuzzWorld, userId: string, sent: string | undefined): Promise<boolean> {
  const [row] = await w.t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return sent !== undefined && !!row?.hash && (await verifyPassword(w.t.deps.kdf, sent, row.hash));
}

/** In the order they run: records other targets need are used up last. */
const TARGETS: Target[] = [
  // Visitors: sign-in and ThaiD.
  {
    key: "POST /login",
    as: "visitor",
    ip: "198.51.100.91",
    path: () => "/login",
    fields: { username: (w) => w.login.username, password: (w) => w.login.password, next: "/officer" },
    cases: 10,
    before: async (w) => {
      loginSessionsBefore = await sessionCount(w, w.login.userId);
    },
    stored: async (w) => [["sessions of the officer who signed in", await sessionCount(w, w.login.userId), loginSessionsBefore + 1]],
    view: (_w, a) => a.location!,
    displays: async (w) => [w.login.displayName],
  },
  { key: "POST /login/qr", as: "visitor", path: () => "/login/qr", fields: { next: "/requests" }, cases: 8, ...noText("starts a QR sign-in: its one field (next) is a redirect, checked as one") },
  {
    key: "POST /auth/thaid/start",
    as: "visitor",
    path: () => "/auth/thaid/start",
    fields: { next: "/me" },
    external: true,
    cases: 8,
    ...noText("redirects to ThaiD: its one field (next) is a redirect, checked as one"),
  },
  { key: "POST /login/qr/:id/poll", as: "visitor", path: (w) => `/login/qr/${w.primary.qrId}/poll`, ...noText("reads a QR sign-in's state") },
  { key: "POST /q/:id/approve", as: "visitor", path: (w) => `/q/${w.primary.qrId}/approve`, external: true, ...noText("sends the phone to ThaiD") },
  { key: "POST /q/:id/decline", as: "visitor", path: (w) => `/q/${w.primary.qrId}/decline`, ...noText("declines a QR sign-in") },
  { key: "POST /logout", as: "visitor", path: () => "/logout", ...noText("ends the session") },
  { key: "POST /session/keepalive", as: "agencyA", path: () => "/session/keepalive", ...noText("restarts the idle clock; takes no input") },
  { key: "POST /session/timeout", as: "visitor", path: () => "/session/timeout", ...noText("signs out after parking the unsaved fields of the page; answers no page") },

  // First sign-in: the user chooses their own credentials.
  {
    key: "POST /account/setup/checklist",
    as: "firstLogin",
    path: () => "/account/setup/checklist",
    fields: { password: "Fuzz#2567pw" },
    cases: 8,
    ...noText("rates a password as it is typed and stores nothing"),
  },
  {
    key: "POST /account/setup",
    as: "firstLogin",
    path: () => "/account/setup",
    fields: { username: "fuzz.user", password: "Fuzz#2567pw", confirmPassword: "Fuzz#2567pw" },
    cases: 10,
    before: async (w) => {
      await w.t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, w.firstLogin.userId));
      await w.firstLogin.browser.get("/account/setup");
    },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(users).where(eq(users.id, w.firstLogin.userId));
      return [...trimmedChecks(sent, row, ["username"]), ["mustChangePassword", row?.mustChangePassword, false]];
    },
    // Usernames are [a-zA-Z0-9_.] only, so the markup looked for is the display name an officer typed.
    view: (_w, a) => a.location!,
    displays: async () => [FIRST_LOGIN_NAME],
  },

  // A staff member's own account, and the way back from a forgotten password.
  {
    key: "POST /account",
    as: "admin",
    path: () => "/account",
    // The address in use (name and phone only) or a new one, which needs the current password and waits for its link.
    fields: { displayName: "ผู้ดูแล ทดสอบ", phone: "081-234-5678", email: choice(ADMIN_EMAIL, "admin.new@dga.or.th"), currentPassword: OLD_PASSWORD },
    before: async (w) => {
      await w.t.db.update(users).set({ email: ADMIN_EMAIL }).where(eq(users.id, w.userIds.admin!));
      await restoreOldPassword(w, w.userIds.admin!, "admin");
      await w.t.db.delete(rateLimits).where(eq(rateLimits.key, `email_change:user:${w.userIds.admin!}`));
    },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(users).where(eq(users.id, w.userIds.admin!));
      const email = lastString(sent, "email")?.trim();
      const [link] = await w.t.db
        .select({ newEmail: accountTokens.newEmail })
        .from(accountTokens)
        .where(and(eq(accountTokens.userId, w.userIds.admin!), eq(accountTokens.purpose, "email_change")))
        .orderBy(desc(accountTokens.createdAt))
        .limit(1);
      const newAddress = email !== undefined && email.toLowerCase() !== ADMIN_EMAIL ? email : undefined;
      return [...trimmedChecks(sent, row, ["displayName"]), ["the address its confirmation link is for", link?.newEmail, newAddress]];
    },
    view: () => "/account",
    shows: ["displayName"],
  },
  {
    key: "POST /account/password",
    as: "universityX",
    path: () => "/account/password",
    fields: { currentPassword: OLD_PASSWORD, password: "Fuzz#New2567", confirmPassword: "Fuzz#New2567" },
    cases: 8,
    before: (w) => restoreOldPassword(w, w.userIds.universityX!, "uni.x"),
    stored: async (w, sent) => [["the new password works", await passwordIs(w, w.userIds.universityX!, lastString(sent, "password")), true]],
    nothingShown: "a password is never shown",
  },
  {
    key: "POST /account/email/:token",
    as: "visitor",
    path: () => `/account/email/${links.email}`,
    before: async (w) => {
      links.email = await addAccountLink(w.t, w.spare.userId, "email_change");
    },
    ...noText("confirms the address its link was made for: nothing typed is kept"),
  },
  {
    key: "POST /forgot-password",
    as: "visitor",
    path: () => "/forgot-password",
    fields: { email: "spare@agency-a.go.th" },
    ...noText("answers the same page whatever was sent, and keeps only a link's hash"),
  },
  {
    key: "POST /password-checklist",
    as: "visitor",
    path: () => "/password-checklist",
    fields: { password: "Fuzz#2567pw" },
    cases: 8,
    ...noText("rates a password as it is typed and stores nothing"),
  },
  {
    key: "POST /reset-password/:token",
    as: "visitor",
    path: () => `/reset-password/${links.reset}`,
    fields: { password: "Fuzz#Reset2567", confirmPassword: "Fuzz#Reset2567" },
    cases: 8,
    before: async (w) => {
      links.reset = await addAccountLink(w.t, w.spare.userId, "password_reset");
    },
    stored: async (w, sent) => [["the new password works", await passwordIs(w, w.spare.userId, lastString(sent, "password")), true]],
    nothingShown: "a password is never shown",
  },

  // Admin settings.
  {
    key: "POST /admin/contact",
    as: "admin",
    path: () => "/admin/contact",
    // No phone number: the page turns one into a link, which would split the markup probe.
    fields: { text: "สพร. อีเมล contact@dga.or.th" },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(siteSettings).where(eq(siteSettings.key, "contact"));
      return trimmedChecks(sent, row ? { text: row.value } : undefined, ["text"]);
    },
    view: () => "/contact",
    shows: ["text"],
  },
  // The outbox: each case starts from a mail the action applies to (a retried mail is pending, a cancelled one cancelled).
  {
    key: "POST /admin/mail/:id/retry",
    as: "admin",
    path: (w) => `/admin/mail/${w.mailId}/retry`,
    before: (w) => setMailStatus(w, "failed"),
    ...noText("queues a mail again"),
  },
  {
    key: "POST /admin/mail/:id/cancel",
    as: "admin",
    path: (w) => `/admin/mail/${w.mailId}/cancel`,
    before: (w) => setMailStatus(w, "failed"),
    ...noText("stops a mail"),
  },

  // Officers: a large export as a background job (the filters are the list's GET filters, posted).
  {
    key: "POST /officer/exports",
    as: "officer",
    path: () => "/officer/exports",
    fields: { q: "สมชาย", status: choice("submitted", "finished"), position: choice(...POSITION_KEYS), age: "30" },
    cases: 10,
    stored: async (w, _sent, a) => {
      const [row] = await w.t.db.select().from(exportJobs).where(eq(exportJobs.id, idFrom(a.location, /^\/officer\/exports\/([^/?#]+)$/)));
      return [["a job of the officer's, for the request list", row ? `${row.ownerId} ${row.kind}` : "", `${w.userIds.officer} requests`]];
    },
    nothingShown: "the job page shows its progress and a download link, none of the filters",
  },
  // Admins: a long audit search as a background job (the search's GET filters and a format, posted).
  {
    key: "POST /admin/audit/exports",
    as: "admin",
    path: () => "/admin/audit/exports",
    fields: { actor: "officer", subjectType: choice(...AUDIT_SUBJECT_TYPES), subjectId: "REQ-1", from: "2026-01-01", to: "2026-12-31", format: choice("csv", "xlsx") },
    cases: 10,
    stored: async (w, sent, a) => {
      const [row] = await w.t.db.select().from(exportJobs).where(eq(exportJobs.id, idFrom(a.location, /^\/admin\/audit\/exports\/([^/?#]+)$/)));
      return [
        ["a job of the admin's, for the audit trail", row ? `${row.ownerId} ${row.kind} ${row.format}` : "", `${w.userIds.admin} audit ${lastString(sent, "format")}`],
        ...trimmedChecks(sent, row?.filters, ["actor", "subjectId"]),
      ];
    },
    nothingShown: "the job page shows its progress and a download link, none of the filters",
  },
  // Officers: agencies, their users and e-services.
  {
    key: "POST /officer/agencies",
    as: "officer",
    path: () => "/officer/agencies",
    fields: { nameTh: "กรมทดสอบฟัซ", nameEn: "Fuzz Department", ministry: "กระทรวงทดสอบ" },
    stored: async (w, sent, a) => {
      const [row] = await w.t.db.select().from(agencies).where(eq(agencies.id, idFrom(a.location, /^\/officer\/agencies\/([^/?#]+)/)));
      return trimmedChecks(sent, row, ["nameTh", "nameEn", "ministry"]);
    },
    view: (_w, a) => a.location!,
    shows: ["nameTh", "nameEn", "ministry"],
  },
  {
    key: "POST /officer/agencies/:id/eservices",
    as: "officer",
    path: (w) => `/officer/agencies/${w.primary.agencyId}/eservices`,
    fields: { name: "บริการใหม่" },
    stored: async (w, sent) => {
      const name = lastString(sent, "name")?.trim();
      const rows = await w.t.db.select().from(eservices).where(and(eq(eservices.agencyId, w.primary.agencyId), eq(eservices.name, name ?? "")));
      return [["an e-service with the name as typed", rows.length > 0, true]];
    },
    view: (w) => `/officer/agencies/${w.primary.agencyId}`,
    shows: ["name"],
  },
  {
    key: "POST /officer/agencies/:id/users",
    as: "officer",
    path: (w) => `/officer/agencies/${w.primary.agencyId}/users`,
    fields: { displayName: "ผู้ใช้หน่วยงาน", email: "user@dept.go.th" },
    cases: 10,
    stored: async (w, sent, a) => {
      const username = decodeURIComponent(idFrom(a.location, /[?&]created=([^&#]+)/));
      const [row] = await w.t.db.select().from(users).where(eq(users.username, username));
      return trimmedChecks(sent, row, ["displayName", "email"]);
    },
    view: (w) => `/officer/agencies/${w.primary.agencyId}`,
    shows: ["displayName"],
  },

  // Admins: universities.
  {
    key: "POST /admin/universities",
    as: "admin",
    path: () => "/admin/universities",
    fields: {
      nameTh: "มหาวิทยาลัยฟัซ",
      nameEn: "Fuzz University",
      // A fresh code per case (a used one is refused, which is checked in universities.test.ts).
      code: (_w, rnd) => String(10_000 + Math.floor(rnd() * 89_999)),
    },
    stored: async (w, sent, a) => {
      const [row] = await w.t.db.select().from(universities).where(eq(universities.id, idFrom(a.location, /^\/admin\/universities\/([^/?#]+)/)));
      return trimmedChecks(sent, row, ["nameTh", "nameEn", "code"]);
    },
    view: (_w, a) => a.location!,
    shows: ["nameTh", "nameEn"],
  },
  {
    key: "POST /admin/universities/:id",
    as: "admin",
    path: (w) => `/admin/universities/${w.admin.universityId}`,
    fields: { nameTh: "มหาวิทยาลัยแซดใหม่", nameEn: "University Z Renamed" },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(universities).where(eq(universities.id, w.admin.universityId));
      return trimmedChecks(sent, row, ["nameTh", "nameEn"]);
    },
    view: (w) => `/admin/universities/${w.admin.universityId}`,
    shows: ["nameTh", "nameEn"],
  },
  { key: "POST /admin/universities/:id/deactivate", as: "admin", path: (w) => `/admin/universities/${w.admin.universityId}/deactivate`, cases: 3, ...noText("deactivates a university") },
  {
    key: "POST /admin/universities/:id/reactivate",
    as: "admin",
    path: (w) => `/admin/universities/${w.admin.universityId}/reactivate`,
    cases: 3,
    ...noText("reactivates a university"),
  },

  // Admins and officers: staff accounts.
  {
    key: "POST /staff",
    as: "admin",
    path: () => "/staff",
    fields: {
      role: choice("university", "officer", "admin"),
      displayName: "เจ้าหน้าที่ฟัซ",
      email: "fuzz.staff@dga.or.th",
      universityId: (w) => w.primary.universityId,
    },
    cases: 10,
    stored: async (w, sent, a) => {
      const [row] = await w.t.db.select().from(users).where(eq(users.id, idFrom(a.location, /^\/staff\/([^/?#]+)/)));
      return trimmedChecks(sent, row, ["displayName", "email", "role"]);
    },
    view: (_w, a) => a.location!,
    shows: ["displayName"],
  },
  {
    key: "POST /staff/:id/role",
    as: "admin",
    path: (w) => `/staff/${w.admin.staffUserId}/role`,
    fields: { role: choice("university", "officer", "admin"), universityId: (w) => w.primary.universityId },
    cases: 8,
    before: (w) => resetStaffTarget(w),
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(users).where(eq(users.id, w.admin.staffUserId));
      return [["role", row?.role, lastString(sent, "role")]];
    },
    nothingShown: "its fields are choices from lists; no text a user typed is shown",
  },
  { key: "POST /staff/:id/disable", as: "officer", path: staffPath("disable"), cases: 3, before: (w) => resetStaffTarget(w), ...noText("disables an account") },
  { key: "POST /staff/:id/enable", as: "officer", path: staffPath("enable"), cases: 3, before: (w) => resetStaffTarget(w, true), ...noText("enables an account") },
  { key: "POST /staff/:id/resend", as: "officer", path: staffPath("resend"), cases: 3, before: (w) => resetStaffTarget(w), ...noText("re-issues temporary credentials by mail") },

  // Universities: the request form.
  {
    key: "POST /university/requests",
    as: "universityX",
    path: () => "/university/requests",
    fields: requestFields,
    stored: async (w, sent, a) => {
      const [row] = await w.t.db.select().from(academicRequests).where(eq(academicRequests.id, idFrom(a.location, /^\/university\/requests\/([^/?#]+)/)));
      return trimmedChecks(sent, row, REQUEST_TEXT);
    },
    view: (_w, a) => `/university/requests/${idFrom(a.location, /^\/university\/requests\/([^/?#]+)/)}/edit`,
    shows: REQUEST_TEXT,
  },
  {
    key: "POST /university/requests/:id",
    as: "universityX",
    path: (w) => `/university/requests/${w.primary.draftId}`,
    fields: { ...requestFields, coordinatorEmail: "", intent: "save" },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(academicRequests).where(eq(academicRequests.id, w.primary.draftId));
      return trimmedChecks(sent, row, REQUEST_TEXT);
    },
    view: (w) => `/university/requests/${w.primary.draftId}/edit`,
    shows: REQUEST_TEXT,
  },
  // Autosaves keep a stored value while the typed one is not valid yet (domain/academic-forms.ts
  // draftForAutosave), so "stored as sent" does not hold by design; the save-button targets check it.
  {
    key: "POST /university/requests/new/draft",
    as: "universityX",
    path: () => "/university/requests/new/draft",
    fields: requestFields,
    cases: 8,
    ...noText("an autosave answers a notice only; storing and showing are checked through the new-request target"),
  },
  {
    key: "POST /university/requests/:id/draft",
    as: "universityX",
    path: (w) => `/university/requests/${w.primary.draftId}/draft`,
    fields: requestFields,
    cases: 8,
    ...noText("an autosave answers a notice only; storing and showing are checked through the draft target"),
  },

  // Requests: documents, their status, tracking links, status actions.
  {
    key: "POST /requests/:id/documents",
    as: "universityX",
    path: (w) => `/requests/${w.primary.requestId}/documents`,
    file: { kind: "pdf", maxBytes: 20 * MB },
    stored: async (w, sent) => {
      const [row] = await w.t.db
        .select()
        .from(requestDocuments)
        .where(eq(requestDocuments.requestId, w.primary.requestId))
        .orderBy(desc(sql`rowid`))
        .limit(1);
      return [["file name", row?.fileName, fileName(sent)]];
    },
    view: (w) => `/requests/${w.primary.requestId}`,
    shows: ["file"],
  },
  {
    key: "POST /requests/:id/documents/:documentId/status",
    as: "officer",
    path: (w) => `/requests/${w.primary.requestId}/documents/${w.primary.documentId}/status`,
    fields: { status: choice("received", "checked", "ok", "needs_fix"), note: "เอกสารครบ" },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(requestDocuments).where(eq(requestDocuments.id, w.primary.documentId));
      const note = lastString(sent, "note");
      return [
        ["status", row?.status, lastString(sent, "status")],
        ...(note === undefined ? [] : [["note", row?.note, note.trim().slice(0, 500) || null] as StoredCheck]),
      ];
    },
    view: (w) => `/requests/${w.primary.requestId}`,
    shows: ["note"],
  },
  { key: "POST /requests/:id/tracking-link", as: "officer", path: (w) => `/requests/${w.primary.requestId}/tracking-link`, ...noText("makes a random link") },
  {
    key: "POST /requests/:id/pid",
    as: "officer",
    path: (w) => `/requests/${w.primary.requestId}/pid`,
    ...noText("shows the national ID in full (and records that); takes no input"),
  },
  {
    key: "POST /requests/:id/tracking-link/mail",
    as: "officer",
    path: (w) => `/requests/${w.primary.requestId}/tracking-link/mail`,
    // Its only field is the one-time token; stays under the per-request mail limit (5 an hour).
    cases: 3,
    ...noText("mails a fresh random link to the addresses on file; takes no text"),
  },
  {
    key: "POST /requests/:id/tracking-link/revoke",
    as: "officer",
    path: (w) => `/requests/${w.primary.requestId}/tracking-link/revoke`,
    ...noText("revokes the links"),
  },
  {
    key: "POST /requests/:id/actions",
    as: "officer",
    path: (w) => `/requests/${w.primary.requestId}/actions`,
    fields: {
      action: async (w, rnd) => pick(rnd, availableActions(await requestStatus(w)).length ? availableActions(await requestStatus(w)) : ACTION_KEYS),
      receiptNo: "1234",
      note: "ตรวจแล้ว",
      expectedStatus: (w) => requestStatus(w),
    },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(academicRequests).where(eq(academicRequests.id, w.primary.requestId));
      const receiptNo = lastString(sent, "receiptNo")?.trim();
      return lastString(sent, "action") === "receive" && receiptNo ? [["receiptNo", row?.receiptNo, receiptNo]] : [];
    },
    view: (w) => `/requests/${w.primary.requestId}`,
    // Only receiving the documents records a receipt number.
    shows: (sent) => (lastString(sent, "action") === "receive" ? ["receiptNo"] : []),
    probe: { action: "receive" },
    // A receipt number is digits only, so markup in it is refused, never shown: look for the stored one instead.
    probeMarkup: null,
    displays: async (w) => {
      const [row] = await w.t.db.select().from(academicRequests).where(eq(academicRequests.id, w.primary.requestId));
      return row?.receiptNo ? [`หมายเลขรับเอกสาร: ${row.receiptNo}`] : [];
    },
  },

  // Agencies: notifications.
  {
    key: "POST /agency/notifications/:id/read",
    as: "agencyA",
    path: (w) => `/agency/notifications/${w.primary.notificationId}/read`,
    ...noText("marks a notification read"),
  },

  // E-service steps 1, 2 and 5: the forms, the icon, testers.
  stepFormTarget(1, step1Fields, ["shortDescription", "fullDescription"]),
  stepFormTarget(2, step2Fields, ["landingUrl", "domain"]),
  stepFormTarget(5, step2Fields, ["landingUrl", "domain"]),
  {
    key: "POST /eservices/:id/icon",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[1]}/icon`,
    file: { kind: "png", maxBytes: 5 * MB },
    stored: async (w, sent) => [["file name", (await newestFile(w, w.primary.services[1], "icon", 1))?.fileName, fileName(sent)]],
    view: (w) => `/eservices/${w.primary.services[1]}/steps/1`,
    shows: ["file"],
  },
  testerAddTarget(2),
  testerAddTarget(5),
  {
    key: "POST /eservices/:id/steps/:no/testers/:tid",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[2]}/steps/2/testers/${w.primary.testerId}`,
    fields: testerFields,
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(testers).where(eq(testers.id, w.primary.testerId));
      return trimmedChecks(sent, row, ["fullName", "organisation"]);
    },
    view: (w) => `/eservices/${w.primary.services[2]}/steps/2`,
    shows: ["fullName", "organisation"],
  },

  {
    key: "POST /eservices/:id/steps/:no/testers/:tid/pid",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[2]}/steps/2/testers/${w.primary.testerId}/pid`,
    ...noText("shows a tester's national ID in full (and records that); takes no input"),
  },

  // Step 4: the three-part application and the authorisation letter.
  {
    key: "POST /eservices/:id/steps/4/parts/:part/refresh",
    as: "agencyA",
    path: (w, rnd) => `/eservices/${w.primary.services[4]}/steps/4/parts/${pick(rnd, [1, 2, 3])}/refresh`,
    fields: Object.fromEntries([...PART_FIELDS[1], ...PART_FIELDS[2], ...PART_FIELDS[3]].map((f) => [f, null])),
    cases: 8,
    ...noText("re-renders a part from what was posted and stores nothing"),
  },
  // Autosaves: an invalid value does not replace a valid stored one (domain/onboarding/draft.ts), so
  // "stored as sent" does not hold by design; the save-button targets above check storing and showing.
  {
    key: "POST /eservices/:id/steps/:no/draft",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[1]}/steps/1/draft`,
    fields: step1Fields,
    cases: 8,
    ...noText("an autosave answers a notice only; storing and showing are checked through the step-1 save target"),
  },
  {
    key: "POST /eservices/:id/steps/4/parts/:part/draft",
    as: "agencyA",
    path: (w, rnd) => `/eservices/${w.primary.services[4]}/steps/4/parts/${pick(rnd, [1, 2, 3])}/draft`,
    fields: Object.fromEntries([...PART_FIELDS[1], ...PART_FIELDS[2], ...PART_FIELDS[3]].map((f) => [f, null])),
    cases: 8,
    ...noText("an autosave answers a notice only; storing and showing are checked through the part targets"),
  },
  partTarget(1, ["agencyNameTh", "agencyNameEn", "addrRoad"]),
  partTarget(2, ["serviceName", "description"]),
  { ...partTarget(3, []), nothingShown: "its answers are consents (checkboxes): no typed text to look for" },
  {
    key: "POST /eservices/:id/steps/4/auth-letter",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[4]}/steps/4/auth-letter`,
    file: { kind: "pdf", maxBytes: 10 * MB },
    stored: async (w, sent) => [["file name", (await newestFile(w, w.primary.services[4], "auth_letter", 4))?.fileName, fileName(sent)]],
    view: (w) => `/eservices/${w.primary.services[4]}/steps/4/parts/1`,
    shows: ["file"],
  },

  // Step 5: credentials, the 120×120 icon, screenshots.
  { key: "POST /eservices/:id/credentials", as: "agencyA", path: (w) => `/eservices/${w.primary.services[5]}/credentials`, ...noText("generates the credentials") },
  {
    key: "POST /eservices/:id/credentials/reset",
    as: "officer",
    path: (w) => `/eservices/${w.primary.services[5]}/credentials/reset`,
    ...noText("clears the credentials"),
  },
  {
    key: "POST /eservices/:id/steps/5/icon",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[5]}/steps/5/icon`,
    file: { kind: "icon120", maxBytes: 5 * MB },
    stored: async (w, sent) => [["file name", (await newestFile(w, w.primary.services[5], "icon", 5))?.fileName, fileName(sent)]],
    view: (w) => `/eservices/${w.primary.services[5]}/steps/5`,
    shows: ["file"],
  },
  {
    key: "POST /eservices/:id/steps/5/screenshots",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[5]}/steps/5/screenshots`,
    file: { kind: "png", maxBytes: 5 * MB },
    stored: async (w, sent) => [["file name", (await newestFile(w, w.primary.services[5], "screenshot", 5))?.fileName, fileName(sent)]],
    view: (w) => `/eservices/${w.primary.services[5]}/steps/5`,
    shows: ["file"],
  },
  {
    key: "POST /eservices/:id/steps/5/screenshots/:fid/:op{up|down|delete}",
    as: "agencyA",
    // The last case deletes the screenshot the others move.
    path: (w, rnd, i, n) => `/eservices/${w.primary.services[5]}/steps/5/screenshots/${w.primary.screenshotId}/${i === n - 1 ? "delete" : pick(rnd, ["up", "down"])}`,
    cases: 5,
    ...noText("moves or deletes a screenshot"),
  },

  // Steps 3 and 6: test results.
  attemptTarget(3),
  attemptTarget(6),
  {
    key: "POST /eservices/:id/steps/:no/attempts/:aid",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[3]}/steps/3/attempts/${w.primary.attemptId}`,
    fields: { details: "แก้ไขรายละเอียด" },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(testResults).where(eq(testResults.id, w.primary.attemptId));
      return [["details", row?.details, lastString(sent, "details")?.trim().slice(0, 5000)]];
    },
    view: (w) => `/eservices/${w.primary.services[3]}/steps/3`,
    shows: ["details"],
  },

  // Step 7: go-live date and batch.
  {
    key: "POST /eservices/:id/steps/7/preview",
    as: "agencyA",
    path: (w) => `${step7Path(w)}/preview`,
    fields: { requestedDate: "2026-12-10" },
    cases: 8,
    ...noText("previews a batch and stores nothing"),
  },
  {
    key: "POST /eservices/:id/steps/7",
    as: "agencyA",
    path: step7Path,
    fields: { requestedDate: "2026-12-10", note: "ขอเปิดรอบแรก", intent: choice("preview", "confirm") },
    before: async (w) => {
      await w.t.db
        .update(eserviceSteps)
        .set({ state: "in_progress" })
        .where(and(eq(eserviceSteps.eserviceId, w.primary.services[7]), eq(eserviceSteps.stepNo, 7)));
      await w.t.db
        .update(eservices)
        .set({ goliveRequestedDate: null, goliveNote: null, goliveBatchDate: null, goliveConfirmedAt: null })
        .where(eq(eservices.id, w.primary.services[7]));
    },
    // Anything but a confirmation only previews the batch: nothing is saved.
    stored: async (w, sent, a) => {
      if (lastString(sent, "intent") !== "confirm" || !a.location) return [];
      const [row] = await w.t.db.select().from(eservices).where(eq(eservices.id, w.primary.services[7]));
      return [
        ["requestedDate", row?.goliveRequestedDate, lastString(sent, "requestedDate")?.trim()],
        ["note", row?.goliveNote, trimmedOrNull(lastString(sent, "note")) ?? null],
      ];
    },
    view: step7Path,
    shows: (sent, a) => (lastString(sent, "intent") === "confirm" && a.location ? ["note"] : []),
    probe: { intent: "confirm" },
    probeMarkup: "note",
  },
  {
    key: "POST /eservices/:id/golive/move",
    as: "officer",
    // A service whose go-live its agency confirmed (through the step-7 form) and that has not launched.
    path: (w) => `/eservices/${w.moveServiceId}/golive/move`,
    fields: { batchDate: choice("2026-12-08", "2026-12-15") },
    stored: async (w, sent) => {
      const [row] = await w.t.db.select().from(eservices).where(eq(eservices.id, w.moveServiceId));
      return [["batchDate", row?.goliveBatchDate, lastString(sent, "batchDate")?.trim()]];
    },
    // The booking the officer moved, with the agency's note (markup) as it was confirmed.
    view: (w) => `/eservices/${w.moveServiceId}/steps/7`,
    displays: async () => [MOVE_NOTE],
  },

  // Officers' review of a submitted step.
  {
    key: "POST /eservices/:id/steps/:no/review",
    as: "officer",
    path: (w) => `/eservices/${w.reviewServiceId}/steps/1/review`,
    fields: { decision: choice("approve", "return"), "comment.shortDescription": "กรุณาเขียนให้ชัดเจนขึ้น", "comment.category": null, "comment.__proto__": null },
    before: async (w) => {
      await w.t.db
        .update(eserviceSteps)
        .set({ state: "in_review", comments: null, answers: STEP1_GOOD })
        .where(and(eq(eserviceSteps.eserviceId, w.reviewServiceId), eq(eserviceSteps.stepNo, 1)));
      await w.t.db
        .update(eserviceSteps)
        .set({ state: "locked" })
        .where(and(eq(eserviceSteps.eserviceId, w.reviewServiceId), sql`${eserviceSteps.stepNo} > 1`));
    },
    stored: async (w, sent) => {
      if (lastString(sent, "decision") !== "return") return [];
      const row = await stepRow(w, w.reviewServiceId, 1);
      const expected: Record<string, string> = {};
      for (const [k, values] of sent) {
        const v = values.at(-1);
        if (k.startsWith("comment.") && typeof v === "string" && v.trim()) expected[k.slice("comment.".length)] = v.trim().slice(0, 2000);
      }
      return [["comments", { ...row.comments }, expected]];
    },
    // The agency reads the comments, beside the field they are about.
    view: (w) => `/eservices/${w.reviewServiceId}/steps/1`,
    viewAs: "agencyA",
    shows: (sent) => (lastString(sent, "decision") === "return" ? ["comment.shortDescription"] : []),
    probe: { decision: "return" },
    probeMarkup: "comment.shortDescription",
  },

  // Submitting steps (after their forms), then what removes records.
  {
    key: "POST /eservices/:id/steps/:no/submit",
    as: "agencyA",
    // Case 0 (and the opening case) submits a step 1 whose answers pass; the others pick any step as they find it.
    path: (w, rnd, i) => {
      const no = i === 0 ? 1 : pick(rnd, [1, 2, 3, 4, 5, 6] as const);
      return `/eservices/${w.primary.services[no]}/steps/${no}/submit`;
    },
    before: async (w) => {
      await w.t.db
        .update(eserviceSteps)
        .set({ state: "in_progress", answers: STEP1_GOOD })
        .where(and(eq(eserviceSteps.eserviceId, w.primary.services[1]), eq(eserviceSteps.stepNo, 1)));
    },
    cases: 6,
    ...noText("sends a step to review"),
  },
  {
    key: "POST /university/requests/:id/submit",
    as: "universityX",
    // A complete draft: the opening case submits it, the others find it submitted already.
    path: (w) => `/university/requests/${w.submitDraftId}/submit`,
    stored: async (w) => {
      const row = await request(w, w.submitDraftId);
      return [
        ["status", row?.status, "submitted"],
        ["a ticket number of university X", /^\d{4}-00100-\d{4}$/.test(row?.ticketNo ?? ""), true],
      ];
    },
    view: (w) => `/requests/${w.submitDraftId}`,
    displays: async (w) => [(await request(w, w.submitDraftId))?.ticketNo ?? "(no ticket)", COMPLETE_REQUEST.applicantFirstName],
  },
  {
    key: "POST /eservices/:id/steps/:no/testers/:tid/delete",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[2]}/steps/2/testers/${w.primary.testerId}/delete`,
    cases: 3,
    // The submit target may have sent step 2 to review, which freezes its testers.
    before: (w) => reopenStep(w, 2),
    ...noText("deletes a tester"),
  },
  {
    key: "POST /eservices/:id/steps/:no/attempts/:aid/delete",
    as: "agencyA",
    path: (w) => `/eservices/${w.primary.services[3]}/steps/3/attempts/${w.primary.attemptId}/delete`,
    cases: 3,
    // The submit target may have sent step 3 to review, which freezes its results.
    before: (w) => reopenStep(w, 3),
    ...noText("deletes a test result"),
  },
];

describe("a document note with U+0000", () => {
  // SQLite reads text back only up to U+0000, so "ก\0ข" would be stored as "ก".
  it("is refused with a Thai message and changes nothing", async () => {
    const officer = w.clients.officer;
    const path = `/requests/${w.primary.requestId}/documents/${w.primary.documentId}/status`;
    const [before] = await w.t.db.select().from(requestDocuments).where(eq(requestDocuments.id, w.primary.documentId));
    const r = await officer.unsafe("POST", path, { status: "checked", note: "ก\u0000ข" });
    const [after] = await w.t.db.select().from(requestDocuments).where(eq(requestDocuments.id, w.primary.documentId));
    expect(r.status).toBe(422);
    expect(r.text).toContain(NUL_MESSAGE);
    expect(after).toEqual(before);
  });
});

describe("hostile input to every form and upload", () => {
  it("has a fuzz target for every unsafe route of the router, or a reason not to", () => {
    const unsafe = w.routes.filter((r) => !isSafe(r.method)).map((r) => r.key);
    const targeted = new Set(TARGETS.map((t) => t.key));
    const missing = unsafe.filter((k) => !targeted.has(k) && !(k in NOT_FUZZED));
    const stale = [...targeted, ...Object.keys(NOT_FUZZED)].filter((k) => !unsafe.includes(k));
    const both = Object.keys(NOT_FUZZED).filter((k) => targeted.has(k));
    const unexplained = Object.entries(NOT_FUZZED).filter(([, why]) => why.trim().length < 10).map(([k]) => k);
    expect(missing, `unsafe routes with no target in TARGETS of ${import.meta.url} (nor in NOT_FUZZED):\n  ${missing.join("\n  ")}`).toEqual([]);
    expect(stale, `targets for routes the router no longer has:\n  ${stale.join("\n  ")}`).toEqual([]);
    expect(both, "routes both fuzzed and listed as not fuzzed").toEqual([]);
    expect(unexplained, "NOT_FUZZED entries need a reason").toEqual([]);
    expect(unsafe.length).toBeGreaterThan(40);
  });

  for (const target of TARGETS) {
    it(`never breaks ${targetName(target)}: 4xx in Thai, or stored as sent and shown escaped; the twin side untouched`, async () => {
      const report = await fuzzTarget(w, target, FUZZ_SEED);
      totals.targets++;
      totals.cases += report.cases;
      totals.accepted += report.accepted;
      totals.refused += report.refused;
      totals.readBack += report.readBack;
      expect(report.problems, `${report.problems.length} problems (FUZZ_SEED=${FUZZ_SEED}):\n${report.problems.join("\n")}`).toEqual([]);
    });
  }
});
