/**
 * Random work on one e-service by the agency, an officer and the batch job,
 * through the real use cases on a real libSQL file, seeded and replayable
 * (`PROPERTY_SEED=… npx vitest run test/node/onboarding-property.test.ts`).
 * After every action the workflow's invariants hold, and every refused action
 * left the service's rows and the audit log exactly as they were.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agencies, eserviceFiles, eservices, eserviceSteps, testers, testResults } from "../../src/db/schema";
import { bangkokIsoDate } from "../../src/domain/dates";
import { isLiveBooking, isStepState, STEP_COUNT, type StepState } from "../../src/domain/onboarding/workflow";
import { useCaseContext, type UseCaseContext } from "../../src/services/context";
import { confirmBooking, launchDueServices, moveBatch } from "../../src/services/onboarding/golive";
import { loadService } from "../../src/services/onboarding/service";
import { reviewStep, saveAnswers, submitStep } from "../../src/services/onboarding/steps";
import { addAttempt, deleteAttempt } from "../../src/services/onboarding/uat-tests";
import { removeTester, saveTester } from "../../src/services/onboarding/uat";
import type { SessionUser } from "../../src/services/session";
import { pick, prng } from "../support/fuzz";
import { STEP1_GOOD } from "../support/fuzz-runner";
import { createTestApp, createUser, TEST_DATA_KEY, type TestApp } from "./helpers";

const BASE_SEED = Number(process.env.PROPERTY_SEED ?? 7_2567);
const RUNS = 4;
const ACTIONS_PER_RUN = 120;

const SETUP = { profileAccess: "mtoken", landingUrl: "https://service.dept.go.th/mtoken" };
const PLATFORM_APPLICATION = {
  agencyNameTh: "กองทัพเรือ", agencyNameEn: "Royal Thai Navy", agencyAbbrTh: "ทร.", agencyAbbrEn: "RTN", parentTh: "กระทรวงกลาโหม", parentEn: "Ministry of Defence",
  addrNo: "2", addrRoad: "อรุณอมรินทร์", subdistrict: "ศิริราช", district: "บางกอกน้อย", province: "กรุงเทพมหานคร", postcode: "10700", agencyType: "central",
  assigneeName: "สมชาย ใจดี", assigneePid: "1101700230368", assigneeDivision: "กองเทคโนโลยีสารสนเทศ", assigneePosition: "นักวิชาการคอมพิวเตอร์",
  assigneeOfficePhone: "02-123-4567", assigneeMobile: "081-234-5678", assigneeEmail: "somchai@navy.mi.th", adminSame: "yes",
  contactChannel: "callcenter", callcenterPhone: "1111", callcenterEmail: "callcenter@navy.mi.th",
  targetUsers: "juristic", launchDate: "2027-09-01", serviceName: "ขอรับเงินสงเคราะห์", description: "ยื่นคำขอรับเงินสงเคราะห์", accessUrl: "https://service.navy.mi.th/welfare",
  wantsPersonalData: "no", juristicData: "juristic_id", identityLevel: "none", canDownload: "no", wantsNotification: "yes", smartTracking: "no",
  profileAccess: "mtoken", landingUrl: "https://service.navy.mi.th/mtoken",
  consentDataAccess: "agree", consentAccuracy: "agree", consentTerms: "agree",
};
const ANSWERS: Record<number, Record<string, unknown>> = { 1: STEP1_GOOD, 2: SETUP, 4: PLATFORM_APPLICATION, 5: SETUP };
const TESTER = { fullName: "สมชาย ใจดี", organisation: "กรมทดสอบ", email: "somchai@dept.go.th", phone: "0812345678", nationalId: "1101700230368", os: "ios" as const };

let t: TestApp;
let agencyUser: SessionUser;
let officerUser: SessionUser;
beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(new Date("2026-11-23T03:00:00Z"));
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ", createdAt: t.clock.now() });
  const agencyId = await createUser(t, { role: "agency", username: "agency.user", password: "Agency#2567", orgId: "ag-1" });
  const officerId = await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
  agencyUser = { id: agencyId, role: "agency", displayName: "agency", username: "agency.user", orgId: "ag-1", pidHmac: null, mustChangePassword: false };
  officerUser = { id: officerId, role: "officer", displayName: "officer", username: "officer", orgId: null, pidHmac: null, mustChangePassword: false };
});
afterEach(() => t.close());

function ctxOf(user: SessionUser): UseCaseContext {
  return useCaseContext({ db: t.db, clock: t.clock, files: t.deps.files, appUrl: t.deps.config.appUrl, dataKey: TEST_DATA_KEY, user, ip: "127.0.0.1" });
}

/** A new service at step `from` (the ones before approved), so some runs get as far as a launch. */
async function newService(id: string, from: number) {
  const now = t.clock.now();
  await t.db.insert(eservices).values({ id, agencyId: "ag-1", name: id, createdAt: now, updatedAt: now });
  await t.db.insert(eserviceSteps).values(
    Array.from({ length: STEP_COUNT }, (_, i) => ({ eserviceId: id, stepNo: i + 1, state: (i + 1 < from ? "done" : i + 1 === from ? "in_progress" : "locked") as StepState, answers: ANSWERS[i + 1] ?? null, updatedAt: now })),
  );
  // The files steps 4 and 5 need, already in place: the sequence is about the workflow, not uploads.
  for (const [kind, stepNo] of [["auth_letter", 4], ["icon", 5], ["screenshot", 5]] as const) {
    await t.db.insert(eserviceFiles).values({ id: `${id}-${kind}`, eserviceId: id, stepNo, kind, fileKey: `${id}-${kind}`, fileName: kind, contentType: "application/pdf", size: 1, position: 1, createdAt: now });
  }
}

