/**
 * A deployment started the way a real one starts: `NODE_ENV=production`, an empty
 * database (no demo seed), mail over SMTP. Everything after `admin:create` happens
 * in Chromium, and every password arrives by mail: the admin sets up a university,
 * its staff member and an officer; the staff member files a request; the officer
 * receives it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCreate } from "../../scripts/admin-create";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { startNodeHost, type NodeHost } from "../../src/node";
import { parseMessage, startSmtp } from "../support/smtp";
import { launchChromium } from "./browser";

const PASSWORD = "Ops#2569-from-zero";
const citizen = DEMO_CITIZENS[0]!;

let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let host: NodeHost;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-zero-"));
  smtp = await startSmtp();
  env = {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, "prod.db")}`,
    FILES_DIR: join(dir, "files"),
    SESSION_SECRET: "from-zero-secret-0123456789abcdef0123",
    DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  };
  // The scheduler's mail job is run by hand below, so each mail is read when it must have gone.
  host = await startNodeHost({ env: { ...env }, scheduler: false, log: () => {} });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the outbox job, then reads the credentials of the newest mail to `to`. */
async function credentialsMailedTo(to: string): Promise<{ username: string; password: string }> {
  await host.runScheduled("* * * * *");
  const mail = [...smtp.received].reverse().find((m) => m.to.includes(to));
  if (!mail) throw new Error(`no mail to ${to}`);
  const text = parseMessage(mail.raw).text;
  const username = /ชื่อผู้ใช้ชั่วคราว: (\S+)/.exec(text)?.[1];
  const password = /รหัสผ่านชั่วคราว: (\S+)/.exec(text)?.[1];
  if (!username || !password) throw new Error(`no credentials in the mail to ${to}:\n${text}`);
  return { username, password };
}

