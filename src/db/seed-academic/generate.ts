/**
 * @module
 * Builds the academic demo from `data.ts`: times every request with a small
 * seeded PRNG, numbers tickets and receipts, replays each timeline through
 * `transition()` and writes the rows in one transaction.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { DEMO_CITIZENS, type DemoCitizen } from "../demo-citizens";
import {
  academicRequests,
  requestDocuments,
  requestEvents,
  ticketCounters,
  universities,
  type DocumentStatus,
} from "../schema";
import { isInQueue, transition, type Position, type RequestAction, type RequestStatus } from "../../domain/academic";
import { buddhistYear, formatTicketNo } from "../../domain/ticket";
import { newId } from "../../services/crypto";
import { encryptPid, pidLookupHash, type PidKeys } from "../../services/pid-crypto";
import { renumberQueue } from "../../services/queue";
import { prng, type Rng } from "../prng";
import {
  type Applicant,
  CITIZEN_PLANS,
  type Coordinator,
  DEMO_UNIVERSITIES,
  DOCUMENT_REQUESTS,
  FAMILY_NAMES,
  FEMALE_NAMES,
  type Field,
  FIELDS,
  GENERATED_PLAN,
  MALE_NAMES,
  MANUAL_REQUESTS,
  MANUAL_YEAR_EARLIER_SUBMISSIONS,
  type Name,
  OUTCOMES,
  type Plan,
  SUBMISSION_FILES,
  UNIVERSITY_FLAVOUR,
  type UniversityFlavour,
} from "./data";

// ---------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------

const MINUTE = 60_000;
const DAY = 86_400_000;
const BANGKOK_OFFSET = 7 * 3_600_000;
/** Generated requests are spread over about the last 14 months. */
const WINDOW_DAYS = 425;
/** ...but never before the manual's requests, so their ticket numbers and queue place hold. */
const WINDOW_FLOOR = Date.parse("2024-09-02T00:00:00Z");
/** Earliest `now` for which the layout fits (the 2567 requests must have finished). */
const MIN_NOW = Date.parse("2025-10-01T00:00:00Z");

/** Working days between an officer action and the previous step, [min, max]. */
export const STEP_DAYS: Record<RequestAction, readonly [number, number]> = {
  receive: [1, 14],
  start_doc_review: [1, 10],
  finish_doc_review: [5, 35],
  request_documents: [3, 25],
  documents_received: [7, 45],
  start_peer_review: [3, 21],
  propose_committee: [45, 180],
  finish: [14, 60],
};

/** Days since the last event for a request still in that status, [min, max]. */
const AGE_DAYS: Record<Exclude<RequestStatus, "finished">, readonly [number, number]> = {
  draft: [1, 20],
  submitted: [1, 12],
  received: [1, 10],
  doc_review: [1, 30],
  doc_checked: [1, 20],
  docs_requested: [2, 40],
  peer_review: [5, 150],
  committee: [2, 40],
};

/** The officer's next step on the straight path to the end. */
const MAIN_LINE: Partial<Record<RequestStatus, RequestAction>> = {
  submitted: "receive",
  received: "start_doc_review",
  doc_review: "finish_doc_review",
  doc_checked: "start_peer_review",
  peer_review: "propose_committee",
  committee: "finish",
};

// ---------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------

interface Step {
  action: "submit" | RequestAction;
  at: number;
  note?: string;
}

/** One request before it becomes rows. */
interface Story {
  universityId: string;
  pid: string;
  applicant: Applicant;
  position: Position | null;
  field: Field;
  letterNo: string | null;
  coordinator: Coordinator;
  createdAt: number;
  /** Drafts only: last save. */
  draftSavedAt?: number;
  /** Empty for a draft; otherwise the submission, then the officer actions. */
  steps: Step[];
  receiptNo: string | null;
  /** Set for the manual's requests, checked against the numbering. */
  expectedTicketNo?: string;
  ticketNo: string | null;
  withDocuments: boolean;
}

// ---------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------

/**
 * Writes the demo universities and requests in one transaction; does nothing
 * (and returns 0) if there are requests already. Returns how many requests it wrote.
 */
