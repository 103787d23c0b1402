import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { siteSettings } from "../db/schema";
import { recordAudit } from "./audit";
import { actorId, actorRole, type UseCaseContext } from "./context";

/** The "ติดต่อเรา" text of the academic-position manual, until an admin changes it. */
export const DEFAULT_CONTACT = [
  "กรณีมีข้อสอบถามข้อมูลการขอตำแหน่งหรือเอกสารอื่น ๆ ติดต่อได้ที่เบอร์ 0 2610 5321 - 25 หรือ 0 2610 5336 - 38",
  "หากต้องการสอบถามปัญหาทางเทคนิคของระบบ ติดต่อได้ที่เบอร์ 0 2333 3700 ต่อ 7001 หรือ 0 2333 3820",
].join("\n");

export async function getContactText(db: DbOrTx): Promise<string> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, "contact"));
  return row?.value ?? DEFAULT_CONTACT;
}

export type SetContactOutcome = { ok: true } | { ok: false; reason: "forbidden" };

/** Replaces the contact page's text; only an admin may. */
export async function setContactText(ctx: UseCaseContext, value: string): Promise<SetContactOutcome> {
  if (actorRole(ctx) !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(siteSettings)
      .values({ key: "contact", value, updatedAt: now })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: now } });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "settings.contact", subjectType: "settings", subjectId: "contact", ip: ctx.actor.ip });
  });
  return { ok: true };
}
