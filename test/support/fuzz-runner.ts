/**
 * The harness of test/node/fuzz-all-forms.test.ts: a fuzz target is one form (or
 * upload) of one route as someone who may use it; `fuzzTarget` sends it seeded
 * hostile cases and says what is wrong with each answer (see test/support/fuzz.ts
 * for the values and the checks).
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  academicRequests,
  agencies,
  appCredentials,
  eserviceFiles,
  eservices,
  eserviceSteps,
  notifications,
  requestDocuments,
  requestEvents,
  testers,
  testResults,
  ticketCounters,
  trackingLinks,
  universities,
  users,
} from "../../src/db/schema";
import { ESERVICE_CATEGORIES } from "../../src/domain/onboarding/credentials";
import { LIST_FIELDS } from "../../src/domain/onboarding/platform-application";
import { startSession } from "../../src/services/auth";
import { newId } from "../../src/services/crypto";
import { cleanFileName } from "../../src/services/uploads";
import { Browser, createUser, TEST_ORIGIN, thaidEnv } from "../node/helpers";
import {
  ALL_HOSTILE,
  EMPTY_ZIP,
  escapeHtml,
  HOSTILE_FILE_NAMES,
  HOSTILE_NAMES,
  HTML_BYTES,
  LYING_PNG,
  markupProblems,
  PDF_BYTES,
  pick,
  png,
  prng,
  refusalProblems,
  seedOf,
  xlsx,
} from "./fuzz";
import { buildWorld, CSRF_TEXT, type ActorName, type World } from "./matrix-fixtures";

const SESSION_COOKIE = "tidtam_s";

// ---------------------------------------------------------------------------
// The world: the matrix's two sides, plus what some forms need to be reachable.

export interface FuzzWorld extends World {
  /** Agency A's service whose step 1 waits for an officer (reset to that before each review case). */
  reviewServiceId: string;
  /** An agency user who must still choose their own credentials. */
  firstLogin: { userId: string; browser: Browser };
  /** An officer who signs in through the login form (display name with markup). */
  login: { userId: string; username: string; password: string; displayName: string };
  /** Agency A's service whose go-live was confirmed (through its form), not launched: officers may move its batch. */
  moveServiceId: string;
  /** University X's complete draft (made through its form), for the submit target; the applicant's name has markup. */
  submitDraftId: string;
  xlsx: Uint8Array<ArrayBuffer>;
  thaidIssuer: string;
}

/** Step-1 answers that pass the form. */
export const STEP1_GOOD = {
  category: ESERVICE_CATEGORIES[0],
  shortDescription: "บริการทดสอบ",
  fullDescription: "รายละเอียดบริการทดสอบแบบเต็ม",
  hasIcon: "no",
  iconConcept: "-",
  launchDate: "2027-03-01",
  wantsPersonalData: "no",
  personalData: [] as string[],
  identityLevel: "id_card",
  wantsNotification: "no",
  deviceAccess: ["camera"],
  tasks: ["งานหนึ่ง", "งานสอง"],
};

