import type * as Nodemailer from 'nodemailer';
import type { NodemailerError, Transporter } from 'nodemailer';
import type { EmailConfig } from './config';
import { DeliveryError } from './delivery';
import { message, type Message } from '../../contract';
import type { RenderedEmail } from './messages';

// Well under nodemailer's defaults (2 min to connect, 10 min idle): a stalled server costs one send this long, then a retry.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 20_000 };

// Loaded with the first email, not with the core (as the Twilio SDK is: see sms.ts).
let nodemailer: Promise<typeof Nodemailer> | null = null;
const loadNodemailer = () => (nodemailer ??= import('nodemailer'));

export interface EmailAddress {
  name: string;
  address: string;
}

/** Sends over SMTP with one transport per SMTP URL, replaced when an admin changes the URL. */
export class EmailSender {
  private current: { url: string; transport: Transporter } | null = null;
  private shutdown = new AbortController();

  /** Resolves with the Message-ID; rejects with a DeliveryError. */
  async send(config: EmailConfig, message: RenderedEmail, to: EmailAddress): Promise<string> {
    try {
      const transport = await this.transportFor(config.smtpUrl);
      const info = await transport.sendMail({ from: config.from, to, ...message, signal: this.shutdown.signal });
      return info.messageId;
    } catch (error) {
      throw classifyEmailError(error as NodemailerError);
    }
  }

  /** Abandons a send in progress (quitting should not wait out a stalled server) and closes the transport. */
  close(): void {
    this.shutdown.abort();
    this.shutdown = new AbortController();
    this.closeTransport();
  }

  private async transportFor(url: string): Promise<Transporter> {
    // Loaded before the check, so that two sends starting together share one transport.
    const { createTransport } = await loadNodemailer();
    if (this.current?.url !== url) {
      this.closeTransport();
      this.current = { url, transport: createTransport({ url, ...TIMEOUTS }) };
    }
    return this.current.transport;
  }

  private closeTransport(): void {
    this.current?.transport.close();
    this.current = null;
  }
}

export function classifyEmailError(error: NodemailerError): DeliveryError {
  const fail = (reason: Message, permanent: boolean) => new DeliveryError(reason, permanent, { cause: error });
  const reply = error.response ? ` (${error.response})` : '';
  if (error.permanent && error.command === 'RCPT TO') return fail(message('notification.refusedAddress'), true);
  switch (error.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return fail(message('notification.mailLogin'), true);
    case 'ECONFIG':
      return fail(message('notification.mailSettings'), true);
    case 'EENVELOPE':
      if (error.responseCode === undefined) return fail(message('notification.badEmail'), true);
      break;
    case 'ETIMEDOUT':
      return fail(message('notification.mailTimeout'), false);
    case 'EDNS':
      return fail(message('notification.mailNotFound'), false);
    case 'ESOCKET':
      return fail(message('notification.mailUnreachable'), false);
    case 'ECONNECTION':
      return fail(message('notification.mailClosed'), false);
    case 'EABORT':
      return fail(message('notification.shuttingDown'), false);
    case 'ETLS':
      return fail(message('notification.mailTls'), false);
  }
  if (error.permanent) return fail(message('notification.mailRefused', { reply }), true);
  if (error.responseCode !== undefined) return fail(message('notification.mailLater', { reply }), false);
  return fail(message('notification.mailFailed', { error: error.message }), false);
}
