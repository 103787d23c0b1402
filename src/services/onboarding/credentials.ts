/**
 * @module
 * Step 1, ขอ Credential: its answers are saved by the shared step use cases
 * (steps.ts); what only this step has is the agency's optional service icon.
 */
import type { DbOrTx } from "../../db/client";
import type { UseCaseContext } from "../context";
import type { StoredUpload } from "../uploads";
import { replaceServiceFile, serviceFileQuery } from "./files";
import { pageReads } from "./page-reads";
import type { Refused } from "./service";

const STEP = 1;

/** Keeps `file` as the service's icon, replacing an earlier one, while step 1 is open to the agency. */
export async function setServiceIcon(ctx: UseCaseContext, serviceId: string, file: StoredUpload): Promise<{ ok: true } | Refused> {
  return replaceServiceFile(ctx, serviceId, { kind: "icon", stepNo: STEP }, file);
}

/** What step 1's page shows besides the answers. */
export function credentialsReads(db: DbOrTx, serviceId: string) {
  return pageReads([serviceFileQuery(db, serviceId, "icon", STEP)], ([icon]) => ({ icon: icon[0] ?? null }));
}
