/**
 * An upload over its route's limit is refused before its body is read: a declared
 * Content-Length over the limit reads nothing, a chunked body is dropped once the
 * limit is passed, and the answer is the upload page with the Thai message beside
 * the file field (linked from the error summary), not a bare 413. Nothing is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eserviceFiles } from "../../src/db/schema";
import { multipartLimitFor, UPLOAD_ROUTES } from "../../src/middleware/uploads";
import { agencyServiceAt, createTestApp, createUser, TEST_ORIGIN, type Browser, type TestApp } from "./helpers";

let t: TestApp;
let agency: Browser;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
  ({ agency } = await agencyServiceAt(t, ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]));
  await agency.get("/eservices/svc-1/steps/1");
});
afterEach(() => t.close());

const MB = 1024 * 1024;
const BOUNDARY = "----tidtam-test-boundary";

/** A multipart body of `total` bytes in 64 KB chunks that counts what was read of it. */
function countedBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        const piece = read.bytes === 0 ? head : chunk;
        read.bytes += piece.length;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

function postIcon(body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return agency.request("/eservices/svc-1/icon", {
    method: "POST",
    body,
    headers: { origin: TEST_ORIGIN, "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    duplex: "half",
  } as Omit<RequestInit, "headers"> & { headers: Record<string, string> });
}

function expectIconPageWithError(res: { status: number; text: string }) {
  expect(res.status).toBe(413);
  // The step page, its error summary linking to the file field, the message beside the field.
  expect(res.text).toContain("<h1");
  expect(res.text).toContain("ไฟล์มีขนาดเกิน 5 MB");
  expect(res.text).toMatch(/class="error-summary[^"]*"/);
  expect(res.text).toMatch(/href="#f-icon"|href="#icon"/);
  expect(res.text).toContain('aria-invalid="true"');
}

describe("an upload over its route's limit", () => {
  it("is refused from its declared Content-Length without reading the body", async () => {
    const { stream, read } = countedBody(8 * MB);
    const res = await postIcon(stream, { "content-length": String(8 * MB) });
    expectIconPageWithError(res);
    expect(read.bytes).toBe(0);
    expect(await t.db.select().from(eserviceFiles)).toEqual([]);
  });

  it("is refused while a chunked body streams, once it passes the limit", async () => {
    const { stream, read } = countedBody(24 * MB);
    const res = await postIcon(stream, {});
    expectIconPageWithError(res);
    // Read up to the limit and one chunk more, not the 24 MB sent.
    expect(read.bytes).toBeLessThanOrEqual(multipartLimitFor("/eservices/svc-1/icon").bytes + 64 * 1024);
    expect(await t.db.select().from(eserviceFiles)).toEqual([]);
  });

  it("is a limit each upload route has, taken from its file rule", () => {
    for (const route of UPLOAD_ROUTES) {
      const path = route.example.replace(/:[a-z]+/g, "x");
      expect(multipartLimitFor(path), route.example).toEqual({ bytes: route.rule.maxBytes + 64 * 1024, uploadRoute: true });
    }
    expect(multipartLimitFor("/eservices/x/steps/1")).toEqual({ bytes: 25 * MB, uploadRoute: false });
  });

  it("under the limit is still checked for its CSRF token, and stored with it", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    expect((await agency.upload("/eservices/svc-1/icon", { file: new File([png], "i.png") }, { csrf: null })).status).toBe(403);
    expect(await t.db.select().from(eserviceFiles)).toEqual([]);
    expect((await agency.upload("/eservices/svc-1/icon", { file: new File([png], "i.png") })).status).toBe(303);
    expect(await t.db.select().from(eserviceFiles)).toHaveLength(1);
  });
});
