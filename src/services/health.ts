/**
 * @module
 * What `/healthz` asks of the database: can it answer at all.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

export async function databaseReachable(db: DbOrTx): Promise<boolean> {
  try {
    await db.run(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