export async function buildFuzzWorld(): Promise<FuzzWorld> {
  const world = await buildWorld();
  const { t } = world;
  const now = t.clock.now();
  const reviewServiceId = newId();
  await t.db.insert(eservices).values({ id: reviewServiceId, agencyId: world.primary.agencyId, name: "บริการ A รอตรวจ", createdAt: now, updatedAt: now });
  await t.db.insert(eserviceSteps).values(
    [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      eserviceId: reviewServiceId,
      stepNo: n,
      state: n === 1 ? ("in_review" as const) : ("locked" as const),
      answers: n === 1 ? STEP1_GOOD : null,
      submittedAt: n === 1 ? now : null,
      updatedAt: now,
    })),
  );
  // Created in place (no password hash): its password is never used, its session is opened directly.
  const userId = newId();
  await t.db.insert(users).values({
    id: userId,
    role: "agency",
    username: "tmp.fuzz",
    usernameLower: "tmp.fuzz",
    passwordHash: "unused",
    displayName: FIRST_LOGIN_NAME,
    orgId: world.primary.agencyId,
    mustChangePassword: true,
    passwordExpiresAt: new Date(now.getTime() + 7 * 86_400_000),
    createdAt: now,
  });
  const browser = new Browser(t, TEST_ORIGIN, "198.51.100.90");
  const session = await startSession(t.db, now, { userId, previousToken: null, ip: "198.51.100.90", userAgent: null, method: "password" });
  browser.cookies.set(SESSION_COOKIE, session.token);

  const login = { username: "fuzz.officer", password: "Fuzz#Login2567", displayName: `เจ้าหน้าที่ฟัซ${PROBE_MARKUP}` };
  const loginUserId = await createUser(t, { role: "officer", ...login });

  const moveServiceId = newId();
  await t.db.insert(eservices).values({ id: moveServiceId, agencyId: world.primary.agencyId, name: "บริการ A ยืนยันรอบแล้ว", createdAt: now, updatedAt: now });
  await t.db
    .insert(eserviceSteps)
    .values([1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: moveServiceId, stepNo: n, state: n < 7 ? ("done" as const) : ("in_progress" as const), updatedAt: now })));
  const confirmed = await world.clients.agencyA.unsafe("POST", `/eservices/${moveServiceId}/steps/7`, {
    requestedDate: "2026-12-10",
    note: MOVE_NOTE,
    intent: "confirm",
  });
  if (confirmed.status !== 303) throw new Error(`fixture: confirming the go-live answered ${confirmed.status}`);

  // The matrix's submitted requests carry ticket 0001 without the counter that issues tickets: record it.
  await t.db.insert(ticketCounters).values({ universityId: world.primary.universityId, beYear: 2569, lastSeq: 1 }).onConflictDoNothing();
  const draft = await world.clients.universityX.unsafe("POST", "/university/requests", { ...COMPLETE_REQUEST, intent: "save" });
  const submitDraftId = idFrom(draft.location, /^\/university\/requests\/([^/?#]+)/);

  return {
    ...world,
    reviewServiceId,
    firstLogin: { userId, browser },
    login: { userId: loginUserId, ...login },
    moveServiceId,
    submitDraftId,
    xlsx: await xlsx(),
    thaidIssuer: thaidEnv().THAID_ISSUER!,
  };
}

/** The first-login user's display name, as an officer might type it. */
export const FIRST_LOGIN_NAME = 'ผู้ใช้ใหม่"><b>';
/** The note the agency confirmed the moved service's go-live with. */
export const MOVE_NOTE = 'ขอเปิดรอบแรก<i>"ก"</i>';

/** A request form that passes every check (the applicant's name carries markup). */
export const COMPLETE_REQUEST = {
  applicantPid: "1-1017-00230-36-8",
  applicantTitle: "นาย",
  applicantFirstName: 'สมชาย<b>"x"</b>',
  applicantLastName: "ใจดี",
  applicantEmail: "somchai@example.ac.th",
  position: "assistant_professor",
  fieldTh: "วิทยาการคอมพิวเตอร์",
  fieldEn: "Computer Science",
  letterNo: "อว 0001/2569",
  coordinatorName: "ผู้ประสานงาน",
  coordinatorPhone: "021234567",
  coordinatorEmail: "coord@example.ac.th",
};

// ---------------------------------------------------------------------------
// Targets

export type Rnd = () => number;
export type Value = string | File;
/** A good value: posted as is (a list is a repeated field); a function picks one when the case is built. */
export type Good = string | readonly string[] | null | ((w: FuzzWorld, rnd: Rnd) => string | Promise<string>);
export type FileKind = "pdf" | "png" | "icon120" | "xlsx";
/** What the server received, by field name, in order. */
export type Sent = Map<string, Value[]>;

export interface Answer {
  status: number;
  text: string;
  /** `Location`, or `HX-Redirect` for htmx. */
  location: string | null;
  contentType: string | null;
}

/** [what, stored, expected]: compared as JSON; an undefined expectation is skipped. */
export type StoredCheck = [string, unknown, unknown];

export interface Target {
  /** The router's key, e.g. "POST /admin/contact". */
  key: string;
  /** Which of the route's forms, when it serves several. */
  label?: string;
  as: ActorName | "visitor" | "firstLogin";
  /** The concrete URL (case `i` of `n`). */
  path: (w: FuzzWorld, rnd: Rnd, i: number, n: number) => string;
  fields?: Record<string, Good>;
  /** An upload route: the `file` field's kind and the route's size limit. */
  file?: { kind: FileKind; maxBytes: number };
  cases?: number;
  /** Puts the record back in the state the form needs (a form that succeeded moved it on). */
  before?: (w: FuzzWorld) => Promise<void>;
  /** After a success: what was stored against what was sent. */
  stored?: (w: FuzzWorld, sent: Sent, a: Answer, path: string) => Promise<StoredCheck[]>;
  /** After a success: the page that shows what was saved, and which sent fields it shows ("file": the file's name). */
  view?: (w: FuzzWorld, a: Answer, path: string) => string;
  shows?: string[] | ((sent: Sent, a: Answer) => string[]);
  /** After a success: values read back from the DB that the page must show escaped (for what the form does not carry as text). */
  displays?: (w: FuzzWorld, a: Answer, path: string) => Promise<string[]>;
  /** Who looks at that page, when not the sender. */
  viewAs?: ActorName;
  /** Why there is no `stored` check (the route stores nothing a visitor typed, or nothing at all). */
  nothingStored?: string;
  /** Why there is no page to look for the value on, escaped. */
  nothingShown?: string;
  /** Good values for the all-good opening case that differ from `fields` (e.g. the intent that stores). */
  probe?: Record<string, Good>;
  /** The field the opening case carries markup in (default: the first of `shows`); null: none. */
  probeMarkup?: string | null;
  /** May redirect to ThaiD. */
  external?: boolean;
  /** A fixed IP for a visitor (so the rate limits are the ones under test), else one per case. */
  ip?: string;
}

export const choice =
  (...values: string[]): Good =>
  (_w, rnd) =>
    pick(rnd, values);

/** The last string received for `name` (what `parseBody()` keeps), or undefined. */
export function lastString(sent: Sent, name: string): string | undefined {
  const v = sent.get(name)?.at(-1);
  return typeof v === "string" ? v : undefined;
}

export function trimmedOrNull(v: string | undefined): string | null | undefined {
  return v === undefined ? undefined : v.trim() || null;
}

/** `fields` of `row` against what was sent, trimmed as the forms trim; fields not sent as text, or blank, are skipped. */
export function trimmedChecks(sent: Sent, row: Record<string, unknown> | undefined, fields: string[]): StoredCheck[] {
  const out: StoredCheck[] = [];
  for (const f of fields) {
    const v = lastString(sent, f);
    if (v === undefined || !v.trim()) continue;
    out.push([f, row?.[f], v.trim()]);
  }
  return out;
}

/** The uploaded file's name as the app keeps it. */
export function fileName(sent: Sent): string | undefined {
  const v = sent.get("file")?.at(-1);
  return v instanceof File ? cleanFileName(v.name) : undefined;
}

/** The answers a step form keeps (routes/eservices.tsx rawAnswers): strings as posted, lists as lists. */
export function rawAnswer(values: Value[] | undefined, max: number): unknown {
  if (!values) return undefined;
  const strings = values.filter((v): v is string => typeof v === "string").map((v) => v.slice(0, max));
  if (values.length > 1) return strings;
  return strings[0];
}

/** Step 4's part answers (routes/platform-application.tsx postedPart). */
export function partAnswer(name: string, values: Value[] | undefined): unknown {
  const strings = (values ?? []).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, 5000));
  if (LIST_FIELDS.has(name)) return strings.flatMap((s) => s.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean);
  return strings[0] ?? "";
}

