/**
 * The live queue place under random officer work: whatever joins, leaves and
 * rejoins happen, the places shown are 1..n in the order requests (re)joined,
 * across more than one counting block, and equal a fresh renumbering.
 */
import { asc, isNotNull, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, queueBuckets, requestDocuments, universities } from "../../src/db/schema";
import { prng } from "../../src/db/prng";
import { ACTIONS, availableActions, type RequestStatus } from "../../src/domain/academic";
import { QUEUE_BUCKET } from "../../src/domain/queue";
import { applyOfficerAction, getRequestFor, searchRequests } from "../../src/services/requests";
import { pidKeys } from "../../src/services/pid-crypto";
import { renumberQueue } from "../../src/services/queue";
import type { SessionUser } from "../../src/services/session";
import { contextFor, createTestApp, TEST_DATA_KEY, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const officer: SessionUser = { id: "officer-1", role: "officer", displayName: "เจ้าหน้าที่", username: "officer", orgId: null, pidHmac: null, mustChangePassword: false };

async function submittedRequests(n: number) {
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" });
  const now = t.clock.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `req-${String(i).padStart(4, "0")}`,
    ticketNo: `2569-00100-${String(i + 1).padStart(4, "0")}`,
    universityId: "uni-x",
    applicantPidEnc: "x",
    applicantPidHmac: `pid-${i}`,
    applicantTitle: "นาย",
    applicantFirstName: `ผู้ขอ${i}`,
    applicantLastName: "ทดสอบ",
    position: "assistant_professor" as const,
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: "coord@example.ac.th",
    status: "submitted" as RequestStatus,
    statusSince: now,
    createdBy: "seed",
    createdAt: now,
    submittedAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 100) await t.db.insert(academicRequests).values(rows.slice(i, i + 100));
  // One document each, already found correct, so ตรวจสอบเอกสารแล้วเสร็จ is always allowed: this test is about the queue.
  const documents = rows.map((r) => ({
    id: `doc-${r.id}`,
    requestId: r.id,
    fileKey: `key-${r.id}`,
    fileName: "แบบ ก.พ.อ. 03.pdf",
    size: 1024,
    contentType: "application/pdf",
    status: "ok" as const,
    uploadedBy: "seed",
    uploadedAt: now,
  }));
  for (let i = 0; i < documents.length; i += 100) await t.db.insert(requestDocuments).values(documents.slice(i, i + 100));
  return rows.map((r) => r.id);
}

/** Places as the list and detail pages compute them, against the order requests joined in. */
async function expectPlacesMatchJoinOrder() {
  const queued = await t.db
    .select({ id: academicRequests.id, seq: academicRequests.queueSeq })
    .from(academicRequests)
    .where(isNotNull(academicRequests.queueEnteredAt))
    .orderBy(asc(academicRequests.queueEnteredAt), asc(academicRequests.id));
  const expected = new Map(queued.map((q, i) => [q.id, i + 1]));
  const keys = await pidKeys(TEST_DATA_KEY);
  const shown = new Map<string, number | null>();
  for (let page = 1; ; page++) {
    const { rows } = await searchRequests(t.db, officer, { page }, { keys, now: t.clock.now() });
    for (const row of rows) shown.set(row.id, row.queueNo);
    if (rows.length === 0) break;
  }
  for (const [id, place] of shown) expect(place, id).toBe(expected.get(id) ?? null);
  const [buckets] = await t.db.select({ n: sql<number>`coalesce(sum(${queueBuckets.waiting}), 0)` }).from(queueBuckets);
  expect(buckets!.n).toBe(queued.length);
  return { expected, queued };
}

describe("live queue places", () => {
  it("stay 1..n in join order through random receives, requests for documents, rejoins and finishes", async () => {
    const ids = await submittedRequests(QUEUE_BUCKET + 90);
    const rnd = prng(0x71756575); // "queu"
    let joins = 0;
    for (let step = 0; step < 900; step++) {
      t.clock.advance(rnd.int(60_000, 3_600_000));
      const id = rnd.pick(ids);
      const req = (await getRequestFor(t.db, officer, id))!;
      const actions = availableActions(req.status);
      if (actions.length === 0) continue;
      const action = rnd.pick(actions);
      const rule = ACTIONS[action] as { requires?: string; queue?: string };
      const outcome = await applyOfficerAction(contextFor(t, officer), id, action, {
        receiptNo: rule.requires === "receiptNo" ? `R${step}` : undefined,
        note: rule.requires === "note" ? "หมายเหตุ" : undefined,
      });
      expect(outcome.ok, `${action} on ${req.status}`).toBe(true);
      if (rule.queue === "join" || rule.queue === "rejoin") joins++;
      if (step % 150 === 149) await expectPlacesMatchJoinOrder();
    }
    // The numbers went past the first counting block, so sums over blocks were exercised.
    expect(joins).toBeGreaterThan(QUEUE_BUCKET);
    const before = await expectPlacesMatchJoinOrder();
    expect(before.queued.length).toBeGreaterThan(20);

    // Renumbering from scratch (as seeds and the migration do) gives the same places.
    await renumberQueue(t.db);
    const after = await expectPlacesMatchJoinOrder();
    expect([...after.expected]).toEqual([...before.expected]);
  });
});
