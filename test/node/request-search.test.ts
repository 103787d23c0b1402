/**
 * The trigram index answers "contains this text" exactly as LIKE does over the
 * requests officers see (not drafts), on random requests that were inserted,
 * renamed, submitted, deleted (so the triggers of migration 0011 are exercised,
 * not only its backfill); and the officer list gives the same page and total
 * whichever way it took.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { academicRequests, universities } from "../../src/db/schema";
import { prng, type Rng } from "../../src/db/prng";
import type { RequestStatus } from "../../src/domain/academic";
import { FEW_MATCHES, indexCount, indexMatch, likeMatch, TRIGRAM } from "../../src/services/request-search";
import { PAGE_SIZE, searchRequests } from "../../src/services/requests";
import { pidKeys } from "../../src/services/pid-crypto";
import type { SessionUser } from "../../src/services/session";
import { createTestApp, TEST_DATA_KEY, type TestApp } from "./helpers";

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
// Thai with its combining marks, ASCII in both cases, and LIKE's and FTS5's special characters.
const ALPHABET = [..."กขคสมชายใจดีผู้่ั์ aBcDxYz019/-%_\"'*()"];
const officer: SessionUser = { id: "officer-1", role: "officer", displayName: "เจ้าหน้าที่", username: "officer", orgId: null, pidHmac: null, mustChangePassword: false };

let t: TestApp;
const rng: Rng = prng(SEED);
const text = (min: number, max: number) => Array.from({ length: rng.int(min, max) }, () => rng.pick(ALPHABET)).join("");

beforeAll(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" });
  const now = t.clock.now();
  const rows = Array.from({ length: 300 }, (_, i) => ({
    id: `req-${i}`,
    ticketNo: rng.chance(0.8) ? `25${rng.int(60, 69)}-${text(2, 5)}-${i}` : null,
    universityId: "uni-x",
    applicantPidEnc: "x",
    applicantPidHmac: `pid-${i}`,
    applicantTitle: "นาย",
    applicantFirstName: text(1, 8),
    applicantLastName: text(1, 8),
    position: "assistant_professor" as const,
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    letterNo: rng.chance(0.7) ? `อว ${text(2, 6)}` : null,
    coordinatorName: "ผู้ประสานงาน",
    coordinatorPhone: "021234567",
    coordinatorEmail: "coord@example.ac.th",
    status: (rng.chance(0.15) ? "draft" : rng.pick(["submitted", "received", "doc_review", "finished"])) as RequestStatus,
    statusSince: now,
    createdBy: "seed",
    createdAt: now,
    submittedAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 100) await t.db.insert(academicRequests).values(rows.slice(i, i + 100));
  for (let i = 0; i < 60; i++) {
    const id = `req-${rng.int(0, 299)}`;
    await t.db.update(academicRequests).set({ applicantLastName: text(1, 8), letterNo: rng.chance(0.5) ? text(3, 6) : null }).where(eq(academicRequests.id, id));
  }
  // Drafts submitted later join the index; none of the requests is a draft at first in this batch.
  await t.db.update(academicRequests).set({ status: "submitted" }).where(inArray(academicRequests.id, ["req-20", "req-21", "req-22", "req-23"]));
  await t.db.delete(academicRequests).where(inArray(academicRequests.id, ["req-1", "req-2", "req-3"]));
});
afterAll(() => t.close());

/** Requests an officer sees (not drafts) that `where` also matches. */
async function ids(where: ReturnType<typeof likeMatch>): Promise<string[]> {
  const rows = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(and(sql`${academicRequests.status} <> 'draft'`, where));
  return rows.map((r) => r.id).sort();
}

/** Terms taken from stored values (so most match something) and made up (so some match nothing). */
async function terms(n: number): Promise<string[]> {
  const rows = await t.db.select().from(academicRequests);
  return Array.from({ length: n }, () => {
    if (rng.chance(0.3)) return text(TRIGRAM, 6);
    const row = rng.pick(rows);
    const source = rng.pick([row.ticketNo ?? "", `${row.applicantFirstName} ${row.applicantLastName}`, row.letterNo ?? ""].filter((s) => [...s].length >= TRIGRAM));
    const chars = [...source];
    const start = rng.int(0, chars.length - TRIGRAM);
    const term = chars.slice(start, rng.int(start + TRIGRAM, chars.length)).join("");
    return rng.chance(0.2) ? term.toUpperCase() : term;
  });
}