async function serviceRows(id: string): Promise<string> {
  const rows = await Promise.all([
    t.db.select().from(eservices).where(eq(eservices.id, id)),
    t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, id)).orderBy(eserviceSteps.stepNo),
    t.db.select().from(testers).where(eq(testers.eserviceId, id)).orderBy(testers.id),
    t.db.select().from(testResults).where(eq(testResults.eserviceId, id)).orderBy(testResults.id),
    t.db.all(sql`SELECT count(*) AS n FROM audit_events`),
  ]);
  return JSON.stringify(rows);
}

/** The invariants, as messages; empty when they hold. */
async function broken(id: string): Promise<string[]> {
  const svc = (await loadService(t.db, officerUser, id))!;
  const states = svc.states;
  const problems: string[] = [];
  if (!states.every(isStepState)) problems.push(`corrupt states ${states}`);
  const open = states.findIndex((s) => s !== "done");
  if (open >= 0 && !states.slice(open + 1).every((s) => s === "locked")) problems.push(`steps out of order: ${states.join(",")}`);
  if (svc.launchedAt) {
    if (!states.every((s) => s === "done")) problems.push(`launched with steps ${states.join(",")}`);
    if (!svc.booking.confirmedAt || !svc.booking.batchDate) problems.push("launched without a booking");
    else if (svc.booking.batchDate > bangkokIsoDate(svc.launchedAt)) problems.push(`launched before its batch ${svc.booking.batchDate}`);
  }
  const golive = states[6];
  if ((golive === "in_review" || golive === "done") && !svc.launchedAt && !isLiveBooking(svc.booking)) problems.push(`step 7 ${golive} without a live booking`);
  if ((golive === "in_progress" || golive === "returned" || golive === "locked") && svc.booking.confirmedAt) problems.push(`step 7 ${golive} with a confirmed booking`);
  return problems;
}

