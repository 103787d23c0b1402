import type { MailTransport } from "../ports";

/**
 * Mail through an HTTP API in the shape Resend and several relays accept:
 * `POST {from,to,subject,text,html}` with a bearer key. The only mail adapter
 * on Workers, which cannot open SMTP connections.
 */
export function createHttpMailTransport(apiUrl: string, apiKey: string): MailTransport {
  return {
    name: `HTTP API (${new URL(apiUrl).hostname})`,
    async send(mail) {
      const res = await fetch(apiUrl, {
        method: "POST",
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          "idempotency-key": mail.messageId,
        },
        body: JSON.stringify({
          from: mail.from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
        }),
      });
      if (!res.ok) throw new Error(`mail API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    },
  };
}
