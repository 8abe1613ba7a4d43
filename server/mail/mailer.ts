import nodemailer, { type Transporter } from "nodemailer";
import type { Locale } from "@/lib/contracts/locales";
import type { MessageParams } from "@/lib/contracts/message";
import { translateError } from "@/server/lib/i18n";
import { logger } from "@/server/lib/logger";

/** A mail written as message keys, rendered in the recipient's language when sent. */
export type Mail = {
  to: string;
  locale: Locale;
  subjectKey: string;
  bodyKey: string;
  params?: MessageParams;
};

/**
 * SMTP_URL (e.g. `smtps://user:pass@smtp.example.com:465`, or `smtp://127.0.0.1:2525` for the
 * local receiver `npm run mail:dev`) and MAIL_FROM configure delivery. Without SMTP_URL nothing is
 * sent: the mail is logged without its body, because bodies carry sign-in secrets.
 */
export type MailSettings = { smtpUrl: string | null; from: string };

export function mailSettings(env: Record<string, string | undefined> = process.env): MailSettings {
  return { smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || "Koubei <no-reply@koubei.local>" };
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Sends one mail; resolves to false when delivery is not configured. Errors reach the caller. */
export async function sendMail(mail: Mail, settings: MailSettings = mailSettings()): Promise<boolean> {
  const subject = translateError(mail.locale, mail.subjectKey, mail.params);
  if (!settings.smtpUrl) {
    logger.warn({ to: mail.to, subject }, "mail not sent: SMTP_URL is not set");
    return false;
  }
  await transportFor(settings.smtpUrl).sendMail({
    from: settings.from,
    to: mail.to,
    subject,
    text: translateError(mail.locale, mail.bodyKey, mail.params),
  });
  return true;
}

/**
 * For mails whose sending must not show in the reply's timing (whether an account exists): sent
 * after the reply, failures logged. Returns the delivery so tests and callers may await it.
 */
export function sendMailInBackground(mail: Mail, settings?: MailSettings): Promise<void> {
  return sendMail(mail, settings).then(
    () => undefined,
    (error: unknown) => logger.error({ err: error, subject: mail.subjectKey }, "mail delivery failed"),
  );
}

/** Sends a mail whose text is already rendered (alerts and digests render their own channel-neutral message); false when delivery is not configured. */
export async function sendTextMail(mail: { to: string; subject: string; text: string }, settings: MailSettings = mailSettings()): Promise<boolean> {
  if (!settings.smtpUrl) {
    logger.warn({ to: mail.to, subject: mail.subject }, "mail not sent: SMTP_URL is not set");
    return false;
  }
  await transportFor(settings.smtpUrl).sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
  return true;
}