export async function stepRow(w: FuzzWorld, serviceId: string, stepNo: number) {
  const [row] = await w.t.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo)));
  return row!;
}

export async function newestFile(w: FuzzWorld, serviceId: string, kind: "icon" | "screenshot" | "auth_letter", stepNo: number) {
  const [row] = await w.t.db
    .select()
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, kind), eq(eserviceFiles.stepNo, stepNo)))
    .orderBy(desc(sql`rowid`))
    .limit(1);
  return row;
}

export function idFrom(location: string | null, re: RegExp): string {
  const id = re.exec(location ?? "")?.[1];
  if (!id) throw new Error(`no id in ${location}`);
  return id;
}

export function targetName(t: Target): string {
  return `${t.key}${t.label ? ` (${t.label})` : ""} as ${t.as}`;
}

// ---------------------------------------------------------------------------
// Building a case

interface FileVariant {
  name: string;
  make: (w: FuzzWorld, kind: FileKind, maxBytes: number, rnd: Rnd) => Value | null;
}

function goodBytes(w: FuzzWorld, kind: FileKind): Uint8Array<ArrayBuffer> {
  return kind === "pdf" ? PDF_BYTES : kind === "xlsx" ? w.xlsx : png(120, 120);
}

const EXT: Record<FileKind, string> = { pdf: "pdf", png: "png", icon120: "png", xlsx: "xlsx" };

