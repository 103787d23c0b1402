/**
 * No N+1 on list pages: every page that lists database rows runs as many SQL
 * statements with many rows as with a few.
 *
 * One app, one signed-in browser per role. Every list gets a few rows, each page is
 * requested and its statements counted (the whole request: session check, rate
 * limits, the page's reads); then every list gets many more rows (more than a page
 * where the list is paged) and each page is counted again. The counts must be equal,
 * and within a budget, so a page that got heavier is noticed too.
 *
 * One exception, and only of one statement: a request list whose first page is not
 * full knows its total without a count(*), so the same page may run one statement
 * more once its first page fills up. A statement per row would add dozens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import {
  academicRequests,
  agencies,
  eserviceFiles,
  eservices,
  eserviceSteps,
  notifications,
  requestEvents,
  testers,
  testResults,
  universities,
  users,
} from "../../src/db/schema";
import { POSITION_KEYS } from "../../src/domain/academic";
import type { StepState } from "../../src/domain/onboarding/workflow";
import type { Role } from "../../src/domain/roles";
import { formatThaiId } from "../../src/domain/thai-id";
import { recordAudit } from "../../src/services/audit";
import { startSession } from "../../src/services/auth";
import { newId } from "../../src/services/crypto";
import { addDocument, setDocumentStatus } from "../../src/services/documents";
import { enqueueMail } from "../../src/services/mail";
import { hashPassword } from "../../src/services/password";
import { encryptPid, pidKeys, pidLookupHash, type PidKeys } from "../../src/services/pid-crypto";
import { applyOfficerAction, PAGE_SIZE } from "../../src/services/requests";
import type { SessionUser } from "../../src/services/session";
import { createTrackingLink } from "../../src/services/tracking-links";
import { countQueries, formatStatements, type QueryCounter, type RecordedStatement } from "../support/query-counter";
import { Browser, contextFor, createTestApp, TEST_ORIGIN, type TestApp } from "./helpers";

/** Rows each list starts with: enough that every filter below matches something. */
const FEW = 4;
/** Rows added to each list; requests need more for the university's own list to pass a page of 50. */
const MORE = { requests: 80, services: 40, other: 40 };
/** Statements a list page may run at most, unless its case says otherwise. */
const BUDGET = 8;

const PASSWORD = "Count#2567pw";
const A = DEMO_CITIZENS[0]!;
const B = DEMO_CITIZENS[1]!;
const UNI_X = { id: "uni-x", code: "00100" };
const UNI_Y = { id: "uni-y", code: "00500" };
const AGENCY = "agency-a";
const DAY = 86_400_000;

/** Fixed ids of the records whose own pages list their children. */
const TRACKED_REQUEST = "request-tracked";
const SERVICE_AT_2 = "service-at-step-2";
const SERVICE_AT_5 = "service-at-step-5";
const SERVICE_AT_6 = "service-at-step-6";

type Who = "applicant" | "university" | "officer" | "agency" | "admin";

interface PageCase {
  name: string;
  who: Who;
  path: string | (() => string);
  headers?: Record<string, string>;
  /** Matches once per listed row, to prove the page really lists the rows that were added. */
  rows: RegExp;
  /** A request list paged by the database: filling its first page may add the one count(*). */
  pageSize?: number;
  /** Its own statement budget, for a page that needs more than BUDGET. */
  budget?: number;
  /** Rows the page may read from the database with many rows listed: paging in SQL, not in memory. */
  maxRowsRead?: number;
  /** For a download that is not text: counts its rows from the bytes instead of `rows`. */
  countRows?: (bytes: ArrayBuffer) => Promise<number>;
}

interface Measured {
  status: number;
  count: number;
  statements: RecordedStatement[];
  rows: number;
  rowsRead: number;
}

const REQUEST_ROWS = /class="ticket-link"/g;
const TIMELINE_AND_DOCUMENTS = /<time datetime=|class="badge badge-doc-/g;
const SERVICE_LINKS = /href="\/eservices\/[\w-]+"/g;
const AUDIT_EVENTS = /class="audit-event"/g;

let trackingToken = "";

