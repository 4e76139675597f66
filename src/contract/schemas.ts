import { z } from 'zod';
import { carrierIds, weekdayIds } from './carriers';
import { languageIds } from './languages';

/** Messages here reach front-desk staff: say what is wrong and what to do. */
const text = (label: string, max = 100) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `Enter ${label.toLowerCase()}.`)
    .max(max, `${label} is too long (at most ${max} characters).`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const empty = z.object({}).strict().default({});

export const language = z.enum(languageIds, { error: 'Choose a language from the list.' });

export const username = z
  .string({ error: 'User name is required.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'User name: 3 to 32 letters, digits, dots, dashes or underscores.');

export const password = z
  .string({ error: 'Password is required.' })
  .min(10, 'Password must be at least 10 characters.')
  .max(200, 'Password is too long (at most 200 characters).');

export const role = z.enum(['admin', 'staff'], { error: 'Role must be admin or staff.' });

export const setupInput = z.object({
  username,
  displayName: text('Display name', 80),
  password,
});

export const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Enter your user name.').max(64),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const unlockInput = z.object({ password: z.string().min(1, 'Enter your password.').max(200) });

export const staffCreateInput = z.object({
  username,
  displayName: text('Display name', 80),
  role,
  password,
});

export const id = z.number({ error: 'An id number is required.' }).int().positive();
export const idInput = z.object({ id });

export const staffSetActiveInput = z.object({ id, active: z.boolean() });

/** null follows the site language. */
export const accountSetLanguageInput = z.object({ language: language.nullable() });

export const recipientStatus = z.enum(['active', 'inactive']);

const email = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  // Unicode addresses too (SMTPUTF8, as nodemailer sends them): the roster import accepts them as well.
  .pipe(
    z.union([
      z.literal(''),
      z.email({ pattern: z.regexes.unicodeEmail, error: 'Enter a valid email address, like name@example.com.' }).max(254),
    ]),
  )
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** The phone number as typed; the service turns it into E.164 using the site's country. */
const phone = optionalText('Phone', 40);

const recipientFields = {
  firstName: text('First name', 80),
  lastName: text('Last name', 80),
  unit: text('Unit', 20),
  email,
  phone,
  /** null (or left out) follows the site language. */
  language: language.nullable().optional(),
  /** Where package notices go; null (or left out): every channel on file. */
  packageNotices: z.enum(['email', 'sms', 'both'], { error: 'Choose Email, SMS (text) or Both.' }).nullable().optional(),
};

export const recipientCreateInput = z.object(recipientFields);

export const recipientUpdateInput = z.object({ id, ...recipientFields });

export const recipientSetStatusInput = z.object({ id, status: recipientStatus });

export const recipientSearchInput = z.object({
  query: z.string().trim().max(100, 'Search is too long.').default(''),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

const minutes = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} can be at most ${max}.`);

const optionalUrl = (label: string, protocols: RegExp) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || (URL.canParse(v) && protocols.test(new URL(v).protocol)), `${label} is not a valid address.`)
    .transform((v) => (v === '' ? null : v))
    .nullable();

const optionalSetting = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long.`)
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const settingsUpdateInput = z
  .object({
    siteName: text('Site name', 80),
    /** The staff screens' language for anyone who has not chosen their own, and recipients' default. */
    siteLanguage: language,
    idleLockMinutes: minutes('Idle lock minutes', 1, 240),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Country must be a two-letter code such as US or CA.'),
    doorPulseSeconds: minutes('Door open time (seconds)', 1, 30),
    lookupPinEnabled: z.boolean(),
    singleAccessPinRequest: z.boolean(),
    /** smtp(s)://user:password@host:port; a password of ******** keeps the stored one. */
    smtpUrl: optionalUrl('SMTP server', /^smtps?:$/),
    mailFrom: optionalSetting('From address'),
    twilioAccountSid: optionalSetting('Twilio Account SID', 64),
    /** Write-only: an empty string keeps the stored token; null removes it. */
    twilioAuthToken: z.string().trim().max(128).nullable(),
    twilioFrom: optionalSetting('Twilio From number', 32),
    twilioApiUrl: optionalUrl('Twilio API address', /^https?:$/),
    importWelcomeNotifications: z.boolean(),
    /** A share (0.2 = 20%); the UI and PACKROOM_IMPORT_MAX_DEACTIVATE_PERCENT speak in percent. */
    importMaxDeactivateShare: z
      .number({ error: 'The deactivation limit must be a number.' })
      .min(0, 'The deactivation limit must be between 0% and 100%.')
      .max(1, 'The deactivation limit must be between 0% and 100%.'),
    importManualPolicy: z.enum(['import-wins', 'keep-manual'], { error: 'Choose whether the import or the manual edit wins.' }),
    importFolder: optionalSetting('Import folder', 500),
    importTime: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time of day as HH:MM on a 24-hour clock, e.g. 02:30.'),
    importScheduleEnabled: z.boolean(),
    importPreset: z.enum(['yardi', 'onesite', 'entrata', 'salesforce', 'appfolio', 'buildium', 'rentmanager', 'resman', 'mri', 'generic'], {
      error: 'Choose the system the file comes from.',
    }),
    packageNoticeBatchMinutes: minutes('Package notice batching (minutes)', 0, 120),
    packageNoticeIncludePin: z.boolean(),
    /** Days after logging, e.g. "2, 5"; empty turns reminders off. Checked by the packages rules. */
    packageReminderDays: z
      .string()
      .trim()
      .max(40, 'Write at most five reminder days, like 2, 5.')
      .regex(/^[\d\s,;]*$/, 'Write the reminder days as whole numbers separated by commas, like 2, 5.')
      .refine((v) => {
        const days = v
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number);
        return days.length <= 5 && days.every((d) => d >= 1 && d <= 60);
      }, 'Reminder days are 1 to 60 days after logging, at most five of them, like 2, 5.'),
    packageEscalationDays: minutes('Alert staff after (days)', 1, 90),

    backupFolder: optionalSetting('Backup folder', 500),
    backupTime: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time of day as HH:MM on a 24-hour clock, e.g. 02:30.'),
    backupKeep: z
      .number({ error: 'How many backups to keep must be a number.' })
      .int('How many backups to keep must be a whole number.')
      .min(1, 'Keep at least 1 backup.')
      .max(365, 'Keep at most 365 backups.'),
  })
  .partial();

export const recipientIdInput = z.object({ recipientId: id });

export const notifyVia = z.enum(['email', 'sms', 'both'], { error: 'Choose Email, SMS (text) or Both.' });

export const sendSingleAccessPinInput = z.object({
  recipientId: z.number({ error: 'Select a recipient.' }).int().positive('Select a recipient.'),
  notifyVia,
  expiresAt: z.iso.datetime({ offset: true, error: 'Choose the date and time the access expires.' }),
});

export const lookupPinInput = z.object({
  recipientId: id,
  identityVerified: z.literal(true, { error: 'Confirm that you verified the recipient is who they say they are.' }),
});

export const openDoorInput = z.object({
  reason: text('Reason', 200),
  recipientId: id.optional(),
});

export const resetLockoutInput = z.object({ reason: text('Reason', 200) });

export const activityListInput = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  beforeId: id.optional(),
  /** Only the history of one recipient. */
  recipientId: id.optional(),
});

