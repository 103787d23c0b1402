/**
 * The academic workflow's rules under random work by every role, on a real
 * libSQL database through the real use cases: officer actions (allowed by the
 * table or not, with or without what they need), uploads and document marks by
 * the right and the wrong people. After every step the rules hold:
 *
 * - from ตรวจสอบเอกสารแล้วเสร็จ on, a request has documents and none is
 *   ได้รับแล้ว or ต้องแก้ไข;
 * - after สิ้นสุด the documents are read-only: marking one fails and changes nothing;
 * - queue places are 1..n in the order requests (re)joined;
 * - a refused step wrote nothing (requests, documents, timeline, audit, outbox, queue blocks).
 *
 * PROPERTY_SEED=<n> replays a run (PROPERTY_SEED=random picks one); the seed is
 * in every failure message.
 */
import { asc, isNotNull, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  academicRequests,
  auditEvents,
  outboxMail,
  queueBuckets,
  requestDocuments,
  requestEvents,
  universities,
} from "../../src/db/schema";
import { prng, type Rng } from "../../src/db/prng";
import {
  ACTION_KEYS,
  ACTIONS,
  availableActions,
  DOCUMENT_STATUS_KEYS,
  DOCUMENTS_FROZEN_IN,
  isDocumentChecked,
  type ActionRule,
  type RequestStatus,
} from "../../src/domain/academic";
import { addDocument, setDocumentStatus } from "../../src/services/documents";
import { pidKeys } from "../../src/services/pid-crypto";
import { applyOfficerAction, searchRequests } from "../../src/services/requests";
import type { SessionUser } from "../../src/services/session";
import { contextFor, createTestApp, TEST_DATA_KEY, type TestApp } from "./helpers";

const SEED = process.env.PROPERTY_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.PROPERTY_SEED || 0x61636164); // "acad"
const STEPS = 240;
const REQUESTS = 4;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const user = (id: string, role: SessionUser["role"], orgId: string | null = null): SessionUser => ({
  id,
  role,
  displayName: id,
  username: id,
  orgId,
  pidHmac: role === "applicant" ? "pid-0" : null,
  mustChangePassword: false,
});
const officer = user("officer-1", "officer");
const admin = user("admin-1", "admin");
const universityX = user("uni-x-staff", "university", "uni-x");
const universityY = user("uni-y-staff", "university", "uni-y");
const applicant = user("applicant-1", "applicant");

