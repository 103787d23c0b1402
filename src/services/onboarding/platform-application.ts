/**
 * @module
 * Step 4, ขอใช้บริการขึ้นแพลตฟอร์มกลาง: its three parts are saved by the shared
 * step use cases (steps.ts) as one record; this step also keeps the signed
 * authorisation letter, whose presence counts in the readiness check.
 */
import type { DbOrTx } from "../../db/client";
import { groupsByPart, platformApplicationValues, type Raw } from "../../domain/onboarding/platform-application";
import type { UseCaseContext } from "../context";
import type { StoredUpload } from "../uploads";
import { replaceServiceFile, serviceFile, serviceFileQuery } from "./files";
import { pageReads } from "./page-reads";
import type { Refused, ServiceView } from "./service";

const STEP = 4;

/** Keeps `file` as the signed authorisation letter, replacing an earlier one, while step 4 is open. */
export async function setAuthLetter(ctx: UseCaseContext, serviceId: string, file: StoredUpload): Promise<{ ok: true } | Refused> {
  return replaceServiceFile(ctx, serviceId, { kind: "auth_letter", stepNo: STEP }, file);
}

export async function authLetterOf(db: DbOrTx, serviceId: string) {
  return serviceFile(db, serviceId, "auth_letter", STEP);
}

/** The stored answers, or before the first save what steps 1 and 2 already said. */
export function platformValues(svc: ServiceView): Raw {
  return platformApplicationValues(svc.steps[STEP - 1]!.answers as Raw | null, svc.steps[0]!.answers, svc.steps[1]!.answers, svc.name);
}

/** The signed letter, unsent, for a page that batches it. */
export function authLetterReads(db: DbOrTx, serviceId: string) {
  return pageReads([serviceFileQuery(db, serviceId, "auth_letter", STEP)], ([letter]) => letter[0] ?? null);
}

/** What step 4's page shows: the answers (prefilled), which groups each part shows, and the letter. */
export function platformApplicationReads(db: DbOrTx, serviceId: string) {
  return pageReads([serviceFileQuery(db, serviceId, "auth_letter", STEP)], ([letter], svc: ServiceView) => {
    const values = platformValues(svc);
    return { values, groupsByPart: groupsByPart(values), authLetter: letter[0] ?? null };
  });
}