export async function seedAcademicDemo(db: Db, keys: PidKeys, now: Date): Promise<{ requests: number }> {
  if (now.getTime() < MIN_NOW) {
    throw new Error(`seedAcademicDemo: the demo timeline needs now >= ${new Date(MIN_NOW).toISOString()}`);
  }
  const stories = buildStories(now.getTime());
  const rows = await toRows(stories, keys);

  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: sql<number>`count(*)` }).from(academicRequests);
    if ((existing?.n ?? 0) > 0) return { requests: 0 };
    await tx
      .insert(universities)
      .values(DEMO_UNIVERSITIES.map(({ id, code, nameTh, nameEn }) => ({ id, code, nameTh, nameEn })))
      .onConflictDoNothing();
    for (const part of chunks(rows.requests, 40)) await tx.insert(academicRequests).values(part);
    for (const part of chunks(rows.events, 100)) await tx.insert(requestEvents).values(part);
    for (const part of chunks(rows.documents, 60)) await tx.insert(requestDocuments).values(part);
    await tx.insert(ticketCounters).values(rows.counters);
    await renumberQueue(tx);
    return { requests: rows.requests.length };
  });
}

/** All the requests, timed, numbered and with receipt numbers, still as plain data. */
function buildStories(now: number): Story[] {
  const rnd = prng(0x7469_6474); // "tidt"
  const people = new PeopleFactory(rnd);
  const windowStart = Math.max(now - WINDOW_DAYS * DAY, WINDOW_FLOOR);
  const windowDays = Math.floor((now - windowStart) / DAY) - 3; // margin for weekend shifts

  const stories: Story[] = MANUAL_REQUESTS.map((m) => ({
    universityId: m.universityId,
    pid: DEMO_CITIZENS[0]!.pid,
    applicant: m.applicant,
    position: m.position,
    field: m.field,
    letterNo: m.letterNo,
    coordinator: m.coordinator,
    createdAt: Date.parse(m.steps[0]!.at),
    steps: m.steps.map((s) => ({ action: s.action, at: Date.parse(s.at) })),
    receiptNo: m.receiptNo ?? null,
    expectedTicketNo: m.ticketNo,
    ticketNo: null,
    withDocuments: m.status === "doc_checked",
  }));
  for (const m of MANUAL_REQUESTS) checkWalk(m.steps.map((s) => s.action), m.status);

  const plans: Plan[] = [];
  for (const [universityId, times] of Object.entries(MANUAL_YEAR_EARLIER_SUBMISSIONS)) {
    for (const submittedAt of times) plans.push({ status: "finished", position: randomPosition(rnd), universityId, submittedAt });
  }
  plans.push(...CITIZEN_PLANS);
  const generated: Plan[] = [];
  for (const g of GENERATED_PLAN) {
    for (let i = 0; i < g.count; i++) {
      const position = g.positions && i < g.positions.length ? g.positions[i]! : randomPosition(rnd);
      generated.push({ status: g.status, position, rounds: g.rounds?.[i] ?? [] });
    }
  }
  // Shuffle, then deal universities in turn: every university gets requests in a mix of statuses.
  shuffle(rnd, generated).forEach((p, i) => {
    p.universityId = DEMO_UNIVERSITIES[i % DEMO_UNIVERSITIES.length]!.id;
  });
  plans.push(...generated);

  for (const plan of plans) stories.push(storyFor(plan, rnd, people, now, windowDays));
  assignReceiptNumbers(stories, rnd);
  assignTicketNumbers(stories);
  return stories;
}

