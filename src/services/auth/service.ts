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
import { log } from '../../log';
import { random } from '../../random';
import type { Actor, AuditService } from '../audit/service';
import { decoyHash, hashPassword, verifyPassword } from '../passwords';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';

interface Session {
  token: string;
  staffId: number;
  locked: boolean;
  lastActivity: number;
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
    if (!active) for (const [token, s] of this.sessions) if (s.staffId === id) this.sessions.delete(token);
    return toAccount(row);
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
    if (!staff || !staff.active) {
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

  private idleMs(): number {
    return this.deps.settings.get().idleLockMinutes * 60_000;
  }

  private openSession(row: StaffRow): { token: string; info: SessionInfo } {
    const session: Session = { token: random.token(), staffId: row.id, locked: false, lastActivity: this.deps.clock.now() };
    this.sessions.set(session.token, session);
    return { token: session.token, info: this.info(session, row) };
  }
}
