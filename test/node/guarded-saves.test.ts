/**
 * Saves made as one read batch and one guarded write batch (src/db/guarded-write.ts):
 * a change landing between the read and the write is never overwritten, and when the
 * guard misses nothing is written — no audit event, no timeline line. Run on both
 * hosts' clients: the embedded one (Node) and `@libsql/client/web` over the Hrana
 * harness (the Workers host's protocol, where `changes()` must hold across a batch).
 */
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client/web";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaHarness, type HranaHarness } from "../../scripts/hrana-harness";
import { createDb, type Db } from "../../src/db/client";
import { guardedInsert } from "../../src/db/guarded-write";
import { academicRequests, agencies, auditEvents, eservices, eserviceSteps, requestDocuments, requestEvents, testers, testResults, universities } from "../../src/db/schema";
import type { RequestStatus } from "../../src/domain/academic";
import { STEPS, type StepState } from "../../src/domain/onboarding/workflow";
import { auditInsert } from "../../src/services/audit";
import { setDocumentStatus } from "../../src/services/documents";
import { autosaveAnswers, saveAnswers, saveAnswersOver } from "../../src/services/onboarding/steps";
import { saveTester } from "../../src/services/onboarding/uat";
import { updateAttemptDetails } from "../../src/services/onboarding/uat-tests";
import type { SessionUser } from "../../src/services/session";
import { contextFor, createTestApp, type TestApp } from "./helpers";

const agencyUser: SessionUser = { id: "agency-user", role: "agency", displayName: "หน่วยงาน", username: "agency.user", orgId: "ag-1", pidHmac: null, mustChangePassword: false };
const officer: SessionUser = { id: "officer-1", role: "officer", displayName: "เจ้าหน้าที่", username: "officer", orgId: null, pidHmac: null, mustChangePassword: false };
const TESTER = { fullName: "สมหญิง แก้ไข", organisation: "กรมทดสอบ", email: "somying@dept.go.th", phone: "0812345678", nationalId: "", os: "android" as const };

let t: TestApp;
let harness: HranaHarness;
let web: Client;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ", createdAt: now });
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" });
  // A write waits this long for another stream's transaction, then fails with SQLITE_BUSY (and is retried).
  harness = await startHranaHarness({ dbPath: join(t.dir, "test.db"), writeLockWaitMs: 50 });
  web = createClient({ url: harness.url });
});
afterAll(async () => {
  web?.close();
  await harness?.close();
  t?.close();
});

/** A service of agency ag-1 whose step `stepNo` is in `state` (the ones before approved), with a tester on it. */
async function serviceAt(stepNo: number, state: StepState): Promise<{ svc: string; tester: string }> {
  const svc = `svc-${++serial}`;
  const now = t.clock.now();
  await t.db.insert(eservices).values({ id: svc, agencyId: "ag-1", name: `บริการ ${serial}`, createdAt: now, updatedAt: now });
  await t.db.insert(eserviceSteps).values(STEPS.map((s) => ({ eserviceId: svc, stepNo: s.no, state: s.no < stepNo ? "done" : s.no === stepNo ? state : "locked", answers: { shortDescription: "เดิม" }, updatedAt: now })));
  const tester = `tester-${serial}`;
  await t.db.insert(testers).values({ id: tester, eserviceId: svc, stepNo, fullName: "สมชาย เดิม", organisation: "กรมทดสอบ", email: "a@dept.go.th", phone: "0812345678", pidEnc: "x", os: "ios", createdAt: now });
  return { svc, tester };
}

/** A submitted request with one received document. */
async function requestWithDocument(): Promise<{ req: string; doc: string }> {
  const req = `req-${++serial}`;
  const now = t.clock.now();
  await t.db.insert(academicRequests).values({
    id: req,
    ticketNo: `2569-00100-${String(serial).padStart(4, "0")}`,
    universityId: "uni-x",
    applicantPidEnc: "x",
    applicantPidHmac: `pid-${serial}`,
    applicantTitle: "นาย",
    applicantFirstName: "ผู้ขอ",
    applicantLastName: "ทดสอบ",
    position: "assistant_professor",
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: "coord@example.ac.th",
    status: "doc_review",
    statusSince: now,
    createdBy: "uni-staff",
    createdAt: now,
    submittedAt: now,
    updatedAt: now,
  });
  const doc = `doc-${serial}`;
  await t.db.insert(requestDocuments).values({ id: doc, requestId: req, fileKey: `k-${serial}`, fileName: "ผลงาน.pdf", size: 10, contentType: "application/pdf", status: "received", uploadedBy: "uni-staff", uploadedAt: now });
  return { req, doc };
}

