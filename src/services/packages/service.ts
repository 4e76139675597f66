import { setImmediate } from 'node:timers';
import type { z } from 'zod';
import {
  ApiError,
  message,
  type Channel,
  type DoorEvent,
  type PackageDetection,
  type PackageExport,
  type PackageItem,
  type PackageOverview,
  type PackagePage,
  type ShelfCheck,
  type ShelfCheckResult,
  type ShelfCheckScan,
  type Message,
} from '../../contract';
import type {
  packageAssignInput,
  packageListInput,
  packageLogInput,
  packagePutAsideInput,
  packageUpdateInput,
} from '../../contract/packages';
import type { Clock } from '../../clock';
import type { Repositories } from '../../db/repositories';
import { listOrder, type AnyPackageRow, type ListQuery, type PackageRow, type PickupCredential } from '../../db/repositories/packages';
import type { RecipientRow } from '../../db/repositories/recipients';
import { ageBuckets, countPerDay } from '../../domain/packages/age';
import { planNotice } from '../../domain/packages/notices';
import { proxyActive } from '../../domain/proxies';
import {
  dueForEscalation,
  parseReminderDays,
  planReminders,
  type ReminderPlan,
  type WaitingPackage,
} from '../../domain/packages/reminders';
import { reconcile, type CheckPackage } from '../../domain/packages/shelfCheck';
import { detectCarrier, normalizeTracking } from '../../domain/packages/tracking';
import { normalizeReading, type StoredCandidate } from '../../domain/packages/unmatched';
import { toFtsQuery } from '../../domain/search';
import { log } from '../../log';
import { endNoticeDue, waitingSince } from '../../domain/holds';
import type { AlertService } from '../alerts/service';
import type { AttachmentService } from '../attachments/service';
import type { StoredPicture } from '../attachments/image';
import type { Actor, AuditService } from '../audit/service';
import type { EventBus } from '../events';
import { calendar, type HoldService } from '../holds/service';
import type { PackageTemplate } from '../notifications/messages';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';
import { claimName, parseClaim, type PackageClaims } from './claims';
import { csvHeader, csvRow } from './export';
import { carrierLabel, recipientName, toItem, type LabelPhoto, type PersonByUid } from './items';
import { localDate, localDay, localMidnight, parseLocalDate } from './localTime';

/** What packages need from the outbox: queue inside the caller's transaction, find a notice a package can join. */
export interface PackageNotifier {
  enqueue(item: {
    channel: Channel;
    recipientId: number;
    accessKeyId: number | null;
    template: PackageTemplate;
    destination: string;
    dueAt?: number;
    proxyId?: number | null;
  }): number;
  pendingUntried(
    recipientId: number,
    channel: Channel,
    template: PackageTemplate,
    proxyId?: number | null,
  ): { id: number; dueAt: number } | null;
}

export interface PackageDeps {
  repos: Pick<Repositories, 'packages' | 'recipients' | 'accessKeys' | 'syncPackages' | 'proxies' | 'attachments' | 'holds' | 'sync'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  alerts: AlertService;
  settings: SettingsService;
  events: EventBus;
  notifier: PackageNotifier;
  /** Photos and signatures kept with a package: the label's photo at intake, the proof at a desk handover. */
  attachments: AttachmentService;
  /** Holds pause reminders and escalation, end with one notice, and flag packages to go back (docs/architecture.md, "Holds"). */
  holds: HoldService;
  /** On a node of a site, reminders and escalations are claimed first, so one node sends each (claims.ts). */
  claims?: PackageClaims;
}

const doorActor: Actor = { staffId: null, label: 'door' };
const scheduleActor: Actor = { staffId: null, label: 'system' };
const subject = (recipientId: number) => `recipient:${recipientId}`;
const dayMs = 86_400_000;
/** The UI's export is one response; a longer log goes through `packroom packages export`, which streams. */
export const maxExportRows = 50_000;

/** The photo is kept apart (prepared first); the flag may be left out by callers other than the desk (a default of false). */
type LogInput = Omit<z.output<typeof packageLogInput>, 'signatureRequired' | 'photo'> & { signatureRequired?: boolean };
/** What a desk handover keeps as proof, each already checked and made small. */
export interface HandoverProof {
  signature?: StoredPicture;
  photo?: StoredPicture;
}
type ListInput = z.output<typeof packageListInput>;
type UpdateInput = z.output<typeof packageUpdateInput>;
type PutAsideInput = z.output<typeof packagePutAsideInput>;
type AssignInput = z.output<typeof packageAssignInput>;

/**
 * The front desk's package log: intake with carrier detection and duplicate refusal, the list,
 * hand-over, returns and edits (all audited), pickup at the door, notices, shelf checks, the
 * Overview and the export.
 */
