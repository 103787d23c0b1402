import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFsFileStore } from "../../src/platform/node/files";
import { createHttpMailTransport } from "../../src/platform/workers/mail";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the filesystem file store (Node)", () => {
  it("stores bytes and streams under a random key, reads them back with their type, and deletes them", async () => {
    const store = createFsFileStore(mkdtempSync(join(tmpdir(), "tidtam-files-")));
    await store.put("key_0123456789", new TextEncoder().encode("%PDF-1.7 เอกสาร"), { contentType: "application/pdf" });
    const got = await store.get("key_0123456789");
    expect(got?.contentType).toBe("application/pdf");
    expect(got?.size).toBe(new TextEncoder().encode("%PDF-1.7 เอกสาร").length);
    expect(await readAll(got!.body)).toBe("%PDF-1.7 เอกสาร");

    const streamed = new Blob(["part one, ", "part two"]).stream();
    await store.put("key_streamed01", streamed, { contentType: "text/plain" });
    expect(await readAll((await store.get("key_streamed01"))!.body)).toBe("part one, part two");

    await store.delete("key_0123456789");
    expect(await store.get("key_0123456789")).toBeNull();
  });

  it("refuses keys that could climb out of its folder", async () => {
    const store = createFsFileStore(mkdtempSync(join(tmpdir(), "tidtam-files-")));
    await expect(store.get("../../etc/passwd")).rejects.toThrow("invalid file key");
    await expect(store.put("a/b", new Uint8Array(1), { contentType: "x" })).rejects.toThrow("invalid file key");
  });
});

describe("the HTTP mail API transport (Workers)", () => {
  it("posts the message as JSON with the bearer key and an idempotency key", async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(received.length === 1 ? 200 : 503).end("{}");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const transport = createHttpMailTransport(`http://127.0.0.1:${port}/emails`, "key-123");
    const mail = { from: "a@b.go.th", to: "c@d.go.th", subject: "ผลการตรวจสอบ", text: "อนุมัติแล้ว", messageId: "m1" };
    await transport.send(mail);
    expect(received[0]!.headers.authorization).toBe("Bearer key-123");
    expect(received[0]!.headers["idempotency-key"]).toBe("m1");
    expect(JSON.parse(received[0]!.body)).toEqual({ from: "a@b.go.th", to: ["c@d.go.th"], subject: "ผลการตรวจสอบ", text: "อนุมัติแล้ว" });
    // A refusal is an error, so the outbox retries instead of marking it sent.
    await expect(transport.send(mail)).rejects.toThrow("mail API answered 503");
    server.close();
  });
});
