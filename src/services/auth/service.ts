import type { Repositories } from '../../db/repositories';
import { ApiError, message, type Language, type SessionInfo, type StaffAccount, type StaffRole } from '../../contract';
import { type StaffRow } from '../../db/repositories/staff';
import type { Clock } from '../../clock';
import { afterPasswordFailure, passwordAttemptKey, passwordAttemptRefused } from '../../domain/passwordAttempts';
import {
  endBudgetedCheck,
  freshSignInBudget,
  refusedSignInAnswerMs,
  signInBudgetPolicy,
  signInBudgetSpent,
  startBudgetedCheck,
  type SignInBudget,
} from '../../domain/signInBudget';
import { endsSessions } from '../../domain/sync/staff';
import { log } from '../../log';
import { random } from '../../random';
import type { Actor, AuditService } from '../audit/service';
import { decoyHash, hashPassword, isTemporary, temporary, verifyPassword } from '../passwords';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';

interface Session {
  token: string;
  staffId: number;
  locked: boolean;
  lastActivity: number;
  /** The stored password when the session began: a change anywhere (another screen, `packroom user passwd`) ends it. */
  passwordHash: string;
}

export const staffActor = (staff: Pick<StaffRow, 'id' | 'username'>): Actor => ({ staffId: staff.id, label: staff.username });

const toAccount = (row: StaffRow): StaffAccount => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  active: row.active,
  createdAt: new Date(row.createdAt).toISOString(),
});

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

export interface AuthDeps {
  repos: Pick<Repositories, 'staff' | 'loginFailures'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
}

