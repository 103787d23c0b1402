import { DurableObject } from "cloudflare:workers";
import type { QrSession, QrSessionStore } from "../ports";

/**
 * One Durable Object per cross-device QR sign-in. It is single-threaded, so the
 * approve and claim transitions cannot race; its alarm deletes it at expiry, and
 * every read checks the expiry too in case the alarm is late.
 */
export class QrSessionObject extends DurableObject {
  async create(session: QrSession): Promise<void> {
    await this.ctx.storage.put("session", session);
    await this.ctx.storage.setAlarm(session.expiresAt.getTime());
  }

  async read(): Promise<QrSession | null> {
    const session = await this.ctx.storage.get<QrSession>("session");
    if (!session) return null;
    if (Date.now() >= session.expiresAt.getTime()) {
      await this.ctx.storage.deleteAll();
      return null;
    }
    return session;
  }

  async resolve(outcome: { status: "approved"; userId: string } | { status: "declined" }): Promise<boolean> {
    const session = await this.read();
    if (!session || session.status !== "pending") return false;
    await this.ctx.storage.put("session", {
      ...session,
      status: outcome.status,
      userId: outcome.status === "approved" ? outcome.userId : null,
    });
    return true;
  }

  async claim(browserSecretHash: string): Promise<string | null> {
    const session = await this.read();
    if (!session || session.status !== "approved" || session.browserSecretHash !== browserSecretHash) return null;
    // Claimed once: the record goes, so a replay finds nothing.
    await this.ctx.storage.deleteAll();
    await this.ctx.storage.deleteAlarm();
    return session.userId;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}

/** The QR-session port on Workers: the QR id names the object. */
export function createDurableQrStore(ns: DurableObjectNamespace<QrSessionObject>): QrSessionStore {
  const stub = (id: string) => ns.get(ns.idFromName(id));
  return {
    async create(session) {
      await stub(session.id).create(session);
    },
    async get(id) {
      return stub(id).read();
    },
    async resolve(id, outcome) {
      return stub(id).resolve(outcome);
    },
    async claim(id, browserSecretHash) {
      return stub(id).claim(browserSecretHash);
    },
  };
}