/** Every upload target gets each of these once, in order, then random ones (never the huge one again). */
const FILE_VARIANTS: FileVariant[] = [
  { name: "a good file", make: (w, k) => new File([goodBytes(w, k)], `ok.${EXT[k]}`) },
  { name: "a good file with a hostile name", make: (w, k, _m, rnd) => new File([goodBytes(w, k)], pick(rnd, HOSTILE_FILE_NAMES)) },
  { name: "an empty file", make: (_w, k) => new File([], `empty.${EXT[k]}`) },
  { name: "a zip renamed", make: (_w, k) => new File([EMPTY_ZIP], `bomb.${EXT[k]}`) },
  { name: "a header that lies", make: (_w, k) => new File([LYING_PNG], `liar.${EXT[k]}`) },
  { name: "HTML with the right extension", make: (_w, k) => new File([HTML_BYTES], `page.${EXT[k]}`, { type: "text/html" }) },
  { name: "text where the file belongs", make: (_w, _k, _m, rnd) => pick(rnd, ALL_HOSTILE) },
  { name: "no file", make: () => null },
  { name: "a good file of another kind", make: (_w, k) => (k === "pdf" ? new File([png(120, 120)], "x.pdf") : new File([PDF_BYTES], "x.png")) },
  { name: "an image too small or not square", make: (_w, _k, _m, rnd) => new File([pick(rnd, [png(1, 1), png(200, 120)])], "small.png") },
  { name: "a file over the route's limit", make: (w, k, maxBytes) => new File([goodBytes(w, k), new Uint8Array(maxBytes + 128 * 1024)], `huge.${EXT[k]}`) },
];

interface BuiltCase {
  entries: [string, Value][];
  sent: Sent;
  multipart: boolean;
  htmx: boolean;
  note: string;
}

/** A benign value for a field with no known good one. */
const BENIGN = "ข้อมูลทดสอบ";
/** Rare: far over the 256 KB form limit when two of them meet. */
const HUGE = "ก".repeat(20_001);

const SHORT_HOSTILE = ALL_HOSTILE.filter((v) => v.length <= 5000);

function hostileValue(rnd: Rnd): string {
  return rnd() < 0.03 ? HUGE : pick(rnd, SHORT_HOSTILE);
}

async function goodValue(w: FuzzWorld, good: Good, rnd: Rnd): Promise<string | readonly string[]> {
  if (good === null) return BENIGN;
  if (typeof good === "function") return good(w, rnd);
  return good;
}

/**
 * A multipart text value as the server gets it: the encoder sends every line break
 * as CRLF (as browsers do) and the platform's parser drops a leading BOM. Not the app's doing.
 */
function asReceived(v: Value): Value {
  return typeof v === "string" ? v.replace(/\r\n|\r|\n/g, "\r\n").replace(/^\uFEFF/, "") : v;
}