export const deviceRole = z.enum(['keypad', 'reader', 'relay'], { error: 'Role must be keypad, reader or relay.' });

export const deviceAssignInput = z.object({
  role: deviceRole,
  selector: z.string().trim().min(1, 'Choose a device.').max(300),
  channel: z.number().int().min(1, 'Relay channels start at 1.').max(8, 'Relay boards have at most 8 channels.').optional(),
});

export const deviceUnassignInput = z.object({ role: deviceRole });

export const deviceIdentifyInput = z.object({ seconds: z.number().int().min(3).max(60).default(15) });

// ---- Roster import ----

export const rosterPreset = settingsUpdateInput.shape.importPreset.unwrap();
const timeOfDay = settingsUpdateInput.shape.importTime.unwrap();

export const rosterColumnIds = [
  'externalId',
  'fullName',
  'firstName',
  'lastName',
  'unit',
  'email',
  'phone',
  'status',
  'moveIn',
  'moveOut',
  'language',
] as const;

/**
 * Files travel in base64 chunks that each fit one ordinary API call (the HTTP host caps a body at
 * 1 MB), so a 60 MB export never has to be held, parsed and decoded as one giant JSON message.
 */
export const rosterUploadLimits = { maxBytes: 60 * 1024 * 1024, chunkBytes: 512 * 1024 } as const;
const maxChunkChars = Math.ceil(rosterUploadLimits.chunkBytes / 3) * 4;

