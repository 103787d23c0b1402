/**
 * Shared world for the authorization matrix and the CSRF sweep: one app, one
 * signed-in client per actor, and records owned by specific actors so that every
 * path parameter of every route resolves to something real.
 *
 * Two "sides" are built the same way: the primary side (university X filing under
 * applicant A's national ID, agency A's e-services) and the twin side (university
 * Y / applicant B / agency B). The matrix uses the primary side; the twin side lets
 * a test pair someone else's parent record with the primary side's child ids.
 */
import { eq, sql } from "drizzle-orm";
import type { Hono } from "hono";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import {
  academicRequests,
  accountTokens,
  agencies,
  eserviceFiles,
  eservices,
  eserviceSteps,
  notifications,
  outboxMail,
  requestDocuments,
  testers,
  testResults,
  trackingLinks,
  universities,
  users,
} from "../../src/db/schema";
import { exportJobs, type AccountTokenPurpose } from "../../src/db/schema";
import type { StepState } from "../../src/domain/onboarding/workflow";
import type { Role } from "../../src/domain/roles";
import { startSession } from "../../src/services/auth";
import { newId, randomToken, sha256Hex } from "../../src/services/crypto";
import { encryptPid, pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { openQrLogin } from "../../src/services/qr-login";
import { Browser, createTestApp, createUser, TEST_ORIGIN, thaidEnv, type TestApp } from "../node/helpers";

// ---------------------------------------------------------------------------
// Actors

export const ACTORS = [
  "anonymous",
  "applicantA",
  "applicantB",
  "universityX",
  "universityY",
  "agencyA",
  "agencyB",
  "officer",
  "admin",
] as const;
export type ActorName = (typeof ACTORS)[number];

export const ROLE_OF: Record<ActorName, Role | null> = {
  anonymous: null,
  applicantA: "applicant",
  applicantB: "applicant",
  universityX: "university",
  universityY: "university",
  agencyA: "agency",
  agencyB: "agency",
  officer: "officer",
  admin: "admin",
};

/** The Thai text of the CSRF error page (MESSAGES.csrf starts with it). */
export const CSRF_TEXT = "ไม่สามารถยืนยันแหล่งที่มาของคำขอได้";
export const EVIL_ORIGIN = "https://evil.example";
const SESSION_COOKIE = "tidtam_s";
const PASSWORD = "Matrix#2567pw";

const STAFF: Partial<Record<ActorName, { username: string; orgKey: "uniX" | "uniY" | "agA" | "agB" | null }>> = {
  universityX: { username: "uni.x", orgKey: "uniX" },
  universityY: { username: "uni.y", orgKey: "uniY" },
  agencyA: { username: "agency.a", orgKey: "agA" },
  agencyB: { username: "agency.b", orgKey: "agB" },
  officer: { username: "officer", orgKey: null },
  admin: { username: "admin", orgKey: null },
};

const ORG_IDS = { uniX: "uni-x", uniY: "uni-y", agA: "agency-a", agB: "agency-b" } as const;

export interface SendResult {
  status: number;
  location: string | null;
  text: string;
  contentType: string | null;
}

export type TokenVia = "field" | "header" | "multipart" | "multipart-query" | "none";

export interface UnsafeOptions {
  /** Token to send; default the actor's own current token. */
  csrf?: string | null;
  /** Origin header; default the app's own origin, null for none. */
  origin?: string | null;
  /** Where the token travels: form field (default), X-CSRF-Token header, multipart body field, the URL of a multipart post (refused: never in URLs), or nowhere. */
  via?: TokenVia;
}

/** One actor's browser: signed in once, re-signed in (without a password) if a route ends the session. */
export class ActorClient {
  readonly browser: Browser;
  constructor(
    private readonly t: TestApp,
    readonly name: ActorName,
    readonly userId: string | null,
    readonly ip: string,
  ) {
    this.browser = new Browser(t, TEST_ORIGIN, ip);
  }

  get signedIn(): boolean {
    return this.userId !== null;
  }

  /** A new session for this user (as after a sign-in), with a fresh CSRF token. */
  async newSession(): Promise<void> {
    if (!this.userId) return;
    const s = await startSession(this.t.db, this.t.clock.now(), {
      userId: this.userId,
      previousToken: null,
      ip: this.ip,
      userAgent: null,
      method: ROLE_OF[this.name] === "applicant" ? "thaid" : "password",
    });
    this.browser.cookies.set(SESSION_COOKIE, s.token);
    this.browser.csrf = null;
    await this.refreshToken();
  }

  /** Reads the token from a page that has a `_csrf` field for this kind of visitor. */
  async refreshToken(): Promise<string> {
    await this.browser.get(this.signedIn ? "/contact" : "/login");
    if (!this.browser.csrf) throw new Error(`no CSRF token found for ${this.name}`);
    return this.browser.csrf;
  }

  /** Makes sure the session still exists (a sign-out route ends it) and a token is known. */
  async ensure(): Promise<void> {
    if (this.signedIn && !this.browser.cookies.has(SESSION_COOKIE)) await this.newSession();
    if (!this.browser.csrf) await this.refreshToken();
  }

  async get(path: string): Promise<SendResult> {
    await this.ensure();
    return shape(await this.browser.get(path));
  }

  /** A form submission the way a browser (or htmx) sends it. */
  async unsafe(method: string, path: string, fields: Record<string, string | File> = {}, opts: UnsafeOptions = {}): Promise<SendResult> {
    await this.ensure();
    const token = opts.csrf === undefined ? this.browser.csrf : opts.csrf;
    const via = opts.via ?? "field";
    const origin = opts.origin === undefined ? TEST_ORIGIN : opts.origin;
    const headers: Record<string, string> = {};
    if (origin) headers.origin = origin;
    // The URL form is only sent to check that it is refused.
    const url = token && via === "multipart-query" ? `${path}${path.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(token)}` : path;
    let body: BodyInit;
    if (via === "multipart" || via === "multipart-query") {
      const form = new FormData();
      if (token && via === "multipart") form.set("_csrf", token);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      body = form;
    } else {
      const params = new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"));
      if (via === "field" && token) params.set("_csrf", token);
      if (via === "header" && token) headers["x-csrf-token"] = token;
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = params.toString();
    }
    return shape(await this.browser.request(url, { method, body, headers }));
  }

  /**
   * GET for safe methods; otherwise a same-origin submission of the route's form with
   * this session's token in the body: multipart for upload forms, urlencoded otherwise.
   */
  send(route: RouteDef, path: string, fields: Record<string, string> = {}): Promise<SendResult> {
    if (isSafe(route.method)) return this.get(path);
    return this.unsafe(route.method, path, fields, { via: isUploadForm(route) ? "multipart" : "field" });
  }
}

function shape(r: { res: Response; text: string; status: number; location: string | null }): SendResult {
  return { status: r.status, location: r.location, text: r.text, contentType: r.res.headers.get("content-type") };
}

export function isSafe(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

// ---------------------------------------------------------------------------
// Routes, from the router

export interface RouteDef {
  method: string;
  path: string;
  /** "METHOD path", the policy table's key. */
  key: string;
}

/** Every route the app answers, from `app.routes`: middleware (`ALL`) skipped, method + path de-duplicated. */
export function routesOf(app: Hono<any>): RouteDef[] {
  const seen = new Map<string, RouteDef>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, key });
  }
  return [...seen.values()];
}