type Rnd = () => number;
const tuesdayWithin = (rnd: Rnd) => {
  const d = new Date(t.clock.now().getTime() + (1 + Math.floor(rnd() * 2)) * 7 * 86_400_000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** One random action; returns its label and whether the use case refused it. */
async function act(rnd: Rnd, id: string): Promise<{ label: string; refused: boolean | null }> {
  const agency = ctxOf(agencyUser);
  const officer = ctxOf(officerUser);
  // Mostly the step the service is at, so sequences get somewhere; sometimes any step, to try the refusals.
  const states = (await loadService(t.db, officerUser, id))!.states;
  const current = Math.max(1, states.findIndex((s) => s !== "done") + 1) || STEP_COUNT;
  const stepNo = rnd() < 0.75 ? current : 1 + Math.floor(rnd() * STEP_COUNT);
  const kind = pick(rnd, ["submit", "submit", "approve", "approve", "return", "tester", "untester", "attempt", "unattempt", "book", "move", "save", "time"] as const);
  const label = `${kind} ${stepNo}`;
  switch (kind) {
    case "submit":
      return { label, refused: !(await submitStep(agency, id, stepNo)).ok };
    case "approve":
      return { label, refused: !(await reviewStep(officer, id, stepNo, { decision: "approve", comments: {} })).ok };
    case "return":
      return { label, refused: !(await reviewStep(officer, id, stepNo, { decision: "return", comments: { general: "แก้ไข" } })).ok };
    case "tester":
      return { label, refused: !(await saveTester(agency, id, stepNo === 5 || stepNo === 2 ? stepNo : pick(rnd, [2, 5]), null, TESTER)).ok };
    case "untester": {
      const [row] = await t.db.select().from(testers).where(eq(testers.eserviceId, id)).limit(1);
      return row ? { label, refused: !(await removeTester(agency, id, row.stepNo, row.id)).ok } : { label, refused: null };
    }
    case "attempt": {
      const key = `attempt-${Math.floor(rnd() * 1e9)}`;
      await t.deps.files.put(key, new Uint8Array([1]), { contentType: "application/octet-stream" });
      const file = { ok: true as const, key, fileName: "t.xlsx", size: 1, contentType: "application/octet-stream", bytes: new Uint8Array([1]) };
      return { label, refused: !(await addAttempt(agency, id, stepNo === 3 || stepNo === 6 ? stepNo : pick(rnd, [3, 6]), { details: "ทดสอบ", file, summary: null })).ok };
    }
    case "unattempt": {
      const [row] = await t.db.select().from(testResults).where(eq(testResults.eserviceId, id)).limit(1);
      return row ? { label, refused: !(await deleteAttempt(agency, id, row.stepNo, row.id)).ok } : { label, refused: null };
    }
    case "book": {
      const date = new Date(t.clock.now().getTime() + Math.floor(rnd() * 20) * 86_400_000).toISOString().slice(0, 10);
      return { label: `book ${date}`, refused: !(await confirmBooking(agency, id, { requestedDate: date, note: null })).ok };
    }
    case "move":
      return { label, refused: !(await moveBatch(officer, id, tuesdayWithin(rnd))).ok };
    case "save":
      return { label, refused: !(await saveAnswers(agency, id, stepNo, ANSWERS[stepNo] ?? {})).ok };
    case "time":
      t.clock.advance(Math.floor(rnd() * 120) * 3_600_000);
      await launchDueServices(t.db, t.clock.now(), t.deps.config.appUrl);
      return { label: `time → ${t.clock.now().toISOString()}`, refused: null };
  }
}

describe("the onboarding workflow under random work", () => {
  it("keeps its invariants after every action, and a refused action changes nothing", async () => {
    let launched = 0;
    let reachedGolive = 0;
    let accepted = 0;
    for (let run = 0; run < RUNS; run++) {
      const seed = BASE_SEED + run;
      const rnd = prng(seed);
      const id = `svc-${run}`;
      await newService(id, run % 2 === 0 ? 1 : 6);
      const log: string[] = [];
      for (let i = 0; i < ACTIONS_PER_RUN; i++) {
        const before = await serviceRows(id);
        const { label, refused } = await act(rnd, id);
        log.push(`${label}${refused ? " (refused)" : ""}`);
        const problems = await broken(id);
        if (refused && (await serviceRows(id)) !== before) problems.push("refused but changed the service or the audit log");
        if (refused === false) accepted++;
        expect(problems, `PROPERTY_SEED=${seed} after: ${log.slice(-8).join(" → ")}`).toEqual([]);
      }
      const end = (await loadService(t.db, officerUser, id))!;
      if (end.states[6] !== "locked") reachedGolive++;
      if (end.launchedAt) launched++;
    }
    // Not vacuous: plenty was accepted and some runs reached the go-live step (with the default seed, one launches).
    expect(accepted).toBeGreaterThan(RUNS * 8);
    expect(reachedGolive).toBeGreaterThan(0);
    if (process.env.PROPERTY_SEED === undefined) expect(launched).toBeGreaterThan(0);
  }, 60_000);
});