/** `db` with `between(n)` run right after its n-th read batch, before that attempt's write batch goes. */
function withChangeBetween(db: Db, between: (attempt: number) => Promise<void>): Db {
  let batches = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== "batch") return Reflect.get(target, prop, target);
      return async (items: Parameters<Db["batch"]>[0]) => {
        const results = await target.batch(items);
        const n = batches++;
        // Reads and writes alternate: even calls are an attempt's read.
        if (n % 2 === 0) await between(n / 2 + 1);
        return results;
      };
    },
  });
}

const audits = async (subjectId: string, action: string) =>
  (await t.db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action))))[0]!.n;
const stepRow = async (svc: string, stepNo: number) => (await t.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, svc), eq(eserviceSteps.stepNo, stepNo))))[0]!;
const setStep = (svc: string, stepNo: number, set: Partial<typeof eserviceSteps.$inferInsert>) =>
  t.db.update(eserviceSteps).set(set).where(and(eq(eserviceSteps.eserviceId, svc), eq(eserviceSteps.stepNo, stepNo)));
const setRequest = (req: string, status: RequestStatus) => t.db.update(academicRequests).set({ status }).where(eq(academicRequests.id, req));

describe.each([
  { host: "embedded libSQL (Node)", db: () => t.db },
  { host: "libSQL over HTTP (Hrana, as on Workers)", db: () => createDb(web) },
])("a guarded save on $host", ({ db: dbOf }) => {
  const ctx = (user: SessionUser, between: (attempt: number) => Promise<void>) => ({ ...contextFor(t, user), db: withChangeBetween(dbOf(), between) });

  it("writes an inserted row only after a write that changed one, with the columns drizzle's insert writes", async () => {
    const db = dbOf();
    const { svc } = await serviceAt(1, "in_progress");
    const event = { actorId: "a", action: "test.guarded", subjectType: "eservice", subjectId: svc, data: { n: 1 }, ip: "10.0.0.1" };
    const missed = db.update(eserviceSteps).set({ state: "in_progress" }).where(and(eq(eserviceSteps.eserviceId, svc), eq(eserviceSteps.state, "done"), eq(eserviceSteps.stepNo, 1)));
    const matched = db.update(eserviceSteps).set({ state: "in_progress" }).where(and(eq(eserviceSteps.eserviceId, svc), eq(eserviceSteps.stepNo, 1)));
    await db.batch([missed, guardedInsert(db, auditEvents, { at: t.clock.now(), ...event })]);
    expect(await audits(svc, "test.guarded")).toBe(0);
    await db.batch([matched, guardedInsert(db, auditEvents, { at: t.clock.now(), ...event }), guardedInsert(db, auditEvents, { at: t.clock.now(), ...event, action: "test.chained" })]);
    await db.batch([auditInsert(db, t.clock.now(), { ...event, action: "test.plain" })]);
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, svc));
    const strip = ({ id: _id, action: _action, ...rest }: typeof auditEvents.$inferSelect) => rest;
    expect(rows.map((r) => r.action).sort()).toEqual(["test.chained", "test.guarded", "test.plain"]);
    expect(rows.map(strip)).toEqual(rows.map(() => strip(rows.find((r) => r.action === "test.plain")!)));
  });

  it("step draft: a submit between the read and the write wins; the draft writes nothing and answers frozen", async () => {
    const { svc } = await serviceAt(1, "in_progress");
    const outcome = await saveAnswers(
      ctx(agencyUser, async (attempt) => {
        if (attempt === 1) await setStep(svc, 1, { state: "in_review", answers: { shortDescription: "ที่ส่งตรวจ" } });
      }),
      svc,
      1,
      { shortDescription: "ร่างที่มาช้า" },
    );
    expect(outcome).toEqual({ ok: false, reason: "frozen" });
    expect((await stepRow(svc, 1)).answers).toEqual({ shortDescription: "ที่ส่งตรวจ" });
    expect(await audits(svc, "eservice.step.save_draft")).toBe(0);
  });

  it("step draft: a change that keeps the step open is decided again and saved once, with one audit event", async () => {
    const { svc } = await serviceAt(2, "in_progress");
    const outcome = await saveAnswers(
      ctx(agencyUser, async (attempt) => {
        if (attempt === 1) await setStep(svc, 2, { state: "returned" });
      }),
      svc,
      2,
      { shortDescription: "ร่างใหม่" },
    );
    expect(outcome.ok).toBe(true);
    expect((await stepRow(svc, 2)).answers).toEqual({ shortDescription: "ร่างใหม่" });
    expect(await audits(svc, "eservice.step.save_draft")).toBe(1);
  });

  it("step draft: a step whose state keeps changing answers conflict after three tries, writing nothing", async () => {
    const { svc } = await serviceAt(1, "in_progress");
    let tries = 0;
    const outcome = await saveAnswers(
      ctx(agencyUser, async (attempt) => {
        tries = attempt;
        await setStep(svc, 1, { state: attempt % 2 ? "returned" : "in_progress" });
      }),
      svc,
      1,
      { shortDescription: "ไม่ทันสักที" },
    );
    expect(outcome).toEqual({ ok: false, reason: "conflict" });
    expect(tries).toBe(3);
    expect((await stepRow(svc, 1)).answers).toEqual({ shortDescription: "เดิม" });
    expect(await audits(svc, "eservice.step.save_draft")).toBe(0);
  });

  it("autosave: answers saved between the read and the write are merged again, not overwritten", async () => {
    const { svc } = await serviceAt(1, "in_progress");
    const outcome = await autosaveAnswers(
      ctx(agencyUser, async (attempt) => {
        if (attempt === 1) await setStep(svc, 1, { answers: { shortDescription: "เดิม", fullDescription: "จากอีกแท็บ" } });
      }),
      svc,
      1,
      { shortDescription: "พิมพ์ต่อ" },
    );
    expect(outcome.ok).toBe(true);
    expect((await stepRow(svc, 1)).answers).toEqual({ shortDescription: "พิมพ์ต่อ", fullDescription: "จากอีกแท็บ" });
    expect(await audits(svc, "eservice.step.save_draft")).toBe(1);
  });

  it("a part laid over the stored answers: a part saved in between is built over again, not lost", async () => {
    const { svc } = await serviceAt(4, "in_progress");
    const outcome = await saveAnswersOver(
      ctx(agencyUser, async (attempt) => {
        if (attempt === 1) await setStep(svc, 4, { answers: { shortDescription: "เดิม", part2: "จากอีกแท็บ" } });
      }),
      svc,
      4,
      (stored) => ({ ...stored.answers[3], part1: "ส่วนที่ 1" }),
    );
    expect(outcome).toEqual({ ok: true, answers: { shortDescription: "เดิม", part2: "จากอีกแท็บ", part1: "ส่วนที่ 1" } });
    expect((await stepRow(svc, 4)).answers).toEqual({ shortDescription: "เดิม", part2: "จากอีกแท็บ", part1: "ส่วนที่ 1" });
    expect(await audits(svc, "eservice.step.save_draft")).toBe(1);
  });

  it("tester edit: a submit between the read and the write leaves the tester as it was, with no audit event", async () => {
    const { svc, tester } = await serviceAt(2, "in_progress");
    const outcome = await saveTester(
      ctx(agencyUser, async () => {
        await setStep(svc, 2, { state: "in_review" });
      }),
      svc,
      2,
      tester,
      TESTER,
    );
    expect(outcome).toEqual({ ok: false, reason: "frozen" });
    expect((await t.db.select().from(testers).where(eq(testers.id, tester)))[0]!.fullName).toBe("สมชาย เดิม");
    expect(await audits(svc, "tester.saved")).toBe(0);
  });

  it("tester edit: a tester removed between the read and the write is not found, and nothing is written", async () => {
    const { svc, tester } = await serviceAt(5, "returned");
    const outcome = await saveTester(
      ctx(agencyUser, async () => {
        await t.db.delete(testers).where(eq(testers.id, tester));
      }),
      svc,
      5,
      tester,
      TESTER,
    );
    expect(outcome).toEqual({ ok: false, reason: "not_found" });
    expect(await audits(svc, "tester.saved")).toBe(0);
  });

  it("attempt edit: an attempt reviewed between the read and the write keeps its details, with no audit event", async () => {
    const { svc } = await serviceAt(3, "in_progress");
    const attempt = `attempt-${serial}`;
    await t.db.insert(testResults).values({ id: attempt, eserviceId: svc, stepNo: 3, attemptNo: 1, details: "เดิม", fileKey: "k", fileName: "t.xlsx", size: 1, status: "pending", createdAt: t.clock.now() });
    const outcome = await updateAttemptDetails(
      ctx(agencyUser, async () => {
        await t.db.update(testResults).set({ status: "returned" }).where(eq(testResults.id, attempt));
      }),
      svc,
      3,
      attempt,
      "แก้หลังตรวจ",
    );
    expect(outcome).toEqual({ ok: false, reason: "frozen" });
    expect((await t.db.select().from(testResults).where(eq(testResults.id, attempt)))[0]!.details).toBe("เดิม");
    expect(await audits(svc, "test_result.updated")).toBe(0);
  });

  it("document status: the documents checked off between the read and the write refuse the mark, with no timeline line or audit event", async () => {
    const { req, doc } = await requestWithDocument();
    const outcome = await setDocumentStatus(
      ctx(officer, async () => {
        await setRequest(req, "doc_checked");
      }),
      req,
      doc,
      { status: "needs_fix", note: "ไม่ชัด" },
    );
    expect(outcome).toEqual({ ok: false, reason: "documents_checked" });
    expect((await t.db.select().from(requestDocuments).where(eq(requestDocuments.id, doc)))[0]!.status).toBe("received");
    expect(await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, req))).toEqual([]);
    expect(await audits(req, "document.status")).toBe(0);
  });

  it("document status: a status change that keeps documents open is decided again; the timeline line carries the status the write guarded", async () => {
    const { req, doc } = await requestWithDocument();
    const outcome = await setDocumentStatus(
      ctx(officer, async (attempt) => {
        if (attempt === 1) await setRequest(req, "docs_requested");
      }),
      req,
      doc,
      { status: "checked", note: null },
    );
    expect(outcome).toEqual({ ok: true });
    expect((await t.db.select().from(requestDocuments).where(eq(requestDocuments.id, doc)))[0]!.status).toBe("checked");
    const events = await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, req));
    expect(events.map((e) => [e.status, e.label])).toEqual([["docs_requested", "เอกสาร ผลงาน.pdf: ตรวจแล้ว"]]);
    expect(await audits(req, "document.status")).toBe(1);
  });
});

