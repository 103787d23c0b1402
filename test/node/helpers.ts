/**
 * Test wiring: the real app on a real libSQL file (one per test), a clock the
 * test controls, and a tiny browser-like client that keeps cookies and the CSRF token.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { createApp } from "../../src/app";
import type { AppDeps } from "../../src/app-env";
import { loadConfig } from "../../src/config";
import { agencies, eservices, eserviceSteps, users } from "../../src/db/schema";
import type { StepState } from "../../src/domain/onboarding/workflow";
import type { Role } from "../../src/domain/roles";
import { useHostCrypto } from "../../src/platform/host-crypto";
import { createDbQrStore, createFsFileStore, createNodeDb, migrateNodeDb, nodeCrypto, nodePasswordKdf } from "../../src/platform/node";
import type { Clock, MailTransport } from "../../src/platform/ports";
import { newId } from "../../src/services/crypto";
import { useCaseContext, type UseCaseContext } from "../../src/services/context";
import { hashPassword } from "../../src/services/password";
import type { SessionUser } from "../../src/services/session";
import { NODE_EXPORT_JOB_LIMITS, inProcessExportRunner, type ExportJobLimits } from "../../src/services/export-jobs";
import { pidKeys } from "../../src/services/pid-crypto";
import { TEST_THAID_CLIENT } from "./global-setup";

// Node tests run the hashing and AES-GCM the Node host installs in startNodeHost.
useHostCrypto(nodeCrypto);

export class TestClock implements Clock {
  constructor(private t = new Date("2026-11-23T03:00:00Z")) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(date: Date) {
    this.t = new Date(date);
  }
}

export const TEST_ORIGIN = "http://localhost:3000";

/** A fixed 32-byte key so encrypted test rows are reproducible. */
export const TEST_DATA_KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)));

/** Settings that point a test app at the ThaiD simulator of test/node/global-setup.ts. */
export function thaidEnv(): Record<string, string> {
  return {
    THAID_ISSUER: inject("thaidIssuer"),
    THAID_CLIENT_ID: TEST_THAID_CLIENT.clientId,
    THAID_CLIENT_SECRET: TEST_THAID_CLIENT.clientSecret,
  };
}

export async function createTestApp(
  options: { appUrl?: string; mail?: MailTransport | null; env?: Record<string, string | undefined>; exportLimits?: ExportJobLimits } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "tidtam-test-"));
  const { db, client } = await createNodeDb(`file:${join(dir, "test.db")}`);
  await migrateNodeDb(db);
  const clock = new TestClock();
  const files = createFsFileStore(join(dir, "files"));
  const exportLimits = options.exportLimits ?? NODE_EXPORT_JOB_LIMITS;
  const exportRunner = inProcessExportRunner({ db, files, clock, keys: () => pidKeys(TEST_DATA_KEY), limits: exportLimits });
  const deps: AppDeps = {
    config: loadConfig({
      APP_URL: options.appUrl ?? TEST_ORIGIN,
      SESSION_SECRET: "test-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      ...options.env,
    }),
    db,
    clock,
    files,
    mail: options.mail ?? null,
    kdf: nodePasswordKdf,
    qr: createDbQrStore(db, clock),
    exports: { runner: exportRunner, limits: exportLimits },
    clientIp: (c) => c.req.header("x-test-ip") ?? "127.0.0.1",
    clientPlace: () => "กรุงเทพมหานคร (ทดสอบ)",
  };
  const app = createApp(deps);
  return { app, deps, db, clock, dir, exportRunner, close: () => client.close() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export async function createUser(
  t: TestApp,
  input: { role: Role; username: string; password: string; displayName?: string; orgId?: string; email?: string },
) {
  const id = newId();
  await t.db.insert(users).values({
    id,
    role: input.role,
    username: input.username,
    usernameLower: input.username.toLowerCase(),
    passwordHash: await hashPassword(t.deps.kdf, input.password),
    displayName: input.displayName ?? input.username,
    orgId: input.orgId ?? null,
    email: input.email ?? null,
    createdAt: t.clock.now(),
  });
  return id;
}

/** A browser stand-in: cookies in, cookies out, CSRF token read from the last page. */
export class Browser {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    private t: TestApp,
    private origin = TEST_ORIGIN,
    private ip = "127.0.0.1",
  ) {}

  async request(path: string, init: Omit<RequestInit, "headers"> & { headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { "x-test-ip": this.ip, ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.t.app.request(`${this.origin}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { res, text, status: res.status, location: res.headers.get("location") };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** A form post the way a browser sends it: urlencoded, same Origin, CSRF field unless told otherwise. */
  post(path: string, fields: Record<string, string>, opts: { csrf?: string | null; origin?: string | null; headers?: Record<string, string> } = {}) {
    const body = new URLSearchParams(fields);
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token) body.set("_csrf", token);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", ...(opts.headers ?? {}) };
    const origin = opts.origin === undefined ? this.origin : opts.origin;
    if (origin) headers.origin = origin;
    return this.request(path, { method: "POST", body: body.toString(), headers });
  }

  /** A multipart upload the way the no-JS form sends it: the token a field of the body, like any form. */
  upload(path: string, fields: Record<string, string | File>, opts: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const form = new FormData();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token) form.set("_csrf", token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return this.request(path, { method: "POST", body: form, headers: { origin: this.origin, ...(opts.headers ?? {}) } });
  }

  async login(username: string, password: string) {
    await this.get("/login");
    return this.post("/login", { username, password });
  }
}

/** The use-case context a request by `user` would get (null: the system, as a scheduled job). */
export function contextFor(t: TestApp, user: SessionUser | null, ip: string | null = "127.0.0.1"): UseCaseContext {
  return useCaseContext({ db: t.db, clock: t.clock, files: t.deps.files, appUrl: t.deps.config.appUrl, dataKey: TEST_DATA_KEY, user, ip });
}

/**
 * Agency "ag-1" with its user agency.user (signed in) and service "svc-1" whose steps
 * are already at `states`, plus a signed-in browser for the officer `officer`
 * (who must exist).
 */
export async function agencyServiceAt(t: TestApp, states: StepState[], opts: { email?: string } = {}) {
  const now = t.clock.now();
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ", createdAt: now });
  await createUser(t, { role: "agency", username: "agency.user", password: "Agency#2567", orgId: "ag-1", email: opts.email });
  await t.db.insert(eservices).values({ id: "svc-1", agencyId: "ag-1", name: "บริการทดสอบ", createdAt: now, updatedAt: now });
  await t.db.insert(eserviceSteps).values(states.map((state, i) => ({ eserviceId: "svc-1", stepNo: i + 1, state, updatedAt: now })));
  const agency = new Browser(t);
  await agency.login("agency.user", "Agency#2567");
  const officer = new Browser(t);
  await officer.login("officer", "Officer#2567");
  return { agency, officer };
}

/** A complete university request form for applicant `pid`, as the form posts it. */
export const validRequestForm = (pid: string, extra: Record<string, string> = {}) => ({
  applicantPid: pid,
  applicantTitle: "นาย",
  applicantFirstName: "เอก",
  applicantLastName: "พลพิจิตร",
  applicantEmail: "",
  position: "assistant_professor",
  fieldTh: "ประสาทศัลยศาสตร์",
  fieldEn: "Neurological Surgery",
  letterNo: "5874398/8752",
  coordinatorName: "เจน",
  coordinatorPhone: "087-135-7910",
  coordinatorEmail: "jennie_@gek.com",
  ...extra,
});
