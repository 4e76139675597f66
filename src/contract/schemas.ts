import { z } from 'zod';
import { carrierIds, weekdayIds } from './carriers';
import { languageIds } from './languages';
import { says, type MessageKey } from './messages';

/**
 * Messages here reach front-desk staff: say what is wrong and what to do. Each is a sentence from the core
 * catalogs (`says`), so a Spanish screen shows it in Spanish; a field's name is its key under `field`.
 */
type KeysUnder<Prefix extends string> = MessageKey extends infer K ? (K extends `${Prefix}.${infer Name}` ? Name : never) : never;
type Field = KeysUnder<'field'>;
/** A required text field: it has a name and its own "Enter …" sentence (Spanish needs the article). */
type TextField = Field & KeysUnder<'validation.enter'>;

const required = (field: Field) => says('validation.required', { field });
const tooLong = (field: Field, max: number) => says('validation.tooLongMax', { field, max });

const text = (field: TextField, max = 100) =>
  z
    .string({ error: required(field) })
    .trim()
    .min(1, says(`validation.enter.${field}`))
    .max(max, tooLong(field, max));

const optionalText = (field: Field, max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(field, max))
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const empty = z.object({}).strict().default({});

export const language = z.enum(languageIds, { error: says('validation.language') });

export const username = z
  .string({ error: required('username') })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, says('validation.usernameFormat'));

export const password = z
  .string({ error: required('password') })
  .min(10, says('validation.passwordTooShort', { min: 10 }))
  .max(200, tooLong('password', 200));

export const role = z.enum(['admin', 'staff'], { error: says('validation.role') });

export const setupInput = z.object({
  username,
  displayName: text('displayName', 80),
  password,
});

const signInPassword = z
  .string({ error: says('validation.enterYourPassword') })
  .min(1, says('validation.enterYourPassword'))
  .max(200, tooLong('password', 200));

export const loginInput = z.object({
  username: z
    .string({ error: says('validation.enterYourUsername') })
    .trim()
    .toLowerCase()
    .min(1, says('validation.enterYourUsername'))
    .max(64, tooLong('username', 64)),
  password: signInPassword,
});

export const unlockInput = z.object({ password: signInPassword });

export const staffCreateInput = z.object({
  username,
  displayName: text('displayName', 80),
  role,
  password,
});

export const id = z
  .number({ error: says('validation.id') })
  .int()
  .positive();
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
  .pipe(z.union([z.literal(''), z.email({ pattern: z.regexes.unicodeEmail, error: says('validation.email') }).max(254)]))
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** The phone number as typed; the service turns it into E.164 using the site's country. */
const phone = optionalText('phone', 40);

const recipientFields = {
  firstName: text('firstName', 80),
  lastName: text('lastName', 80),
  unit: text('unit', 20),
  email,
  phone,
  /** null (or left out) follows the site language. */
  language: language.nullable().optional(),
  /** Where package notices go; null (or left out): every channel on file. */
  packageNotices: z
    .enum(['email', 'sms', 'both'], { error: says('validation.notifyVia') })
    .nullable()
    .optional(),
};

export const recipientCreateInput = z.object(recipientFields);

export const recipientUpdateInput = z.object({ id, ...recipientFields });

export const recipientSetStatusInput = z.object({ id, status: recipientStatus });

export const recipientSearchInput = z.object({
  query: z.string().trim().max(100, says('validation.searchTooLong')).default(''),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

const minutes = (field: Field, min: number, max: number) =>
  z
    .number({ error: says('validation.number', { field }) })
    .int(says('validation.wholeNumber', { field }))
    .min(min, says('validation.atLeast', { field, min }))
    .max(max, says('validation.atMost', { field, max }));

const optionalUrl = (field: Field, protocols: RegExp) =>
  z
    .string()
    .trim()
    .max(500, tooLong(field, 500))
    .refine((v) => v === '' || (URL.canParse(v) && protocols.test(new URL(v).protocol)), says('validation.address', { field }))
    .transform((v) => (v === '' ? null : v))
    .nullable();

const optionalSetting = (field: Field, max = 200) =>
  z
    .string()
    .trim()
    .max(max, says('validation.tooLong', { field }))
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

    backupFolder: optionalSetting('backupFolder', 500),
    backupTime: timeOfDayText,
    backupKeep: z
      .number({ error: says('validation.backupKeepNumber') })
      .int(says('validation.backupKeepWhole'))
      .min(1, says('validation.backupKeepAtLeast', { count: 1 }))
      .max(365, says('validation.backupKeepAtMost', { count: 365 })),
  })
  .partial();