async function buildCase(w: FuzzWorld, target: Target, i: number, rnd: Rnd): Promise<BuiltCase> {
  const entries: [string, Value][] = [];
  const multipart = !!target.file || rnd() < 0.15;
  const htmx = rnd() < 0.2;
  const names = Object.keys(target.fields ?? {});
  // Half the cases: one field hostile in an otherwise good submission (so the value can be stored);
  // the others: every field good, hostile, missing or odd (repeated, a file) at random.
  const one = i % 2 === 0 && names.length > 0;
  const hostileName = one ? pick(rnd, names) : null;
  for (const name of names) {
    const hostile = () => hostileValue(rnd);
    const good = await goodValue(w, target.fields![name]!, rnd);
    const goods = typeof good === "string" ? [good] : [...good];
    const roll = rnd();
    if (one ? name !== hostileName : roll < 0.35) {
      for (const g of goods) entries.push([name, g]);
    } else if (one || roll < 0.75) {
      entries.push([name, hostile()]);
    } else if (roll < 0.9) {
      // left out
    } else if (multipart && rnd() < 0.5) {
      entries.push([name, new File([HTML_BYTES], "field.html", { type: "text/html" })]);
    } else {
      entries.push([name, hostile()], [name, goods[0] ?? BENIGN]);
    }
  }
  if (names.length === 0 || rnd() < 0.25) entries.push([pick(rnd, HOSTILE_NAMES), hostileValue(rnd)]);
  let note = "";
  if (target.file) {
    const variant = i < FILE_VARIANTS.length ? FILE_VARIANTS[i]! : pick(rnd, FILE_VARIANTS.slice(0, -1));
    const value = variant.make(w, target.file.kind, target.file.maxBytes, rnd);
    if (value !== null) entries.push(["file", value]);
    note = ` with ${variant.name}`;
  }
  const sent: Sent = new Map();
  for (const [k, v] of entries) sent.set(k, [...(sent.get(k) ?? []), multipart ? asReceived(v) : v]);
  return { entries, sent, multipart, htmx, note };
}

/** Markup the opening case adds to one shown field: it must come back escaped, on the answer and on the page. */
export const PROBE_MARKUP = '"><img src=x onerror=alert(1)>';

function probeMarkupField(target: Target): string | null {
  if (target.probeMarkup !== undefined) return target.probeMarkup;
  const shows = Array.isArray(target.shows) ? target.shows : [];
  return shows.find((f) => f === "file" || f in (target.fields ?? {})) ?? null;
}

/**
 * The case that opens every run: every field good, one shown field (or the file's
 * name) with markup appended, so each run has an accepted case to read back and
 * to look for, escaped, on its page.
 */
async function buildProbe(w: FuzzWorld, target: Target, rnd: Rnd): Promise<BuiltCase> {
  const entries: [string, Value][] = [];
  const markup = probeMarkupField(target);
  for (const [name, good] of Object.entries(target.fields ?? {})) {
    const value = await goodValue(w, target.probe?.[name] ?? good, rnd);
    const values = typeof value === "string" ? [value] : [...value];
    if (name === markup) values[values.length - 1] = `${values.at(-1) ?? ""}${PROBE_MARKUP}`;
    for (const v of values) entries.push([name, v]);
  }
  let note = " (the all-good opening case)";
  if (target.file) {
    const kind = target.file.kind;
    entries.push(["file", new File([goodBytes(w, kind)], `${markup === "file" ? PROBE_MARKUP : "ok"}.${EXT[kind]}`)]);
    note = " with a good file (the all-good opening case)";
  }
  const sent: Sent = new Map();
  for (const [k, v] of entries) sent.set(k, [...(sent.get(k) ?? []), target.file ? asReceived(v) : v]);
  return { entries, sent, multipart: !!target.file, htmx: false, note };
}

function describeCase(c: BuiltCase): string {
  const shown = c.entries.map(([k, v]) =>
    v instanceof File ? `${k}=File(${JSON.stringify(v.name.slice(0, 30))}, ${v.size} B)` : `${k}=${JSON.stringify(v.length > 40 ? `${v.slice(0, 30)}…(${v.length})` : v)}`,
  );
  return `${c.multipart ? "multipart" : "urlencoded"}${c.htmx ? " htmx" : ""}${c.note}: ${shown.join(" ")}`;
}