describe("a guarded save resent after SQLITE_BUSY", () => {
  it("saves once: the batch that met the lock was rolled back whole, so the resend is the only write", async () => {
    const { svc } = await serviceAt(1, "in_progress");
    let batches = 0;
    const counting = new Proxy(web, {
      get(target, prop) {
        if (prop === "batch") return (...args: Parameters<Client["batch"]>) => (batches++, target.batch(...args));
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const other = createClient({ url: harness.url });
    try {
      const outcome = await saveAnswers(
        {
          ...contextFor(t, agencyUser),
          db: withChangeBetween(createDb(counting), async () => {
            // Another writer holds the lock past the harness's wait, then lets go.
            const held = await other.transaction("write");
            await held.execute({ sql: "UPDATE agencies SET name_en = name_en WHERE id = ?", args: ["ag-1"] });
            setTimeout(() => void held.rollback(), 150);
          }),
        },
        svc,
        1,
        { shortDescription: "หลังรอคิว" },
      );
      expect(outcome.ok).toBe(true);
      expect(batches).toBeGreaterThan(2); // the read, the write that met the lock, and its resend
      expect((await stepRow(svc, 1)).answers).toEqual({ shortDescription: "หลังรอคิว" });
      expect(await audits(svc, "eservice.step.save_draft")).toBe(1);
    } finally {
      other.close();
    }
  });
});