function storyFor(plan: Plan, rnd: Rng, people: PeopleFactory, now: number, windowDays: number): Story {
  const universityId = plan.universityId!;
  const flavour = UNIVERSITY_FLAVOUR[universityId]!;
  const citizen = plan.owner === undefined ? null : DEMO_CITIZENS[plan.owner]!;
  const person = citizen ? fromCitizen(citizen) : people.next(flavour);
  const story: Story = {
    universityId,
    pid: person.pid,
    applicant: person.applicant,
    position: plan.position,
    field: plan.field ?? rnd.pick(FIELDS),
    letterNo: `${flavour.letterPrefix}${String(rnd.int(1, 39)).padStart(2, "0")}/${rnd.int(1000, 9999)}`,
    coordinator: rnd.pick(flavour.coordinators),
    createdAt: 0,
    steps: [],
    receiptNo: null,
    ticketNo: null,
    // Every request past receipt has its files; from ตรวจสอบเอกสารแล้วเสร็จ on they are all checked (domain/academic.ts).
    withDocuments: plan.status !== "draft" && plan.status !== "submitted",
  };

  if (plan.status === "draft") {
    // A draft is half-finished work: one has not even chosen a position or got its letter number yet.
    const [min, max] = plan.ageDays ?? AGE_DAYS.draft;
    story.createdAt = workTime(rnd, now - rnd.int(min, max) * DAY);
    story.draftSavedAt = Math.min(story.createdAt + rnd.int(5, 90) * MINUTE, now - MINUTE);
    if (plan.position === null) story.letterNo = null;
    return story;
  }

  const actions = officerActions(plan.status, plan.rounds ?? []);
  checkWalk(["submit", ...actions], plan.status);
  const gaps = actions.map((a) => rnd.int(...STEP_DAYS[a]));
  let times: number[];
  if (plan.submittedAt) {
    // Forward from a fixed submission.
    times = [Date.parse(plan.submittedAt)];
    for (const gap of gaps) times.push(workTime(rnd, times[times.length - 1]! + gap * DAY));
  } else {
    // Backward from the last event, `age` days before now, squeezed into the window if need be.
    const span = sum(gaps);
    const [min, max] =
      plan.ageDays ?? (plan.status === "finished" ? [1, Math.max(1, windowDays - span - 1)] : AGE_DAYS[plan.status]);
    const age = rnd.int(min, max);
    const maxSpan = Math.min(plan.maxSpanDays ?? Infinity, windowDays - age - 1);
    const scaled = span > maxSpan ? gaps.map((g) => Math.max(1, Math.floor((g * maxSpan) / span))) : gaps;
    const days = [now - age * DAY];
    for (let i = scaled.length - 1; i >= 0; i--) days.unshift(days[0]! - scaled[i]! * DAY);
    times = days.map((d) => workTime(rnd, d));
  }
  times = strictlyIncreasingBefore(rnd, times, now);

  story.steps = [{ action: "submit", at: times[0]! }];
  actions.forEach((action, i) => {
    const step: Step = { action, at: times[i + 1]! };
    if (action === "request_documents") step.note = rnd.pick(DOCUMENT_REQUESTS).note;
    if (action === "finish") step.note = OUTCOMES[plan.outcome ?? (rnd.chance(0.1) ? "notApproved" : "approved")];
    story.steps.push(step);
  });
  // The draft was started earlier that morning, or on one of the previous working days.
  story.createdAt = rnd.chance(0.6) ? times[0]! - rnd.int(15, 240) * MINUTE : workTime(rnd, times[0]! - rnd.int(1, 3) * DAY);
  return story;
}

/**
 * The officer actions that take a submitted request to `target`, asking for
 * documents in each of `rounds` in turn (and receiving them, unless that is where it stops).
 */
function officerActions(target: RequestStatus, rounds: readonly RequestStatus[]): RequestAction[] {
  const actions: RequestAction[] = [];
  const pending = [...rounds];
  let status: RequestStatus = "submitted";
  const take = (action: RequestAction) => {
    const t = transition(status, action);
    if (!t.ok) throw new Error(`seed plan: ${action} is not allowed in ${status}`);
    actions.push(action);
    status = t.to;
  };
  while (status !== target || pending.length > 0) {
    if (actions.length > 20) throw new Error(`seed plan: cannot reach ${target} asking for documents in ${rounds.join(", ")}`);
    if (pending[0] === status) {
      pending.shift();
      take("request_documents");
      if (status === target && pending.length === 0) break;
      take("documents_received");
      continue;
    }
    const next = MAIN_LINE[status];
    if (!next) throw new Error(`seed plan: cannot reach ${target} from ${status}`);
    take(next);
  }
  return actions;
}

