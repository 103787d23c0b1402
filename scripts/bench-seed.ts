/**
 * @module
 * Bulk data for `npm run bench` (scripts/bench.ts), never for tests or production:
 * on top of the normal demo seed, 100,000 academic-position requests with their
 * timelines and 5,000 e-services with their seven steps, so the pages are measured
 * against a database the size of a few years of real use instead of a few dozen rows.
 *
 * Rows go in as multi-row INSERTs of ~500 inside a few large transactions: one
 * statement per row, or one transaction per chunk, would take minutes instead of seconds.
 * Everything comes from a seeded PRNG, so two runs give the same shape of data.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { DEMO_CITIZENS } from "../src/db/demo-citizens";
import { DEMO_UNIVERSITIES } from "../src/db/seed-academic";
import { DEMO_AGENCY_ID } from "../src/db/seed-onboarding";
import { seedDemoData } from "../src/db/seed";
import {
  academicRequests,
  agencies,
  eservices,
  eserviceSteps,
  requestEvents,
  ticketCounters,
  type StepStateValue,
} from "../src/db/schema";
import { isInQueue, transition, type Position, type RequestAction, type RequestStatus } from "../src/domain/academic";
import { formatTicketNo } from "../src/domain/ticket";
import { createNodeDb, migrateNodeDb, nodePasswordKdf } from "../src/platform/node";
import { encryptPid, pidKeys, pidLookupHash, type PidKeys } from "../src/services/pid-crypto";
import { renumberQueue } from "../src/services/queue";
import { prng, type Rng } from "../src/db/prng";
import { STEP_DAYS } from "../src/db/seed-academic";

export interface BenchSeedOptions {
  requests?: number;
  eservices?: number;
  /** Distinct applicants the bulk requests are spread over (each encrypted once). */
  applicants?: number;
  /** Extra requests for DEMO_CITIZENS[0], on top of the demo seed's two. */
  citizenRequests?: number;
}