export class AuthService {
  private readonly sessions = new Map<string, Session>();
  /** Password checks still running per user name: they count against the limit until they end. */
  private readonly checking = new Map<string, number>();
  /** Told when a session ends or locks, so the event streams of that session close at once (src/services/delivery.ts). */
  private readonly watchers = new Set<() => void>();
  /** Checks of names with no account; in memory, as a flood's refusals must not write to the door's database. */
  private budget: SignInBudget = freshSignInBudget;
  private budgetWarnedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: AuthDeps) {}

  setupRequired(): boolean {
    return this.deps.repos.staff.count() === 0;
  }

  /** First run only: creates the first admin and signs them in. */
  async setup(input: Omit<NewStaff, 'role'>): Promise<{ token: string; info: SessionInfo }> {
    if (!this.setupRequired()) throw new ApiError('CONFLICT', message('auth.alreadySetUp'));
    const passwordHash = await hashPassword(input.password);
    const row = this.deps.tx.run(() => {
      if (!this.setupRequired()) throw new ApiError('CONFLICT', message('auth.alreadySetUp'));
      const created = this.deps.repos.staff.insert({ ...input, role: 'admin', passwordHash, createdAt: this.deps.clock.now() });
      this.deps.audit.record(staffActor(created), 'staff.setup', `staff:${created.id}`, { username: created.username, role: 'admin' });
      return created;
    });
    return this.openSession(row);
  }

  async createStaff(actor: Actor, input: NewStaff): Promise<StaffAccount> {
    const passwordHash = await hashPassword(input.password);
    const row = this.deps.tx.run(() => {
      if (this.deps.repos.staff.byUsername(input.username)) {
        throw new ApiError('CONFLICT', message('staff.usernameTaken', { username: input.username }), 'username');
      }
      const created = this.deps.repos.staff.insert({ ...input, passwordHash, createdAt: this.deps.clock.now() });
      this.deps.audit.record(actor, 'staff.create', `staff:${created.id}`, { username: created.username, role: created.role });
      return created;
    });
    return toAccount(row);
  }

  listStaff(): StaffAccount[] {
    return this.deps.repos.staff.list().map(toAccount);
  }

  setStaffActive(actor: Actor, id: number, active: boolean): StaffAccount {
    const row = this.deps.tx.run(() => {
      const target = this.deps.repos.staff.byId(id);
      if (!target) throw new ApiError('NOT_FOUND', message('staff.notFound'));
      if (!active && target.role === 'admin' && target.active && this.deps.repos.staff.countActiveAdmins() === 1) {
        throw new ApiError('CONFLICT', message('staff.lastAdmin'));
      }
      if (target.active === active) return target;
      this.deps.repos.staff.setActive(id, active);
      this.deps.audit.record(actor, active ? 'staff.activate' : 'staff.deactivate', `staff:${id}`, { username: target.username });
      return { ...target, active };
    });
    if (!active) this.endSessionsOf(id);
    return toAccount(row);
  }

  /**
   * Settings → My account: the current password is checked like an unlock; every other session of
   * this person ends, this one stays, and a password an admin set stops being temporary.
   */
  async changeOwnPassword(token: string | null, currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const current = this.current(token);
    if (!current) throw new ApiError('UNAUTHENTICATED', message('auth.sessionEnded'));
    const { session, staff } = current;
    const ok = await this.verify(staff.username, currentPassword, staff.passwordHash, 'currentPassword');
    if (!ok) {
      this.countFailure(staff.username, () => this.deps.audit.record(staffActor(staff), 'staff.password_failed', `staff:${staff.id}`));
      throw new ApiError('VALIDATION', message('auth.wrongPassword'), 'currentPassword');
    }
    if (newPassword === currentPassword) throw new ApiError('VALIDATION', message('validation.passwordUnchanged'), 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    this.deps.tx.run(() => {
      this.deps.repos.staff.setPasswordHash(staff.id, passwordHash);
      this.deps.repos.loginFailures.clear(passwordAttemptKey(staff.username));
      this.deps.audit.record(staffActor(staff), 'staff.password', `staff:${staff.id}`);
    });
    this.endSessionsOf(staff.id, session);
    session.passwordHash = passwordHash;
    return this.info(session, { ...staff, passwordHash });
  }

  /** Settings → Staff accounts: a temporary password the person must replace at their next sign-in; their sessions end. */
  async resetPassword(actor: Actor, id: number, password: string): Promise<StaffAccount> {
    const passwordHash = temporary(await hashPassword(password));
    const row = this.deps.tx.run(() => {
      const target = this.deps.repos.staff.byId(id);
      if (!target) throw new ApiError('NOT_FOUND', message('staff.notFound'));
      this.deps.repos.staff.setPasswordHash(id, passwordHash);
      this.deps.audit.record(actor, 'staff.password_reset', `staff:${id}`, { username: target.username });
      return target;
    });
    this.endSessionsOf(id);
    return toAccount(row);
  }

  /** `packroom user passwd`: the installer sets the password itself, so it is not temporary. */
  async setPassword(actor: Actor, username: string, password: string): Promise<StaffAccount> {
    const passwordHash = await hashPassword(password);
    const row = this.deps.tx.run(() => {
      const target = this.deps.repos.staff.byUsername(username);
      if (!target) throw new ApiError('NOT_FOUND', message('staff.notFoundByName', { username }));
      this.deps.repos.staff.setPasswordHash(target.id, passwordHash);
      this.deps.audit.record(actor, 'staff.password', `staff:${target.id}`, { username: target.username });
      return target;
    });
    this.endSessionsOf(row.id);
    return toAccount(row);
  }

  /** Calls `listener` whenever a session ends or locks; returns how to stop. */
  watchSessions(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** A refused sign-in is answered no sooner than `refusedSignInAnswerMs` after it came, whatever refused it. */
  async login(username: string, password: string): Promise<{ token: string; info: SessionInfo }> {
    const arrived = this.deps.clock.now();
    try {
      return await this.checkLogin(username, password);
    } catch (error) {
      const wait = arrived + refusedSignInAnswerMs - this.deps.clock.now();
      if (wait > 0) await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, wait));
      throw error;
    }
  }

  /**
   * While the budget for names with no account is spent (a flood), every refusal says "too many
   * attempts", the wrong password of a real name included, so the answers do not tell which names exist.
   */
  private async checkLogin(username: string, password: string): Promise<{ token: string; info: SessionInfo }> {
    const row = this.deps.repos.staff.byUsername(username);
    const now = this.deps.clock.now();
    const flooded = signInBudgetSpent(this.budget, now);
    const busy = () => new ApiError('UNAUTHENTICATED', message('auth.busy'));
    let ok: boolean;
    if (row) {
      try {
        ok = await this.verify(username, password, row.passwordHash);
      } catch (error) {
        throw flooded ? busy() : error;
      }
    } else {
      if (flooded) {
        this.warnFlood(now);
        throw busy();
      }
      this.budget = startBudgetedCheck(this.budget, now);
      try {
        ok = await this.verify(username, password, decoyHash);
      } finally {
        this.budget = endBudgetedCheck(this.budget);
      }
    }
    if (!row || !ok || !row.active) {
      this.countFailure(username, () =>
        this.deps.audit.record({ staffId: null, label: username }, 'auth.login_failed', row ? `staff:${row.id}` : null),
      );
      throw flooded ? busy() : new ApiError('UNAUTHENTICATED', message('auth.wrongCredentials'));
    }
    this.deps.tx.run(() => {
      this.deps.repos.loginFailures.clear(passwordAttemptKey(username));
      this.deps.audit.record(staffActor(row), 'auth.login', `staff:${row.id}`);
    });
    return this.openSession(row);
  }

  logout(token: string | null): void {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) return;
    this.sessions.delete(session.token);
    this.sessionsChanged();
    const row = this.deps.repos.staff.byId(session.staffId);
    if (row) this.deps.tx.run(() => this.deps.audit.record(staffActor(row), 'auth.logout', `staff:${row.id}`));
  }

  /**
   * The session for a call, with idle auto-lock applied: a session idle longer than the
   * configured minutes is locked and needs the password again.
   */
  current(token: string | null): { session: Session; staff: StaffRow } | null {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) return null;
    const staff = this.deps.repos.staff.byId(session.staffId);
    if (!staff || !staff.active || staff.passwordHash !== session.passwordHash) {
      this.sessions.delete(session.token);
      return null;
    }
    if (!session.locked && this.deps.clock.now() - session.lastActivity > this.idleMs()) this.lock(session, 'idle');
    return { session, staff };
  }

  touch(session: Session): void {
    if (!session.locked) session.lastActivity = this.deps.clock.now();
  }

  lockByToken(token: string | null, reason: 'idle' | 'manual'): void {
    const session = token ? this.sessions.get(token) : undefined;
    if (session && !session.locked) this.lock(session, reason);
  }

  /** Unlocking is a login: the same limit on wrong passwords, counted per user name with sign-in's. */
  async unlock(token: string | null, password: string): Promise<SessionInfo> {
    const current = this.current(token);
    if (!current) throw new ApiError('UNAUTHENTICATED', message('auth.sessionEnded'));
    const { staff } = current;
    const ok = await this.verify(staff.username, password, staff.passwordHash, 'password');
    if (!ok) {
      this.countFailure(staff.username, () => this.deps.audit.record(staffActor(staff), 'auth.unlock_failed', `staff:${staff.id}`));
      throw new ApiError('UNAUTHENTICATED', message('auth.wrongPassword'), 'password');
    }
    current.session.locked = false;
    current.session.lastActivity = this.deps.clock.now();
    this.deps.tx.run(() => {
      this.deps.repos.loginFailures.clear(passwordAttemptKey(staff.username));
      this.deps.audit.record(staffActor(staff), 'auth.unlock', `staff:${staff.id}`);
    });
    return this.info(current.session, staff);
  }

  info(session: Session, staff: StaffRow): SessionInfo {
    return {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      locked: session.locked,
      language: staff.language,
      mustChangePassword: isTemporary(staff.passwordHash),
    };
  }

  /** The staff member's own screen language; null goes back to following the site language. */
  setLanguage(token: string | null, language: Language | null): SessionInfo {
    const current = this.current(token);
    if (!current) throw new ApiError('UNAUTHENTICATED', message('auth.sessionEnded'));
    const { session, staff } = current;
    if (staff.language === language) return this.info(session, staff);
    this.deps.tx.run(() => {
      this.deps.repos.staff.setLanguage(staff.id, language);
      this.deps.audit.record(staffActor(staff), 'staff.language', `staff:${staff.id}`, {
        language: { from: staff.language, to: language },
      });
    });
    return this.info(session, { ...staff, language });
  }

  private lock(session: Session, reason: 'idle' | 'manual'): void {
    session.locked = true;
    this.sessionsChanged();
    const row = this.deps.repos.staff.byId(session.staffId);
    if (row) this.deps.tx.run(() => this.deps.audit.record(staffActor(row), 'auth.lock', `staff:${row.id}`, { reason }));
  }

  /**
   * Checks a password under the limit: refused outright while this user name is locked out, and
   * counted as a failure while it is being checked, so parallel guesses cannot slip past the limit.
   */
  private async verify(username: string, password: string, hash: string, field?: string): Promise<boolean> {
    const key = passwordAttemptKey(username);
    const checking = this.checking.get(key) ?? 0;
    if (passwordAttemptRefused(this.deps.repos.loginFailures.get(key), checking, this.deps.clock.now())) {
      throw new ApiError('UNAUTHENTICATED', message('auth.tooManyWrong'), field);
    }
    this.checking.set(key, checking + 1);
    try {
      return await verifyPassword(password, hash);
    } finally {
      const left = (this.checking.get(key) ?? 1) - 1;
      if (left > 0) this.checking.set(key, left);
      else this.checking.delete(key);
    }
  }

  /** Once a minute at most: the log is for IT, not one line per refused request of a flood. */
  private warnFlood(now: number): void {
    if (now - this.budgetWarnedAt < signInBudgetPolicy.windowMs) return;
    this.budgetWarnedAt = now;
    log.warn(
      `More sign-in attempts with unknown user names than ${signInBudgetPolicy.perMinute} a minute (or ${signInBudgetPolicy.atOnce} at once): ` +
        'refusing them without checking for now. Staff with an account can still sign in.',
    );
  }

  /** A wrong password, saved with its audit row so a restart does not forget it. */
  private countFailure(username: string, audit: () => void): void {
    const key = passwordAttemptKey(username);
    this.deps.tx.run(() => {
      this.deps.repos.loginFailures.save(key, afterPasswordFailure(this.deps.repos.loginFailures.get(key), this.deps.clock.now()));
      audit();
    });
  }

  /**
   * Another computer of the site changed this account (src/sync/entities/staff.ts): its sessions here end as the
   * same change made here would end them (deactivated, or a new password).
   */
  changedElsewhere(staffId: number): void {
    const row = this.deps.repos.staff.byId(staffId);
    const after = { active: row?.active ?? false, passwordHash: row?.passwordHash ?? '' };
    let ended = false;
    for (const [token, s] of this.sessions) {
      if (s.staffId === staffId && endsSessions({ active: true, passwordHash: s.passwordHash }, after)) {
        this.sessions.delete(token);
        ended = true;
      }
    }
    if (ended) this.sessionsChanged();
  }

  /** Ends every session of one person but `keep`. */
  private endSessionsOf(staffId: number, keep?: Session): void {
    for (const [token, s] of this.sessions) if (s.staffId === staffId && s !== keep) this.sessions.delete(token);
    this.sessionsChanged();
  }

  private sessionsChanged(): void {
    for (const watcher of this.watchers) watcher();
  }

  private idleMs(): number {
    return this.deps.settings.get().idleLockMinutes * 60_000;
  }

  private openSession(row: StaffRow): { token: string; info: SessionInfo } {
    const session: Session = {
      token: random.token(),
      staffId: row.id,
      locked: false,
      lastActivity: this.deps.clock.now(),
      passwordHash: row.passwordHash,
    };
    this.sessions.set(session.token, session);
    return { token: session.token, info: this.info(session, row) };
  }
}
