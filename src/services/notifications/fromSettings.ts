import type { Language } from '../../contract';
import type { NotificationConfig } from './config';

/** The settings (SettingsService.values(): stored, or pinned by PACKROOM_* variables) that sending is built from. */
export interface NotificationSettings {
  siteName: string;
  siteLanguage: Language;
  smtpUrl: string | null;
  mailFrom: string | null;
  twilioAccountSid: string | null;
  twilioAuthToken: string | null;
  twilioFrom: string | null;
  twilioApiUrl: string | null;
}

/** A channel counts as set up only when everything a send needs is there. */
export function notificationConfig(s: NotificationSettings): NotificationConfig {
  return {
    siteName: s.siteName,
    siteLanguage: s.siteLanguage,
    email: s.smtpUrl && s.mailFrom ? { smtpUrl: s.smtpUrl, from: s.mailFrom } : null,
    sms:
      s.twilioAccountSid && s.twilioAuthToken && s.twilioFrom
        ? { accountSid: s.twilioAccountSid, authToken: s.twilioAuthToken, from: s.twilioFrom, apiUrl: s.twilioApiUrl || null }
        : null,
  };
}
