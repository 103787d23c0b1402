/**
 * `npm run admin:create -- --username somchai.a --email somchai@agency.go.th [--name "…"] [--another]`
 *
 * Makes an admin in a deployment that has none: on the embedded file
 * (`DATABASE_URL`, default `file:data/tidtam.db`, migrated first) or, when
 * `TURSO_DATABASE_URL` is set, on Turso (migrated before deploy with
 * `npm run db:migrate`). The temporary password goes out by mail when a mail
 * transport is configured (`SMTP_URL` for Node, `MAIL_API_URL` for Workers: the
 * running app's mail job sends it) and is otherwise printed here, once.
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { createDb, type Db } from "../src/db/client";
import { adminCreateArgs } from "../src/domain/account-forms";
import { formatThaiDateTime } from "../src/messages/dates";
import { createNodeDb, migrateNodeDb, nodePasswordKdf } from "../src/platform/node";
import { createAdmin } from "../src/services/admins";

type Env = Record<string, string | undefined>;

async function openDb(env: Env, log: (line: string) => void): Promise<{ db: Db; close(): void }> {
  if (env.TURSO_DATABASE_URL) {
    log(`ฐานข้อมูล Turso: ${env.TURSO_DATABASE_URL} (ใช้ migration ที่ npm run db:migrate ใส่ไว้แล้ว)`);
    const client = createClient({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN });
    return { db: createDb(client), close: () => client.close() };
  }
  const url = env.DATABASE_URL ?? "file:data/tidtam.db";
  log(`ฐานข้อมูลในเครื่อง: ${url}`);
  const { db, client } = await createNodeDb(url);
  await migrateNodeDb(db);
  return { db, close: () => client.close() };
}

/** Runs the command; returns the process exit code (0 made, 1 refused, 2 bad arguments). */
export async function adminCreate(argv: string[], env: Env, log: (line: string) => void): Promise<number> {
  let raw;
  try {
    raw = parseArgs({ args: argv, options: { username: { type: "string" }, email: { type: "string" }, name: { type: "string" }, another: { type: "boolean" } }, strict: true }).values;
  } catch (err) {
    log(`ใช้: npm run admin:create -- --username <ชื่อผู้ใช้> --email <อีเมล> [--name <ชื่อที่แสดง>] [--another]\n${(err as Error).message}`);
    return 2;
  }
  const parsed = adminCreateArgs.safeParse({ username: raw.username, email: raw.email, displayName: raw.name, another: raw.another ?? false });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) log(`--${issue.path.join(".") === "displayName" ? "name" : issue.path.join(".")}: ${issue.message}`);
    return 2;
  }
  const mails = Boolean(env.SMTP_URL || env.MAIL_API_URL);
  const { db, close } = await openDb(env, log);
  try {
    const appUrl = new URL(env.APP_URL ?? `http://localhost:${env.PORT ?? "3000"}`);
    const outcome = await createAdmin(db, { kdf: nodePasswordKdf, now: new Date(), appUrl, mails }, parsed.data);
    if (!outcome.ok) {
      log(
        outcome.reason === "admin_exists"
          ? "มีผู้ดูแลระบบอยู่แล้ว จึงไม่ได้สร้างเพิ่ม หากต้องการผู้ดูแลระบบอีกคน ให้ใส่ --another (an admin exists; add --another for a second one)"
          : `ชื่อผู้ใช้ ${parsed.data.username} มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น (username taken)`,
      );
      return 1;
    }
    log(`สร้างผู้ดูแลระบบ ${outcome.username} แล้ว (admin created); ต้องตั้งชื่อผู้ใช้และรหัสผ่านของตนเองเมื่อเข้าสู่ระบบครั้งแรก`);
    if (outcome.password) {
      log(`รหัสผ่านชั่วคราว (แสดงครั้งเดียว, ใช้ได้ถึง ${formatThaiDateTime(outcome.expiresAt)}): ${outcome.password}`);
      log(`เข้าสู่ระบบที่ ${new URL("/login", appUrl)}`);
    } else {
      log(`ส่งรหัสผ่านชั่วคราวทางอีเมลถึง ${parsed.data.email} (อยู่ใน outbox: แอปที่ทำงานอยู่จะส่งภายในหนึ่งนาที)`);
    }
    return 0;
  } finally {
    close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await adminCreate(process.argv.slice(2), process.env, (line) => console.log(line));
}