/** Replays a walk through `transition()`, so no seeded timeline is one the app would refuse. */
function checkWalk(walk: readonly ("submit" | RequestAction)[], expected: RequestStatus): void {
  let status: RequestStatus = "draft";
  for (const action of walk) {
    if (action === "submit") {
      if (status !== "draft") throw new Error("seed plan: submitted twice");
      status = "submitted";
      continue;
    }
    const t = transition(status, action);
    if (!t.ok) throw new Error(`seed plan: ${action} is not allowed in ${status}`);
    status = t.to;
  }
  if (status !== expected) throw new Error(`seed plan: walk ends in ${status}, expected ${expected}`);
}

/**
 * หมายเลขรับเอกสาร: a running number per Buddhist year in order of receipt, with
 * gaps for the ministry's other mail; the manual's 1548 is kept and later ones follow it.
 */
function assignReceiptNumbers(stories: Story[], rnd: Rng) {
  const receipts = stories
    .map((story) => ({ story, at: story.steps.find((s) => s.action === "receive")?.at }))
    .filter((x): x is { story: Story; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const counters = new Map<number, number>();
  for (const { story, at } of receipts) {
    const year = buddhistYear(new Date(at));
    const last = counters.get(year) ?? rnd.int(20, 80);
    if (story.receiptNo) {
      counters.set(year, Math.max(last, Number(story.receiptNo)));
      continue;
    }
    const next = last + rnd.int(8, 40);
    counters.set(year, next);
    story.receiptNo = String(next);
  }
}

/** Gapless numbers per university and Buddhist year, in order of submission, as submitRequest gives them. */
function assignTicketNumbers(stories: Story[]) {
  const submitted = stories.filter((s) => s.steps.length > 0).sort((a, b) => a.steps[0]!.at - b.steps[0]!.at);
  const seqs = new Map<string, number>();
  for (const story of submitted) {
    const at = new Date(story.steps[0]!.at);
    const year = buddhistYear(at);
    const key = `${story.universityId}|${year}`;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    story.ticketNo = formatTicketNo(year, universityCode(story.universityId), seq);
    if (story.expectedTicketNo && story.expectedTicketNo !== story.ticketNo) {
      throw new Error(`seed plan: ${story.expectedTicketNo} came out as ${story.ticketNo}`);
    }
  }
}

type RequestRow = typeof academicRequests.$inferInsert;
type EventRow = typeof requestEvents.$inferInsert;
type DocumentRow = typeof requestDocuments.$inferInsert;
type CounterRow = typeof ticketCounters.$inferInsert;

/** Rows for every table, with the request columns replayed the way applyOfficerAction sets them. */
async function toRows(stories: Story[], keys: PidKeys) {
  const requests: RequestRow[] = [];
  const events: EventRow[] = [];
  const documents: DocumentRow[] = [];
  const counters = new Map<string, CounterRow>();
  const files = { n: 0 };

  for (const story of stories) {
    const id = newId();
    const pid = { applicantPidEnc: await encryptPid(keys, story.pid), applicantPidHmac: await pidLookupHash(keys, story.pid) };
    const common = {
      id,
      universityId: story.universityId,
      ...pid,
      applicantTitle: story.applicant.title,
      applicantFirstName: story.applicant.firstName,
      applicantLastName: story.applicant.lastName,
      applicantEmail: story.applicant.email,
      position: story.position,
      fieldTh: story.field.th,
      fieldEn: story.field.en,
      letterNo: story.letterNo,
      coordinatorName: story.coordinator.name,
      coordinatorPhone: story.coordinator.phone,
      coordinatorEmail: story.coordinator.email,
      createdBy: "seed",
      createdAt: new Date(story.createdAt),
    };

    if (story.steps.length === 0) {
      const savedAt = new Date(story.draftSavedAt ?? story.createdAt);
      requests.push({ ...common, status: "draft", statusSince: new Date(story.createdAt), updatedAt: savedAt });
      continue;
    }

    let status: RequestStatus = "submitted";
    let queueEnteredAt: number | null = null;
    let finishedAt: number | null = null;
    for (const step of story.steps) {
      let label = "ยื่นคำขอ";
      if (step.action !== "submit") {
        const t = transition(status, step.action);
        if (!t.ok) throw new Error(`seed plan: ${step.action} is not allowed in ${status}`);
        status = t.to;
        queueEnteredAt = t.rule.queue === "join" || t.rule.queue === "rejoin" ? step.at : isInQueue(t.to) ? queueEnteredAt : null;
        if (t.to === "finished") finishedAt = step.at;
        label = t.rule.describe({ receiptNo: story.receiptNo ?? undefined, note: step.note });
      }
      events.push({ requestId: id, at: new Date(step.at), kind: "status", status, label, actorId: null });
    }
    const submittedAt = story.steps[0]!.at;
    const lastAt = story.steps[story.steps.length - 1]!.at;
    requests.push({
      ...common,
      ticketNo: story.ticketNo,
      status,
      receiptNo: story.receiptNo,
      queueEnteredAt: queueEnteredAt === null ? null : new Date(queueEnteredAt),
      statusSince: new Date(lastAt),
      submittedAt: new Date(submittedAt),
      finishedAt: finishedAt === null ? null : new Date(finishedAt),
      updatedAt: new Date(lastAt),
    });

    const year = buddhistYear(new Date(submittedAt));
    const key = `${story.universityId}|${year}`;
    const seq = Number(story.ticketNo!.slice(-4));
    const counter = counters.get(key);
    if (!counter || counter.lastSeq < seq) counters.set(key, { universityId: story.universityId, beYear: year, lastSeq: seq });

    if (story.withDocuments) documents.push(...documentRows(id, story, files));
  }
  return { requests, events, documents, counters: [...counters.values()] };
}

/**
 * Document records replayed along the timeline: everything arrives with the
 * submission; asking for documents marks one file needs_fix and the rest
 * checked; the file sent again arrives as received; finishing the check makes
 * everything ok, and the file that was replaced checked with a note saying so
 * (ตรวจสอบเอกสารแล้วเสร็จ needs no document left ต้องแก้ไข). No file bytes: the keys point nowhere.
 */
function documentRows(requestId: string, story: Story, files: { n: number }): DocumentRow[] {
  const docs: DocumentRow[] = [];
  const upload = (fileName: string, at: number) => {
    files.n++;
    const size = 80_000 + ((files.n * 7_919_993) % 4_400_000); // varied, deterministic sizes
    docs.push({
      id: newId(),
      requestId,
      fileKey: `seed-doc-${files.n}`,
      fileName,
      size,
      contentType: "application/pdf",
      status: "received",
      note: null,
      uploadedBy: "seed",
      uploadedAt: new Date(at),
      reviewedAt: null,
    });
  };
  const review = (doc: DocumentRow, status: DocumentStatus, at: number, note: string | null = null) => {
    doc.status = status;
    doc.reviewedAt = new Date(at);
    doc.note = note;
  };
  let awaiting: string | null = null;
  for (const step of story.steps) {
    if (step.action === "submit") {
      for (const name of SUBMISSION_FILES) upload(name, step.at);
    } else if (step.action === "request_documents") {
      const asked = DOCUMENT_REQUESTS.find((d) => d.note === step.note)!;
      const latest = docs.filter((d) => d.fileName === asked.fileName || d.fileName === revised(asked.fileName)).at(-1);
      for (const doc of docs) {
        if (doc === latest) review(doc, "needs_fix", step.at, step.note ?? null);
        else if (doc.status === "received") review(doc, "checked", step.at);
      }
      awaiting = asked.fileName;
    } else if (step.action === "documents_received" && awaiting) {
      upload(revised(awaiting), step.at);
      awaiting = null;
    } else if (step.action === "finish_doc_review") {
      for (const doc of docs) {
        if (doc.status === "needs_fix") review(doc, "checked", step.at, `${doc.note} (ส่งฉบับแก้ไขแล้ว)`);
        else review(doc, "ok", step.at);
      }
    }
  }
  return docs;
}

const revised = (fileName: string) => fileName.replace(/\.pdf$/, " (ฉบับแก้ไข).pdf");

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

function fromCitizen(c: DemoCitizen): { pid: string; applicant: Applicant } {
  return { pid: c.pid, applicant: { title: c.title, firstName: c.givenName, lastName: c.familyName, email: c.email } };
}

/** Fictional applicants with unique names and valid, unique national IDs. */
class PeopleFactory {
  private names = new Set<string>(DEMO_CITIZENS.map((c) => `${c.givenName} ${c.familyName}`));
  private pids = new Set<string>(DEMO_CITIZENS.map((c) => c.pid));
  constructor(private rnd: Rng) {}

  next(flavour: UniversityFlavour): { pid: string; applicant: Applicant } {
    const { rnd } = this;
    let first: Name, family: Name, female: boolean;
    do {
      female = rnd.chance(0.5);
      first = rnd.pick(female ? FEMALE_NAMES : MALE_NAMES);
      family = rnd.pick(FAMILY_NAMES);
    } while (this.names.has(`${first[0]} ${family[0]}`));
    this.names.add(`${first[0]} ${family[0]}`);
    const title = rnd.chance(0.35) ? "ดร." : female ? rnd.pick(["นาง", "นางสาว"]) : "นาย";
    const email = rnd.chance(0.6) ? `${first[1]}.${family[1][0]}@${flavour.mailDomain}` : null;

    let pid: string;
    do {
      // 1 = registered at birth (born 1984 or later), 3 = in the first house registration.
      const province = rnd.chance(0.8) ? rnd.pick(flavour.provinces) : rnd.pick(["20", "30", "34", "65", "80", "84"]);
      let first12 = `${rnd.chance(0.6) ? "1" : "3"}${province}${String(rnd.int(1, 20)).padStart(2, "0")}`;
      while (first12.length < 12) first12 += String(rnd.int(0, 9));
      pid = first12 + thaiIdCheckDigit(first12);
    } while (this.pids.has(pid));
    this.pids.add(pid);
    return { pid, applicant: { title, firstName: first[0], lastName: family[0], email } };
  }
}

/** (11 - Σ dᵢ·(14-i) mod 11) mod 10 over the first twelve digits, i = 1..12. */
function thaiIdCheckDigit(first12: string): string {
  let total = 0;
  for (let i = 0; i < 12; i++) total += Number(first12[i]) * (13 - i);
  return String((11 - (total % 11)) % 10);
}

function randomPosition(rnd: Rng): Position {
  const x = rnd.next();
  return x < 0.55 ? "assistant_professor" : x < 0.85 ? "associate_professor" : "professor";
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function shuffle<T>(rnd: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A time during Bangkok office hours (08:30-16:30) on the weekday of `t`, Fridays for weekends. */
function workTime(rnd: Rng, t: number): number {
  let midnight = Math.floor((t + BANGKOK_OFFSET) / DAY) * DAY - BANGKOK_OFFSET;
  const weekday = new Date(midnight + BANGKOK_OFFSET).getUTCDay();
  if (weekday === 6) midnight -= DAY;
  if (weekday === 0) midnight -= 2 * DAY;
  return midnight + (8 * 60 + 30 + rnd.int(0, 8 * 60)) * MINUTE;
}

/** Makes event times strictly increasing (weekend moves can collide) and all before `now`. */
function strictlyIncreasingBefore(rnd: Rng, times: number[], now: number): number[] {
  const out = [...times];
  for (let i = 1; i < out.length; i++) if (out[i]! <= out[i - 1]!) out[i] = out[i - 1]! + rnd.int(5, 60) * MINUTE;
  const overshoot = out[out.length - 1]! - (now - 30 * MINUTE);
  return overshoot > 0 ? out.map((t) => t - overshoot) : out;
}

function universityCode(id: string): string {
  const uni = DEMO_UNIVERSITIES.find((u) => u.id === id);
  if (!uni) throw new Error(`unknown demo university ${id}`);
  return uni.code;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
