/**
 * Autosave of the university's request form: what is valid so far is stored as the
 * university types, a field not valid yet keeps its stored value, an empty form never
 * becomes a draft, and the new form's autosaves and its save button fill one draft.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { academicRequests, universities } from "../../src/db/schema";
import { formPageOf } from "../../src/services/parked-forms";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
let uni: Browser;
const htmx = { headers: { "hx-request": "true" } };
const A = DEMO_CITIZENS[0]!;

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  uni = new Browser(t);
  await uni.login("uni.x", "Univ#2567");
});
afterEach(() => t.close());

const onceOf = (html: string) => /name="_once" value="([^"]+)"/.exec(html)![1]!;
const drafts = () => t.db.select().from(academicRequests).where(eq(academicRequests.universityId, "uni-x"));

describe("autosave of the university's request form", () => {
  it("is wired on the new form and on a draft's edit form", async () => {
    const page = await uni.get("/university/requests/new");
    expect(page.text).toContain('hx-post="/university/requests/new/draft"');
    expect(page.text).toContain('id="autosave-status"');
  });

  it("creates the draft on the first autosave, then the same form's autosaves and save button fill that one draft", async () => {
    const once = onceOf((await uni.get("/university/requests/new")).text);
    const first = await uni.post("/university/requests/new/draft", { _once: once, fieldTh: "ฟิสิกส์" }, htmx);
    expect(first.status).toBe(200);
    // The test clock stands at 03:00 UTC: 10:00 in Bangkok.
    expect(first.text).toContain("บันทึกร่างแล้ว เวลา 10:00");
    expect(first.text).not.toContain("<html");
    const [draft] = await drafts();
    expect(draft).toMatchObject({ status: "draft", fieldTh: "ฟิสิกส์" });
    expect(first.res.headers.get("hx-replace-url")).toBe(`/university/requests/${draft!.id}/edit`);

    await uni.post("/university/requests/new/draft", { _once: once, fieldTh: "ฟิสิกส์", fieldEn: "Physics" }, htmx);
    // Without waiting for the next autosave, the save button posts the same form.
    const saved = await uni.post("/university/requests", { _once: once, fieldTh: "ฟิสิกส์", fieldEn: "Physics", letterNo: "อว 1/2569", intent: "draft" });
    expect(saved.location).toBe(`/university/requests/${draft!.id}/edit?saved=1`);
    const rows = await drafts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fieldTh: "ฟิสิกส์", fieldEn: "Physics", letterNo: "อว 1/2569" });
    expect((await uni.get(`/university/requests/${draft!.id}/edit`)).text).toContain('hx-post="/university/requests/' + draft!.id + '/draft"');
  });

  it("keeps a field's stored value while the one being typed is not valid yet, and says which", async () => {
    const once = onceOf((await uni.get("/university/requests/new")).text);
    await uni.post("/university/requests/new/draft", { _once: once, fieldTh: "เคมี", coordinatorEmail: "jane@chula.ac.th", applicantPid: A.pid }, htmx);
    const [draft] = await drafts();
    const res = await uni.post(`/university/requests/${draft!.id}/draft`, { fieldTh: "เคมีวิเคราะห์", coordinatorEmail: "jane@", applicantPid: "1-1017" }, htmx);
    expect(res.status).toBe(200);
    expect(res.text).toContain("บันทึกร่างแล้ว เวลา 10:00 ยกเว้นช่องที่ยังไม่ถูกต้อง: เลขประจำตัวประชาชนของเจ้าของผลงาน, อีเมลผู้ประสานงาน");
    // Not all typed input is stored: the page keeps warning before leaving.
    expect(res.text).not.toContain("data-draft-saved");
    const [after] = await drafts();
    expect(after).toMatchObject({ fieldTh: "เคมีวิเคราะห์", coordinatorEmail: "jane@chula.ac.th", applicantPidHmac: draft!.applicantPidHmac });
    expect(after!.applicantPidHmac).not.toBe("");
  });

  it("creates nothing from a form with nothing valid in it, as the save button refuses an empty draft", async () => {
    const once = onceOf((await uni.get("/university/requests/new")).text);
    const blank = await uni.post("/university/requests/new/draft", { _once: once, fieldTh: "  " }, htmx);
    expect(blank.status).toBe(422);
    expect(blank.text).toContain("บันทึกร่างไม่ได้: กรุณากรอกข้อมูลอย่างน้อยหนึ่งช่อง");
    const half = await uni.post("/university/requests/new/draft", { _once: once, coordinatorEmail: "jane@" }, htmx);
    expect(half.status).toBe(422);
    expect(half.text).toContain("ช่องที่ยังไม่ถูกต้อง: อีเมลผู้ประสานงาน");
    expect(await drafts()).toEqual([]);
  });

  it("is not found for another university's draft, and writes nothing to it", async () => {
    await t.db.insert(universities).values({ id: "uni-y", code: "00200", nameTh: "มหาวิทยาลัยมหิดล", nameEn: "Mahidol University" });
    await createUser(t, { role: "university", username: "uni.y", password: "Univ#2567", orgId: "uni-y" });
    const once = onceOf((await uni.get("/university/requests/new")).text);
    await uni.post("/university/requests/new/draft", { _once: once, fieldTh: "ชีววิทยา" }, htmx);
    const [draft] = await drafts();
    const other = new Browser(t);
    await other.login("uni.y", "Univ#2567");
    await other.get("/university");
    expect((await other.post(`/university/requests/${draft!.id}/draft`, { fieldTh: "แก้โดยคนอื่น" }, htmx)).status).toBe(404);
    expect((await drafts())[0]!.fieldTh).toBe("ชีววิทยา");
  });

  it("parks an autosave posted after the session expired for the form's own page", () => {
    expect(formPageOf("/university/requests/new/draft")).toBe("/university/requests/new");
    expect(formPageOf("/university/requests/abc/draft")).toBe("/university/requests/abc/edit");
    expect(formPageOf("/university/requests/abc")).toBe("/university/requests/abc/edit");
    expect(formPageOf("/university/requests")).toBe("/university/requests/new");
    expect(formPageOf("/eservices/x/steps/1/draft")).toBe("/eservices/x/steps/1");
  });
});