/**
 * Routes whose form in the UI is a file upload (multipart/form-data, token in the query
 * string). A browser never posts them urlencoded.
 */
export function isUploadForm(route: RouteDef): boolean {
  return !isSafe(route.method) && /\/(documents|icon|screenshots|auth-letter|attempts)$/.test(route.path);
}

const PARAM_RE = /:([A-Za-z_]\w*)(\{[^}]*\})?/g;

export function paramNames(path: string): string[] {
  return [...path.matchAll(PARAM_RE)].map((m) => m[1]!);
}

/** Routes that change the fixtures other routes rely on (delete a child record, revoke a link (a new or mailed link does too), end a session). */
export function isDestructive(route: RouteDef): boolean {
  return !isSafe(route.method) && /\/(delete|revoke|decline)$|\/tracking-link(\/mail)?$|^\/logout$/.test(route.path);
}

/** Reads first, then writes, then the writes that remove what others use. */
export function mutationOrder(routes: RouteDef[]): RouteDef[] {
  const rank = (r: RouteDef) => (isSafe(r.method) ? 0 : isDestructive(r) ? 2 : 1);
  return [...routes].sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------
// Records

export interface Side {
  universityId: string;
  agencyId: string;
  /** A submitted request filed by this side's university under this side's applicant. */
  requestId: string;
  /** An incomplete draft of this side's university (never submittable as is). */
  draftId: string;
  documentId: string;
  trackingToken: string;
  notificationId: string;
  qrId: string;
  /** Step n → a service of this side's agency whose step n is in progress (earlier ones done). */
  services: Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>;
  /** A service with a confirmed go-live batch (step 7 in review). */
  goliveServiceId: string;
  /** Tester on step 2 of services[2]. */
  testerId: string;
  /** Pending test attempt on step 3 of services[3], with its workbook stored. */
  attemptId: string;
  /** The step-1 icon of services[1], stored. */
  iconFileId: string;
  /** A screenshot of services[5], stored. */
  screenshotId: string;
}

/**
 * Records the admin pages change (deactivate, disable, change role, new credentials),
 * kept apart from the actors and both sides so those changes break nobody's session.
 */
export interface AdminFixtures {
  /** A university staff account (in `universityId`) that officers and admins manage. */
  staffUserId: string;
  /** A university nobody else uses. */
  universityId: string;
}

export interface World {
  t: TestApp;
  clients: Record<ActorName, ActorClient>;
  userIds: Record<ActorName, string | null>;
  primary: Side;
  twin: Side;
  admin: AdminFixtures;
  routes: RouteDef[];
  /** A mail in the outbox an admin can act on (cancelled, so /healthz/mail stays 200 for the read sweep). */
  mailId: string;
  /** A finished background export of the officer's (its owner: nobody else, admins included, reaches it). */
  exportJobId: string;
  auditExportJobId: string;
  /** A staff account no actor signs in as, and live links mailed to it (reset its password, confirm a new e-mail). */
  spare: { userId: string; resetToken: string; emailToken: string };
}

const D: StepState = "done";
const L: StepState = "locked";
const P: StepState = "in_progress";

function statesAt(step: number): StepState[] {
  return Array.from({ length: 7 }, (_, i) => (i + 1 < step ? D : i + 1 === step ? P : L));
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 120, 0, 0, 0, 120, 8, 6, 0, 0, 0]);
const XLSX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);

