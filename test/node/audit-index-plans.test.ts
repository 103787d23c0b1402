/**
 * The audit trail grows with every change, and its exports read it a keyset page at a
 * time: a page that had to sort every matching event again would make a long export
 * quadratic (and on Node, hold the event loop for the sort). SQLite's own query plan
 * for a page after a cursor, by each filter the admin's search offers, must read the
 * events newest first off an index: no temporary B-tree for the ORDER BY.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditFilters } from "../../src/domain/audit-forms";
import { filterCondition, pageAfter } from "../../src/services/audit-trail";
import { createTestApp, type TestApp } from "./helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FILTERS: Record<string, Partial<AuditFilters>> = {
  none: {},
  "actor (a username or an id)": { actor: "officer.one" },
  "record type": { subjectType: "request" },
  "one record": { subjectType: "request", subjectId: "REQ-1" },
  action: { action: "request.receive" },
  "date range": { from: "2026-01-01", to: "2026-01-31" },
  "record type and action": { subjectType: "request", action: "request.receive" },
  "actor and date range": { actor: "officer.one", from: "2026-01-01", to: "2026-01-31" },
};

async function plan(f: Partial<AuditFilters>): Promise<string> {
  const query = pageAfter(t.db, filterCondition(t.db, f), { at: Date.UTC(2026, 0, 15), id: 1000 }, 500).toSQL();
  const rows = (await t.db.all(sql.raw(`EXPLAIN QUERY PLAN ${inline(query.sql, query.params)}`))) as { detail: string }[];
  return rows.map((r) => r.detail).join(" | ");
}

/** The statement with its parameters written in (EXPLAIN through drizzle's `sql.raw` takes none). */
function inline(text: string, params: unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const v = params[i++];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

describe("a keyset page of the audit trail", () => {
  for (const [name, f] of Object.entries(FILTERS)) {
    it(`reads newest first off an index, by ${name}`, async () => {
      const p = await plan(f);
      expect(p).toMatch(/USING (COVERING )?INDEX audit_/);
      expect(p).not.toContain("TEMP B-TREE");
    });
  }
});
