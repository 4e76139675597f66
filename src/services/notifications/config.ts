import type { Language } from '../../contract';

export interface EmailConfig {
  /** e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465 */
  smtpUrl: string;
  /** e.g. "Maple Court Package Room <packages@maplecourt.example>" */
  from: string;
}

export interface SmsConfig {
  accountSid: string;
  authToken: string;
  /** The Twilio phone number (E.164) or messaging sender the texts come from. */
  from: string;
  /** Replaces https://api.twilio.com (a proxy, or a fake in tests); null for Twilio itself. */
  apiUrl: string | null;
}

/** What sending needs, read afresh for every send so a settings change applies without a restart. A null channel is not set up. */
export interface NotificationConfig {
  siteName: string;
  /** The language of messages to recipients who have none of their own. */
  siteLanguage: Language;
  email: EmailConfig | null;
  sms: SmsConfig | null;
}