async function storeFile(t: TestApp, bytes: Uint8Array, contentType: string): Promise<string> {
  const key = randomToken(24);
  await t.deps.files.put(key, bytes, { contentType });
  return key;
}

async function buildSide(
  t: TestApp,
  input: { universityId: string; universityUserId: string; agencyId: string; officerId: string; pid: string; label: string },
): Promise<Side> {
  const now = t.clock.now();
  const keys = await pidKeys(t.deps.config.dataKey);
  const pidEnc = await encryptPid(keys, input.pid);
  const pidHmac = await pidLookupHash(keys, input.pid);
  const base = {
    universityId: input.universityId,
    applicantPidEnc: pidEnc,
    applicantPidHmac: pidHmac,
    applicantTitle: "นาย",
    applicantFirstName: `ผู้ยื่น${input.label}`,
    applicantLastName: "ทดสอบ",
    applicantEmail: null,
    position: "assistant_professor" as const,
    fieldTh: "วิทยาการคอมพิวเตอร์",
    fieldEn: "Computer Science",
    letterNo: `อว ${input.label}/2569`,
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: `coord.${input.label.toLowerCase()}@example.ac.th`,
    createdBy: input.universityUserId,
    createdAt: now,
    statusSince: now,
    updatedAt: now,
  };
  const requestId = newId();
  const draftId = newId();
  await t.db.insert(academicRequests).values([
    { ...base, id: requestId, ticketNo: `2569-${input.label === "A" ? "00100" : "00500"}-0001`, status: "submitted", submittedAt: now },
    // Incomplete on purpose (no position, no coordinator e-mail): submitting it answers 422, so it stays a draft.
    { ...base, id: draftId, ticketNo: null, status: "draft", position: null, coordinatorEmail: "" },
  ]);
  const documentId = newId();
  await t.db.insert(requestDocuments).values({
    id: documentId,
    requestId,
    fileKey: await storeFile(t, PDF, "application/pdf"),
    fileName: `เอกสาร-${input.label}.pdf`,
    size: PDF.length,
    contentType: "application/pdf",
    status: "received",
    uploadedBy: input.universityUserId,
    uploadedAt: now,
  });
  const trackingToken = randomToken(20);
  await t.db.insert(trackingLinks).values({ id: newId(), requestId, tokenHash: await sha256Hex(trackingToken), createdBy: input.officerId, createdAt: now });

  const services = {} as Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>;
  for (const step of [1, 2, 3, 4, 5, 6, 7] as const) {
    const id = newId();
    services[step] = id;
    await t.db.insert(eservices).values({ id, agencyId: input.agencyId, name: `บริการ ${input.label} ขั้น ${step}`, createdAt: now, updatedAt: now });
    await t.db.insert(eserviceSteps).values(statesAt(step).map((state, i) => ({ eserviceId: id, stepNo: i + 1, state, updatedAt: now })));
  }
  const goliveServiceId = newId();
  await t.db.insert(eservices).values({
    id: goliveServiceId,
    agencyId: input.agencyId,
    name: `บริการ ${input.label} รอเปิด`,
    createdAt: now,
    updatedAt: now,
    goliveRequestedDate: "2026-12-14",
    goliveNote: null,
    goliveBatchDate: "2026-12-15",
    goliveConfirmedAt: now,
  });
  await t.db
    .insert(eserviceSteps)
    .values([D, D, D, D, D, D, "in_review" as StepState].map((state, i) => ({ eserviceId: goliveServiceId, stepNo: i + 1, state, updatedAt: now })));

  const testerId = newId();
  await t.db.insert(testers).values({
    id: testerId,
    eserviceId: services[2],
    stepNo: 2,
    fullName: `ผู้ทดสอบ ${input.label}`,
    organisation: "กรมทดสอบ",
    email: `tester.${input.label.toLowerCase()}@dept.go.th`,
    phone: "0812345678",
    pidEnc: await encryptPid(keys, "1101700230368"),
    os: "ios",
    createdAt: now,
  });
  const attemptId = newId();
  await t.db.insert(testResults).values({
    id: attemptId,
    eserviceId: services[3],
    stepNo: 3,
    attemptNo: 1,
    details: "ทดสอบครั้งที่ 1",
    fileKey: await storeFile(t, XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    fileName: "testcase.xlsx",
    size: XLSX.length,
    summary: null,
    status: "pending",
    createdAt: now,
  });
  const iconFileId = newId();
  const screenshotId = newId();
  await t.db.insert(eserviceFiles).values([
    { id: iconFileId, eserviceId: services[1], stepNo: 1, kind: "icon", fileKey: await storeFile(t, PNG, "image/png"), fileName: "icon.png", contentType: "image/png", size: PNG.length, createdAt: now },
    { id: screenshotId, eserviceId: services[5], stepNo: 5, kind: "screenshot", fileKey: await storeFile(t, PNG, "image/png"), fileName: "screen-1.png", contentType: "image/png", size: PNG.length, position: 1, createdAt: now },
    { id: newId(), eserviceId: services[5], stepNo: 5, kind: "screenshot", fileKey: await storeFile(t, PNG, "image/png"), fileName: "screen-2.png", contentType: "image/png", size: PNG.length, position: 2, createdAt: now },
  ]);
  const notificationId = newId();
  await t.db.insert(notifications).values({ id: notificationId, agencyId: input.agencyId, eserviceId: services[1], text: `แจ้งเตือน ${input.label}`, createdAt: now });

  const { session } = await openQrLogin(t.deps.qr, {
    now,
    ttlSeconds: t.deps.config.qrTtlSeconds,
    ip: "192.0.2.250",
    userAgent: "Matrix desktop",
    place: null,
    pkce: true,
  });

  return {
    universityId: input.universityId,
    agencyId: input.agencyId,
    requestId,
    draftId,
    documentId,
    trackingToken,
    notificationId,
    qrId: session.id,
    services,
    goliveServiceId,
    testerId,
    attemptId,
    iconFileId,
    screenshotId,
  };
}

/** A copy of a side's request, finished (status "finished", out of the queue). */
export async function addFinishedRequest(t: TestApp, side: Side): Promise<string> {
  const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, side.requestId));
  const id = newId();
  const now = t.clock.now();
  await t.db.insert(academicRequests).values({ ...row!, id, ticketNo: `${row!.ticketNo}-F`, status: "finished", statusSince: now, finishedAt: now, queueEnteredAt: null, queueSeq: null });
  return id;
}

