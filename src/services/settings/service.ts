import type { Repositories } from '../../db/repositories';
import type { z } from 'zod';
import { ApiError, message, messageText, sentenceOf, type Settings } from '../../contract';
import { settingsUpdateInput } from '../../contract/settings';
import type { DataKeys } from '../../secrets';
import type { Actor, AuditService } from '../audit/service';
import { messageText as recipientText } from '../notifications/messages';
import type { Transactor } from '../tx';

/**
 * Every setting as stored: what staff see, except that the Twilio token is itself here rather than
 * only whether one is set (secrets are sealed with the data key at rest).
 */
type Values = Omit<Settings, 'lockedByEnvironment' | 'twilioAuthTokenSet'> & { twilioAuthToken: string | null };
type Key = keyof Values;

const defaults: Values = {
  siteName: 'Package Room',
  siteLanguage: 'en',
  idleLockMinutes: 5,
  defaultCountry: 'US',
  doorPulseSeconds: 5,
  lookupPinEnabled: true,
  singleAccessPinRequest: false,
  smtpUrl: null,
  mailFrom: null,
  twilioAccountSid: null,
  twilioAuthToken: null,
  twilioFrom: null,
  twilioApiUrl: null,
  importWelcomeNotifications: false,
  importMaxDeactivateShare: 0.2,
  importManualPolicy: 'keep-manual',
  importFolder: null,
  importTime: '03:00',
  importScheduleEnabled: false,
  importPreset: 'generic',
  packageNoticeBatchMinutes: 10,
  packageNoticeIncludePin: true,
  packageReminderDays: '2, 5',
  packageEscalationDays: 7,
  attachmentRetentionDays: 90,
  signatureAtDesk: 'off',
  backupFolder: null,
  backupTime: '02:00',
  backupKeep: 14,
};

/** PACKROOM_* variables pin a setting for unattended installs and tests; the UI shows it read-only. */
const environmentNames: Record<Key, string> = {
  siteName: 'PACKROOM_SITE_NAME',
  siteLanguage: 'PACKROOM_SITE_LANGUAGE',
  idleLockMinutes: 'PACKROOM_IDLE_LOCK_MINUTES',
  defaultCountry: 'PACKROOM_DEFAULT_COUNTRY',
  doorPulseSeconds: 'PACKROOM_DOOR_PULSE_SECONDS',
  lookupPinEnabled: 'PACKROOM_LOOKUP_PIN',
  singleAccessPinRequest: 'PACKROOM_SINGLE_ACCESS_PIN_REQUEST',
  smtpUrl: 'PACKROOM_SMTP_URL',
  mailFrom: 'PACKROOM_MAIL_FROM',
  twilioAccountSid: 'PACKROOM_TWILIO_ACCOUNT_SID',
  twilioAuthToken: 'PACKROOM_TWILIO_AUTH_TOKEN',
  twilioFrom: 'PACKROOM_TWILIO_FROM',
  twilioApiUrl: 'PACKROOM_TWILIO_API_URL',
  importWelcomeNotifications: 'PACKROOM_IMPORT_WELCOME',
  importMaxDeactivateShare: 'PACKROOM_IMPORT_MAX_DEACTIVATE_PERCENT',
  importManualPolicy: 'PACKROOM_IMPORT_MANUAL_POLICY',
  importFolder: 'PACKROOM_IMPORT_FOLDER',
  importTime: 'PACKROOM_IMPORT_TIME',
  importScheduleEnabled: 'PACKROOM_IMPORT_SCHEDULE',
  importPreset: 'PACKROOM_IMPORT_PRESET',
  packageNoticeBatchMinutes: 'PACKROOM_PACKAGE_NOTICE_BATCH_MINUTES',
  packageNoticeIncludePin: 'PACKROOM_PACKAGE_NOTICE_INCLUDE_PIN',
  packageReminderDays: 'PACKROOM_PACKAGE_REMINDER_DAYS',
  packageEscalationDays: 'PACKROOM_PACKAGE_ESCALATION_DAYS',
  attachmentRetentionDays: 'PACKROOM_ATTACHMENT_RETENTION_DAYS',
  signatureAtDesk: 'PACKROOM_SIGNATURE_AT_DESK',
  backupFolder: 'PACKROOM_BACKUP_FOLDER',
  backupTime: 'PACKROOM_BACKUP_TIME',
  backupKeep: 'PACKROOM_BACKUP_KEEP',
};

// Stored as a share (0.2) but written in percent (20) where people type it.
const percentInEnvironment: ReadonlySet<Key> = new Set(['importMaxDeactivateShare']);

const secretKeys: ReadonlySet<Key> = new Set(['smtpUrl', 'twilioAuthToken']);
const maskedPassword = '********';

const fieldSchemas = settingsUpdateInput.shape;
const schemaFor = (key: Key) => fieldSchemas[key].unwrap() as z.ZodType;

export class SettingsError extends Error {}

function fromEnvironmentText(key: Key, raw: string): unknown {
  const kind = typeof defaults[key];
  if (percentInEnvironment.has(key)) return Number(raw) / 100;
  if (kind === 'number') return Number(raw);
  if (kind === 'boolean') return /^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : raw;
  return raw;
}

