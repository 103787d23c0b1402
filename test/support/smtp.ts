/**
 * A real SMTP server on loopback for tests, and just enough MIME parsing to read
 * back what nodemailer sent.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { createSmtpTransport } from "../../src/platform/node/mail";

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it accepts; `reject` answers RCPT with 451. */
export async function startSmtp() {
  const received: Received[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.reject) return callback();
      callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
  const close = async () => {
    transport.close();
    await new Promise<void>((resolve) => server.close(resolve));
  };
  return { port, received, state, transport, close };
}

/** Quoted-printable (and RFC 2047 "Q") to UTF-8 text. */
const fromQp = (s: string) => decodeURIComponent(s.replace(/=\r?\n/g, "").replace(/%/g, "%25").replace(/=([0-9A-F]{2})/gi, "%$1"));

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`) to text; whitespace between adjacent words is dropped. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : fromQp(data.replace(/_/g, " ")),
    );

/** Just enough MIME for what nodemailer sends: headers (unfolded, decoded) and the text/plain body. */
export function parseMessage(raw: string): { header: (name: string) => string | undefined; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const header = (name: string) => headers.get(name.toLowerCase());
  const boundary = /boundary="?([^";]+)"?/i.exec(header("content-type") ?? "")?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1).map((p) => parseMessage(p.replace(/^\r\n/, "")));
    return { header, text: parts.find((p) => p.header("content-type")?.startsWith("text/plain"))?.text ?? "" };
  }
  const cte = header("content-transfer-encoding")?.toLowerCase();
  const text = cte === "base64" ? Buffer.from(body, "base64").toString("utf8") : cte === "quoted-printable" ? fromQp(body) : body;
  return { header, text };
}