export class PackageService {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: PackageDeps) {}

  detect(raw: string): PackageDetection {
    const tracking = this.tracking(raw);
    const found = detectCarrier(tracking);
    const waiting = this.deps.repos.packages.waitingByTracking(found.tracking);
    return {
      tracking: found.tracking,
      carrier: found.carrier,
      carrierName: found.carrierName,
      duplicate: waiting
        ? { recipientName: recipientName(waiting), unit: waiting.unit, loggedAt: new Date(waiting.loggedAt).toISOString() }
        : null,
    };
  }

  /** `label`: the label's photo, already checked and made small (AttachmentService.prepare), kept in the same transaction. */
  log(actor: Actor, input: LogInput, label: StoredPicture | null = null): PackageItem {
    const { tracking, carrierName } = this.intake(input);
    const recipient = this.activeRecipient(input.recipientId);
    const now = this.deps.clock.now();
    const row = this.deps.tx.run(() => {
      this.refuseDuplicate(tracking);
      const id = this.deps.repos.packages.insert({
        tracking,
        carrier: input.carrier,
        carrierName,
        recipientId: recipient.id,
        shelf: input.shelf ?? null,
        size: input.size,
        perishable: input.perishable,
        signatureRequired: input.signatureRequired ?? false,
        note: input.note ?? null,
        loggedBy: actor.staffId,
        loggedByName: actor.label,
        now,
      });
      const created = this.deps.repos.packages.byId(id)!;
      this.deps.audit.record(actor, 'package.logged', subject(recipient.id), {
        packageId: id,
        tracking,
        carrier: carrierLabel(created),
        shelf: created.shelf,
      });
      if (label) this.deps.attachments.keep(actor, { id, recipientId: recipient.id, tracking }, 'label', label);
      this.queueNotices(recipient, 'package_notice', now);
      this.changed([recipient.id]);
      return created;
    });
    return this.item(row, now);
  }

  /**
   * Logged with no recipient, into the Unmatched queue, with what was read off the label (its candidates by uid, so
   * the reading means the same on every node). Nobody is told until it is assigned.
   */
  putAside(actor: Actor, input: Omit<PutAsideInput, 'photo'>, label: StoredPicture | null = null): PackageItem {
    const { tracking, carrierName } = this.intake(input);
    const now = this.deps.clock.now();
    const row = this.deps.tx.run(() => {
      this.refuseDuplicate(tracking);
      const candidates = input.reading.candidates.map((c): StoredCandidate => {
        const uid = this.deps.repos.syncPackages.recipientUid(c.recipientId);
        if (uid === undefined) throw new ApiError('VALIDATION', message('packages.candidateGone'), 'reading');
        return { uid, score: c.score, why: c.why };
      });
      const reading = normalizeReading({ outcome: input.reading.outcome, shipTo: input.reading.shipTo, candidates });
      const id = this.deps.repos.packages.putAside({
        tracking,
        carrier: input.carrier,
        carrierName,
        shelf: input.shelf ?? null,
        size: input.size,
        perishable: input.perishable,
        note: input.note ?? null,
        loggedBy: actor.staffId,
        loggedByName: actor.label,
        now,
        reading: JSON.stringify(reading),
      });
      const created = this.deps.repos.packages.anyById(id)!;
      this.deps.audit.record(actor, 'package.put_aside', `package:${id}`, {
        packageId: id,
        tracking,
        carrier: carrierLabel(created),
        shelf: created.shelf,
        shipTo: reading.shipTo.length > 0 ? reading.shipTo.join(' / ') : null,
      });
      if (label) this.deps.attachments.keep(actor, { id, recipientId: null, tracking }, 'label', label);
      this.changed([]);
      return created;
    });
    return this.item(row, now);
  }

  /** An unmatched package given its recipient, who is told exactly as when a package is logged for them. */
  assign(actor: Actor, input: AssignInput): PackageItem {
    const to = this.activeRecipient(input.recipientId);
    const now = this.deps.clock.now();
    const row = this.deps.tx.run(() => {
      const p = this.deps.repos.packages.anyById(input.id);
      if (!p) throw new ApiError('NOT_FOUND', message('packages.notInLog'), 'id');
      if (p.recipientId !== null) {
        throw new ApiError(
          'CONFLICT',
          message('packages.alreadyAssigned', { tracking: p.tracking, recipient: recipientName(p), unit: p.unit }),
        );
      }
      if (p.status !== 'waiting') throw this.notHere(p);
      this.deps.repos.packages.assign(p.id, to.id, now, actor.label);
      const offered = this.item(p, now).putAside?.candidates.findIndex((c) => c.recipient.id === to.id) ?? -1;
      this.deps.audit.record(actor, 'package.assigned', subject(to.id), {
        packageId: p.id,
        tracking: p.tracking,
        recipient: `${recipientName(to)} (${to.unit})`,
        // Which of the label's candidates staff chose (1 = the first offered); null when found by search.
        candidate: offered < 0 ? null : offered + 1,
      });
      this.queueNotices(to, 'package_notice', now);
      this.changed([to.id]);
      return this.deps.repos.packages.byId(p.id)!;
    });
    return this.item(row, now);
  }

  /** How many packages wait in the Unmatched queue (the header's count). */
  unmatchedCount(): number {
    return this.deps.repos.packages.unmatchedCount();
  }

  list(input: ListInput): PackagePage {
    const { status } = input;
    const q: ListQuery = {
      status: status === 'unmatched' ? 'all' : status,
      sort: input.sort,
      limit: input.limit,
      ...(input.after && { after: input.after }),
    };
    const packages = this.deps.repos.packages;
    let rows: AnyPackageRow[];
    if (status === 'unmatched') rows = this.unmatched(input.query, q);
    else if (input.recipientId !== undefined) rows = packages.list({ ...q, recipientId: input.recipientId });
    else if (input.query === '') rows = packages.list(q);
    else rows = this.search(input.query, q);
    const now = this.deps.clock.now();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const more = rows.length > input.limit;
    return {
      items: this.withHolds(
        page.map((r) => toItem(r, now, this.personByUid, this.labelPhoto)),
        now,
      ),
      more,
      next: more && last ? { loggedAt: last.loggedAt, id: last.id } : null,
    };
  }

  get(id: number): PackageItem {
    const p = this.deps.repos.packages.anyById(id);
    if (!p) throw new ApiError('NOT_FOUND', message('packages.notInLog'), 'id');
    return this.item(p, this.deps.clock.now());
  }

  /**
   * Handed over at the desk, with its proof (a signature, a photo: already checked and made small) kept in the same
   * transaction; the site's "Signature at the desk" setting may require the signature. `proxy`: a person allowed to
   * collect chose at the desk (ProxyService.collector, which refuses one of another recipient, revoked or past their
   * day); their name is recorded as who collected it.
   */
  handOver(
    actor: Actor,
    id: number,
    typedName: string | null,
    proxy?: (recipientId: number) => { id: number; name: string },
    proof: HandoverProof = {},
  ): PackageItem {
    const now = this.deps.clock.now();
    return this.change(id, (p) => {
      if (!proof.signature && this.signatureNeeded(p))
        throw new ApiError('VALIDATION', message('attachments.signatureNeeded'), 'signature');
      const collector = proxy?.(p.recipientId);
      const collectedBy = collector ? collector.name : typedName;
      if (!this.deps.repos.packages.handOver(id, now, collectedBy, actor.label)) throw this.notHere(p);
      this.deps.audit.record(actor, 'package.handed_over', subject(p.recipientId), {
        packageId: id,
        tracking: p.tracking,
        // Null when the recipient collected it: the screens say so in their reader's language.
        collectedBy,
        ...(collector && { proxyId: collector.id }),
      });
      const pkg = { id, recipientId: p.recipientId, tracking: p.tracking };
      if (proof.signature) this.deps.attachments.keep(actor, pkg, 'signature', proof.signature);
      if (proof.photo) this.deps.attachments.keep(actor, pkg, 'handover', proof.photo);
      return [p.recipientId];
    });
  }

  /** Whether a desk handover of this package must come with the collector's signature (Settings → Packages). */
  signatureNeeded(p: Pick<PackageRow, 'signatureRequired'>): boolean {
    const setting = this.deps.settings.get().signatureAtDesk;
    return setting === 'always' || (setting === 'flagged' && p.signatureRequired);
  }

  returnToSender(actor: Actor, id: number, reason: string): PackageItem {
    const now = this.deps.clock.now();
    return this.change(id, (p) => {
      if (!this.deps.repos.packages.returnToSender(id, now, reason)) throw this.notHere(p);
      this.deps.audit.record(actor, 'package.returned', subject(p.recipientId), { packageId: id, tracking: p.tracking, reason });
      return [p.recipientId];
    });
  }

  /** Shelf, size, note, or the recipient when it was logged to the wrong person (who is then told). */
  update(actor: Actor, input: UpdateInput): PackageItem {
    const now = this.deps.clock.now();
    return this.change(input.id, (p) => {
      const moved = input.recipientId !== p.recipientId;
      const to = moved ? this.activeRecipient(input.recipientId) : null;
      const fields = { recipientId: input.recipientId, shelf: input.shelf ?? null, size: input.size, note: input.note ?? null };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (to) changes.recipient = { from: `${recipientName(p)} (${p.unit})`, to: `${recipientName(to)} (${to.unit})` };
      if (fields.shelf !== p.shelf) changes.shelf = { from: p.shelf, to: fields.shelf };
      if (fields.size !== p.size) changes.size = { from: p.size, to: fields.size };
      if (fields.note !== p.note) changes.note = { from: p.note, to: fields.note };
      if (Object.keys(changes).length === 0) return [];
      this.deps.repos.packages.update(p.id, fields, now);
      const details = { packageId: p.id, tracking: p.tracking, ...changes };
      this.deps.audit.record(actor, 'package.updated', subject(p.recipientId), details);
      if (!to) return [p.recipientId];
      this.deps.audit.record(actor, 'package.updated', subject(to.id), details);
      if (p.status === 'waiting') this.queueNotices(to, 'package_notice', now);
      return [p.recipientId, to.id];
    });
  }

  /** Found on the shelf after all: back to Waiting. */
  restore(actor: Actor, ids: readonly number[]): PackageItem[] {
    const now = this.deps.clock.now();
    const rows = this.deps.tx.run(() =>
      ids.map((id) => {
        const p = this.require(id);
        if (p.status === 'waiting') return p;
        const other = this.deps.repos.packages.waitingByTracking(p.tracking);
        if (other) {
          throw new ApiError(
            'CONFLICT',
            message('packages.alreadyWaiting', { tracking: p.tracking, recipient: recipientName(other), unit: other.unit }),
          );
        }
        this.deps.repos.packages.restore(id, now);
        this.deps.audit.record(actor, 'package.restored', subject(p.recipientId), { packageId: id, tracking: p.tracking, was: p.status });
        this.changed([p.recipientId]);
        return this.deps.repos.packages.byId(id)!;
      }),
    );
    return rows.map((r) => this.item(r, now));
  }

  /** Waiting but not on the shelf: Missing, and staff are alerted. */
  markMissing(actor: Actor, ids: readonly number[]): PackageItem[] {
    const now = this.deps.clock.now();
    const rows = this.deps.tx.run(() => {
      const marked = ids.map((id) => {
        const p = this.require(id);
        if (p.status !== 'waiting') throw this.notHere(p);
        this.deps.repos.packages.markMissing(id, now);
        this.deps.audit.record(actor, 'package.missing', subject(p.recipientId), { packageId: id, tracking: p.tracking, shelf: p.shelf });
        this.changed([p.recipientId]);
        return this.deps.repos.packages.byId(id)!;
      });
      this.deps.alerts.raise('package.missing', missingAlert(marked));
      return marked;
    });
    return rows.map((r) => this.item(r, now));
  }

  overview(): PackageOverview {
    const now = this.deps.clock.now();
    const packages = this.deps.repos.packages;
    const dayStarts = Array.from({ length: 31 }, (_, i) => localMidnight(now, i - 29));
    const logged = countPerDay(packages.loggedTimesSince(dayStarts[0]!), dayStarts);
    const pickedUp = countPerDay(packages.pickedUpTimesSince(dayStarts[0]!), dayStarts);
    const waitingTimes = packages.waitingLoggedTimes();
    const averageMs = packages.averagePickupMs(now - 30 * dayMs);
    return {
      waiting: waitingTimes.length,
      waitingByAge: ageBuckets(waitingTimes, now),
      pickedUpToday: pickedUp[pickedUp.length - 1] ?? 0,
      averageHoursToPickup: averageMs === null ? null : Math.round((averageMs / 3_600_000) * 10) / 10,
      perDay: logged.map((n, i) => ({ day: localDate(dayStarts[i]!), logged: n, pickedUp: pickedUp[i] ?? 0 })),
    };
  }

  /** The package log for a date range (local days, both included), for the UI's download. */
  exportCsv(from: string, to: string): PackageExport {
    const range = this.range(from, to);
    const rows = this.deps.repos.packages.countLoggedBetween(range.from, range.to);
    if (rows > maxExportRows) {
      throw new ApiError('VALIDATION', message('packages.tooManyToExport', { rows, max: maxExportRows }), 'from');
    }
    let csv = csvHeader();
    const proof = this.deps.repos.attachments.handoverProofBetween(range.from, range.to);
    for (const p of this.deps.repos.packages.loggedBetween(range.from, range.to)) csv += csvRow(p, proof.get(p.id));
    return { fileName: `packages-${from}-to-${to}.csv`, csv, rows };
  }

  /** The same CSV, written piece by piece (the CLI); returns the number of packages. */
  writeCsv(from: string, to: string, write: (chunk: string) => void): number {
    const range = this.range(from, to);
    write(csvHeader());
    let rows = 0;
    const proof = this.deps.repos.attachments.handoverProofBetween(range.from, range.to);
    for (const p of this.deps.repos.packages.loggedBetween(range.from, range.to)) {
      write(csvRow(p, proof.get(p.id)));
      rows++;
    }
    return rows;
  }

  /** Packages logged for `carrier` at or after `since`. */
  countLoggedSince(carrier: PackageRow['carrier'], since: number): number {
    return this.deps.repos.packages.countLoggedSince(carrier, since);
  }

  // ---- Pickup at the door ----

  /**
   * Called for every door event, after the relay command went out. The marking runs on a later turn
   * of the event loop and its failures are only logged: the door never waits for it or hears of it.
   */
  afterDoorEvent(event: DoorEvent): void {
    if (event.result !== 'granted' || event.via === 'staff' || event.recipientId === undefined) return;
    const recipientId = event.recipientId;
    const credential: PickupCredential = event.keyKind === 'single' ? 'single-access-pin' : event.via;
    const at = Date.parse(event.at);
    const collectedBy = event.proxyName ?? null;
    const work = new Promise<void>((resolve) =>
      setImmediate(() => {
        try {
          this.pickUpAtDoor(recipientId, credential, at, collectedBy);
        } catch (error) {
          log.error(`Marking the packages of recipient ${recipientId} picked up after a door entry failed.`, error);
        }
        resolve();
      }),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves once pickups started by door events so far are recorded (tests, the simulator). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private pickUpAtDoor(recipientId: number, credential: PickupCredential, at: number, collectedBy: string | null): void {
    this.deps.tx.run(() => {
      const picked = this.deps.repos.packages.pickUpAtDoor(recipientId, credential, at, at, collectedBy);
      if (picked.length === 0) return;
      this.deps.audit.record(doorActor, 'package.picked_up', subject(recipientId), {
        via: 'door',
        credential,
        // A proxy's name when a proxy PIN opened the door; null: the recipient.
        collectedBy,
        packages: picked.map((p) => p.tracking).join(', '),
      });
      this.changed([recipientId]);
    });
  }

  // ---- Reminders, escalation, recipients who left ----

  /**
   * What the schedule runs: reminders due now, packages waiting too long, recipients no longer active. On a node of
   * a site each reminder and escalation is claimed instead, and sent by the node whose claim wins (decideClaims).
   */
  runDue(): void {
    const now = this.deps.clock.now();
    const settings = this.deps.settings.get();
    const waiting = this.deps.repos.packages.waiting();
    const plans = this.reminderPlans(waiting, now);
    const late = dueForEscalation(this.countedWaiting(waiting, now), settings.packageEscalationDays, now).map((p) =>
      waiting.find((w) => w.id === p.id)!,
    );
    const { claims } = this.deps;
    if (claims?.enabled()) {
      const sync = this.deps.repos.syncPackages;
      this.deps.tx.run(() => {
        for (const plan of plans) {
          const recipientUid = sync.recipientUid(plan.recipientId);
          if (recipientUid) claims.ask(claimName({ kind: 'reminder', recipientUid, day: localDate(now) }), now);
        }
        for (const p of late) {
          const packageUid = sync.packageUid(p.id);
          if (packageUid) claims.ask(claimName({ kind: 'escalation', packageUid }), now);
        }
        for (const hold of this.endingHolds(now)) claims.ask(claimName({ kind: 'holdEnd', holdUid: hold.uid }), now);
      });
      this.decideClaims();
    } else {
      this.deps.tx.run(() => {
        for (const plan of plans) this.remind(plan, waiting, now);
        if (late.length > 0) this.escalate(late, settings.packageEscalationDays, now);
        for (const hold of this.endingHolds(now)) this.endHold(hold, now);
      });
    }
    this.reviewInactive();
    this.reviewHoldReturns(now);
  }

  /**
   * After claims arrived from other nodes (the applier's commit): this node answers each round it has not claimed
   * yet with its own claim, then decides what it can.
   */
  answerClaims(): void {
    const { claims } = this.deps;
    if (!claims?.enabled()) return;
    this.deps.tx.run(() => claims.answerAll(this.deps.clock.now()));
    this.decideClaims();
  }

  /** Decides this node's open claims and, in the same transaction, sends what it won, if it is still due. */
  decideClaims(): void {
    const { claims } = this.deps;
    if (!claims?.enabled()) return;
    const now = this.deps.clock.now();
    const settings = this.deps.settings.get();
    const sync = this.deps.repos.syncPackages;
    this.deps.tx.run(() => {
      const won = claims.decide(now).map(parseClaim);
      if (won.length === 0) return;
      const waiting = this.deps.repos.packages.waiting();
      const late: PackageRow[] = [];
      for (const subject of won) {
        if (subject?.kind === 'reminder') {
          const recipientId = sync.recipientId(subject.recipientUid);
          const plan = this.reminderPlans(waiting, now).find((p) => p.recipientId === recipientId);
          if (plan) this.remind(plan, waiting, now);
        } else if (subject?.kind === 'escalation') {
          const id = sync.packageId(subject.packageUid);
          const p = waiting.find((w) => w.id === id && w.escalatedAt === null);
          if (p) late.push(p);
        } else if (subject?.kind === 'holdEnd') {
          const hold = this.deps.repos.holds.byUid(subject.holdUid);
          if (hold && endNoticeDue(hold, now, calendar)) this.endHold(hold, now);
        }
      }
      if (late.length > 0) this.escalate(late, settings.packageEscalationDays, now);
    });
  }

  private reminderPlans(waiting: PackageRow[], now: number): ReminderPlan[] {
    const reminderDays = parseReminderDays(this.deps.settings.get().packageReminderDays);
    const active = waiting.filter((p) => p.recipientStatus === 'active');
    return reminderDays.ok ? planReminders(this.countedWaiting(active, now), reminderDays.days, now, localDay) : [];
  }

  /**
   * The waiting packages as reminders and escalation count them: none of a recipient on hold now, and after a hold
   * each counts its waiting from the hold's end (domain/holds.ts `waitingSince`: no burst of missed reminders).
   */
  private countedWaiting(rows: PackageRow[], now: number): WaitingPackage[] {
    if (rows.length === 0) return [];
    const holds = this.deps.holds.byRecipient(
      rows.map((p) => p.recipientId),
      oldest(rows.map((p) => p.loggedAt)),
    );
    return rows.flatMap((p) => {
      const since = waitingSince(p.loggedAt, holds.get(p.recipientId) ?? [], now, calendar);
      return since === null ? [] : [{ ...asWaiting(p), loggedAt: since }];
    });
  }

  /** Holds whose one end notice is due now (ended, or cancelled while in force, and not yet announced anywhere). */
  private endingHolds(now: number) {
    // endNoticeDue only looks back endNoticeWithinMs (3 days): older holds cannot be due.
    return this.deps.repos.holds.awaitingEndNotice(localDate(now - 4 * dayMs)).filter((h) => endNoticeDue(h, now, calendar));
  }

  /** In the caller's transaction: the end notice of `hold`, listing what waits, if anything does; marked sent either way. */
  private endHold(hold: { id: number; recipientId: number }, now: number): void {
    const recipient = this.deps.repos.recipients.byId(hold.recipientId);
    const waiting = this.deps.repos.packages.waiting().filter((p) => p.recipientId === hold.recipientId);
    const notify = recipient !== undefined && recipient.status === 'active' && waiting.length > 0;
    if (notify) this.queueNotices(recipient, 'hold_ended', now);
    this.deps.repos.holds.markEndNotice(hold.id, now);
    this.deps.audit.record(scheduleActor, 'hold.ended', subject(hold.recipientId), {
      packages: notify ? waiting.map((p) => p.tracking).join(', ') : null,
    });
    this.deps.tx.onCommit(() => this.deps.events.emit('holds.changed', { recipientId: hold.recipientId }));
  }

  /**
   * Packages that arrived during a `return` hold and whose day to go back came: alert once per package; the list marks
   * them "Return to sender?". Alerts are shared, so on a site only the node that runs the roster import raises them
   * (every node's list shows the marker).
   */
  private reviewHoldReturns(now: number): void {
    const node = this.deps.repos.sync.node();
    if (node.site !== null && node.rosterNode !== node.nodeName) return;
    const waiting = this.deps.repos.packages.waiting();
    if (waiting.length === 0) return;
    const holds = this.deps.holds.byRecipient(
      waiting.map((p) => p.recipientId),
      oldest(waiting.map((p) => p.loggedAt)),
    );
    const due = waiting.filter((p) => {
      const hold = this.deps.holds.packageHold(holds.get(p.recipientId), p.loggedAt, now);
      return hold?.returnBy != null && calendar.startOf(hold.returnBy) <= now;
    });
    const alerted = this.deps.repos.holds.returnAlerted(due.map((p) => p.id));
    const fresh = due.filter((p) => !alerted.has(p.id));
    if (fresh.length === 0) return;
    const byRecipient = new Map<number, PackageRow[]>();
    for (const p of fresh) byRecipient.set(p.recipientId, [...(byRecipient.get(p.recipientId) ?? []), p]);
    this.deps.tx.run(() => {
      for (const [recipientId, packages] of byRecipient) {
        for (const p of packages) this.deps.repos.holds.setReturnAlerted(p.id, now);
        const first = packages[0]!;
        this.deps.alerts.raise(
          'package.holdReturn',
          message('holds.alert.returnDue', {
            recipient: recipientName(first),
            unit: first.unit,
            count: packages.length,
            trackings: packages.map((p) => p.tracking).join(', '),
          }),
        );
        this.changed([recipientId]);
      }
    });
  }

  /** The hold beside each package (until when its recipient is away, the day it goes back), one query for the page. */
  private withHolds(items: PackageItem[], now: number): PackageItem[] {
    // A package put aside has no recipient yet, so no hold.
    const matched = items.filter((i) => i.recipient !== null);
    if (matched.length === 0) return items;
    const holds = this.deps.holds.byRecipient(
      matched.map((i) => i.recipient!.id),
      oldest(matched.map((i) => Date.parse(i.loggedAt))),
    );
    return items.map((item) => {
      const hold = item.recipient && this.deps.holds.packageHold(holds.get(item.recipient.id), Date.parse(item.loggedAt), now);
      if (!hold) return item;
      const goesBack = item.status === 'waiting' && hold.returnBy !== null && calendar.startOf(hold.returnBy) <= now;
      return { ...item, hold, returnToSender: item.returnToSender || goesBack };
    });
  }

  private remind(plan: ReminderPlan, waiting: PackageRow[], now: number): void {
    const recipient = this.deps.repos.recipients.byId(plan.recipientId);
    if (!recipient) return;
    this.queueNotices(recipient, 'package_reminder', now);
    for (const [id, sent] of plan.remindersSent) this.deps.repos.packages.setReminded(id, sent, now);
    this.deps.audit.record(scheduleActor, 'package.reminder', subject(recipient.id), {
      packages: plan.packageIds.map((id) => waiting.find((p) => p.id === id)?.tracking).join(', '),
    });
  }

  private escalate(late: PackageRow[], days: number, now: number): void {
    for (const p of late) this.deps.repos.packages.setEscalated(p.id, now);
    this.deps.alerts.raise('package.waiting', waitingAlert(late, days));
  }

  /** Recipients deactivated (by staff or an import) with packages waiting: alert once; the list marks them "Return to sender?". */
  reviewInactive(): void {
    const now = this.deps.clock.now();
    const left = this.deps.repos.packages.waiting().filter((p) => p.recipientStatus !== 'active' && p.inactiveAlertedAt === null);
    if (left.length === 0) return;
    const byRecipient = new Map<number, PackageRow[]>();
    for (const p of left) byRecipient.set(p.recipientId, [...(byRecipient.get(p.recipientId) ?? []), p]);
    this.deps.tx.run(() => {
      for (const [recipientId, packages] of byRecipient) {
        for (const p of packages) this.deps.repos.packages.setInactiveAlerted(p.id, now);
        const first = packages[0]!;
        this.deps.alerts.raise(
          'package.inactive',
          message('packages.alert.inactive', {
            recipient: recipientName(first),
            unit: first.unit,
            count: packages.length,
            trackings: packages.map((p) => p.tracking).join(', '),
          }),
        );
        this.changed([recipientId]);
      }
    });
  }

  // ---- Shelf check ----

  currentShelfCheck(): ShelfCheck | null {
    const check = this.deps.repos.packages.openCheck();
    if (!check) return null;
    return {
      id: check.id,
      startedAt: new Date(check.startedAt).toISOString(),
      startedBy: check.startedByName,
      scans: this.deps.repos.packages.scans(check.id).map((t) => this.scanInfo(t)),
    };
  }

  /** Starts a check, or returns the one already under way (a check can span a break or a reload). */
  startShelfCheck(actor: Actor): ShelfCheck {
    this.deps.tx.run(() => {
      if (this.deps.repos.packages.openCheck()) return;
      const id = this.deps.repos.packages.startCheck(this.deps.clock.now(), actor.staffId, actor.label);
      this.deps.audit.record(actor, 'package.shelf_check_started', `shelf_check:${id}`);
    });
    return this.currentShelfCheck()!;
  }

  shelfCheckScan(checkId: number, raw: string): ShelfCheckScan {
    this.openCheck(checkId);
    const { tracking } = detectCarrier(this.tracking(raw));
    this.deps.repos.packages.addScan(checkId, tracking, this.deps.clock.now());
    return this.scanInfo(tracking);
  }

  finishShelfCheck(actor: Actor, checkId: number): ShelfCheckResult {
    const check = this.openCheck(checkId);
    const now = this.deps.clock.now();
    const packages = this.deps.repos.packages;
    const scanned = packages.scans(checkId);
    const asCheck = (p: PackageRow): CheckPackage => ({ id: p.id, tracking: p.tracking, status: p.status, loggedAt: p.loggedAt });
    const waiting = packages.waiting();
    const latest = new Map<string, PackageRow>();
    for (const t of scanned) {
      const p = packages.latestByTracking(t);
      if (p) latest.set(t, p);
    }
    const found = reconcile(scanned, waiting.map(asCheck), new Map([...latest].map(([t, p]) => [t, asCheck(p)])), check.startedAt);
    const rows = new Map([...waiting, ...latest.values()].map((p) => [p.id, p]));
    const summary = {
      scanned: scanned.length,
      notWaitingButFound: found.notWaitingButFound.map((p) => p.tracking),
      waitingNotFound: found.waitingNotFound.map((p) => p.tracking),
      neverLogged: found.neverLogged,
    };
    this.deps.tx.run(() => {
      packages.endCheck(checkId, 'finished', now, summary);
      this.deps.audit.record(actor, 'package.shelf_check_finished', `shelf_check:${checkId}`, {
        // Tracking numbers under keys the Activity screen words in the reader's language (rows written before
        // had English labels and 'none', and read as stored).
        scanned: summary.scanned,
        notWaitingButFound: summary.notWaitingButFound.length > 0 ? summary.notWaitingButFound : null,
        waitingNotFound: summary.waitingNotFound.length > 0 ? summary.waitingNotFound : null,
        neverLogged: summary.neverLogged.length > 0 ? summary.neverLogged : null,
      });
    });
    const items = (list: CheckPackage[]) => list.map((p) => this.item(rows.get(p.id)!, now));
    return {
      id: checkId,
      finishedAt: new Date(now).toISOString(),
      scanned: scanned.length,
      notWaitingButFound: items(found.notWaitingButFound),
      waitingNotFound: items(found.waitingNotFound),
      neverLogged: found.neverLogged,
    };
  }

  cancelShelfCheck(actor: Actor, checkId: number): void {
    this.openCheck(checkId);
    this.deps.tx.run(() => {
      this.deps.repos.packages.endCheck(checkId, 'cancelled', this.deps.clock.now(), null);
      this.deps.audit.record(actor, 'package.shelf_check_cancelled', `shelf_check:${checkId}`);
    });
  }

  // ---- Helpers ----

  private item(p: AnyPackageRow, now: number): PackageItem {
    return this.withHolds([toItem(p, now, this.personByUid, this.labelPhoto)], now)[0]!;
  }

  private readonly labelPhoto: LabelPhoto = (packageId) =>
    this.deps.attachments.list(packageId).find((a) => a.kind === 'label' && a.deletedAt === null)?.uid ?? null;

  private readonly personByUid: PersonByUid = (uid) => {
    const id = this.deps.repos.syncPackages.recipientId(uid);
    return id === undefined ? undefined : this.deps.repos.recipients.byId(id);
  };

  /** The tracking number as stored and the carrier's name, as logging and putting aside take them. */
  private intake(input: Pick<LogInput, 'tracking' | 'carrier' | 'carrierName'>): { tracking: string; carrierName: string | null } {
    const { tracking, carrierName: detectedName } = detectCarrier(this.tracking(input.tracking));
    const carrierName = input.carrier === 'other' ? (input.carrierName ?? detectedName) : null;
    if (input.carrier === 'other' && !carrierName) {
      throw new ApiError('VALIDATION', message('packages.carrierName'), 'carrierName');
    }
    return { tracking, carrierName };
  }

  /** The same number cannot wait twice, whether for a recipient or in the Unmatched queue. */
  private refuseDuplicate(tracking: string): void {
    const already = this.deps.repos.packages.waitingByTracking(tracking);
    if (already) {
      const { unit, loggedAt, loggedByName: loggedBy } = already;
      const refused = message('packages.alreadyLogged', { tracking, recipient: recipientName(already), unit, loggedAt, loggedBy });
      throw new ApiError('CONFLICT', refused, 'tracking');
    }
    const aside = this.deps.repos.packages.unmatchedByTracking(tracking);
    if (aside) {
      throw new ApiError(
        'CONFLICT',
        message('packages.alreadyPutAside', { tracking, loggedAt: aside.loggedAt, loggedBy: aside.loggedByName }),
        'tracking',
      );
    }
  }

  /** A page of the Unmatched queue; a search narrows it by tracking number (there is no recipient to search by). */
  private unmatched(text: string, q: ListQuery): AnyPackageRow[] {
    if (text === '') return this.deps.repos.packages.unmatched(q);
    const asTracking = normalizeTracking(text);
    return asTracking.ok ? this.deps.repos.packages.unmatched(q, detectCarrier(asTracking.tracking).tracking) : [];
  }

  /** A page of packages whose number starts with `text` or whose recipient matches it: each query's page after the cursor, merged. */
  private search(text: string, q: ListQuery): PackageRow[] {
    const asTracking = normalizeTracking(text);
    const byTracking = asTracking.ok ? this.deps.repos.packages.searchTracking(detectCarrier(asTracking.tracking).tracking, q) : [];
    const match = toFtsQuery(text);
    const byRecipient = match ? this.deps.repos.packages.searchRecipients(match, q) : [];
    const merged = new Map([...byTracking, ...byRecipient].map((p) => [p.id, p]));
    return [...merged.values()].sort(listOrder(q.sort)).slice(0, q.limit + 1);
  }

  private queueNotices(recipient: RecipientRow, template: PackageTemplate, now: number): void {
    const settings = this.deps.settings.get();
    const windowMs = template === 'package_notice' ? settings.packageNoticeBatchMinutes * 60_000 : 0;
    const accessKeyId = settings.packageNoticeIncludePin ? (this.deps.repos.accessKeys.activePermanent(recipient.id)?.id ?? null) : null;
    const via = recipient.packageNotices ?? 'both';
    const channels: [Channel, string | null][] = [
      ['email', via === 'sms' ? null : recipient.email],
      ['sms', via === 'email' ? null : recipient.phone],
    ];
    for (const [channel, destination] of channels) {
      if (!destination) continue;
      const plan = planNotice(this.deps.notifier.pendingUntried(recipient.id, channel, template), now, windowMs);
      if (plan.kind === 'new') {
        this.deps.notifier.enqueue({ channel, recipientId: recipient.id, accessKeyId, template, destination, dueAt: plan.dueAt });
      }
    }
    this.queueProxyNotices(recipient.id, template, windowMs, now);
  }

  /**
   * The recipient's proxies with a phone or email get the same notice, saying for whom, batched as the
   * recipient's is (one per proxy per batch) and without the recipient's PIN.
   */
  private queueProxyNotices(recipientId: number, template: PackageTemplate, windowMs: number, now: number): void {
    const today = localDate(now);
    for (const proxy of this.deps.repos.proxies.reachable(recipientId)) {
      if (!proxyActive({ revoked: false, untilDate: proxy.untilDate }, today)) continue;
      const channels: [Channel, string | null][] = [
        ['email', proxy.email],
        ['sms', proxy.phone],
      ];
      for (const [channel, destination] of channels) {
        if (!destination) continue;
        const plan = planNotice(this.deps.notifier.pendingUntried(recipientId, channel, template, proxy.id), now, windowMs);
        if (plan.kind === 'new') {
          this.deps.notifier.enqueue({
            channel,
            recipientId,
            accessKeyId: null,
            template,
            destination,
            dueAt: plan.dueAt,
            proxyId: proxy.id,
          });
        }
      }
    }
  }

  private change(id: number, apply: (p: PackageRow) => number[]): PackageItem {
    const row = this.deps.tx.run(() => {
      const p = this.require(id);
      const touched = apply(p);
      if (touched.length > 0) this.changed(touched);
      return this.deps.repos.packages.byId(id)!;
    });
    return this.item(row, this.deps.clock.now());
  }

  private changed(recipientIds: number[]): void {
    this.deps.tx.onCommit(() => this.deps.events.emit('packages.changed', { recipientIds }));
  }

  private tracking(raw: string): string {
    const check = normalizeTracking(raw);
    if (!check.ok) throw new ApiError('VALIDATION', check.reason, 'tracking');
    return check.tracking;
  }

  private range(from: string, to: string): { from: number; to: number } {
    const start = parseLocalDate(from);
    const end = localMidnight(parseLocalDate(to), 1);
    if (end <= start) throw new ApiError('VALIDATION', message('packages.endBeforeStart'), 'to');
    return { from: start, to: end };
  }

  /** An assigned package: what is done to a package (hand over, return, edit…) waits until an unmatched one is assigned. */
  private require(id: number): PackageRow {
    const p = this.deps.repos.packages.anyById(id);
    if (!p) throw new ApiError('NOT_FOUND', message('packages.notInLog'), 'id');
    if (p.recipientId === null) throw new ApiError('CONFLICT', message('packages.assignFirst', { tracking: p.tracking }), 'id');
    return p;
  }

  private activeRecipient(id: number): RecipientRow {
    const r = this.deps.repos.recipients.byId(id);
    if (!r) throw new ApiError('NOT_FOUND', message('packages.recipientGone'), 'recipientId');
    if (r.status !== 'active') {
      throw new ApiError('CONFLICT', message('packages.recipientInactive', { name: recipientName(r) }), 'recipientId');
    }
    return r;
  }

  private notHere(p: AnyPackageRow): ApiError {
    return new ApiError('CONFLICT', message(`packages.cannotBeDone.${p.status}`, { tracking: p.tracking }));
  }

  private openCheck(checkId: number) {
    const check = this.deps.repos.packages.openCheck();
    if (!check || check.id !== checkId) {
      throw new ApiError('CONFLICT', message('packages.shelfCheckEnded'), 'checkId');
    }
    return check;
  }

  private scanInfo(tracking: string): ShelfCheckScan {
    const p = this.deps.repos.packages.latestByTracking(tracking);
    return { tracking, known: p ? { status: p.status, recipientName: recipientName(p), shelf: p.shelf } : null };
  }
}

/** The earliest of many times (a spread into Math.min overflows the call stack on a large log). */
const oldest = (times: number[]): number => times.reduce((a, b) => Math.min(a, b), Infinity);

const asWaiting = (p: PackageRow): WaitingPackage => ({
  id: p.id,
  recipientId: p.recipientId,
  loggedAt: p.loggedAt,
  remindersSent: p.remindersSent,
  lastRemindedAt: p.lastRemindedAt,
  escalatedAt: p.escalatedAt,
});

// One package is a whole sentence in every language. Several are listed in one parameter, with the
// English glue ("for", "shelf"): a sentence's parameters are plain strings, so a list cannot be translated item by item.
const listed = (p: PackageRow, shelf: string) => `${p.tracking} for ${recipientName(p)} (${p.unit})${shelf}`;
const onePackage = (p: PackageRow) => ({ tracking: p.tracking, recipient: recipientName(p), unit: p.unit });

function missingAlert(marked: PackageRow[]): Message {
  const [only] = marked;
  if (marked.length === 1 && only) {
    return only.shelf
      ? message('packages.alert.missingOneShelf', { ...onePackage(only), shelf: only.shelf })
      : message('packages.alert.missingOne', onePackage(only));
  }
  const list = marked.map((p) => listed(p, p.shelf ? `, shelf ${p.shelf}` : '')).join('; ');
  return message('packages.alert.missingMany', { count: marked.length, list });
}

function waitingAlert(late: PackageRow[], days: number): Message {
  const [only] = late;
  if (late.length === 1 && only) {
    return only.shelf
      ? message('packages.alert.waitingOne', { ...onePackage(only), days, shelf: only.shelf })
      : message('packages.alert.waitingOneNoShelf', { ...onePackage(only), days });
  }
  const list = late.map((p) => listed(p, `, shelf ${p.shelf ?? 'not recorded'}`)).join('; ');
  return message('packages.alert.waitingMany', { count: late.length, days, list });
}