function readEnvironment(env: NodeJS.ProcessEnv): Partial<Values> {
  const out: Partial<Record<Key, unknown>> = {};
  for (const key of Object.keys(environmentNames) as Key[]) {
    const raw = env[environmentNames[key]];
    if (raw === undefined || raw === '') continue;
    const parsed = schemaFor(key).safeParse(fromEnvironmentText(key, raw));
    if (!parsed.success) {
      const shown = secretKeys.has(key) ? '(hidden)' : raw;
      const said = parsed.error.issues[0]?.message ?? 'bad value';
      const sentence = sentenceOf(said);
      // Read at start-up, for the log and the command line: in English.
      throw new SettingsError(`${environmentNames[key]}=${shown} is not valid: ${sentence ? messageText(sentence) : said}`);
    }
    out[key] = parsed.data;
  }
  return out as Partial<Values>;
}

function maskUrl(url: string | null): string | null {
  if (!url) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = maskedPassword;
  return parsed.toString();
}

export interface SettingsDeps {
  repos: Pick<Repositories, 'settings'>;
  tx: Transactor;
  audit: AuditService;
  keys: DataKeys;
  /** PACKROOM_* variables pin settings; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export class SettingsService {
  private readonly pinned: Partial<Values>;
  private cache: Values;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: SettingsDeps) {
    this.pinned = readEnvironment(deps.env ?? process.env);
    this.cache = this.load();
  }

  /** For people: secrets masked. */
  get(): Settings {
    const { twilioAuthToken, smtpUrl, ...rest } = this.cache;
    return {
      ...rest,
      smtpUrl: maskUrl(smtpUrl),
      twilioAuthTokenSet: twilioAuthToken !== null,
      lockedByEnvironment: Object.keys(this.pinned),
    };
  }

  /** For the core: everything, secrets included. Never send this to a UI. */
  values(): Readonly<Values> {
    return this.cache;
  }

  update(actor: Actor, input: z.output<typeof settingsUpdateInput>): Settings {
    const patch = this.resolveSecrets(input);
    const keys = (Object.keys(patch) as Key[]).filter((k) => patch[k] !== undefined && patch[k] !== this.cache[k]);
    const pinnedKey = keys.find((k) => k in this.pinned);
    if (pinnedKey) {
      throw new ApiError('CONFLICT', message('settings.pinned', { variable: environmentNames[pinnedKey] }), pinnedKey);
    }
    if (keys.length === 0) return this.get();
    this.deps.tx.run(() => {
      for (const key of keys) {
        const value = patch[key];
        this.deps.repos.settings.set(
          key,
          secretKeys.has(key) && value !== null ? { sealed: this.deps.keys.seal(String(value)).toString('base64') } : value,
        );
      }
      const changes = Object.fromEntries(
        keys.map((k) => [k, secretKeys.has(k) ? (patch[k] === null ? 'removed' : 'changed') : { from: this.cache[k], to: patch[k] }]),
      );
      this.deps.audit.record(actor, 'settings.update', null, changes);
    });
    this.cache = this.load();
    for (const listener of this.listeners) listener();
    return this.get();
  }

  /** Site settings another computer of the site changed were written (sync): read them again and tell the listeners. */
  changedElsewhere(): void {
    this.cache = this.load();
    for (const listener of this.listeners) listener();
  }

  /** Called after each saved change (what follows from a setting, such as an alert that a channel is not set up). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A masked SMTP password means "keep the stored one"; an empty Twilio token likewise. */
  private resolveSecrets(input: z.output<typeof settingsUpdateInput>): Partial<Values> {
    const patch: Partial<Values> = { ...input } as Partial<Values>;
    if (input.twilioAuthToken === '') delete patch.twilioAuthToken;
    if (input.smtpUrl) {
      const url = new URL(input.smtpUrl);
      if (decodeURIComponent(url.password) === maskedPassword) {
        const stored = this.cache.smtpUrl ? new URL(this.cache.smtpUrl) : null;
        url.password = stored?.password ?? '';
        patch.smtpUrl = url.toString();
      }
    }
    return patch;
  }

  private load(): Values {
    const stored = this.deps.repos.settings.all();
    const merged: Record<Key, unknown> = { ...defaults };
    for (const key of Object.keys(defaults) as Key[]) {
      if (!stored.has(key)) continue;
      let value = stored.get(key);
      if (secretKeys.has(key) && value && typeof value === 'object' && 'sealed' in value) {
        value = this.deps.keys.open(Buffer.from(String((value as { sealed: string }).sealed), 'base64'));
      }
      const parsed = schemaFor(key).safeParse(value);
      if (parsed.success) merged[key] = parsed.data;
    }
    // A building not yet named is called "the package room" in the site's own language, in the header and in messages.
    const values = { ...(merged as unknown as Values), ...this.pinned };
    if (!stored.has('siteName') && !('siteName' in this.pinned))
      values.siteName = recipientText(values.siteLanguage)('common.defaultSiteName');
    return values;
  }
}
