import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, universities, users } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { startSession } from "../../src/services/auth";
import { newId } from "../../src/services/crypto";
import { pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
const citizen = DEMO_CITIZENS[0]!;

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());


/** University staff files and submits a request for `pid`; returns its id and ticket. */
async function submitRequest(uni: Browser, pid: string) {
  await uni.get("/university/requests/new");
  const saved = await uni.post("/university/requests", { ...validRequestForm(pid), intent: "check" });
  const id = /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
  await uni.get(saved.location!);
  expect((await uni.post(`/university/requests/${id}/submit`, {})).status).toBe(303);
  const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
  return { id, ticketNo: row!.ticketNo! };
}

/** An applicant with a session made directly (ThaiD sign-in is tested in thaid-login.test.ts). */
async function signInApplicant(pid: string) {
  const id = newId();
  await t.db.insert(users).values({
    id,
    role: "applicant",
    displayName: "ผู้สมัคร",
    pidHmac: await pidLookupHash(await pidKeys(TEST_DATA_KEY), pid),
    createdAt: t.clock.now(),
  });
  const s = await startSession(t.db, t.clock.now(), { userId: id, previousToken: null, ip: "127.0.0.1", userAgent: null, method: "thaid" });
  const b = new Browser(t);
  b.cookies.set("tidtam_s", s.token);
  return b;
}

const cacheControl = (r: { res: Response }) => r.res.headers.get("cache-control") ?? "";

describe("personal pages are not kept by the browser", () => {
  it("sends no-store with an applicant's request page, so Back after sign-out has nothing to show", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id, ticketNo } = await submitRequest(uni, citizen.pid);
    const applicant = await signInApplicant(citizen.pid);

    const mine = await applicant.get("/me");
    expect(mine.status).toBe(200);
    expect(cacheControl(mine)).toBe("no-store");
    const page = await applicant.get(`/requests/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(ticketNo);
    expect(cacheControl(page)).toBe("no-store");

    const out = await applicant.post("/logout", {});
    expect(out.status).toBe(303);
    expect(cacheControl(out)).toBe("no-store");
  });

  it("keeps a download's own private, no-store", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submitRequest(uni, citizen.pid);
    await uni.get(`/requests/${id}`);
    const pdf = new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")], "ผลงาน.pdf", { type: "application/pdf" });
    expect((await uni.upload(`/requests/${id}/documents`, { file: pdf })).status).toBe(303);
    const docId = /\/documents\/([\w-]+)"/.exec((await uni.get(`/requests/${id}`)).text)![1]!;
    const download = await uni.get(`/requests/${id}/documents/${docId}`);
    expect(download.status).toBe(200);
    expect(cacheControl(download)).toBe("private, no-store");
  });

  it("sends no-store with officer pages, their htmx fragments, and a signed-in user's 404", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const page = await officer.get("/officer");
    expect(page.status).toBe(200);
    expect(cacheControl(page)).toBe("no-store");

    const fragment = await officer.get("/officer", { "hx-request": "true", "hx-request-type": "partial" });
    expect(fragment.text).not.toContain("<html");
    expect(cacheControl(fragment)).toBe("no-store");

    for (const path of ["/no-such-page", "/requests/no-such-request"]) {
      const missing = await officer.get(path);
      expect(missing.status, path).toBe(404);
      expect(cacheControl(missing), path).toBe("no-store");
    }
  });

  it("sends no-store with a signed-in user's 422, which echoes what they typed", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    await uni.get("/university/requests/new");
    const invalid = await uni.post("/university/requests", { ...validRequestForm("1234567890123"), intent: "check" });
    expect(invalid.status).toBe(422);
    expect(cacheControl(invalid)).toBe("no-store");
  });

  it("sends no-store with the response that signs someone in", async () => {
    const b = new Browser(t);
    const signedIn = await b.login("officer", "Officer#2567");
    expect(signedIn.status).toBe(303);
    expect(cacheControl(signedIn)).toBe("no-store");
  });

  it("leaves anonymous public pages to the browser's normal caching", async () => {
    for (const path of ["/", "/login", "/contact"]) {
      const res = await new Browser(t).get(path);
      expect(res.status, path).toBe(200);
      expect(cacheControl(res), path).not.toContain("no-store");
    }
  });
});
