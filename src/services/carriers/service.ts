import type { z } from 'zod';
import { ApiError, carrierLabels, message, type CarrierCode, type CarrierCodeIssued, type CarrierCodeLookup } from '../../contract';
import type { carrierCodeAddInput } from '../../contract/carriers';
import type { Clock } from '../../clock';
import type { Repositories } from '../../db/repositories';
import type { CarrierCodeRow } from '../../db/repositories/carrierCodes';
import { formatDays, formatTimeOfDay, localMoment, parseTimeOfDay, type CarrierWindow } from '../../domain/carrierWindow';
import { defaultPinLength, generatePin } from '../../domain/pinPolicy';
import { random } from '../../random';
import type { DataKeys } from '../../secrets';
import type { Actor, AuditService } from '../audit/service';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';

export type CarrierCodeInput = z.output<typeof carrierCodeAddInput>;

export interface CarrierCodeDeps {
  repos: Pick<Repositories, 'carrierCodes' | 'accessKeys'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  keys: DataKeys;
  settings: SettingsService;
  /** The zone "today" is read in, for the end date. */
  timeZone: string;
}

const toCarrierCode = (row: CarrierCodeRow): CarrierCode => ({
  id: row.id,
  carrier: row.carrier,
  name: row.name,
  days: [...row.window.days],
  from: formatTimeOfDay(row.window.fromMinute),
  until: formatTimeOfDay(row.window.untilMinute),
  untilDate: row.window.untilDate,
  createdAt: new Date(row.createdAt).toISOString(),
  createdBy: row.createdBy,
});

/** What the audit keeps about a code's window: everything but the code. */
const describeWindow = (row: Pick<CarrierCodeRow, 'carrier' | 'name' | 'window'>) => ({
  carrier: row.carrier,
  carrierName: row.name,
  days: formatDays(row.window.days),
  from: formatTimeOfDay(row.window.fromMinute),
  until: formatTimeOfDay(row.window.untilMinute),
  untilDate: row.window.untilDate,
});

/**
 * Settings → Carrier access: door codes for couriers that work only in their delivery hours (the door
 * applies the window, in AccessService). A code is drawn, stored and looked up as a resident's PIN is:
 * 8 digits by the PIN policy, HMAC for lookup and AES-GCM at rest, never equal to any active PIN.
 */
export class CarrierCodeService {
  constructor(private readonly deps: CarrierCodeDeps) {}

  list(): CarrierCode[] {
    return this.deps.repos.carrierCodes.active().map(toCarrierCode);
  }

  add(actor: Actor, input: CarrierCodeInput): CarrierCodeIssued {
    const window: CarrierWindow = {
      days: input.days,
      fromMinute: parseTimeOfDay(input.from)!,
      untilMinute: parseTimeOfDay(input.until)!,
      untilDate: input.untilDate ?? null,
    };
    const today = localMoment(this.deps.clock.now(), this.deps.timeZone).date;
    if (window.untilDate !== null && window.untilDate < today) {
      throw new ApiError('VALIDATION', message('carriers.endDatePassed'), 'untilDate');
    }
    const name = input.carrier === 'other' ? input.name! : carrierLabels[input.carrier];
    return this.deps.tx.run(() => {
      const issued = this.issue(actor, { carrier: input.carrier, name, window }, null);
      this.deps.audit.record(
        actor,
        'carrier.code_added',
        `carrier:${issued.carrierCode.id}`,
        describeWindow({ carrier: input.carrier, name, window }),
      );
      return issued;
    });
  }

  /** A new code with the same carrier and hours; the old one stops working at once. */
  regenerate(actor: Actor, id: number): CarrierCodeIssued {
    return this.deps.tx.run(() => {
      const old = this.requireActive(id);
      this.deps.repos.carrierCodes.revoke(id, this.deps.clock.now());
      const issued = this.issue(actor, old, old.id);
      this.deps.audit.record(actor, 'carrier.code_regenerated', `carrier:${issued.carrierCode.id}`, {
        ...describeWindow(old),
        replaced: old.id,
      });
      return issued;
    });
  }

  /** The code stops working at once; returns what it was. */
  revoke(actor: Actor, id: number): CarrierCode {
    return this.deps.tx.run(() => {
      const code = this.requireActive(id);
      this.deps.repos.carrierCodes.revoke(id, this.deps.clock.now());
      this.deps.audit.record(actor, 'carrier.code_revoked', `carrier:${id}`, { carrier: code.carrier, carrierName: code.name });
      return toCarrierCode(code);
    });
  }

  /** Under the rules of Look up PIN: the site may turn it off, staff confirm who is asking, every look-up is audited. */
  lookup(actor: Actor, id: number): CarrierCodeLookup {
    if (!this.deps.settings.get().lookupPinEnabled) {
      throw new ApiError('FORBIDDEN', message('carriers.lookupOff'));
    }
    return this.deps.tx.run(() => {
      const code = this.requireActive(id);
      this.deps.audit.record(actor, 'carrier.code_lookup', `carrier:${id}`, {
        carrier: code.carrier,
        carrierName: code.name,
        identityVerified: true,
      });
      return { code: this.deps.keys.open(code.pinEnc), createdAt: new Date(code.createdAt).toISOString() };
    });
  }

  private issue(actor: Actor, code: Pick<CarrierCodeRow, 'carrier' | 'name' | 'window'>, replaces: number | null): CarrierCodeIssued {
    const pinTaken = (pin: string) => this.deps.repos.accessKeys.isCarrierPinTaken(this.deps.keys.lookupHash('pin', pin));
    const pin = generatePin(defaultPinLength, random.digits, pinTaken);
    const id = this.deps.repos.carrierCodes.insert({
      ...code,
      pinHash: this.deps.keys.lookupHash('pin', pin),
      pinEnc: this.deps.keys.seal(pin),
      createdAt: this.deps.clock.now(),
      createdBy: actor.staffId,
      replaces,
    });
    return { carrierCode: toCarrierCode(this.deps.repos.carrierCodes.byId(id)!), code: pin };
  }

  private requireActive(id: number): CarrierCodeRow {
    const code = this.deps.repos.carrierCodes.byId(id);
    if (!code || code.status !== 'active') {
      throw new ApiError('NOT_FOUND', message('carriers.noActiveCode', { id }), 'id');
    }
    return code;
  }
}