/** Signs in with mailed temporary credentials and chooses `username` and the shared password. */
async function firstSignIn(temp: { username: string; password: string }, username: string, home: string): Promise<Page> {
  const context = await browser.newContext({ locale: "th-TH", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${host.url}/login`);
  await page.getByLabel("ชื่อผู้ใช้").fill(temp.username);
  await page.getByLabel("รหัสผ่าน").fill(temp.password);
  await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
  await page.waitForURL(`${host.url}/account/setup`);
  await page.getByLabel("ชื่อผู้ใช้งาน (Username)").fill(username);
  await page.getByLabel("รหัสผ่านใหม่").fill(PASSWORD);
  await page.getByLabel("ยืนยันรหัสผ่าน").fill(PASSWORD);
  await page.getByRole("button", { name: "ตั้งค่าและเข้าสู่ระบบ" }).click();
  await page.waitForURL(`${host.url}${home}`);
  return page;
}

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "th-TH" });
  const page = await context.newPage();
  await page.goto(`${host.url}/login`);
  await page.getByLabel("ชื่อผู้ใช้").fill(username);
  await page.getByLabel("รหัสผ่าน").fill(PASSWORD);
  await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

/** Fills the new-staff form (the role preselected or chosen) and returns the account page. */
async function createStaff(page: Page, input: { role?: string; name: string; email: string }) {
  if (input.role) await page.getByLabel("บทบาท").selectOption({ label: input.role });
  await page.getByLabel("ชื่อ – นามสกุล").fill(input.name);
  await page.getByLabel("อีเมล").fill(input.email);
  await page.getByRole("button", { name: "สร้างบัญชีและส่งอีเมล" }).click();
  await page.waitForURL(/\/staff\/[\w-]+$/);
}

describe("a production deployment from an empty database", () => {
  let ticketNo = "";

  it("starts with no account, no university and no demo data", async () => {
    const [counts] = await host.deps.db.all<{ users: number; universities: number; requests: number }>(
      sql`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM universities) AS universities, (SELECT count(*) FROM academic_requests) AS requests`,
    );
    expect(counts).toEqual({ users: 0, universities: 0, requests: 0 });
    const lines: string[] = [];
    expect(await adminCreate(["--username", "ops.first", "--email", "ops@dga.example.go.th", "--name", "ผู้ดูแล คนแรก"], { ...env, APP_URL: host.url }, (l) => lines.push(l))).toBe(0);
    // With mail configured, the password is never printed.
    expect(lines.join("\n")).not.toMatch(/รหัสผ่านชั่วคราว \(/);
  });

  it("lets the first admin set a password and create a university, its staff member and an officer", async () => {
    const page = await firstSignIn(await credentialsMailedTo("ops@dga.example.go.th"), "somchai.admin", "/admin");

    await page.goto(`${host.url}/admin/universities`);
    await page.getByLabel("ชื่อมหาวิทยาลัย (ภาษาไทย)").fill("มหาวิทยาลัยตั้งต้น");
    await page.getByLabel("ชื่อมหาวิทยาลัย (ภาษาอังกฤษ)").fill("First University");
    await page.getByLabel("รหัสมหาวิทยาลัย (5 หลัก)").fill("01234");
    await page.getByRole("button", { name: "เพิ่มมหาวิทยาลัย" }).click();
    await page.waitForURL(/\/admin\/universities\/[\w-]+$/);
    expect(await page.locator("h1").textContent()).toContain("มหาวิทยาลัยตั้งต้น");

    await page.locator('a[href^="/staff/new?role=university"]').click();
    await createStaff(page, { name: "สมศรี ยื่นเรื่อง", email: "somsri@first.example.ac.th" });
    const staffPage = page.url();
    expect(await page.locator("main").textContent()).toContain("มหาวิทยาลัยตั้งต้น");

    await page.goto(`${host.url}/staff/new`);
    await createStaff(page, { role: "เจ้าหน้าที่ผู้ตรวจสอบ", name: "สมปอง ตรวจดี", email: "sompong@ops.example.go.th" });

    // The staff page tells whether the credentials mail went out.
    await host.runScheduled("* * * * *");
    await page.goto(staffPage);
    expect(await page.locator("main").textContent()).toContain("ส่งแล้ว");
    await page.context().close();
  });

  it("lets the university staff member sign in with the mailed password and file a request", async () => {
    const page = await firstSignIn(await credentialsMailedTo("somsri@first.example.ac.th"), "somsri.first", "/university");
    await page.getByRole("link", { name: "ยื่นคำขอใหม่" }).click();
    await page.getByLabel("เลขประจำตัวประชาชนของเจ้าของผลงาน").fill(citizen.pid);
    await page.getByLabel("คำนำหน้าชื่อ").fill(citizen.title);
    await page.locator("#f-applicantFirstName").fill(citizen.givenName);
    await page.getByLabel("นามสกุล").fill(citizen.familyName);
    await page.getByLabel("ตำแหน่งที่ขอ").selectOption("assistant_professor");
    await page.getByLabel("สาขาวิชา (ภาษาไทย)").fill("ฟิสิกส์");
    await page.getByLabel("สาขาวิชา (ภาษาอังกฤษ)").fill("Physics");
    await page.getByLabel("ชื่อผู้ประสานงาน").fill("สมศรี ยื่นเรื่อง");
    await page.getByLabel("เบอร์โทรศัพท์ผู้ประสานงาน").fill("0812345678");
    await page.getByLabel("อีเมลผู้ประสานงาน").fill("somsri@first.example.ac.th");
    await page.getByRole("button", { name: "บันทึกและตรวจสอบข้อมูล" }).click();
    await page.waitForURL(/\/check$/);
    await page.getByRole("button", { name: "ยืนยันและยื่นคำขอ" }).click();
    await page.waitForURL(/\/requests\/[\w-]+$/);
    ticketNo = (await page.locator("dt:text-is('Ticket No.') + dd").textContent())!.trim();
    // The university's own code, which the admin typed, is in the ticket number.
    expect(ticketNo).toMatch(/^25\d\d-01234-0001$/);
    await page.context().close();
  });

  it("lets the officer the admin created sign in and find the request", async () => {
    expect(ticketNo, "the request was filed").not.toBe("");
    const page = await firstSignIn(await credentialsMailedTo("sompong@ops.example.go.th"), "sompong.ops", "/officer");
    expect(await page.locator("main").textContent()).toContain(ticketNo);
    await page.context().close();
    // The chosen credentials work on their own afterwards.
    const again = await signIn("sompong.ops");
    expect(new URL(again.url()).pathname).toBe("/officer");
    await again.context().close();
  });
});