export const PDF_FILE = () => new File([PDF], "late.pdf", { type: "application/pdf" });

/** A fresh notification of an agency (for checks that must see it unread). */
export async function addNotification(t: TestApp, agencyId: string): Promise<string> {
  const id = newId();
  await t.db.insert(notifications).values({ id, agencyId, eserviceId: null, text: "แจ้งเตือนใหม่", createdAt: t.clock.now() });
  return id;
}

async function buildAdminFixtures(t: TestApp): Promise<AdminFixtures> {
  const now = t.clock.now();
  const universityId = "uni-z";
  await t.db.insert(universities).values({ id: universityId, code: "00900", nameTh: "มหาวิทยาลัยแซด", nameEn: "University Z", createdAt: now });
  const staffUserId = newId();
  // Never signs in: its password is never checked (a new one is hashed if a route re-issues it).
  await t.db.insert(users).values({
    id: staffUserId,
    role: "university",
    username: "staff.target",
    usernameLower: "staff.target",
    passwordHash: "unused",
    displayName: "เจ้าหน้าที่เป้าหมาย",
    email: "target@z.ac.th",
    orgId: universityId,
    createdAt: now,
  });
  return { staffUserId, universityId };
}

/** The app (with ThaiD configured, so its routes are live), every actor signed in once, both sides' records. */
export async function buildWorld(): Promise<World> {
  const t = await createTestApp({ env: thaidEnv() });
  const now = t.clock.now();
  await t.db.insert(universities).values([
    { id: ORG_IDS.uniX, code: "00100", nameTh: "มหาวิทยาลัยเอกซ์", nameEn: "University X" },
    { id: ORG_IDS.uniY, code: "00500", nameTh: "มหาวิทยาลัยวาย", nameEn: "University Y" },
  ]);
  await t.db.insert(agencies).values([
    { id: ORG_IDS.agA, nameTh: "กรมเอ", nameEn: "Department A", ministry: "กระทรวงทดสอบ", createdAt: now },
    { id: ORG_IDS.agB, nameTh: "กรมบี", nameEn: "Department B", ministry: "กระทรวงทดสอบ", createdAt: now },
  ]);

  const userIds = Object.fromEntries(ACTORS.map((a) => [a, null])) as Record<ActorName, string | null>;
  // Staff: real password accounts (argon2id hashes queue on one thread; ~0.1 s each).
  await Promise.all(
    (Object.entries(STAFF) as [ActorName, { username: string; orgKey: keyof typeof ORG_IDS | null }][]).map(async ([actor, s]) => {
      userIds[actor] = await createUser(t, {
        role: ROLE_OF[actor]!,
        username: s.username,
        password: PASSWORD,
        displayName: actor,
        orgId: s.orgKey ? ORG_IDS[s.orgKey] : undefined,
      });
    }),
  );
  // Applicants come through ThaiD: a user keyed by the HMAC of the national ID.
  const keys = await pidKeys(t.deps.config.dataKey);
  for (const [actor, citizen] of [
    ["applicantA", DEMO_CITIZENS[0]!],
    ["applicantB", DEMO_CITIZENS[1]!],
  ] as const) {
    const id = newId();
    await t.db.insert(users).values({ id, role: "applicant", displayName: actor, pidHmac: await pidLookupHash(keys, citizen.pid), createdAt: now });
    userIds[actor] = id;
  }

  const clients = {} as Record<ActorName, ActorClient>;
  ACTORS.forEach((actor, i) => {
    clients[actor] = new ActorClient(t, actor, userIds[actor], `198.51.100.${10 + i}`);
  });
  // Sign in once: staff with their password, applicants with a ThaiD-style session.
  // One at a time: each sign-in is a write transaction on the one SQLite file.
  for (const actor of ACTORS) {
    const staff = STAFF[actor];
    if (staff) {
      const res = await clients[actor].browser.login(staff.username, PASSWORD);
      if (res.status !== 303) throw new Error(`sign-in of ${actor} failed: ${res.status}`);
      await clients[actor].refreshToken();
    } else if (userIds[actor]) await clients[actor].newSession();
    else await clients[actor].refreshToken();
  }

  const primary = await buildSide(t, {
    universityId: ORG_IDS.uniX,
    universityUserId: userIds.universityX!,
    agencyId: ORG_IDS.agA,
    officerId: userIds.officer!,
    pid: DEMO_CITIZENS[0]!.pid,
    label: "A",
  });
  const twin = await buildSide(t, {
    universityId: ORG_IDS.uniY,
    universityUserId: userIds.universityY!,
    agencyId: ORG_IDS.agB,
    officerId: userIds.officer!,
    pid: DEMO_CITIZENS[1]!.pid,
    label: "B",
  });
  // Cancelled, not failed: a failed mail makes /healthz/mail answer 503, which the sweeps read as a server error.
  // The matrix's retry makes it pending and its cancel cancelled again (each also fine as a 409).
  const mailId = newId();
  await t.db.insert(outboxMail).values({
    id: mailId,
    createdAt: now,
    to: "lost@example.go.th",
    subject: "บัญชีผู้ใช้ใหม่",
    text: "รหัสผ่านชั่วคราว: Matrix-Tmp-1",
    status: "cancelled",
    attempts: 10,
    nextAttemptAt: now,
    lastError: "451 mailbox busy",
    redactAfterSend: true,
    userId: userIds.agencyA,
    kind: "credentials",
  });
  const admin = await buildAdminFixtures(t);
  // Created in place (no password hash): nobody signs in as it; only its mailed links are used.
  const spareUserId = newId();
  await t.db.insert(users).values({
    id: spareUserId,
    role: "agency",
    username: "spare.user",
    usernameLower: "spare.user",
    passwordHash: "unused",
    displayName: "บัญชีสำรอง",
    email: "spare@agency-a.go.th",
    orgId: ORG_IDS.agA,
    createdAt: now,
  });
  const spare = {
    userId: spareUserId,
    resetToken: await addAccountLink(t, spareUserId, "password_reset"),
    emailToken: await addAccountLink(t, spareUserId, "email_change"),
  };
  const exportJobId = await addDoneExportJob(t, userIds.officer!, "requests", "xlsx", now);
  const auditExportJobId = await addDoneExportJob(t, userIds.admin!, "audit", "csv", now);
  return { t, clients, userIds, primary, twin, admin, routes: routesOf(t.app), mailId, spare, exportJobId, auditExportJobId };
}

