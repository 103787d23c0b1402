import nodemailer from "nodemailer";
import type { MailTransport } from "../ports";

/** SMTP through nodemailer, e.g. `smtp://user:pass@mail.example:587` or `smtps://…:465`. */
export function createSmtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl);
  const host = new URL(smtpUrl).hostname;
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
