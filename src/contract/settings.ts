import { z } from 'zod';
import { empty, language, optionalSetting, text, tooLong, type Field } from './common';
import { method, type MethodDef } from './define';
import type { Language } from './languages';
import { says } from './messages';
import type { ImportManualPolicy, RosterPreset } from './roster';

/** When a desk handover asks for the collector's signature. */
export const signatureAtDeskChoices = ['off', 'flagged', 'always'] as const;
export type SignatureAtDesk = (typeof signatureAtDeskChoices)[number];

/** The site's settings (Settings tab). */
const minutes = (field: Field, min: number, max: number) =>
  z
    .number({ error: says('validation.number', { field }) })
    .int(says('validation.wholeNumber', { field }))
    // The range both ways: a person who typed 0 learns the top of it too.
    .min(min, says('validation.between', { field, min, max }))
    .max(max, says('validation.between', { field, min, max }));

const optionalUrl = (field: Field, protocols: RegExp) =>
  z
    .string()
    .trim()
    .max(500, tooLong(field, 500))
    .refine((v) => v === '' || (URL.canParse(v) && protocols.test(new URL(v).protocol)), says('validation.address', { field }))
    .transform((v) => (v === '' ? null : v))
    .nullable();

const timeOfDayText = z
  .string({ error: says('validation.timeOfDay') })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, says('validation.timeOfDay'));

export const settingsUpdateInput = z
  .object({
    siteName: text('siteName', 80),
    /** The staff screens' language for anyone who has not chosen their own, and recipients' default. */
    siteLanguage: language,
    idleLockMinutes: minutes('idleLockMinutes', 1, 240),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, says('validation.country')),
    doorPulseSeconds: minutes('doorPulseSeconds', 1, 30),
    lookupPinEnabled: z.boolean(),
    singleAccessPinRequest: z.boolean(),
    /** smtp(s)://user:password@host:port; a password of ******** keeps the stored one. */
    smtpUrl: optionalUrl('smtpUrl', /^smtps?:$/),
    mailFrom: optionalSetting('mailFrom'),
    twilioAccountSid: optionalSetting('twilioAccountSid', 64),
    /** Write-only: an empty string keeps the stored token; null removes it. */
    twilioAuthToken: z.string().trim().max(128, tooLong('twilioAuthToken', 128)).nullable(),
    twilioFrom: optionalSetting('twilioFrom', 32),
    twilioApiUrl: optionalUrl('twilioApiUrl', /^https?:$/),
    importWelcomeNotifications: z.boolean(),
    /** A share (0.2 = 20%); the UI and PACKROOM_IMPORT_MAX_DEACTIVATE_PERCENT speak in percent. */
    importMaxDeactivateShare: z
      .number({ error: says('validation.deactivationLimitNumber') })
      .min(0, says('validation.deactivationLimitRange'))
      .max(1, says('validation.deactivationLimitRange')),
    importManualPolicy: z.enum(['import-wins', 'keep-manual'], { error: says('validation.manualPolicy') }),
    importFolder: optionalSetting('importFolder', 500),
    importTime: timeOfDayText,
    importScheduleEnabled: z.boolean(),
    importPreset: z.enum(['yardi', 'onesite', 'entrata', 'salesforce', 'appfolio', 'buildium', 'rentmanager', 'resman', 'mri', 'generic'], {
      error: says('validation.importPreset'),
    }),
    packageNoticeBatchMinutes: minutes('packageNoticeBatchMinutes', 0, 120),
    packageNoticeIncludePin: z.boolean(),
    /** Days after logging, e.g. "2, 5"; empty turns reminders off. Checked by the packages rules. */
    packageReminderDays: z
      .string()
      .trim()
      .max(40, says('validation.reminderDaysTooMany'))
      .regex(/^[\d\s,;]*$/, says('validation.reminderDaysFormat'))
      .refine((v) => {
        const days = v
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number);
        return days.length <= 5 && days.every((d) => d >= 1 && d <= 60);
      }, says('validation.reminderDaysRange')),
    packageEscalationDays: minutes('packageEscalationDays', 1, 90),
    attachmentRetentionDays: minutes('attachmentRetentionDays', 1, 3650),
    signatureAtDesk: z.enum(signatureAtDeskChoices, { error: says('validation.signatureAtDesk') }),

    backupFolder: optionalSetting('backupFolder', 500),
    backupTime: timeOfDayText,
    backupKeep: z
      .number({ error: says('validation.backupKeepNumber') })
      .int(says('validation.backupKeepWhole'))
      .min(1, says('validation.backupKeepAtLeast', { count: 1 }))
      .max(365, says('validation.backupKeepAtMost', { count: 365 })),
  })
  .partial();

export interface Settings {
  siteName: string;
  siteLanguage: Language;
  idleLockMinutes: number;
  defaultCountry: string;
  doorPulseSeconds: number;
  lookupPinEnabled: boolean;
  /** "Single Access PIN Request": recipients may ask for a PIN at the keypad with * phone #. */
  singleAccessPinRequest: boolean;
  /** With the password shown as ********. */
  smtpUrl: string | null;
  mailFrom: string | null;
  twilioAccountSid: string | null;
  /** The token itself is never sent back; only whether one is stored. */
  twilioAuthTokenSet: boolean;
  twilioFrom: string | null;
  twilioApiUrl: string | null;
  /** Send PIN and QR code to residents an import adds or brings back. */
  importWelcomeNotifications: boolean;
  /** Share of active imported recipients (0.2 = 20%) an import may deactivate without an admin's confirmation. */
  importMaxDeactivateShare: number;
  importManualPolicy: ImportManualPolicy;
  /** The folder the daily import reads the newest CSV or Excel file from. */
  importFolder: string | null;
  /** HH:MM on a 24-hour clock, this computer's local time. */
  importTime: string;
  importScheduleEnabled: boolean;
  importPreset: RosterPreset;
  /** Packages logged for one recipient within this many minutes go out as one notice (0: each at once). */
  packageNoticeBatchMinutes: number;
  /** "Include PIN and QR code in package notices". */
  packageNoticeIncludePin: boolean;
  /** "Remind recipients after (days)", e.g. "2, 5"; empty for no reminders. */
  packageReminderDays: string;
  /** Staff get an alert for a package waiting this many days. */
  packageEscalationDays: number;
  /** "Keep photos and signatures for (days after pickup)": then retention deletes them (docs/architecture.md, "Attachments"). */
  attachmentRetentionDays: number;
  /** "Signature at the desk": off, for packages marked Signature required, or always. */
  signatureAtDesk: SignatureAtDesk;

  /** Where the nightly backup is written (a USB stick or network share); null: no scheduled backup. */
  backupFolder: string | null;
  /** HH:MM on a 24-hour clock, this computer's local time. */
  backupTime: string;
  /** How many backup files to keep in the folder; older ones are deleted. */
  backupKeep: number;
  /** Settings fixed by PACKROOM_* environment variables; the UI shows them read-only. */
  lockedByEnvironment: string[];
}

export const settingsMethods = {
  'settings.get': method<Settings>()({ input: empty, access: 'staff' }),
  'settings.update': method<Settings>()({ input: settingsUpdateInput, access: 'admin' }),
} satisfies Record<string, MethodDef>;
