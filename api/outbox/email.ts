/**
 * E-mail over SMTP with nodemailer. Without `SMTP_HOST` the channel still "sends" through nodemailer's
 * JSON transport and logs the message, so development and demo runs show what would have gone out.
 */
import nodemailer from 'nodemailer';
import type { OutboxChannel } from '../../engine/store/outbox-worker.ts';
import { PermanentDeliveryError } from '../../engine/store/outbox-worker.ts';
import type { Logger } from '../logger.ts';

/** SMTP settings (from the environment: `SMTP_HOST`, `SMTP_PORT`, `SMTP_SECURE`, `SMTP_USER`, `SMTP_PASSWORD`, `SMTP_FROM`). */
export interface SmtpSettings {
  host: string | undefined;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  /** Milliseconds to wait for the server (default 10 000). */
  timeoutMs?: number;
}

function transportOf(settings: SmtpSettings) {
  if (!settings.host) return nodemailer.createTransport({ jsonTransport: true });
  const timeout = settings.timeoutMs ?? 10_000;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

/**
 * The outbox channel of `email.customer` (and any e-mail topic): payload `{ to, subject, text }`.
 *
 * @example
 * channels['email.customer'] = emailChannel({ host: 'smtp.example.com', port: 587, secure: false, from: 'noreply@example.com' }, logger);
 */
export function emailChannel(settings: SmtpSettings, logger: Pick<Logger, 'info'>): OutboxChannel {
  const transport = transportOf(settings);
  return {
    async deliver({ payload, id }) {
      const { to, subject, text } = payload;
      if (
        typeof to !== 'string' ||
        !to.includes('@') ||
        typeof subject !== 'string' ||
        typeof text !== 'string'
      ) {
        throw new PermanentDeliveryError('E-mail needs `to`, `subject` and `text`');
      }
      const info = await transport.sendMail({
        from: settings.from,
        to,
        subject,
        text,
        headers: { 'X-Dealerflow-Delivery': String(id) },
      });
      if (!settings.host) logger.info({ to, subject, text }, 'e-mail (no SMTP_HOST: logged, not sent)');
      else logger.info({ to, messageId: info.messageId }, 'e-mail sent');
    },
  };
}
