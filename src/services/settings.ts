import type { z } from 'zod';
import { ApiError, type Settings } from '../contract';
import { settingsUpdateInput } from '../contract/schemas';
import { SettingsRepository } from '../db/repositories/settings';
import type { Db } from '../db/open';
import type { Actor, AuditService } from './audit';
import type { Transactor } from './tx';

type Editable = Omit<Settings, 'lockedByEnvironment'>;
type Key = keyof Editable;

const defaults: Editable = {
  siteName: 'Package Room',
  idleLockMinutes: 5,
  defaultCountry: 'US',
};

/** PACKROOM_* variables pin a setting for unattended installs and tests; the UI shows it read-only. */
const environmentNames: Record<Key, string> = {
  siteName: 'PACKROOM_SITE_NAME',
  idleLockMinutes: 'PACKROOM_IDLE_LOCK_MINUTES',
  defaultCountry: 'PACKROOM_DEFAULT_COUNTRY',
};

const fieldSchemas = settingsUpdateInput.shape;

export class SettingsError extends Error {}

function readEnvironment(env: NodeJS.ProcessEnv): Partial<Editable> {
  const out: Partial<Record<Key, unknown>> = {};
  for (const key of Object.keys(environmentNames) as Key[]) {
    const raw = env[environmentNames[key]];
    if (raw === undefined || raw === '') continue;
    const schema = fieldSchemas[key].unwrap() as z.ZodType;
    const value = typeof defaults[key] === 'number' ? Number(raw) : raw;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new SettingsError(`${environmentNames[key]}=${raw} is not valid: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
    }
    out[key] = parsed.data;
  }
  return out as Partial<Editable>;
}

export class SettingsService {
  private readonly repo: SettingsRepository;
  private readonly pinned: Partial<Editable>;
  private cache: Editable;

  constructor(
    db: Db,
    private readonly tx: Transactor,
    private readonly audit: AuditService,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.repo = new SettingsRepository(db);
    this.pinned = readEnvironment(env);
    this.cache = this.load();
  }

  get(): Settings {
    return { ...this.cache, lockedByEnvironment: Object.keys(this.pinned) };
  }

  update(actor: Actor, patch: z.output<typeof settingsUpdateInput>): Settings {
    const keys = (Object.keys(patch) as Key[]).filter((k) => patch[k] !== undefined);
    const pinnedKey = keys.find((k) => k in this.pinned && patch[k] !== this.cache[k]);
    if (pinnedKey) {
      throw new ApiError('CONFLICT', `This setting is fixed by ${environmentNames[pinnedKey]} on this computer; change it there.`, pinnedKey);
    }
    const changes = Object.fromEntries(keys.filter((k) => patch[k] !== this.cache[k]).map((k) => [k, { from: this.cache[k], to: patch[k] }]));
    if (Object.keys(changes).length === 0) return this.get();
    this.tx.run(() => {
      for (const key of Object.keys(changes)) this.repo.set(key, patch[key as Key]);
      this.audit.record(actor, 'settings.update', null, changes);
    });
    this.cache = this.load();
    return this.get();
  }

  private load(): Editable {
    const stored = this.repo.all();
    const merged = { ...defaults };
    for (const key of Object.keys(defaults) as Key[]) {
      const parsed = (fieldSchemas[key].unwrap() as z.ZodType).safeParse(stored.get(key));
      if (parsed.success) (merged as Record<Key, unknown>)[key] = parsed.data;
    }
    return { ...merged, ...this.pinned };
  }
}