/** Rows below the header row of the export's first sheet. */
async function xlsxDataRows(bytes: ArrayBuffer): Promise<number> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  return Math.max(0, book.worksheets[0]!.actualRowCount - 1);
}
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The agency's service list pages by 20: a page reads its 20 services, their 140 step rows, a count and the session. */
const SERVICE_PAGE = 20;
const SERVICE_PAGE_ROWS = SERVICE_PAGE * 8 + 10;
/**
 * The dashboard reads its services' step states as a few groups, not 7 rows per service
 * (its 47 services here would be 329 rows); its chooser still reads one name per service.
 */
const DASHBOARD_ROWS = 100;

const PAGES: PageCase[] = [
  // Applicant (ThaiD)
  { name: "applicant: my requests /me", who: "applicant", path: "/me", rows: REQUEST_ROWS },
  { name: "applicant: request detail (timeline, documents)", who: "applicant", path: `/requests/${TRACKED_REQUEST}`, rows: TIMELINE_AND_DOCUMENTS },
  { name: "applicant: tracking link /track/:token", who: "applicant", path: () => `/track/${trackingToken}`, rows: TIMELINE_AND_DOCUMENTS },
  // University staff
  { name: "university: request list", who: "university", path: "/university", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "university: request list, status filter", who: "university", path: "/university?status=received", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "university: request list, search and position", who: "university", path: `/university?${query({ q: "ผู้ยื่น", position: "associate_professor" })}`, rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "university: request list, page 2", who: "university", path: "/university?page=2", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "university: request detail (timeline, documents)", who: "university", path: `/requests/${TRACKED_REQUEST}`, rows: TIMELINE_AND_DOCUMENTS },
  // Officer: academic requests
  { name: "officer: work queue /officer", who: "officer", path: "/officer", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, status and university", who: "officer", path: "/officer?status=received&university=uni-y", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, name search and position", who: "officer", path: `/officer?${query({ q: "ผู้ยื่น", position: "professor" })}`, rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, national ID search", who: "officer", path: `/officer?${query({ q: formatThaiId(A.pid) })}`, rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, waiting over 7 days", who: "officer", path: "/officer?age=7", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, page 2", who: "officer", path: "/officer?page=2", rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: work queue, htmx fragment", who: "officer", path: "/officer?status=received", headers: { "hx-request": "true" }, rows: REQUEST_ROWS, pageSize: PAGE_SIZE },
  { name: "officer: request detail (timeline, documents, tracking link)", who: "officer", path: `/requests/${TRACKED_REQUEST}`, rows: TIMELINE_AND_DOCUMENTS },
  // Officer: e-services
  { name: "officer: review queue /officer/reviews", who: "officer", path: "/officer/reviews", rows: /data-label="e-Service"/g },
  { name: "officer: batches /officer/batches", who: "officer", path: "/officer/batches", rows: SERVICE_LINKS },
  { name: "officer: batches CSV", who: "officer", path: "/officer/batches.csv", rows: /ระบบชำระเงิน/g },
  { name: "officer: work queue as XLSX", who: "officer", path: "/officer/export.xlsx", rows: /^$/g, countRows: xlsxDataRows },
  { name: "officer: agencies", who: "officer", path: "/officer/agencies", rows: /href="\/officer\/agencies\/[\w-]+"/g },
  { name: "officer: agency (users, e-services)", who: "officer", path: `/officer/agencies/${AGENCY}`, rows: /ผู้ใช้หน่วยงาน|href="\/eservices\/[\w-]+"/g },
  { name: "officer: step 2 testers", who: "officer", path: `/eservices/${SERVICE_AT_2}/steps/2`, rows: /เลขบัตร/g },
  { name: "officer: step 3 test attempts", who: "officer", path: `/eservices/${SERVICE_AT_5}/steps/3`, rows: /data-label="ครั้งที่"/g },
  // Agency
  { name: "agency: dashboard /agency", who: "agency", path: "/agency", rows: /<option value="[\w-]+"/g, maxRowsRead: DASHBOARD_ROWS },
  { name: "agency: dashboard, one service chosen", who: "agency", path: `/agency?service=${SERVICE_AT_5}`, rows: /<option value="[\w-]+"/g, maxRowsRead: DASHBOARD_ROWS },
  { name: "agency: e-service list", who: "agency", path: "/agency/eservices", rows: SERVICE_LINKS, pageSize: SERVICE_PAGE, maxRowsRead: SERVICE_PAGE_ROWS },
  { name: "agency: e-service list, search", who: "agency", path: `/agency/eservices?${query({ q: "ชำระเงิน" })}`, rows: SERVICE_LINKS, pageSize: SERVICE_PAGE, maxRowsRead: SERVICE_PAGE_ROWS },
  { name: "agency: e-service list, step filter", who: "agency", path: "/agency/eservices?step=1&state=in_progress", rows: SERVICE_LINKS, pageSize: SERVICE_PAGE, maxRowsRead: SERVICE_PAGE_ROWS },
  { name: "agency: e-service list, page 2", who: "agency", path: "/agency/eservices?page=2", rows: SERVICE_LINKS, pageSize: SERVICE_PAGE, maxRowsRead: SERVICE_PAGE_ROWS },
  { name: "agency: launched services", who: "agency", path: "/agency/launched", rows: SERVICE_LINKS },
  { name: "agency: batches", who: "agency", path: "/agency/batches", rows: SERVICE_LINKS },
  { name: "agency: step 2 testers", who: "agency", path: `/eservices/${SERVICE_AT_2}/steps/2`, rows: /เลขบัตร/g },
  { name: "agency: step 2 check page (testers)", who: "agency", path: `/eservices/${SERVICE_AT_2}/steps/2/check`, rows: /เลขบัตร/g },
  { name: "agency: step 5 testers and screenshots", who: "agency", path: `/eservices/${SERVICE_AT_5}/steps/5`, rows: /เลขบัตร|\/files\/[\w-]+"/g },
  { name: "agency: step 5 check page (testers)", who: "agency", path: `/eservices/${SERVICE_AT_5}/steps/5/check`, rows: /เลขบัตร/g },
  { name: "agency: step 6 test attempts", who: "agency", path: `/eservices/${SERVICE_AT_6}/steps/6`, rows: /data-label="ครั้งที่"/g },
  // Admin
  { name: "admin: outbox /dev/mail", who: "admin", path: "/dev/mail", rows: /class="card mail"/g },
  { name: "admin: outbox /admin/mail", who: "admin", path: "/admin/mail", rows: /class="mail-row"/g },
  { name: "admin: outbox /admin/mail, status and recipient filters", who: "admin", path: "/admin/mail?status=pending&to=example.go.th", rows: /class="mail-row"/g },
  // Audit trails: actor names come from one join, not a lookup per event.
  { name: "officer: request trail /audit/requests/:id", who: "officer", path: `/audit/requests/${TRACKED_REQUEST}`, rows: AUDIT_EVENTS },
  { name: "officer: e-service trail /audit/eservices/:id", who: "officer", path: `/audit/eservices/${SERVICE_AT_2}`, rows: AUDIT_EVENTS },
  { name: "officer: agency trail (users, e-services) /audit/agencies/:id", who: "officer", path: `/audit/agencies/${AGENCY}`, rows: AUDIT_EVENTS },
  { name: "admin: audit search /admin/audit", who: "admin", path: "/admin/audit", rows: AUDIT_EVENTS },
  { name: "admin: audit search by actor and subject type", who: "admin", path: `/admin/audit?${query({ actor: "OFFICER", subjectType: "request" })}`, rows: AUDIT_EVENTS },
  { name: "admin: audit export CSV", who: "admin", path: "/admin/audit/export.csv", rows: /\r\n/g },
  { name: "admin: audit export XLSX", who: "admin", path: "/admin/audit/export.xlsx", rows: /^$/g, countRows: xlsxDataRows },
];

let t: TestApp;
let queries: QueryCounter;
let keys: PidKeys;
const browsers = {} as Record<Who, Browser>;
const actors = {} as Record<"university" | "officer" | "agency", SessionUser>;
const small = new Map<PageCase, Measured>();
const large = new Map<PageCase, Measured>();

// ---------------------------------------------------------------------------
// The world: users of every role, and the parents the lists hang off

const STAFF: Record<Exclude<Who, "applicant">, { username: string; role: Role; orgId: string | null }> = {
  university: { username: "uni.x", role: "university", orgId: UNI_X.id },
  officer: { username: "officer", role: "officer", orgId: null },
  agency: { username: "agency.a", role: "agency", orgId: AGENCY },
  admin: { username: "admin", role: "admin", orgId: null },
};

function sessionUser(id: string, role: Role, orgId: string | null): SessionUser {
  return { id, role, displayName: role, username: role, orgId, pidHmac: null, mustChangePassword: false };
}

async function buildWorld() {
  const now = t.clock.now();
  keys = await pidKeys(t.deps.config.dataKey);
  await t.db.insert(universities).values([
    { id: UNI_X.id, code: UNI_X.code, nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" },
    { id: UNI_Y.id, code: UNI_Y.code, nameTh: "มหาวิทยาลัยธรรมศาสตร์", nameEn: "Thammasat University" },
  ]);
  await t.db.insert(agencies).values({ id: AGENCY, nameTh: "กรมทดสอบการนับ", nameEn: "Department of Counting", ministry: "กระทรวงทดสอบ", createdAt: now });

  // One password hash for every staff user.
  const passwordHash = await hashPassword(t.deps.kdf, PASSWORD);
  for (const [who, s] of Object.entries(STAFF) as [keyof typeof STAFF, (typeof STAFF)[keyof typeof STAFF]][]) {
    const id = newId();
    await t.db.insert(users).values({ id, role: s.role, username: s.username, usernameLower: s.username, passwordHash, displayName: `${who} ทดสอบ`, orgId: s.orgId, createdAt: now });
    if (who !== "admin") actors[who] = sessionUser(id, s.role, s.orgId);
  }
  const applicantId = newId();
  await t.db.insert(users).values({ id: applicantId, role: "applicant", displayName: `${A.givenName} ${A.familyName}`, pidHmac: await pidLookupHash(keys, A.pid), createdAt: now });

  // Staff sign in the way a browser does, one after another: sign-ins at once would put two
  // write transactions in flight on the embedded database, which this file is not about.
  for (const [i, who] of (Object.keys(STAFF) as (keyof typeof STAFF)[]).entries()) {
    const b = new Browser(t, TEST_ORIGIN, `10.0.0.${i + 1}`);
    const res = await b.login(STAFF[who].username, PASSWORD);
    if (res.status !== 303 || !b.cookies.has("tidtam_s")) throw new Error(`sign-in as ${who} failed: HTTP ${res.status}`);
    browsers[who] = b;
  }
  // Applicants sign in through ThaiD (tested elsewhere); the session is made as its callback would.
  const session = await startSession(t.db, now, { userId: applicantId, previousToken: null, ip: "10.0.0.9", userAgent: null, method: "thaid" });
  browsers.applicant = new Browser(t, TEST_ORIGIN, "10.0.0.9");
  browsers.applicant.cookies.set("tidtam_s", session.token);

  // The request whose detail page lists a growing timeline and documents; it has a tracking link.
  await insertSubmitted({ id: TRACKED_REQUEST, k: 9999, uni: UNI_X, pid: A.pid, position: "assistant_professor", name: "ผู้ถูกติดตาม" });
  await receive(TRACKED_REQUEST, "R-9999");
  const link = await createTrackingLink(contextFor(t, actors.officer, "10.0.0.2"), TRACKED_REQUEST);
  if (!link.ok) throw new Error("tracking link refused");
  trackingToken = link.token;

  // The services whose step pages list testers, attempts and screenshots.
  await addService(SERVICE_AT_2, "บริการผู้ทดสอบ UAT", statesAt(2));
  await addService(SERVICE_AT_5, "บริการก่อนขึ้นระบบจริง", statesAt(5));
  await addService(SERVICE_AT_6, "บริการทดสอบ Pre-production", statesAt(6));
}

// ---------------------------------------------------------------------------
// Growing every list

let requestNo = 0;
let serviceNo = 0;
let otherNo = 0;

function statesAt(step: number): StepState[] {
  return Array.from({ length: 7 }, (_, i) => (i + 1 < step ? "done" : i + 1 === step ? "in_progress" : "locked"));
}

async function insertSubmitted(r: { id: string; k: number; uni: { id: string; code: string }; pid: string; position: (typeof POSITION_KEYS)[number]; name: string }) {
  const now = t.clock.now();
  // Submitted ten days ago, so the "waiting over 7 days" filter has rows to find.
  const since = new Date(now.getTime() - 10 * DAY);
  await t.db.insert(academicRequests).values({
    id: r.id,
    ticketNo: `2569-${r.uni.code}-${String(r.k + 1).padStart(4, "0")}`,
    universityId: r.uni.id,
    applicantPidEnc: await encryptPid(keys, r.pid),
    applicantPidHmac: await pidLookupHash(keys, r.pid),
    applicantTitle: "นาย",
    applicantFirstName: r.name,
    applicantLastName: "ทดสอบ",
    applicantEmail: null,
    position: r.position,
    fieldTh: "วิทยาการคอมพิวเตอร์",
    fieldEn: "Computer Science",
    letterNo: `อว ${r.k}/2569`,
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: `coord${r.k}@example.ac.th`,
    status: "submitted",
    statusSince: since,
    createdBy: actors.university.id,
    createdAt: new Date(since.getTime() + r.k * 60_000),
    submittedAt: new Date(since.getTime() + r.k * 60_000),
    updatedAt: since,
  });
  await t.db.insert(requestEvents).values({ requestId: r.id, at: since, kind: "status", status: "submitted", label: "ยื่นคำขอ", actorId: actors.university.id });
}

/** The officer receives a request into the queue through the service, so the queue is kept as the app keeps it. */
async function receive(id: string, receiptNo: string) {
  const outcome = await applyOfficerAction(contextFor(t, actors.officer, "10.0.0.2"), id, "receive", { receiptNo });
  if (!outcome.ok) throw new Error(`receiving ${id} failed: ${outcome.reason}`);
}

/**
 * Requests from two universities under two citizens, in mixed positions; most
 * received into the queue. The first FEW already cover every filter used above.
 */
async function addRequests(n: number) {
  for (let i = 0; i < n; i++) {
    const k = requestNo++;
    const id = `request-${k}`;
    await insertSubmitted({
      id,
      k,
      uni: k % 4 === 2 ? UNI_Y : UNI_X,
      pid: k % 3 === 1 ? B.pid : A.pid,
      position: POSITION_KEYS[k % 3]!,
      name: `ผู้ยื่น${k}`,
    });
    if (k % 5 !== 1) await receive(id, `R-${k}`);
  }
}

async function addService(id: string, name: string, states: StepState[], extra: Partial<typeof eservices.$inferInsert> = {}) {
  const now = t.clock.now();
  await t.db.insert(eservices).values({ id, agencyId: AGENCY, name, createdAt: now, updatedAt: now, ...extra });
  await t.db.insert(eserviceSteps).values(
    states.map((state, i) => ({
      eserviceId: id,
      stepNo: i + 1,
      state,
      submittedAt: state === "in_review" ? new Date(now.getTime() - 2 * DAY) : null,
      updatedAt: now,
    })),
  );
}

/** Services of the agency in four kinds: in progress, waiting for review, confirmed for a batch, launched. */
async function addServices(n: number) {
  const now = t.clock.now();
  const batches = ["2026-11-24", "2026-12-01", "2026-12-08"];
  for (let i = 0; i < n; i++) {
    const k = serviceNo++;
    const id = `service-${k}`;
    switch (k % 4) {
      case 0:
        await addService(id, `ระบบจองคิว ${k}`, statesAt(1 + ((k / 4) % 2)));
        break;
      case 1:
        await addService(id, `ระบบยื่นคำร้อง ${k}`, statesAt(2).map((s) => (s === "in_progress" ? "in_review" : s)));
        break;
      case 2:
        await addService(id, `ระบบชำระเงิน ${k}`, statesAt(7).map((s) => (s === "in_progress" ? "in_review" : s)), {
          goliveRequestedDate: batches[k % 3]!,
          goliveBatchDate: batches[k % 3]!,
          goliveConfirmedAt: now,
        });
        break;
      default:
        await addService(id, `ระบบตรวจสอบสิทธิ์ ${k}`, Array<StepState>(7).fill("done"), {
          goliveBatchDate: "2026-11-17",
          goliveConfirmedAt: new Date(now.getTime() - 14 * DAY),
          launchedAt: new Date(now.getTime() - 7 * DAY),
        });
    }
    await t.db.insert(notifications).values({ id: newId(), agencyId: AGENCY, eserviceId: id, text: `บริการ ${k}: มีความคืบหน้า`, createdAt: new Date(now.getTime() - k * 60_000) });
  }
}

/** Everything else that is listed: agencies, agency users, the tracked request's documents, step children, mail. */
async function addOthers(n: number) {
  const now = t.clock.now();
  const university = { user: actors.university, ip: "10.0.0.1" };
  for (let i = 0; i < n; i++) {
    const k = otherNo++;
    await t.db.insert(agencies).values({ id: `agency-${k}`, nameTh: `หน่วยงานทดสอบ ${k}`, nameEn: `Agency ${k}`, ministry: "กระทรวงทดสอบ", createdAt: now });
    const agencyUserId = newId();
    // Events on the agency's users and e-services, for the agency and e-service trails.
    await recordAudit(t.db, now, { actorId: actors.officer.id, action: "agency_user.created", subjectType: "user", subjectId: agencyUserId, data: { agencyId: AGENCY }, ip: "10.0.0.2" });
    await recordAudit(t.db, now, { actorId: actors.agency.id, action: "tester.saved", subjectType: "eservice", subjectId: SERVICE_AT_2, data: { testerId: `t-${k}`, stepNo: 2 }, ip: "10.0.0.3" });
    await t.db.insert(users).values({
      id: agencyUserId,
      role: "agency",
      username: `agency.user.${k}`,
      usernameLower: `agency.user.${k}`,
      displayName: `ผู้ใช้หน่วยงาน ${k}`,
      email: `user${k}@agency.go.th`,
      orgId: AGENCY,
      createdAt: now,
    });

    // A document uploaded (a timeline line), every other one also checked (another line).
    const added = await addDocument(contextFor(t, university.user, university.ip), TRACKED_REQUEST, { key: `doc-${k}`, fileName: `เอกสาร-${k}.pdf`, size: 2048, contentType: "application/pdf" });
    if (!added.ok) throw new Error(`adding a document failed: ${added.reason}`);
    if (k % 2 === 0) await setDocumentStatus(contextFor(t, actors.officer, "10.0.0.2"), TRACKED_REQUEST, added.id, { status: "checked", note: null });

    const pidEnc = await encryptPid(keys, A.pid);
    const tester = (serviceId: string, stepNo: number) => ({
      id: newId(),
      eserviceId: serviceId,
      stepNo,
      fullName: `ผู้ทดสอบ ${k}`,
      organisation: "กรมทดสอบการนับ",
      email: `tester${k}@agency.go.th`,
      phone: "0812345678",
      pidEnc,
      os: k % 2 ? ("ios" as const) : ("android" as const),
      createdAt: new Date(now.getTime() + k),
    });
    await t.db.insert(testers).values([tester(SERVICE_AT_2, 2), tester(SERVICE_AT_5, 2), tester(SERVICE_AT_5, 5)]);
    const attempt = (serviceId: string, stepNo: number, status: "pending" | "approved") => ({
      id: newId(),
      eserviceId: serviceId,
      stepNo,
      attemptNo: k + 1,
      details: `ทดสอบครั้งที่ ${k + 1}`,
      fileKey: `xlsx-${k}`,
      fileName: `testcase-${k}.xlsx`,
      size: 1024,
      summary: null,
      status,
      createdAt: now,
    });
    await t.db.insert(testResults).values([attempt(SERVICE_AT_5, 3, "approved"), attempt(SERVICE_AT_6, 6, "pending")]);
    await t.db.insert(eserviceFiles).values({
      id: newId(),
      eserviceId: SERVICE_AT_5,
      stepNo: 5,
      kind: "screenshot",
      fileKey: `shot-${k}`,
      fileName: `screen-${k}.png`,
      contentType: "image/png",
      size: 4096,
      position: k + 1,
      createdAt: now,
    });
    await enqueueMail(t.db, now, { to: `someone${k}@example.go.th`, subject: `แจ้งเตือน ${k}`, text: "ข้อความทดสอบ" });
  }
}

async function addRows(sizes: { requests: number; services: number; other: number }) {
  await addRequests(sizes.requests);
  await addServices(sizes.services);
  await addOthers(sizes.other);
}

// ---------------------------------------------------------------------------
// Measuring

/**
 * The statements of one steady-state request: the page is opened once first, so a
 * first-view cache fill or a session touch is not counted against the list.
 */
async function measure(page: PageCase): Promise<Measured> {
  const browser = browsers[page.who];
  const path = typeof page.path === "function" ? page.path() : page.path;
  await browser.get(path, page.headers);
  if (page.countRows) {
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const { result, count, statements, rowsRead } = await queries.measure(async () => t.app.request(`${TEST_ORIGIN}${path}`, { headers: { cookie, "x-test-ip": "10.0.0.3" } }));
    return { status: result.status, count, statements, rowsRead, rows: await page.countRows(await result.arrayBuffer()) };
  }
  const { result, count, statements, rowsRead } = await queries.measure(() => browser.get(path, page.headers));
  return { status: result.status, count, statements, rowsRead, rows: result.text.match(page.rows)?.length ?? 0 };
}

async function measureAll(into: Map<PageCase, Measured>) {
  for (const page of PAGES) into.set(page, await measure(page));
}

function explain(page: PageCase, few: Measured, many: Measured): string {
  return [
    `${page.name}: ${few.count} statements with ${few.rows} rows listed, ${many.count} with ${many.rows}; rows read ${few.rowsRead}, then ${many.rowsRead}`,
    `with few rows:\n${formatStatements(few.statements)}`,
    `with many rows:\n${formatStatements(many.statements)}`,
  ].join("\n");
}

beforeAll(async () => {
  t = await createTestApp();
  queries = countQueries(t.db);
  await buildWorld();
  await addRows({ requests: FEW, services: FEW, other: FEW });
  await measureAll(small);
  await addRows(MORE);
  await measureAll(large);
}, 60_000);

afterAll(() => {
  queries?.restore();
  t?.close();
});

describe("list pages run a constant number of SQL statements (no N+1)", () => {
  it.each(PAGES.map((page) => [page.name, page] as const))("%s", (_name, page) => {
    const few = small.get(page)!;
    const many = large.get(page)!;
    expect([few.status, many.status], page.name).toEqual([200, 200]);
    const why = explain(page, few, many);
    // The page must really list the added rows, or equal counts would prove nothing.
    expect(many.rows, why).toBeGreaterThan(few.rows);
    const filledFirstPage = !!page.pageSize && few.rows < page.pageSize && many.rows >= page.pageSize;
    if (filledFirstPage) expect([few.count, few.count + 1], why).toContain(many.count);
    else expect(many.count, why).toBe(few.count);
    expect(many.count, why).toBeLessThanOrEqual(page.budget ?? BUDGET);
    if (page.maxRowsRead !== undefined) expect(many.rowsRead, why).toBeLessThanOrEqual(page.maxRowsRead);
  });
});

describe("the query counter", () => {
  it("counts each statement, in batches and transactions too, until restored", async () => {
    const app = await createTestApp();
    const counter = countQueries(app.db);
    try {
      const { count, statements } = await counter.measure(async () => {
        await app.db.select().from(universities);
        await app.db.batch([app.db.select().from(agencies), app.db.select().from(users)]);
        await app.db.transaction(async (tx) => {
          await tx.insert(universities).values({ id: "u", code: "00900", nameTh: "ทดสอบ", nameEn: "Test" });
          await tx.select().from(universities);
        });
      });
      expect(count, formatStatements(statements)).toBe(5);
      expect(statements.map((s) => s.sql.split(" ")[0])).toEqual(["select", "select", "select", "insert", "select"]);
      counter.restore();
      await app.db.select().from(universities);
      expect(counter.count()).toBe(0);
    } finally {
      app.close();
    }
  });
});
