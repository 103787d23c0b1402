/**
 * @module
 * Admins made outside the app, for a deployment that has none yet (`npm run
 * admin:create`): a temporary username and password, valid 7 days, with the
 * forced first sign-in every staff account has. Run twice, it refuses unless
 * asked for another admin, so a typo cannot quietly add a second one.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { tempPasswordExpiresAt, type AdminCreateArgs } from "../domain/account-forms";
import { staffAccountMail } from "../messages/mail";
import type { PasswordKdf } from "../platform/ports";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import { enqueueMail } from "./mail";
import { hashPassword, temporaryPassword } from "./password";

export type CreateAdminOutcome =
  /** `password` only when no mail goes out: the caller shows it once. */
  | { ok: true; id: string; username: string; password: string | null; expiresAt: Date }
  | { ok: false; reason: "admin_exists" | "username_taken" };

/**
 * Creates an admin with temporary credentials in one transaction (with its audit
 * event and, when `mails`, the mail in the outbox, wiped once sent).
 */
export async function createAdmin(
  db: Db,
  deps: { kdf: PasswordKdf; now: Date; appUrl: URL; mails: boolean },
  args: AdminCreateArgs,
): Promise<CreateAdminOutcome> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(deps.kdf, password);
  const expiresAt = tempPasswordExpiresAt(deps.now);
  const usernameLower = args.username.toLowerCase();
  return db.transaction(async (tx): Promise<CreateAdminOutcome> => {
    const [admins] = await tx.select({ n: sql<number>`count(*)` }).from(users).where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
    if ((admins?.n ?? 0) > 0 && !args.another) return { ok: false, reason: "admin_exists" };
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.usernameLower, usernameLower)).limit(1);
    if (taken) return { ok: false, reason: "username_taken" };
    const id = newId();
    await tx.insert(users).values({
      id,
      role: "admin",
      username: args.username,
      usernameLower,
      passwordHash,
      displayName: args.displayName,
      email: args.email,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      createdAt: deps.now,
    });
    await recordAudit(tx, deps.now, { actorId: null, action: "admin.created", subjectType: "user", subjectId: id, data: { via: "admin:create", another: args.another }, ip: null });
    if (deps.mails) {
      const mail = staffAccountMail({ name: args.displayName, role: "ผู้ดูแลระบบ", username: args.username, password, expiresAt, loginUrl: new URL("/login", deps.appUrl).toString() });
      await enqueueMail(tx, deps.now, { to: args.email, ...mail, redactAfterSend: true, userId: id, kind: "credentials" });
    }
    return { ok: true, id, username: args.username, password: deps.mails ? null : password, expiresAt };
  });
}