/** `path` with one of the route pattern's parameters replaced by a hostile value. */
function withHostileParam(key: string, path: string, rnd: Rnd): string {
  const pattern = key.slice(key.indexOf(" ") + 1).split("/");
  const parts = path.split("/");
  const params = pattern.map((seg, i) => (seg.startsWith(":") ? i : -1)).filter((i) => i >= 0);
  if (params.length === 0 || pattern.length !== parts.length) return path;
  parts[pick(rnd, params)] = encodeURIComponent(pick(rnd, ALL_HOSTILE.filter((v) => v.length <= 5000)));
  return parts.join("/");
}

// ---------------------------------------------------------------------------
// Sending it as someone

interface Sender {
  browser: Browser;
  /** After the session changed (a sign-in, new credentials): a valid token again. */
  refresh: () => Promise<void>;
}

let visitorIp = 0;

async function senderFor(w: FuzzWorld, target: Target): Promise<Sender> {
  if (target.as === "visitor") {
    // A fresh browser per case, on its own IP unless the target names one: rate limits are per IP.
    const browser = new Browser(w.t, TEST_ORIGIN, target.ip ?? `203.0.113.${(visitorIp++ % 200) + 20}`);
    await browser.get("/login");
    return { browser, refresh: async () => void (await browser.get("/login")) };
  }
  if (target.as === "firstLogin") {
    const browser = w.firstLogin.browser;
    if (!browser.csrf) await browser.get("/account/setup");
    return { browser, refresh: async () => void (await browser.get("/account/setup")) };
  }
  const client = w.clients[target.as];
  await client.ensure();
  return {
    browser: client.browser,
    refresh: async () => {
      client.browser.csrf = null;
      await client.ensure();
    },
  };
}

/** As a browser (or htmx) sends the form: the token in a field of the body (urlencoded or multipart) or the header. */
async function send(browser: Browser, path: string, c: BuiltCase): Promise<Answer> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  if (c.htmx) {
    headers["hx-request"] = "true";
    headers["x-csrf-token"] = browser.csrf!;
  }
  const url = path;
  let body: BodyInit;
  if (c.multipart) {
    const form = new FormData();
    if (!c.htmx) form.append("_csrf", browser.csrf!);
    for (const [k, v] of c.entries) form.append(k, v);
    body = form;
  } else {
    const params = new URLSearchParams();
    for (const [k, v] of c.entries) params.append(k, v as string);
    if (!c.htmx) params.append("_csrf", browser.csrf!);
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = params.toString();
  }
  const r = await browser.request(url, { method: "POST", body, headers });
  return { status: r.status, text: r.text, location: r.location ?? r.res.headers.get("hx-redirect"), contentType: r.res.headers.get("content-type") };
}

function redirectProblem(w: FuzzWorld, target: Target, where: string): string | null {
  if (where.startsWith("/") && !where.startsWith("//") && !where.startsWith("/\\") && !/[\u0000-\u001f]/.test(where)) return null;
  if (target.external && where.startsWith(w.thaidIssuer)) return null;
  return `redirects off-site or to a broken address: ${JSON.stringify(where.slice(0, 80))}`;
}

type Outcome = "accepted" | "refused" | "broken";

