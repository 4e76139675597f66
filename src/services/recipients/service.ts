import type { Repositories } from '../../db/repositories';
import type { z } from 'zod';
import {
  ApiError,
  duplicateRecipient,
  message,
  type DuplicateKind,
  type Recipient,
  type RecipientMatch,
  type RecipientPage,
  type RecipientStatus,
  type RecipientSummary,
} from '../../contract';
import type { recipientCreateInput, recipientSearchInput } from '../../contract/recipients';
import type { RecipientFields, RecipientRow } from '../../db/repositories/recipients';
import type { Clock } from '../../clock';
import { normalizePhone } from '../../domain/phone';
import { linkKey } from '../../domain/roster/normalize';
import { toFtsQuery } from '../../domain/search';
import type { Actor, AuditService } from '../audit/service';
import type { CredentialService } from '../credentials/service';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';

export const toRecipient = (row: RecipientRow): Recipient => ({
  id: row.id,
  externalId: row.externalId,
  firstName: row.firstName,
  lastName: row.lastName,
  unit: row.unit,
  email: row.email,
  phone: row.phone,
  language: row.language,
  packageNotices: row.packageNotices,
  status: row.status,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

const toSummary = (row: RecipientRow): RecipientSummary => ({
  id: row.id,
  firstName: row.firstName,
  lastName: row.lastName,
  unit: row.unit,
  email: row.email,
  phone: row.phone,
  status: row.status,
});

type FieldsInput = z.output<typeof recipientCreateInput>;

const subject = (id: number) => `recipient:${id}`;

export interface RecipientDeps {
  repos: Pick<Repositories, 'recipients'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  events: EventBus;
  credentials: CredentialService;
}

export class RecipientService {
  constructor(private readonly deps: RecipientDeps) {}

  search(input: z.output<typeof recipientSearchInput>): RecipientPage {
    const rows = this.deps.repos.recipients.search({
      match: toFtsQuery(input.query),
      status: input.status,
      limit: input.limit,
      offset: input.offset,
    });
    return { items: rows.slice(0, input.limit).map(toSummary), more: rows.length > input.limit };
  }

  get(id: number): Recipient {
    return toRecipient(this.require(id));
  }

  /** Refused with the match (duplicateRecipient) when it would duplicate an active recipient, unless `addAnyway`. */
  create(actor: Actor, input: FieldsInput & { addAnyway?: boolean | undefined }): Recipient {
    const fields = this.normalize(input, null);
    const row = this.deps.tx.run(() => {
      const match = input.addAnyway ? null : this.duplicateOf(fields);
      if (match) throw duplicateRecipient(match);
      const created = this.deps.repos.recipients.insert({ ...fields, manuallyEdited: true, now: this.deps.clock.now() });
      this.deps.audit.record(actor, 'recipient.create', subject(created.id), {
        name: `${created.firstName} ${created.lastName}`,
        unit: created.unit,
      });
      this.deps.credentials.issuePermanent(actor, created.id);
      this.deps.tx.onCommit(() => this.deps.events.emit('recipients.changed', { id: created.id }));
      return created;
    });
    return toRecipient(row);
  }

  update(actor: Actor, id: number, input: FieldsInput): Recipient {
    const row = this.deps.tx.run(() => {
      const before = this.require(id);
      const fields = this.normalize(input, before);
      const changes = Object.fromEntries(
        (Object.keys(fields) as (keyof RecipientFields)[])
          .filter((k) => fields[k] !== before[k])
          .map((k) => [k, { from: before[k], to: fields[k] }]),
      );
      if (Object.keys(changes).length === 0) return before;
      // Marked so the daily roster import can tell a hand edit from its own data.
      this.deps.repos.recipients.update(id, { ...fields, manuallyEdited: true, now: this.deps.clock.now() });
      this.deps.audit.record(actor, 'recipient.update', subject(id), changes);
      this.deps.tx.onCommit(() => this.deps.events.emit('recipients.changed', { id }));
      return this.require(id);
    });
    return toRecipient(row);
  }

  setStatus(actor: Actor, id: number, status: RecipientStatus): Recipient {
    const row = this.deps.tx.run(() => {
      const before = this.require(id);
      if (before.status === status) return before;
      this.deps.repos.recipients.setStatus(id, status, this.deps.clock.now());
      // So the daily import does not switch back on someone staff switched off (see the keep-manual policy).
      this.deps.repos.recipients.markManuallyEdited(id, this.deps.clock.now());
      this.deps.audit.record(actor, status === 'inactive' ? 'recipient.deactivate' : 'recipient.reactivate', subject(id));
      // Deactivation locks the recipient out at once; reactivation issues fresh credentials, never the old ones.
      if (status === 'inactive') this.deps.credentials.revokeAll(actor, id);
      else this.deps.credentials.issuePermanent(actor, id);
      this.deps.tx.onCommit(() => this.deps.events.emit('recipients.changed', { id }));
      return this.require(id);
    });
    return toRecipient(row);
  }

  /**
   * The active recipient a new one would duplicate: the same name and unit (as the roster import links them,
   * ignoring case, spacing and punctuation: "7C" is "7-c"), else the same phone, else the same email.
   */
  private duplicateOf(fields: RecipientFields): RecipientMatch | null {
    const { recipients } = this.deps.repos;
    const match = (row: RecipientRow, kind: DuplicateKind): RecipientMatch => ({
      id: row.id,
      name: `${row.firstName} ${row.lastName}`,
      unit: row.unit,
      kind,
    });
    const key = linkKey(fields.unit, fields.lastName, fields.firstName);
    const named = recipients.activeNamed(fields.firstName, fields.lastName).find((r) => linkKey(r.unit, r.lastName, r.firstName) === key);
    if (named) return match(named, 'name');
    const byPhone = fields.phone === null ? undefined : recipients.activeByPhone(fields.phone);
    if (byPhone) return match(byPhone, 'phone');
    const byEmail = fields.email === null ? undefined : recipients.activeByEmail(fields.email);
    return byEmail ? match(byEmail, 'email') : null;
  }

  private require(id: number): RecipientRow {
    const row = this.deps.repos.recipients.byId(id);
    if (!row) throw new ApiError('NOT_FOUND', message('recipients.notFound'));
    return row;
  }

  /** A field the call leaves out keeps its value in `before` (null on a new recipient: the site's default). */
  private normalize(input: FieldsInput, before: Pick<RecipientFields, 'language' | 'packageNotices'> | null): RecipientFields {
    let phone: string | null = null;
    if (input.phone) {
      const result = normalizePhone(input.phone, this.deps.settings.get().defaultCountry);
      if (!result.ok) throw new ApiError('VALIDATION', result.reason, 'phone');
      phone = result.e164;
    }
    return {
      firstName: input.firstName,
      lastName: input.lastName,
      unit: input.unit,
      email: input.email ?? null,
      phone,
      language: input.language === undefined ? (before?.language ?? null) : input.language,
      packageNotices: input.packageNotices === undefined ? (before?.packageNotices ?? null) : input.packageNotices,
    };
  }
}