describe(`request text search (seed ${SEED}; PROPERTY_SEED replays)`, () => {
  it("finds and counts through the index exactly what LIKE finds, for 150 terms", async () => {
    let matched = 0;
    for (const term of await terms(150)) {
      const expected = await ids(likeMatch(term));
      expect(await ids(indexMatch(term)), `term ${JSON.stringify(term)}`).toEqual(expected);
      const [counted] = await t.db.all<{ n: number }>(indexCount(term));
      expect(Number(counted!.n), `count of ${JSON.stringify(term)}`).toBe(expected.length);
      if (expected.length) matched++;
    }
    // Most terms come from stored values: a comparison of empty sets alone would prove nothing.
    expect(matched).toBeGreaterThan(75);
  });

  it("scans with instr exactly as LIKE does when the term has no ASCII letter (LIKE's only case folding)", async () => {
    const like = (term: string) => {
      const pattern = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      const a = academicRequests;
      return sql`(${a.ticketNo} LIKE ${pattern} ESCAPE '\\' OR ${a.applicantFirstName} || ' ' || ${a.applicantLastName} LIKE ${pattern} ESCAPE '\\' OR ${a.letterNo} LIKE ${pattern} ESCAPE '\\')`;
    };
    let matched = 0;
    const plain = [..."กขค ใจ%_/-019", "ผู้", "่ั"].concat((await terms(120)).filter((term) => !/[A-Za-z]/.test(term)));
    for (const term of plain) {
      const expected = await ids(like(term));
      expect(await ids(likeMatch(term)), `term ${JSON.stringify(term)}`).toEqual(expected);
      if (expected.length) matched++;
    }
    expect(matched).toBeGreaterThan(40);
  });

  it("keeps the index in step: a deleted request is gone, a renamed one is found by its new name only", async () => {
    const [before] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, "req-10"));
    await t.db.update(academicRequests).set({ applicantFirstName: "ปรีดาวัลย์", applicantLastName: "ใหม่", status: "received" }).where(eq(academicRequests.id, "req-10"));
    expect(await ids(indexMatch("ปรีดาวัลย์ ใหม่"))).toEqual(["req-10"]);
    if ([...before!.applicantFirstName].length >= TRIGRAM) {
      expect(await ids(indexMatch(`${before!.applicantFirstName} ${before!.applicantLastName}`))).not.toContain("req-10");
    }
    expect(await ids(indexMatch("req-1"))).toEqual([]);
  });

  it("gives the officer list the same page and total by the index, by an ordered scan, or filtered", async () => {
    const keys = await pidKeys(TEST_DATA_KEY);
    const page = async (q: string, filters: { status?: RequestStatus } = {}) => {
      const { rows, total } = await searchRequests(t.db, officer, { q, page: 2, ...filters }, { keys, now: t.clock.now() });
      return { ids: rows.map((r) => r.id), total };
    };
    const expected = async (q: string, status?: RequestStatus) => {
      const where = and(sql`${academicRequests.status} <> 'draft'`, likeMatch(q), status ? eq(academicRequests.status, status) : undefined);
      const all = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(where).orderBy(asc(academicRequests.submittedAt));
      return { ids: all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((r) => r.id), total: all.length };
    };
    // Every request was submitted at the same instant: order ties would make pages differ by chance.
    for (let i = 0; i < 300; i++) await t.db.update(academicRequests).set({ submittedAt: new Date(t.clock.now().getTime() + i * 1000) }).where(eq(academicRequests.id, `req-${i}`));
    expect(await page("ปรีดาวัลย์")).toEqual({ ids: [], total: 1 });
    // "ก" alone is too short for trigrams; a common pair of letters has more than a few matches.
    let common = 0;
    // The list trims what was typed.
    for (const q of ["ก", "aB", "%", "_", ...(await terms(30)).map((term) => term.trim()).filter(Boolean)]) {
      expect(await page(q), q).toEqual(await expected(q));
      expect(await page(q, { status: "received" }), `${q} received`).toEqual(await expected(q, "received"));
      if ((await expected(q)).total > PAGE_SIZE) common++;
    }
    expect(common).toBeGreaterThan(0);
  });

  it("above FEW_MATCHES matches, scans in list order and still gives the same page and total", async () => {
    const [sample] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, "req-10"));
    const now = t.clock.now().getTime();
    const many = Array.from({ length: FEW_MATCHES + 20 }, (_, i) => ({
      ...sample!,
      id: `many-${i}`,
      ticketNo: `2569-99999-${i}`,
      applicantFirstName: "พิเศษร่วม",
      applicantLastName: `คนที่ ${i}`,
      submittedAt: new Date(now + (i % 7) * 60_000 + i),
    }));
    for (let i = 0; i < many.length; i += 100) await t.db.insert(academicRequests).values(many.slice(i, i + 100));
    const keys = await pidKeys(TEST_DATA_KEY);
    for (const page of [1, 3, 27]) {
      const { rows, total } = await searchRequests(t.db, officer, { q: "พิเศษร่วม", page }, { keys, now: t.clock.now() });
      const all = await t.db
        .select({ id: academicRequests.id })
        .from(academicRequests)
        .where(and(sql`${academicRequests.status} <> 'draft'`, likeMatch("พิเศษร่วม")))
        .orderBy(asc(academicRequests.submittedAt));
      expect(total).toBe(FEW_MATCHES + 20);
      expect(rows.map((r) => r.id)).toEqual(all.slice((page - 1) * 20, page * 20).map((r) => r.id));
    }
  });
});
