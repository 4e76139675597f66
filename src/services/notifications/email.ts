import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import type { EmailConfig } from './config';
import { DeliveryError } from './delivery';
import type { RenderedEmail } from './messages';

// Well under nodemailer's defaults (2 min to connect, 10 min idle): a stalled server costs one send this long, then a retry.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 20_000 };

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
      const transport = this.transportFor(config.smtpUrl);
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

  private transportFor(url: string): Transporter {
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
  const fail = (reason: string, permanent: boolean) => new DeliveryError(reason, permanent, { cause: error });
  const reply = error.response ? ` (${error.response})` : '';
  if (error.permanent && error.command === 'RCPT TO') return fail('The mail server refused the address', true);
  switch (error.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return fail('The mail server did not accept the user name or password: an admin can check Email in Settings', true);
    case 'ECONFIG':
      return fail('The email settings are not valid: an admin can check Email in Settings', true);
    case 'EENVELOPE':
      if (error.responseCode === undefined) return fail('The email address is not valid', true);
      break;
    case 'ETIMEDOUT':
      return fail('The mail server did not answer in time', false);
    case 'EDNS':
      return fail('The mail server could not be found', false);
    case 'ESOCKET':
      return fail('Could not reach the mail server', false);
    case 'ECONNECTION':
      return fail('The mail server closed the connection', false);
    case 'EABORT':
      return fail('Sending stopped because Packroom was shutting down', false);
    case 'ETLS':
      return fail('The secure connection to the mail server failed', false);
  }
  if (error.permanent) return fail(`The mail server refused the message${reply}`, true);
  if (error.responseCode !== undefined) return fail(`The mail server asked to try again later${reply}`, false);
  return fail(`Sending the email failed: ${error.message}`, false);
}