export interface BenchSeedSummary {
  requests: number;
  events: number;
  eventsPerRequest: { min: number; max: number; mean: number };
  eservices: number;
  steps: number;
  /** Requests of DEMO_CITIZENS[0] after seeding (demo seed's + ours). */
  citizenRequestIds: string[];
  /** A non-finished ผศ. request of DEMO_CITIZENS[0] in doc_review: the page an applicant keeps opening. */
  trackedRequestId: string;
  /** A finished request of DEMO_CITIZENS[0]: its page skips the time estimate, for comparison. */
  finishedRequestId: string;
  /** A surname of the applicant pool, for the officer's search box. */
  searchSurname: string;
  demoMs: number;
  bulkMs: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BANGKOK = 7 * HOUR;
const CHUNK = 500;
/** Submissions spread over the last ~3.5 years (Buddhist years 2566-2569 for a 2026 `now`). */
const WINDOW_DAYS = 1_280;

/** Final status, its share of the bulk requests, and the officer actions that lead to it. */
const WALKS: readonly { status: RequestStatus; share: number; walk: readonly RequestAction[] }[] = [
  { status: "submitted", share: 0.06, walk: [] },
  { status: "received", share: 0.06, walk: ["receive"] },
  { status: "doc_review", share: 0.1, walk: ["receive", "start_doc_review"] },
  // Back in the queue after sending more documents (the queue position restarts).
  { status: "doc_review", share: 0.04, walk: ["receive", "request_documents", "documents_received"] },
  { status: "doc_checked", share: 0.08, walk: ["receive", "start_doc_review", "finish_doc_review"] },
  { status: "docs_requested", share: 0.06, walk: ["receive", "request_documents"] },
  { status: "peer_review", share: 0.14, walk: ["receive", "start_doc_review", "finish_doc_review", "start_peer_review"] },
  {
    status: "committee",
    share: 0.06,
    walk: ["receive", "start_doc_review", "finish_doc_review", "start_peer_review", "propose_committee"],
  },
  {
    status: "finished",
    share: 0.4,
    walk: ["receive", "start_doc_review", "finish_doc_review", "start_peer_review", "propose_committee", "finish"],
  },
];

/** Days between an action and the one before it, [min, max]: the demo seed's. */
const GAP_DAYS = STEP_DAYS;

/** Bigger universities file more; the 7 demo universities are the "handful". */
const UNIVERSITY_WEIGHTS: Record<string, number> = {
  "uni-chula": 20,
  "uni-mahidol": 18,
  "uni-cmu": 15,
  "uni-ku": 14,
  "uni-kku": 12,
  "uni-tu": 11,
  "uni-psu": 10,
};

const FIRST_NAMES = [
  "สมชาย", "ธนากร", "ปกรณ์", "วรวุฒิ", "ณัฐพล", "กิตติพงษ์", "อภิชาติ", "ศุภชัย", "พีรพล", "ชัยวัฒน์",
  "สุภาพร", "วรรณา", "ปิยะนุช", "กนกวรรณ", "ณัฐธิดา", "พรทิพย์", "อรอุมา", "ศิริพร", "จิราภรณ์", "ชลธิชา",
];
const SURNAMES = [
  "ศรีสุข", "วงศ์สวัสดิ์", "ทองดี", "จันทร์เพ็ญ", "สุขประเสริฐ", "แก้วมณี", "บุญมา", "รัตนวงศ์",
  "ชัยมงคล", "พงษ์พานิช", "อินทรสุวรรณ", "เจริญผล", "สิทธิโชค", "ไชยวงศ์", "ศรีบุญเรือง", "ภักดีวงศ์",
  "นาคสวัสดิ์", "เพชรรัตน์", "ยอดดำเนิน", "กิตติวัฒนา", "มณีรัตน์", "ปัญญาดี", "อุดมสุข", "ทรัพย์มาก",
  "สายสุวรรณ", "พูลสวัสดิ์", "บุญเรือง", "ธนสาร", "วิเศษศักดิ์", "จิตรดี",
];
const FIELDS: readonly [string, string][] = [
  ["อายุรศาสตร์", "Internal Medicine"], ["กุมารเวชศาสตร์", "Pediatrics"], ["เภสัชศาสตร์", "Pharmacy"],
  ["วิศวกรรมไฟฟ้า", "Electrical Engineering"], ["วิทยาการคอมพิวเตอร์", "Computer Science"], ["เคมี", "Chemistry"],
  ["ฟิสิกส์", "Physics"], ["เศรษฐศาสตร์", "Economics"], ["นิติศาสตร์", "Law"], ["พยาบาลศาสตร์", "Nursing Science"],
  ["บริหารธุรกิจ", "Business Administration"], ["สถาปัตยกรรม", "Architecture"],
];
const OUTCOMES = ["สภามหาวิทยาลัยอนุมัติแต่งตั้งแล้ว", "ผลการพิจารณาผลงานไม่ผ่านเกณฑ์ แจ้งมหาวิทยาลัยแล้ว"];
const DOC_NOTE = "แบบ ก.พ.อ. 03 ยังไม่มีลายมือชื่อผู้บังคับบัญชา";

const BENCH_AGENCIES: readonly { id: string; nameTh: string; nameEn: string; ministry: string }[] = [
  { id: "bench-agency-dopa", nameTh: "กรมการปกครอง", nameEn: "Department of Provincial Administration", ministry: "กระทรวงมหาดไทย" },
  { id: "bench-agency-rd", nameTh: "กรมสรรพากร", nameEn: "The Revenue Department", ministry: "กระทรวงการคลัง" },
  { id: "bench-agency-dlt", nameTh: "กรมการขนส่งทางบก", nameEn: "Department of Land Transport", ministry: "กระทรวงคมนาคม" },
  { id: "bench-agency-sso", nameTh: "สำนักงานประกันสังคม", nameEn: "Social Security Office", ministry: "กระทรวงแรงงาน" },
  { id: "bench-agency-dbd", nameTh: "กรมพัฒนาธุรกิจการค้า", nameEn: "Department of Business Development", ministry: "กระทรวงพาณิชย์" },
];
const SERVICE_KINDS = ["ขอใบอนุญาต", "ต่ออายุใบอนุญาต", "ยื่นคำร้อง", "ลงทะเบียน", "ขอรับรองเอกสาร", "แจ้งเปลี่ยนแปลงข้อมูล"];

type RequestRow = typeof academicRequests.$inferInsert;
type EventRow = typeof requestEvents.$inferInsert;
type StepRow = typeof eserviceSteps.$inferInsert;
type ServiceRow = typeof eservices.$inferInsert;

interface Person {
  pidEnc: string;
  pidHmac: string;
  title: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

/** The Node host's env for a benchmark: a fresh database and file store in `dir`, random secrets, any free port. */
export function benchHostEnv(dir: string) {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    // Uploads stay in the temp dir instead of data/files.
    FILES_DIR: join(dir, "files"),
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

/** The demo seed first (accounts, universities, demo agency), then the bulk rows. */
export async function seedBench(db: Db, dataKey: string, now: Date, options: BenchSeedOptions = {}): Promise<BenchSeedSummary> {
  const total = options.requests ?? 100_000;
  const serviceCount = options.eservices ?? 5_000;
  const rnd = prng(2567);
  const keys = await pidKeys(dataKey);

  const demoStart = performance.now();
  if (!(await seedDemoData(db, nodePasswordKdf, now, dataKey))) throw new Error("bench seed: the database is not empty");
  const demoMs = performance.now() - demoStart;

  const bulkStart = performance.now();
  // A pool of pre-encrypted applicants: 100,000 AES-GCM encryptions would be most of the seed time.
  const pool: Person[] = [];
  const pids = new Set(DEMO_CITIZENS.map((c) => c.pid));
  while (pool.length < (options.applicants ?? 1_000)) {
    const pid = randomPid(rnd);
    if (pids.has(pid)) continue;
    pids.add(pid);
    const female = rnd.chance(0.5);
    const firstName = FIRST_NAMES[rnd.int(0, 9) + (female ? 10 : 0)]!;
    pool.push({
      ...(await encryptedPid(keys, pid)),
      title: rnd.chance(0.35) ? "ดร." : female ? "นาง" : "นาย",
      firstName,
      lastName: rnd.pick(SURNAMES),
      email: rnd.chance(0.6) ? `applicant${pool.length}@bench.example.ac.th` : null,
    });
  }
  const citizen = DEMO_CITIZENS[0]!;
  const citizenPerson: Person = {
    ...(await encryptedPid(keys, citizen.pid)),
    title: citizen.title,
    firstName: citizen.givenName,
    lastName: citizen.familyName,
    email: citizen.email,
  };

  // Build every request's story first, then number tickets in submission order (gapless per university and year).
  const citizenExtra = options.citizenRequests ?? 18;
  const stories: Story[] = [];
  for (let i = 0; i < total; i++) {
    const own = i < citizenExtra;
    // The citizen's first extra request is the one the tracking scenario opens: active, ผศ., in doc_review.
    const walk = own && i === 0 ? WALKS[2]! : pickWalk(rnd);
    stories.push(makeStory(rnd, now, own ? citizenPerson : rnd.pick(pool), walk, own && i === 0 ? "assistant_professor" : undefined));
  }
  stories.sort((a, b) => a.times[0]! - b.times[0]!);
  const counters = new Map<string, { universityId: string; beYear: number; lastSeq: number }>();
  for (const c of await db.select().from(ticketCounters)) counters.set(`${c.universityId}|${c.beYear}`, { ...c });
  const codes = new Map(DEMO_UNIVERSITIES.map((u) => [u.id, u.code]));
  const receipts = new Map<number, number>();

  const requests: RequestRow[] = [];
  const events: EventRow[] = [];
  /** events.length after each request's timeline, so a range of requests maps to a slice of events. */
  const eventsEnd: number[] = [];
  let trackedRequestId = "";
  const citizenRequestIds: string[] = [];
  for (const [n, s] of stories.entries()) {
    const id = `bench-req-${String(n).padStart(6, "0")}`;
    if (s.person === citizenPerson) {
      citizenRequestIds.push(id);
      if (s.tracked) trackedRequestId = id;
    }
    const submittedAt = s.times[0]!;
    const beYear = new Date(submittedAt + BANGKOK).getUTCFullYear() + 543;
    const key = `${s.universityId}|${beYear}`;
    const counter = counters.get(key) ?? { universityId: s.universityId, beYear, lastSeq: 0 };
    counter.lastSeq++;
    counters.set(key, counter);
    const ticketNo = formatTicketNo(beYear, codes.get(s.universityId)!, counter.lastSeq);

    // Replay the walk through the app's transition table, so every timeline is one the app could have made.
    let status: RequestStatus = "submitted";
    let queueEnteredAt: number | null = null;
    let finishedAt: number | null = null;
    let receiptNo: string | null = null;
    events.push({ requestId: id, at: new Date(submittedAt), kind: "status", status, label: "ยื่นคำขอ", actorId: null });
    for (const [k, action] of s.walk.entries()) {
      const at = s.times[k + 1]!;
      const t = transition(status, action);
      if (!t.ok) throw new Error(`bench seed: ${action} is not allowed in ${status}`);
      if (action === "receive") {
        const year = new Date(at + BANGKOK).getUTCFullYear() + 543;
        receiptNo = String((receipts.get(year) ?? 100) + 1);
        receipts.set(year, Number(receiptNo));
      }
      status = t.to;
      queueEnteredAt = t.rule.queue === "join" || t.rule.queue === "rejoin" ? at : isInQueue(t.to) ? queueEnteredAt : null;
      if (t.to === "finished") finishedAt = at;
      const note = action === "finish" ? rnd.pick(OUTCOMES) : action === "request_documents" ? DOC_NOTE : undefined;
      events.push({ requestId: id, at: new Date(at), kind: "status", status, label: t.rule.describe({ receiptNo: receiptNo ?? undefined, note }), actorId: null });
    }
    const lastAt = s.times[s.times.length - 1]!;
    const coordinator = rnd.int(1, 3);
    const uniShort = s.universityId.slice(4);
    requests.push({
      id,
      ticketNo,
      universityId: s.universityId,
      applicantPidEnc: s.person.pidEnc,
      applicantPidHmac: s.person.pidHmac,
      applicantTitle: s.person.title,
      applicantFirstName: s.person.firstName,
      applicantLastName: s.person.lastName,
      applicantEmail: s.person.email,
      position: s.position,
      fieldTh: s.field[0],
      fieldEn: s.field[1],
      letterNo: `อว ${rnd.int(6400, 6899)}/${rnd.int(1000, 9999)}`,
      coordinatorName: `ผู้ประสานงาน ${coordinator}`,
      coordinatorPhone: `02-000-${String(coordinator).padStart(4, "0")}`,
      coordinatorEmail: `coordinator${coordinator}@${uniShort}.example.ac.th`,
      status,
      receiptNo,
      queueEnteredAt: queueEnteredAt === null ? null : new Date(queueEnteredAt),
      statusSince: new Date(lastAt),
      createdBy: "bench-seed",
      createdAt: new Date(submittedAt - rnd.int(1, 10) * DAY),
      submittedAt: new Date(submittedAt),
      finishedAt: finishedAt === null ? null : new Date(finishedAt),
      updatedAt: new Date(lastAt),
    });
    eventsEnd.push(events.length);
  }
  for (const c of counters.values()) if (c.lastSeq > 9999) throw new Error(`bench seed: ticket numbers overflow for ${c.universityId} ${c.beYear}`);

  // One transaction per 10,000 requests (with their events): big enough to be fast, small enough to keep the WAL modest.
  const perTx = 10_000;
  for (let i = 0; i < requests.length; i += perTx) {
    const part = requests.slice(i, i + perTx);
    const partEvents = events.slice(i === 0 ? 0 : eventsEnd[i - 1], eventsEnd[i + part.length - 1]);
    await db.transaction(async (tx) => {
      for (const rows of chunks(part, CHUNK)) await tx.insert(academicRequests).values(rows);
      for (const rows of chunks(partEvents, CHUNK)) await tx.insert(requestEvents).values(rows);
    });
  }
  await db.transaction(async (tx) => {
    for (const c of counters.values()) {
      await tx
        .insert(ticketCounters)
        .values(c)
        .onConflictDoUpdate({ target: [ticketCounters.universityId, ticketCounters.beYear], set: { lastSeq: c.lastSeq } });
    }
    await renumberQueue(tx);
  });

  const { services, steps } = makeServices(rnd, now, serviceCount);
  await db.transaction(async (tx) => {
    await tx.insert(agencies).values(BENCH_AGENCIES.map((a) => ({ ...a, createdAt: new Date(now.getTime() - 400 * DAY) })));
    for (const rows of chunks(services, CHUNK)) await tx.insert(eservices).values(rows);
    for (const rows of chunks(steps, CHUNK)) await tx.insert(eserviceSteps).values(rows);
  });
  // No ANALYZE: the app never runs it, so the planner works without statistics here as in production.
  const bulkMs = performance.now() - bulkStart;

  const perRequest = new Map<string, number>();
  for (const e of events) perRequest.set(e.requestId, (perRequest.get(e.requestId) ?? 0) + 1);
  const counts = [...perRequest.values()];
  const demoCitizenRows = await db.all<{ id: string; status: RequestStatus }>(
    sql`SELECT id, status FROM academic_requests WHERE applicant_pid_hmac = ${citizenPerson.pidHmac} AND status <> 'draft'`,
  );
  const finishedRequestId = demoCitizenRows.find((r) => r.status === "finished" && r.id.startsWith("bench-"))?.id;
  if (!finishedRequestId) throw new Error("bench seed: no finished request for the demo citizen");
  if (!trackedRequestId) throw new Error("bench seed: no tracked request for the demo citizen");
  return {
    requests: requests.length,
    events: events.length,
    eventsPerRequest: { min: Math.min(...counts), max: Math.max(...counts), mean: events.length / requests.length },
    eservices: services.length,
    steps: steps.length,
    citizenRequestIds: demoCitizenRows.map((r) => r.id),
    trackedRequestId,
    finishedRequestId,
    // The pool's most common surname gives the officer search a realistic, non-trivial hit list.
    searchSurname: mostCommon(pool.map((p) => p.lastName)),
    demoMs,
    bulkMs,
  };
}

interface Story {
  person: Person;
  universityId: string;
  position: Position;
  field: readonly [string, string];
  walk: readonly RequestAction[];
  /** Submission time, then one time per action of the walk. */
  times: number[];
  tracked: boolean;
}

function makeStory(rnd: Rng, now: Date, person: Person, walk: (typeof WALKS)[number], position?: Position): Story {
  const end = now.getTime() - HOUR;
  const times = [end - rnd.int(1, WINDOW_DAYS) * DAY + rnd.int(0, 8 * 60) * 60_000];
  for (const action of walk.walk) {
    const [min, max] = GAP_DAYS[action];
    times.push(times[times.length - 1]! + rnd.int(min, max) * DAY + rnd.int(5, 8 * 60) * 60_000);
  }
  // A walk that would end in the future is moved back whole, keeping its gaps.
  const overshoot = times[times.length - 1]! - end;
  const shifted = overshoot > 0 ? times.map((t) => t - overshoot - rnd.int(0, 30) * DAY) : times;
  return {
    person,
    universityId: weighted(rnd, UNIVERSITY_WEIGHTS),
    position: position ?? (rnd.next() < 0.55 ? "assistant_professor" : rnd.next() < 0.67 ? "associate_professor" : "professor"),
    field: rnd.pick(FIELDS),
    walk: walk.walk,
    times: shifted,
    tracked: position !== undefined,
  };
}

function pickWalk(rnd: Rng): (typeof WALKS)[number] {
  let x = rnd.next();
  for (const w of WALKS) {
    if (x < w.share) return w;
    x -= w.share;
  }
  return WALKS[WALKS.length - 1]!;
}

/**
 * E-services at every point of the seven steps, a sixth of them on the demo agency
 * (so `dga.agency` works in a big account) and the rest on five more agencies.
 */
function makeServices(rnd: Rng, now: Date, count: number): { services: ServiceRow[]; steps: StepRow[] } {
  const agencyIds = [DEMO_AGENCY_ID, ...BENCH_AGENCIES.map((a) => a.id)];
  const services: ServiceRow[] = [];
  const steps: StepRow[] = [];
  for (let i = 0; i < count; i++) {
    const id = `bench-es-${String(i).padStart(5, "0")}`;
    const created = now.getTime() - rnd.int(10, 700) * DAY;
    // 1-7 = the step it is on; 8 = launched.
    const current = rnd.int(1, 8);
    const launched = current === 8;
    const batch = launched ? lastTuesdayBefore(now.getTime() - rnd.int(1, 300) * DAY) : null;
    services.push({
      id,
      agencyId: agencyIds[i % agencyIds.length]!,
      name: `${rnd.pick(SERVICE_KINDS)} (บริการที่ ${i + 1})`,
      createdAt: new Date(created),
      updatedAt: new Date(now.getTime() - rnd.int(0, 9) * DAY),
      goliveBatchDate: batch,
      goliveConfirmedAt: batch ? new Date(Date.parse(`${batch}T00:00:00Z`) - 3 * DAY) : null,
      launchedAt: batch ? new Date(Date.parse(`${batch}T00:00:00Z`)) : null,
    });
    for (let no = 1; no <= 7; no++) {
      const state: StepStateValue =
        no < current ? "done" : no > current ? "locked" : rnd.pick<StepStateValue>(["in_progress", "in_progress", "in_review", "returned"]);
      const submitted = state === "done" || state === "in_review" || state === "returned" ? new Date(created + no * 5 * DAY) : null;
      steps.push({
        eserviceId: id,
        stepNo: no,
        state,
        answers: no === 1 && state !== "locked" ? { shortDescription: `บริการออนไลน์ลำดับที่ ${i + 1}` } : null,
        comments: state === "returned" ? { _form: "กรุณาแก้ไขตามความเห็น" } : null,
        submittedAt: submitted,
        reviewedAt: state === "done" || state === "returned" ? new Date(created + (no * 5 + 2) * DAY) : null,
        reviewedBy: null,
        updatedAt: new Date(created + no * 5 * DAY),
      });
    }
  }
  return { services, steps };
}

async function encryptedPid(keys: PidKeys, pid: string) {
  return { pidEnc: await encryptPid(keys, pid), pidHmac: await pidLookupHash(keys, pid) };
}

/** A 13-digit ID with a valid check digit: (11 - Σ dᵢ·(14-i) mod 11) mod 10. */
function randomPid(rnd: Rng): string {
  let first12 = rnd.chance(0.6) ? "1" : "3";
  while (first12.length < 12) first12 += String(rnd.int(0, 9));
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + String((11 - (sum % 11)) % 10);
}

function lastTuesdayBefore(t: number): string {
  const d = new Date(t);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function mostCommon(items: readonly string[]): string {
  const n = new Map<string, number>();
  for (const x of items) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function weighted(rnd: Rng, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  let x = rnd.next() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of entries) {
    if (x < w) return k;
    x -= w;
  }
  return entries[entries.length - 1]![0];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `tsx scripts/bench-seed.ts <file.db> <data key>`: seeds a file on its own, to look at it with sqlite3. */
async function main() {
  const [path, dataKey] = process.argv.slice(2);
  if (!path || !dataKey) throw new Error("usage: tsx scripts/bench-seed.ts <file.db> <DATA_ENCRYPTION_KEY>");
  const { db, client } = await createNodeDb(`file:${path}`);
  await migrateNodeDb(db);
  const summary = await seedBench(db, dataKey, new Date());
  client.close();
  console.log(JSON.stringify(summary, (k, v) => (k === "citizenRequestIds" ? v.length : v), 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