/** A finished background export of `ownerId`'s, its one part in the file store; returns its id. */
async function addDoneExportJob(t: TestApp, ownerId: string, kind: "requests" | "audit", format: "xlsx" | "csv", now: Date): Promise<string> {
  const id = newId();
  await t.db.insert(exportJobs).values({
    id,
    ownerId,
    kind,
    format,
    filters: {},
    status: "done",
    rowsDone: 0,
    rowsTotal: 0,
    parts: 1,
    fileKey: `export-${id}`,
    createdAt: now,
    finishedAt: now,
    expiresAt: new Date(now.getTime() + 86_400_000),
  });
  await t.deps.files.put(`export-${id}-0`, new TextEncoder().encode(format === "csv" ? "\uFEFF" : "PK"), { contentType: "application/octet-stream" });
  return id;
}

/** A live mailed link for `userId` (as the app makes them: only the token's SHA-256 is stored); returns the token. */
export async function addAccountLink(t: TestApp, userId: string, purpose: AccountTokenPurpose): Promise<string> {
  const token = randomToken(32);
  const now = t.clock.now();
  await t.db.insert(accountTokens).values({
    id: await sha256Hex(token),
    userId,
    purpose,
    newEmail: purpose === "email_change" ? `new.${randomToken(4).toLowerCase()}@agency-a.go.th` : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  return token;
}

// ---------------------------------------------------------------------------
// Path parameters → records

/** Which of a side's services an /eservices route is exercised on (first match wins; default: step 1). */
const SERVICE_RULES: [RegExp, keyof Side["services"] | "golive"][] = [
  [/^\/eservices\/:id\/golive/, "golive"],
  [/^\/eservices\/:id\/steps\/:no\/testers/, 2],
  [/^\/eservices\/:id\/steps\/:no\/attempts/, 3],
  [/^\/eservices\/:id\/steps\/4\//, 4],
  [/^\/eservices\/:id\/(steps\/5\/|credentials)/, 5],
  [/^\/eservices\/:id\/steps\/7/, 7],
];

function serviceStep(path: string): keyof Side["services"] | "golive" {
  return SERVICE_RULES.find(([re]) => re.test(path))?.[1] ?? 1;
}

export interface PathOptions {
  /** Side whose records fill the parent parameters (`:id`, `:token`); default primary. */
  parent?: Side;
  /** Side whose records fill the child parameters (`:documentId`, `:tid`, …); default the parent side. */
  child?: Side;
  /** Replace every record id with one that does not exist. */
  missing?: boolean;
  /** Replace only the child ids with ones that do not exist. */
  missingChild?: boolean;
  /** Value for `:op` (default "up", which only reorders). */
  op?: string;
}

/** Parameters naming a record that belongs to a parent record in the same path. */
export const CHILD_PARAMS = new Set(["documentId", "tid", "aid", "fileId", "fid"]);

/** The concrete URL for a route pattern; throws for a parameter nobody taught this file. */
export function resolvePath(route: RouteDef, world: World, opts: PathOptions = {}): string {
  const parent = opts.parent ?? world.primary;
  const child = opts.child ?? parent;
  const p = route.path;
  const step = serviceStep(p);
  const missingId = () => newId();
  const missingChild = opts.missing || opts.missingChild;
  return p.replace(PARAM_RE, (_m, name: string) => {
    switch (name) {
      case "id": {
        if (opts.missing) return missingId();
        if (p.startsWith("/audit/requests/")) return parent.requestId;
        if (p.startsWith("/audit/eservices/")) return parent.services[1];
        if (p.startsWith("/audit/agencies/")) return parent.agencyId;
        if (p.startsWith("/audit/users/")) return (parent === world.twin ? world.userIds.universityY : world.userIds.universityX)!;
        if (p.startsWith("/requests/")) return parent.requestId;
        if (p.startsWith("/university/requests/")) return parent.draftId;
        if (p.startsWith("/officer/agencies/")) return parent.agencyId;
        if (p.startsWith("/agency/notifications/")) return parent.notificationId;
        if (p.startsWith("/login/qr/") || p.startsWith("/q/")) return parent.qrId;
        if (p.startsWith("/eservices/")) return step === "golive" ? parent.goliveServiceId : parent.services[step];
        if (p.startsWith("/admin/mail/")) return world.mailId;
        if (p.startsWith("/officer/exports/")) return world.exportJobId;
        if (p.startsWith("/admin/audit/exports/")) return world.auditExportJobId;
        if (p.startsWith("/staff/")) return world.admin.staffUserId;
        if (p.startsWith("/admin/universities/")) return world.admin.universityId;
        break;
      }
      case "no":
        return String(step === "golive" ? 7 : step);
      case "part":
        return "1";
      case "op":
        return opts.op ?? "up";
      case "token":
        // Mailed account links belong to the spare account, not to a side.
        if (p.startsWith("/reset-password/")) return opts.missing ? randomToken(32) : world.spare.resetToken;
        if (p.startsWith("/account/email/")) return opts.missing ? randomToken(32) : world.spare.emailToken;
        return opts.missing ? randomToken(20) : parent.trackingToken;
      case "documentId":
        return missingChild ? missingId() : child.documentId;
      case "tid":
        return missingChild ? missingId() : child.testerId;
      case "aid":
        return missingChild ? missingId() : child.attemptId;
      case "fileId":
        return missingChild ? missingId() : child.iconFileId;
      case "fid":
        return missingChild ? missingId() : child.screenshotId;
    }
    throw new Error(`No fixture for parameter :${name} of ${route.key}: teach test/support/matrix-fixtures.ts (resolvePath)`);
  });
}

/**
 * Form bodies where an empty one would stop at validation before the record
 * check (so a denial could not be seen). Everything else is posted empty, which
 * is enough to pass authorization and stop at 4xx validation without side effects.
 */
export const BODIES: Record<string, Record<string, string>> = {
  "POST /eservices/:id/steps/:no/testers/:tid": {
    fullName: "ผู้ทดสอบ แก้ไข",
    organisation: "กรมทดสอบ",
    email: "tester@dept.go.th",
    phone: "0812345678",
    nationalId: "1101700230368",
    os: "android",
  },
  "POST /requests/:id/documents/:documentId/status": { status: "checked", note: "" },
  "POST /eservices/:id/steps/:no/attempts/:aid": { details: "แก้ไขรายละเอียด" },
};

export function bodyFor(route: RouteDef): Record<string, string> {
  return BODIES[route.key] ?? {};
}

// ---------------------------------------------------------------------------
// Outcomes

export type Outcome = "allowed" | "denied" | "csrf-rejected" | "server-error";

/**
 * allowed = got past authorization (any 2xx/3xx, or a 4xx such as 400/409/413/422/429);
 * denied = 403, 404, or the sign-in redirect `/login?next=…`.
 */
export function classify(r: SendResult): Outcome {
  if (r.status >= 500) return "server-error";
  if (r.status === 403 && r.text.includes(CSRF_TEXT)) return "csrf-rejected";
  if (r.status === 403 || r.status === 404) return "denied";
  if (r.status === 303 && (r.location ?? "").startsWith("/login?next=")) return "denied";
  return "allowed";
}

/** Every table's rows, so a test can prove a rejected request wrote nothing at all. */
export async function dbSnapshot(t: TestApp): Promise<string> {
  const all = await t.db.all<{ name: string; sql: string | null }>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
  );
  // A full-text index and its shadow tables are derived from the rows above them by triggers.
  const virtual = all.filter((x) => /^CREATE VIRTUAL TABLE/i.test(x.sql ?? "")).map((x) => x.name);
  const tables = all.filter((x) => !virtual.some((v) => x.name === v || new RegExp(`^${v}_(data|idx|content|docsize|config)$`).test(x.name)));
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await t.db.all(sql.raw(`SELECT * FROM "${name}" ORDER BY rowid`));
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

export async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`);
  return Number(row?.n ?? 0);
}
