/**
 * @module
 * Step 6, การทดสอบผ่าน Pre-Production: test attempts exactly as on UAT
 * (uat-tests.ts, whose use cases take the step number), against pre-production.
 */
import type { DbOrTx } from "../../db/client";
import { attemptsReads } from "./uat-tests";

const STEP = 6;

/** What step 6's page shows. */
export function preprodTestsReads(db: DbOrTx, serviceId: string) {
  return attemptsReads(db, serviceId, STEP);
}