/** Sends one case; returns what is wrong with the answer. */
async function runCase(
  w: FuzzWorld,
  target: Target,
  i: number,
  n: number,
  rnd: Rnd,
  hostileParam: boolean,
  probe = false,
): Promise<{ outcome: Outcome; status: number; problems: string[]; storedCompared: number; shownChecked: number }> {
  await target.before?.(w);
  const sender = await senderFor(w, target);
  let path = target.path(w, rnd, i, n);
  if (hostileParam) path = withHostileParam(target.key, path, rnd);
  const c = probe ? await buildProbe(w, target, rnd) : await buildCase(w, target, i, rnd);
  const session = sender.browser.cookies.get(SESSION_COOKIE);
  const a = await send(sender.browser, path, c);
  if (sender.browser.cookies.get(SESSION_COOKIE) !== session || !sender.browser.csrf) await sender.refresh();

  const problems: string[] = [];
  const isHtml = (a.contentType ?? "").startsWith("text/html");
  const outcome: Outcome = a.status >= 500 || (a.status === 403 && a.text.includes(CSRF_TEXT)) ? "broken" : a.status >= 400 ? "refused" : "accepted";
  if (a.status >= 500) problems.push(`${a.status} server error`);
  else if (outcome === "broken") problems.push("the test's CSRF token was refused (harness problem)");
  else if (outcome === "refused") problems.push(...refusalProblems(a.status, a.text, isHtml));
  if (isHtml) problems.push(...markupProblems(a.text));
  if (a.location && a.status < 400) {
    const p = redirectProblem(w, target, a.location);
    if (p) problems.push(p);
  }

  let storedCompared = 0;
  let shownChecked = 0;
  if (outcome === "accepted" && !hostileParam && problems.length === 0) {
    for (const [what, stored, expected] of (await target.stored?.(w, c.sent, a, path)) ?? []) {
      if (expected === undefined) continue;
      storedCompared++;
      if (JSON.stringify(stored) !== JSON.stringify(expected)) {
        problems.push(`accepted, but ${what} was stored as ${JSON.stringify(stored)?.slice(0, 100)}, not as sent: ${JSON.stringify(expected)?.slice(0, 100)}`);
      }
    }
    if (target.view) {
      const viewPath = target.view(w, a, path);
      const viewer = target.viewAs ? w.clients[target.viewAs].browser : sender.browser;
      const page = await viewer.get(viewPath);
      if (page.status >= 500) problems.push(`the page showing it (${viewPath}) answers ${page.status}`);
      problems.push(...markupProblems(page.text).map((p) => `the page showing it (${viewPath}) ${p}`));
      const shows = typeof target.shows === "function" ? target.shows(c.sent, a) : (target.shows ?? []);
      for (const field of shows) {
        const value = field === "file" ? fileName(c.sent) : lastString(c.sent, field);
        // Only markup is worth looking for: plain text may be cut or reformatted for display.
        if (value === undefined || !/[<>"]/.test(value)) continue;
        shownChecked++;
        if (!page.text.includes(escapeHtml(value.trim()))) problems.push(`the page showing it (${viewPath}) does not show ${field} escaped`);
      }
      for (const value of (await target.displays?.(w, a, path)) ?? []) {
        shownChecked++;
        if (!page.text.includes(escapeHtml(value))) problems.push(`the page showing it (${viewPath}) does not show ${JSON.stringify(value.slice(0, 60))} escaped`);
      }
    }
  }
  const label = `${targetName(target)}, case ${i}, POST ${path.length > 100 ? `${path.slice(0, 100)}…` : path} ${describeCase(c)} → ${a.status}`;
  return { outcome, status: a.status, problems: problems.map((p) => `${label}\n    ${p}`), storedCompared, shownChecked };
}

// ---------------------------------------------------------------------------
// The twin side: nothing any of this may touch.

export async function foreignState(w: FuzzWorld): Promise<string> {
  const { db } = w.t;
  const s = w.twin;
  const serviceIds = [...Object.values(s.services), s.goliveServiceId];
  const requestIds = [s.requestId, s.draftId];
  const twinUsers = (["universityY", "agencyB", "applicantB"] as const).map((a) => w.userIds[a]!);
  const rows = {
    requests: await db.select().from(academicRequests).where(inArray(academicRequests.id, requestIds)),
    events: await db.select().from(requestEvents).where(inArray(requestEvents.requestId, requestIds)),
    documents: await db.select().from(requestDocuments).where(inArray(requestDocuments.requestId, requestIds)),
    links: await db.select().from(trackingLinks).where(inArray(trackingLinks.requestId, requestIds)),
    university: await db.select().from(universities).where(eq(universities.id, s.universityId)),
    agency: await db.select().from(agencies).where(eq(agencies.id, s.agencyId)),
    services: await db.select().from(eservices).where(eq(eservices.agencyId, s.agencyId)),
    steps: await db.select().from(eserviceSteps).where(inArray(eserviceSteps.eserviceId, serviceIds)),
    testers: await db.select().from(testers).where(inArray(testers.eserviceId, serviceIds)),
    attempts: await db.select().from(testResults).where(inArray(testResults.eserviceId, serviceIds)),
    files: await db.select().from(eserviceFiles).where(inArray(eserviceFiles.eserviceId, serviceIds)),
    credentials: await db.select().from(appCredentials).where(inArray(appCredentials.eserviceId, serviceIds)),
    notifications: await db.select().from(notifications).where(eq(notifications.agencyId, s.agencyId)),
    users: await db.select().from(users).where(inArray(users.id, twinUsers)),
  };
  const stored: Record<string, string> = {};
  for (const key of [...rows.documents, ...rows.attempts, ...rows.files].map((r) => r.fileKey)) {
    const file = await w.t.deps.files.get(key);
    stored[key] = file ? Buffer.from(await new Response(file.body).arrayBuffer()).toString("base64") : "missing";
  }
  return JSON.stringify({ rows, stored });
}

// ---------------------------------------------------------------------------

/**
 * A run that never got past validation proves nothing about what is stored and
 * shown: every target must accept a case, read what it stored back, and find it
 * escaped on its page — or say why there is nothing to read or show.
 */
export function vacuityProblems(target: Target, report: TargetReport, probeStatus: number): string[] {
  const name = targetName(target);
  const problems: string[] = [];
  if (report.accepted === 0) problems.push(`${name}: no case was accepted (the all-good opening case answered ${probeStatus}): fix its fixture or good values`);
  if (!target.stored && !target.nothingStored) problems.push(`${name}: no stored check, and no nothingStored reason`);
  else if (target.stored && report.accepted > 0 && report.readBack === 0) problems.push(`${name}: no accepted case had a stored value read back`);
  if (!target.view && !target.nothingShown) problems.push(`${name}: no page to look at (view), and no nothingShown reason`);
  else if (target.view && !target.nothingShown && report.accepted > 0 && report.shownEscaped === 0) problems.push(`${name}: no accepted case was looked for, escaped, on the page that shows it`);
  return problems;
}

function caseCount(t: Target): number {
  if (t.cases) return t.cases;
  if (t.file) return FILE_VARIANTS.length + 3;
  return t.fields ? 14 : 4;
}

export interface TargetReport {
  problems: string[];
  cases: number;
  accepted: number;
  refused: number;
  /** Accepted cases whose stored values were read back and compared with what was sent. */
  readBack: number;
  /** Accepted cases whose markup was looked for, escaped, on the page that shows it. */
  shownEscaped: number;
}

/**
 * All of one target's cases (seeded by its name), plus two with a hostile path
 * parameter when the route has one; the twin side is compared before and after.
 */
export async function fuzzTarget(w: FuzzWorld, target: Target, seed: number): Promise<TargetReport> {
  const rnd = prng(seedOf(targetName(target), seed));
  const before = await foreignState(w);
  const n = caseCount(target);
  const report: TargetReport = { problems: [], cases: 0, accepted: 0, refused: 0, readBack: 0, shownEscaped: 0 };
  // Its own stream, so the hostile cases stay those of the seed whatever the opening case needs.
  const probeRnd = prng(seedOf(`${targetName(target)} probe`, seed));
  const runs = [...Array.from({ length: n }, (_, i) => [i, false] as const), ...(target.key.includes("/:") ? ([[0, true], [1, true]] as const) : [])];
  let probeStatus = 0;
  for (const [i, hostileParam, probe] of [[0, false, true] as const, ...runs]) {
    const { outcome, status, problems, storedCompared, shownChecked } = await runCase(w, target, i, n, probe ? probeRnd : rnd, hostileParam, probe);
    if (probe) probeStatus = status;
    report.cases++;
    if (outcome === "accepted") report.accepted++;
    if (outcome === "refused") report.refused++;
    if (storedCompared > 0) report.readBack++;
    if (shownChecked > 0) report.shownEscaped++;
    report.problems.push(...problems);
  }
  if ((await foreignState(w)) !== before) report.problems.push(`${targetName(target)}: the twin side's records or files changed`);
  report.problems.push(...vacuityProblems(target, report, probeStatus));
  return report;
}
