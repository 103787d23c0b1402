import { createClient } from "@libsql/client/web";
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker, { type Env } from "../../src/worker";
import { workersPasswordKdf } from "../../src/platform/workers/password-kdf";
import { ARGON2_COST, hashPassword, verifyPassword } from "../../src/services/password";
import { ARGON2_VECTOR, NODE_MADE_HASH, WORKERD_MADE_HASH } from "../support/password-vectors";

const testEnv = env as unknown as Env;
const ORIGIN = "https://tidtam.test";
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

async function call(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function signIn(username: string, password: string): Promise<Response> {
  const page = await call("/login");
  const jar: string[] = [];
  page.headers.forEach((value, name) => {
    if (name === "set-cookie") jar.push(value.split(";")[0]!);
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return call("/login", {
    method: "POST",
    headers: { origin: ORIGIN, cookie: jar.join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, _csrf: token }).toString(),
  });
}

async function storedHash(username: string): Promise<string> {
  const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
  const rows = await db.execute({ sql: "SELECT password_hash FROM users WHERE username = ?", args: [username] });
  return String(rows.rows[0]!.password_hash);
}

describe("argon2id in workerd, from the WebAssembly module the bundle imports", () => {
  it("derives the same bits as Node (test/node/password.test.ts checks the same vector)", async () => {
    const tag = await workersPasswordKdf.argon2id(ARGON2_VECTOR.password, ARGON2_VECTOR.salt, ARGON2_COST, 32);
    expect(hex(tag)).toBe(ARGON2_VECTOR.hex);
  });

  it("verifies a hash made on Node", async () => {
    expect(await verifyPassword(workersPasswordKdf, NODE_MADE_HASH.password, NODE_MADE_HASH.hash)).toBe(true);
    expect(await verifyPassword(workersPasswordKdf, "NodeMade#2568", NODE_MADE_HASH.hash)).toBe(false);
  });

  it("makes hashes like the one test/node/password.test.ts verifies", async () => {
    expect(await verifyPassword(workersPasswordKdf, WORKERD_MADE_HASH.password, WORKERD_MADE_HASH.hash)).toBe(true);
    const fresh = await hashPassword(workersPasswordKdf, WORKERD_MADE_HASH.password);
    expect(fresh).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(workersPasswordKdf, WORKERD_MADE_HASH.password, fresh)).toBe(true);
    expect(await verifyPassword(workersPasswordKdf, "wrong", fresh)).toBe(false);
  });

  it("replaces a Node-made PBKDF2 hash with argon2id on the next sign-in", async () => {
    const before = await storedHash("wk.legacy");
    expect(before).toMatch(/^pbkdf2_sha256\$1000\$/);
    expect((await signIn("wk.legacy", "Legacy#2567x")).status).toBe(401);
    expect(await storedHash("wk.legacy")).toBe(before);

    expect((await signIn("wk.legacy", "Legacy#2567")).status).toBe(303);
    const after = await storedHash("wk.legacy");
    expect(after).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await signIn("wk.legacy", "Legacy#2567")).status).toBe(303);
    expect(await storedHash("wk.legacy")).toBe(after);
  });
});
