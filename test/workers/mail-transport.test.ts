/** The Worker's only mail adapter, against a loopback HTTP mail API that records what it gets. */
import { describe, expect, it } from "vitest";
import { createHttpMailTransport } from "../../src/platform/workers/mail";
import { testEnv } from "./http";

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function recorded(prefix: string): Promise<Recorded[]> {
  return (await (await fetch(`${testEnv.TEST_MAIL_API_URL}/__requests?prefix=${prefix}`)).json()) as Recorded[];
}

describe("the HTTP mail transport in workerd", () => {
  it("posts the mail as JSON with the bearer key and the outbox id as idempotency key", async () => {
    const transport = createHttpMailTransport(`${testEnv.TEST_MAIL_API_URL}/transport/emails`, "re_test_key");
    await transport.send({
      from: "tidtam <no-reply@tidtam.test>",
      to: "somchai@agency.go.th",
      subject: "บัญชีผู้ใช้ใหม่",
      text: "ชื่อผู้ใช้ชั่วคราว: abc",
      html: null,
      messageId: "outbox-row-1",
    });
    const [req, ...more] = await recorded("/transport/");
    expect(more).toEqual([]);
    expect(req!.method).toBe("POST");
    expect(req!.path).toBe("/transport/emails");
    expect(req!.headers.authorization).toBe("Bearer re_test_key");
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["idempotency-key"]).toBe("outbox-row-1");
    expect(JSON.parse(req!.body)).toEqual({
      from: "tidtam <no-reply@tidtam.test>",
      to: ["somchai@agency.go.th"],
      subject: "บัญชีผู้ใช้ใหม่",
      text: "ชื่อผู้ใช้ชั่วคราว: abc",
    });
  });

  it("fails the send when the API refuses, so the outbox retries it", async () => {
    const transport = createHttpMailTransport(`${testEnv.TEST_MAIL_API_URL}/fail-503/emails`, "re_test_key");
    await expect(
      transport.send({ from: "a@tidtam.test", to: "b@agency.go.th", subject: "s", text: "t", messageId: "outbox-row-2" }),
    ).rejects.toThrow(/mail API answered 503/);
    expect(await recorded("/fail-503/")).toHaveLength(1);
  });
});
