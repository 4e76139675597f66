import { z } from 'zod';
import { id, idInput, language, optionalText, text } from './common';
import { method, type MethodDef } from './define';
import { emailAddress } from './email';
import type { Language } from './languages';
import { ApiError } from './errors';
import { message, says } from './messages';

/** The people packages and door access are for. */
export const recipientStatus = z.enum(['active', 'inactive']);

const email = z
  .string()
  .trim()
  // The roster import's rule too (emailAddress), so a file and the form accept and refuse the same addresses.
  .refine((v) => v === '' || emailAddress(v) !== null, says('validation.email'))
  .transform((v) => (v === '' ? null : emailAddress(v)))
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

export const recipientCreateInput = z.object({
  ...recipientFields,
  /**
   * Adds the recipient even when an active one has the same name and unit, phone or email; without it such a
   * call is refused with the match (duplicateRecipient), so staff are asked first.
   */
  addAnyway: z.boolean().optional(),
});

export const recipientUpdateInput = z.object({ id, ...recipientFields });

export const recipientSetStatusInput = z.object({ id, status: recipientStatus });

export const recipientSearchInput = z.object({
  query: z.string().trim().max(100, says('validation.searchTooLong')).default(''),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

export type RecipientStatus = 'active' | 'inactive';

export interface Recipient {
  id: number;
  externalId: string | null;
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  /** E.164, e.g. +14155550123. */
  phone: string | null;
  /** The language messages to this recipient are written in; null follows the site language. */
  language: Language | null;
  /** Where package notices go; null: every channel on file. */
  packageNotices: NotifyVia | null;
  status: RecipientStatus;
  createdAt: string;
  updatedAt: string;
}

export type RecipientSummary = Pick<Recipient, 'id' | 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status'>;

export interface RecipientPage {
  items: RecipientSummary[];
  /** True when more rows match than were returned. */
  more: boolean;
}

export type NotifyVia = 'email' | 'sms' | 'both';

/** What a new recipient shares with an active one: checked in this order, the first found is reported. */
export type DuplicateKind = 'name' | 'phone' | 'email';

/** The active recipient a new one would duplicate. */
export interface RecipientMatch {
  id: number;
  /** First and last name. */
  name: string;
  unit: string;
  kind: DuplicateKind;
}

/**
 * The refusal of `recipients.create` for a duplicate: its sentence names the match ("Ruth O'Neill, 7C already
 * exists") and its params carry the match's id, so a screen can offer to open her (duplicateOf reads it back).
 */
export const duplicateRecipient = (match: RecipientMatch): ApiError =>
  new ApiError('CONFLICT', message(`recipients.duplicate.${match.kind}`, { id: match.id, name: match.name, unit: match.unit }));

const duplicateKinds: readonly DuplicateKind[] = ['name', 'phone', 'email'];

/** The match a `recipients.create` refusal carries, or null for any other error. */
export function duplicateOf(error: unknown): RecipientMatch | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT' || !error.key?.startsWith('recipients.duplicate.')) return null;
  const kind = duplicateKinds.find((k) => error.key === `recipients.duplicate.${k}`);
  const { id, name, unit } = error.params ?? {};
  if (!kind || typeof id !== 'number' || typeof name !== 'string' || typeof unit !== 'string') return null;
  return { id, name, unit, kind };
}

export const recipientMethods = {
  'recipients.search': method<RecipientPage>()({ input: recipientSearchInput, access: 'staff' }),
  'recipients.get': method<Recipient>()({ input: idInput, access: 'staff' }),
  'recipients.create': method<Recipient>()({ input: recipientCreateInput, access: 'staff' }),
  'recipients.update': method<Recipient>()({ input: recipientUpdateInput, access: 'staff' }),
  'recipients.setStatus': method<Recipient>()({ input: recipientSetStatusInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