export const recipientIdInput = z.object({ recipientId: id });

export const notifyVia = z.enum(['email', 'sms', 'both'], { error: says('validation.notifyVia') });

export const sendSingleAccessPinInput = z.object({
  recipientId: z
    .number({ error: says('validation.selectRecipient') })
    .int()
    .positive(says('validation.selectRecipient')),
  notifyVia,
  expiresAt: z.iso.datetime({ offset: true, error: says('validation.accessExpires') }),
});

export const lookupPinInput = z.object({
  recipientId: id,
  identityVerified: z.literal(true, { error: says('validation.identityVerified') }),
});

export const openDoorInput = z.object({
  reason: text('reason', 200),
  recipientId: id.optional(),
});

export const resetLockoutInput = z.object({ reason: text('reason', 200) });

export const activityListInput = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  beforeId: id.optional(),
  /** Only the history of one recipient. */
  recipientId: id.optional(),
});

export const deviceRole = z.enum(['keypad', 'reader', 'relay'], { error: says('validation.deviceRole') });

export const deviceAssignInput = z.object({
  role: deviceRole,
  selector: z
    .string({ error: says('validation.chooseDevice') })
    .trim()
    .min(1, says('validation.chooseDevice'))
    .max(300, tooLong('selector', 300)),
  channel: z
    .number()
    .int(says('validation.relayChannelWhole'))
    .min(1, says('validation.relayChannelMin'))
    .max(8, says('validation.relayChannelMax'))
    .optional(),
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

const uploadId = z
  .string({ error: says('validation.chooseFileAgain') })
  .min(1)
  .max(64);

export const rosterUploadInput = z.object({
  /** Absent on the first chunk, which starts a new upload. */
  uploadId: uploadId.optional(),
  fileName: text('fileName', 255),
  size: z
    .number()
    .int()
    .min(1, says('validation.fileEmpty'))
    .max(rosterUploadLimits.maxBytes, says('validation.fileTooLarge', { size: rosterUploadLimits.maxBytes / 1024 / 1024 })),
  offset: z.number().int().min(0),
  data: z
    .string()
    .max(maxChunkChars, says('validation.filePieceTooLarge'))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, says('validation.fileNotIntact')),
});

/** Column → index into the file's headers; null or absent leaves the column unmapped. */
export const rosterMapping = z.partialRecord(z.enum(rosterColumnIds), z.number().int().min(0).max(10_000).nullable());

export const rosterStatusChoice = z.enum(['current', 'notice', 'future', 'moved-out', 'ignore'], {
  error: says('validation.rosterStatusChoice'),
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
  dryRunId: z
    .string({ error: says('validation.runPreviewAgain') })
    .min(1)
    .max(64),
  confirmLargeDeactivation: z.boolean().default(false),
});

export const rosterCancelInput = z.object({ id: z.string().min(1).max(64) });

export const rosterConfigureInput = z.object({
  enabled: z.boolean(),
  folder: optionalSetting('importFolder', 500),
  timeOfDay,
  preset: rosterPreset,
});

export const startAtLoginInput = z.object({ enabled: z.boolean() }).strict();

// ---- Carrier access ----

const clockTime = (field: Field) =>
  z
    .string({ error: required(field) })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, says('validation.clockTime', { field }));

export const carrierCodeAddInput = z
  .object({
    carrier: z.enum(carrierIds, { error: says('validation.carrierChoice') }),
    /** Required for 'other'; ignored for the named carriers. */
    name: optionalText('carrierName', 40),
    days: z
      .array(z.enum(weekdayIds, { error: says('validation.carrierDays') }), { error: says('validation.carrierAtLeastOneDay') })
      .min(1, says('validation.carrierAtLeastOneDay'))
      .max(7, says('validation.carrierDaysOnce')),
    from: clockTime('from'),
    until: clockTime('until'),
    /** The last day the code works (local date); null or absent: no end date. */
    untilDate: z.iso
      .date({ error: says('validation.carrierEndDate') })
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.carrier === 'other' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: says('validation.carrierName') });
    if (v.from === v.until) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: says('validation.carrierUntilSameAsFrom') });
    }
  });