const uploadId = z.string({ error: 'Choose the file again.' }).min(1).max(64);

export const rosterUploadInput = z.object({
  /** Absent on the first chunk, which starts a new upload. */
  uploadId: uploadId.optional(),
  fileName: text('File name', 255),
  size: z
    .number()
    .int()
    .min(1, 'This file is empty.')
    .max(rosterUploadLimits.maxBytes, 'This file is larger than 60 MB. Export only current residents, or split the file.'),
  offset: z.number().int().min(0),
  data: z
    .string()
    .max(maxChunkChars, 'A piece of the file was too large. Reload the page and try again.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive intact. Choose it again.'),
});

/** Column → index into the file's headers; null or absent leaves the column unmapped. */
export const rosterMapping = z.partialRecord(z.enum(rosterColumnIds), z.number().int().min(0).max(10_000).nullable());

export const rosterStatusChoice = z.enum(['current', 'notice', 'future', 'moved-out', 'ignore'], {
  error: 'Choose what the status means: current, notice, future, moved out or ignore the row.',
});

export const rosterDryRunInput = z.object({
  uploadId,
  preset: rosterPreset,
  mapping: rosterMapping.optional(),
  /** Status word as the file writes it → what it means; remembered for the preset once applied. */
  statusValues: z.record(z.string().min(1).max(200), rosterStatusChoice).optional(),
  /** Hand-added recipients the admin says are not the file row they were matched to. */
  unlink: z.array(z.number().int().positive()).max(10_000).optional(),
});

export const rosterApplyInput = z.object({
  dryRunId: z.string({ error: 'Run the preview again.' }).min(1).max(64),
  confirmLargeDeactivation: z.boolean().default(false),
});

export const rosterCancelInput = z.object({ id: z.string().min(1).max(64) });

export const rosterConfigureInput = z.object({
  enabled: z.boolean(),
  folder: optionalSetting('Import folder', 500),
  timeOfDay,
  preset: rosterPreset,
});

export const startAtLoginInput = z.object({ enabled: z.boolean() }).strict();

// ---- Carrier access ----

