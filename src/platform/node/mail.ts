import nodemailer from "nodemailer";
import type { MailTransport } from "../ports";

/** SMTP through nodemailer, e.g. `smtp://user:pass@mail.example:587` or `smtps://…:465`. */
export function createSmtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  // Timeouts well under the outbox lease (5 min), so a hung send cannot outlive its claim;
  // nodemailer reads them from the URL's query, where an operator may also set them.
  const url = new URL(smtpUrl);
  for (const [key, ms] of [["connectionTimeout", 30_000], ["greetingTimeout", 30_000], ["socketTimeout", 60_000]] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  }
  const transporter = nodemailer.createTransport(url.toString());
  const host = url.hostname;
  return {
    name: `SMTP (${host})`,
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: `<${mail.messageId}@tidtam>`,
      });
    },
    close() {
      transporter.close();
    },
  };
}