export const carrierCodeLookupInput = z.object({
  id,
  identityVerified: z.literal(true, { error: says('validation.carrierIdentityVerified') }),
});

// ---- Packages ----

export const packageStatus = z.enum(['waiting', 'picked_up', 'returned', 'missing']);
export const packageSize = z.enum(['small', 'large', 'oversized'], { error: says('validation.packageSize') });
const carrierId = z.enum(carrierIds, { error: says('validation.chooseCarrier') });

/** As scanned or typed; the core strips what scanners add and checks what is left. */
const trackingText = z.string({ error: says('validation.tracking') }).max(200, says('validation.trackingTooLong'));

export const packageDetectInput = z.object({ tracking: trackingText });

const packageFields = {
  shelf: optionalText('shelf', 16),
  size: packageSize.default('small'),
  perishable: z.boolean().default(false),
  note: optionalText('note', 500),
};

const chosenRecipient = z
  .number({ error: says('validation.chooseRecipient') })
  .int()
  .positive(says('validation.chooseRecipient'));

export const packageLogInput = z.object({
  tracking: trackingText,
  carrier: carrierId,
  /** The carrier's name when carrier is 'other'. */
  carrierName: optionalText('carrierName', 40),
  recipientId: chosenRecipient,
  ...packageFields,
});

export const packageListInput = z.object({
  status: z.enum(['waiting', 'picked_up', 'returned', 'all']).default('waiting'),
  query: z.string().trim().max(100, says('validation.searchTooLong')).default(''),
  /** Oldest first shows what has waited longest. */
  sort: z.enum(['newest', 'oldest']).default('newest'),
  recipientId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});

export const packageHandOverInput = z.object({
  id,
  /** Someone other than the recipient collected it; null when the recipient did. */
  collectedBy: optionalText('collectedBy', 80),
});

export const packageReturnInput = z.object({ id, reason: text('reason', 200) });

export const packageUpdateInput = z.object({
  id,
  recipientId: chosenRecipient,
  shelf: packageFields.shelf,
  size: packageSize,
  note: packageFields.note,
});

export const packageIdsInput = z.object({
  ids: z
    .array(id, { error: says('validation.packagesAtLeastOne') })
    .min(1, says('validation.packagesAtLeastOne'))
    .max(1000, says('validation.packagesAtMost')),
});

const day = z.iso.date({ error: says('validation.dates') });
export const packageExportInput = z.object({ from: day, to: day });

export const shelfCheckIdInput = z.object({ checkId: id });
export const shelfCheckScanInput = z.object({ checkId: id, tracking: trackingText });

// ---- Audit export and backups ----

export const activityExportInput = z
  .object({
    from: z.iso.datetime({ offset: true, error: says('validation.exportFrom') }),
    to: z.iso.datetime({ offset: true, error: says('validation.exportTo') }),
    /** Only the door's own events: grants, denials, lockouts, staff openings, PIN requests, door alerts. */
    doorOnly: z.boolean().default(false),
    /** Where the previous piece ended (its `nextAfterId`); absent for the first piece. */
    afterId: z.number().int().min(0).optional(),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: says('validation.exportRange'), path: ['to'] });

export const backupConfigureInput = z.object({
  folder: settingsUpdateInput.shape.backupFolder.unwrap(),
  timeOfDay: settingsUpdateInput.shape.backupTime.unwrap(),
  keep: settingsUpdateInput.shape.backupKeep.unwrap(),
});

export const backupPassphrase = z
  .string({ error: says('validation.backupPassphrase') })
  .min(12, says('validation.backupPassphraseTooShort', { min: 12 }))
  .max(200, says('validation.backupPassphraseTooLong', { max: 200 }));

export const backupPassphraseInput = z.object({ passphrase: backupPassphrase });
