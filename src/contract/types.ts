import type { StaffRole } from './define';
import type { ApiErrorBody } from './errors';

/** Every transport carries results in this envelope, so error details survive IPC and HTTP alike. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

export interface SessionInfo {
  staffId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  locked: boolean;
}

export interface AuthStatus {
  setupRequired: boolean;
  session: SessionInfo | null;
  idleLockMinutes: number;
  siteName: string;
}

export interface StaffAccount {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
}

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

export interface Settings {
  siteName: string;
  idleLockMinutes: number;
  defaultCountry: string;
  /** Settings fixed by PACKROOM_* environment variables; the UI shows them read-only. */
  lockedByEnvironment: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  more: boolean;
}