async function submittedRequests(): Promise<string[]> {
  await t.db.insert(universities).values([
    { id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" },
    { id: "uni-y", code: "00500", nameTh: "มหาวิทยาลัยวาย", nameEn: "Y University" },
  ]);
  const now = t.clock.now();
  const rows = Array.from({ length: REQUESTS }, (_, i) => ({
    id: `req-${i}`,
    ticketNo: `2569-00100-${String(i + 1).padStart(4, "0")}`,
    universityId: "uni-x",
    applicantPidEnc: "x",
    applicantPidHmac: `pid-${i}`,
    applicantTitle: "นาย",
    applicantFirstName: `ผู้ขอ${i}`,
    applicantLastName: "ทดสอบ",
    applicantEmail: i % 2 ? `applicant${i}@example.com` : null,
    position: "assistant_professor" as const,
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: "coord@example.ac.th",
    status: "submitted" as RequestStatus,
    statusSince: now,
    createdBy: universityX.id,
    createdAt: now,
    submittedAt: now,
    updatedAt: now,
  }));
  await t.db.insert(academicRequests).values(rows);
  return rows.map((r) => r.id);
}

/** Everything a step may write, to compare before and after a refusal. */
async function snapshot() {
  const count = async (table: typeof requestEvents | typeof auditEvents | typeof outboxMail) =>
    (await t.db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n;
  return {
    requests: await t.db.select().from(academicRequests).orderBy(asc(academicRequests.id)),
    documents: await t.db.select().from(requestDocuments).orderBy(asc(requestDocuments.id)),
    events: await count(requestEvents),
    audit: await count(auditEvents),
    mail: await count(outboxMail),
    buckets: await t.db.select().from(queueBuckets).orderBy(asc(queueBuckets.bucket)),
  };
}

type Step = { label: string; run: () => Promise<{ ok: boolean; reason?: string }> };

/** One random step: mostly sensible work, often by the wrong person or at the wrong time. */
async function randomStep(rnd: Rng, ids: string[], n: number): Promise<Step> {
  const id = rnd.pick(ids);
  const [req] = await t.db.select({ status: academicRequests.status }).from(academicRequests).where(sql`${academicRequests.id} = ${id}`);
  const docs = await t.db.select({ id: requestDocuments.id }).from(requestDocuments).where(sql`${requestDocuments.requestId} = ${id}`);
  const kind = rnd.next();
  if (kind < 0.45) {
    const who = rnd.pick([officer, officer, officer, admin, universityX, applicant]);
    // Mostly what the table allows, and mostly forward, so requests get to the end.
    const allowed = availableActions(req!.status);
    const forward = allowed.filter((a) => a !== "request_documents");
    const action = !allowed.length || rnd.chance(0.15) ? rnd.pick(ACTION_KEYS) : forward.length && rnd.chance(0.85) ? rnd.pick(forward) : rnd.pick(allowed);
    const rule = ACTIONS[action] as ActionRule;
    const complete = rnd.chance(0.9);
    const input = {
      receiptNo: rule.requires === "receiptNo" && complete ? `R${n}` : undefined,
      note: rule.requires === "note" && complete ? "หมายเหตุ" : undefined,
    };
    return { label: `${who.id}: ${action} on ${id} (${req!.status})${complete ? "" : " without its input"}`, run: () => applyOfficerAction(contextFor(t, who), id, action, input) };
  }
  if (kind < 0.65) {
    const who = rnd.pick([universityX, universityX, universityX, universityY, officer]);
    const file = { key: `key-${n}`, fileName: `เอกสาร-${n}.pdf`, size: 1024, contentType: "application/pdf" };
    return { label: `${who.id}: upload to ${id} (${req!.status})`, run: () => addDocument(contextFor(t, who), id, file) };
  }
  const who = rnd.pick([officer, officer, officer, admin, universityX]);
  const status = rnd.chance(0.6) ? rnd.pick(["checked", "ok"] as const) : rnd.pick(DOCUMENT_STATUS_KEYS);
  const documentId = docs.length && rnd.chance(0.9) ? rnd.pick(docs).id : "no-such-document";
  return {
    label: `${who.id}: mark ${documentId} of ${id} (${req!.status}) ${status}`,
    run: () => setDocumentStatus(contextFor(t, who), id, documentId, { status, note: rnd.chance(0.3) ? "หมายเหตุ" : null }),
  };
}

/** The rules that must hold after every step. */
async function checkRules() {
  const requests = await t.db.select().from(academicRequests);
  const documents = await t.db.select().from(requestDocuments);
  for (const r of requests) {
    const mine = documents.filter((d) => d.requestId === r.id);
    if (DOCUMENTS_FROZEN_IN.includes(r.status)) {
      expect(mine.length, `${r.id} is ${r.status} without documents`).toBeGreaterThan(0);
      expect(mine.filter((d) => !isDocumentChecked(d.status)).map((d) => d.status), `${r.id} is ${r.status} with unchecked documents`).toEqual([]);
    }
    if (r.status === "finished" && mine[0]) {
      const before = await snapshot();
      const attempt = await setDocumentStatus(contextFor(t, officer), r.id, mine[0].id, { status: "needs_fix", note: "แก้ย้อนหลัง" });
      expect(attempt, `${r.id} is finished but its document could be marked`).toEqual({ ok: false, reason: "finished" });
      expect(await snapshot(), `a refused mark on finished ${r.id} wrote something`).toEqual(before);
    }
  }

  // Places as the pages show them, against the order requests (re)joined in.
  const joined = requests
    .filter((r) => r.queueEnteredAt !== null)
    .sort((a, b) => a.queueEnteredAt!.getTime() - b.queueEnteredAt!.getTime() || a.id.localeCompare(b.id));
  const { rows } = await searchRequests(t.db, officer, {}, { keys: await pidKeys(TEST_DATA_KEY), now: t.clock.now() });
  const shown = new Map(rows.map((row) => [row.id, row.queueNo]));
  expect(
    joined.map((r) => shown.get(r.id)),
    "queue places are not 1..n in join order",
  ).toEqual(joined.map((_, i) => i + 1));
  for (const r of requests.filter((q) => q.queueEnteredAt === null)) expect(shown.get(r.id), `${r.id} is out of the queue but shows a place`).toBeNull();
  const queued = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(isNotNull(academicRequests.queueSeq));
  expect(queued.length).toBe(joined.length);
}

describe("the academic workflow under random work by every role", () => {
  it("keeps documents and statuses in agreement, finished documents read-only, queue places 1..n, and refusals write-free", async () => {
    const ids = await submittedRequests();
    const rnd = prng(SEED);
    const trail: string[] = [];
    const seen = { ok: 0, refused: new Map<string, number>(), statuses: new Set<RequestStatus>() };
    try {
      for (let n = 0; n < STEPS; n++) {
        t.clock.advance(rnd.int(60_000, 3_600_000));
        const step = await randomStep(rnd, ids, n);
        const before = await snapshot();
        const outcome = await step.run();
        trail.push(`${n}: ${step.label} → ${outcome.ok ? "ok" : outcome.reason}`);
        if (outcome.ok) {
          seen.ok++;
          const after = await snapshot();
          // One use case, one audit event.
          expect(after.audit, "a step that succeeded left no audit event").toBe(before.audit + 1);
        } else {
          seen.refused.set(outcome.reason!, (seen.refused.get(outcome.reason!) ?? 0) + 1);
          expect(await snapshot(), "a refused step wrote something").toEqual(before);
        }
        await checkRules();
        for (const r of await t.db.select({ status: academicRequests.status }).from(academicRequests)) seen.statuses.add(r.status);
      }
      // The run went where the rules bite: every refusal kind, and requests through to the end.
      const refused = [...seen.refused.keys()];
      expect(refused).toEqual(expect.arrayContaining(["documents_checked", "finished", "illegal", "not_found"]));
      expect(refused.filter((r) => r === "no_documents" || r === "documents_unchecked"), "ตรวจสอบเอกสารแล้วเสร็จ was never refused").not.toEqual([]);
      expect(seen.statuses.has("finished"), "no request reached สิ้นสุด").toBe(true);
      expect(seen.ok, "too few steps succeeded to mean anything").toBeGreaterThan(STEPS / 10);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`PROPERTY_SEED=${SEED} replays this run; last steps:\n  ${trail.slice(-12).join("\n  ")}\n${message}`, { cause: error });
    }
  });
});