const clockTime = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}: enter a time as HH:MM on a 24-hour clock, e.g. 08:00.`);

export const carrierCodeAddInput = z
  .object({
    carrier: z.enum(carrierIds, { error: 'Choose the carrier: UPS, FedEx, USPS, Amazon, DHL or Other.' }),
    /** Required for 'other'; ignored for the named carriers. */
    name: optionalText('Carrier name', 40),
    days: z
      .array(z.enum(weekdayIds, { error: 'Days are mon, tue, wed, thu, fri, sat and sun.' }))
      .min(1, 'Choose at least one day.')
      .max(7),
    from: clockTime('From'),
    until: clockTime('Until'),
    /** The last day the code works (local date); null or absent: no end date. */
    untilDate: z.iso.date({ error: 'Enter the end date as YYYY-MM-DD.' }).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.carrier === 'other' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the carrier’s name.' });
    if (v.from === v.until) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'Until must differ from From (a window may cross midnight).' });
    }
  });

export const carrierCodeLookupInput = z.object({
  id,
  identityVerified: z.literal(true, { error: 'Confirm that you verified who is asking for the carrier code.' }),
});

// ---- Packages ----

export const packageStatus = z.enum(['waiting', 'picked_up', 'returned', 'missing']);
export const packageSize = z.enum(['small', 'large', 'oversized'], { error: 'Choose Small, Large or Oversized.' });
const carrierId = z.enum(carrierIds, { error: 'Choose the carrier.' });

/** As scanned or typed; the core strips what scanners add and checks what is left. */
const trackingText = z.string({ error: 'Scan or type the tracking number.' }).max(200, 'That is too long for a tracking number.');

export const packageDetectInput = z.object({ tracking: trackingText });

const packageFields = {
  shelf: optionalText('Shelf', 16),
  size: packageSize.default('small'),
  perishable: z.boolean().default(false),
  note: optionalText('Note', 500),
};

export const packageLogInput = z.object({
  tracking: trackingText,
  carrier: carrierId,
  /** The carrier's name when carrier is 'other'. */
  carrierName: optionalText('Carrier name', 40),
  recipientId: z.number({ error: 'Choose the recipient.' }).int().positive('Choose the recipient.'),
  ...packageFields,
});

export const packageListInput = z.object({
  status: z.enum(['waiting', 'picked_up', 'returned', 'all']).default('waiting'),
  query: z.string().trim().max(100, 'Search is too long.').default(''),
  /** Oldest first shows what has waited longest. */
  sort: z.enum(['newest', 'oldest']).default('newest'),
  recipientId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});

export const packageHandOverInput = z.object({
  id,
  /** Someone other than the recipient collected it; null when the recipient did. */
  collectedBy: optionalText('Name of the person collecting', 80),
});

export const packageReturnInput = z.object({ id, reason: text('Reason', 200) });

export const packageUpdateInput = z.object({
  id,
  recipientId: z.number({ error: 'Choose the recipient.' }).int().positive('Choose the recipient.'),
  shelf: packageFields.shelf,
  size: packageSize,
  note: packageFields.note,
});

export const packageIdsInput = z.object({
  ids: z.array(id).min(1, 'Choose at least one package.').max(1000, 'At most 1,000 packages at once.'),
});

const day = z.iso.date({ error: 'Enter dates as YYYY-MM-DD.' });
export const packageExportInput = z.object({ from: day, to: day });

export const shelfCheckIdInput = z.object({ checkId: id });
export const shelfCheckScanInput = z.object({ checkId: id, tracking: trackingText });

// ---- Audit export and backups ----

export const activityExportInput = z
  .object({
    from: z.iso.datetime({ offset: true, error: 'Choose the first day to export.' }),
    to: z.iso.datetime({ offset: true, error: 'Choose the last day to export.' }),
    /** Only the door's own events: grants, denials, lockouts, staff openings, PIN requests, door alerts. */
    doorOnly: z.boolean().default(false),
    /** Where the previous piece ended (its `nextAfterId`); absent for the first piece. */
    afterId: z.number().int().min(0).optional(),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'The end of the range must be after its start.', path: ['to'] });

export const backupConfigureInput = z.object({
  folder: settingsUpdateInput.shape.backupFolder.unwrap(),
  timeOfDay: settingsUpdateInput.shape.backupTime.unwrap(),
  keep: settingsUpdateInput.shape.backupKeep.unwrap(),
});

export const backupPassphrase = z
  .string({ error: 'Enter the backup passphrase.' })
  .min(12, 'The backup passphrase must be at least 12 characters: a few words are easier to remember than symbols.')
  .max(200, 'The backup passphrase is too long (at most 200 characters).');

export const backupPassphraseInput = z.object({ passphrase: backupPassphrase });
