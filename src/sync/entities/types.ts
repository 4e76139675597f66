import type { z } from 'zod';
import type { EventName, Events, Message } from '../../contract';
import type { Repositories } from '../../db/repositories';
import type { Stamp } from '../../domain/sync/hlc';
import type { AlertKind } from '../../services/alerts/service';

/** What an entity's `apply` may use: it runs inside the applier's transaction, with the capture triggers off. */
export interface ApplyContext {
  repos: Repositories;
  /** The change's stamp: (HLC, origin node uid), the order the conflict rules compare. */
  stamp: Stamp;
  /** The other node's name, for logs and alerts. */
  nodeName: string;
  /** This node's time (ms) when applying. */
  now: number;
  /** A core event to emit once the transaction commits, as the local change would have (screens refresh, rules run). */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** An alert to raise once the transaction commits (a conflict staff must settle by hand). */
  raise(kind: AlertKind, sentence: Message): void;
  /**
   * An alert raised now, inside the applying transaction: this node's own, never copied to the others (the capture
   * triggers are off while applying), for a rule every node applies alike and alerts about once (a double use).
   */
  raiseHere(kind: AlertKind, sentence: Message): void;
}

/** The part of a change event that belongs to one kind of record; the envelope is checked before (src/sync/event.ts). */
export interface EntityChange {
  entity: string;
  uid: string;
  fields: Record<string, unknown>;
  status: unknown;
}

/**
 * One kind of record the nodes of a site share (docs/architecture.md, "What is shared, and how conflicts end"):
 * its name on the wire and in `sync_outbox.entity`, the schema its changes must pass, and what applying one does.
 * Its capture is SQL triggers writing `sync_outbox` (a migration); its conflict rule is pure (src/domain/sync/).
 */
export interface SharedEntity<C extends EntityChange = EntityChange> {
  readonly name: string;
  /** Checks `entity`, `uid`, `fields` and `status` of an incoming change; a change that fails is skipped, never half-applied. */
  readonly change: z.ZodType<C>;
  /** Merges the change into this node's rows by the entity's rule. Throws to refuse the write (the change is held and tried again). */
  apply(change: C, ctx: ApplyContext): void;
  /**
   * How staff recognise the record `uid` that a change is about (the alert for a change held too long), from this
   * node's row or, for a creation, from the change itself; undefined when neither says.
   */
  describe?(uid: string, fields: Record<string, unknown>, repos: Repositories): Message | undefined;
  /** The local core events after which this node's outbox has this entity's changes: they wake the publisher at once. */
  readonly localEvents: readonly EventName[];
}

/** Declares an entity with its change type inferred from its schema. */
export const sharedEntity = <C extends EntityChange>(entity: SharedEntity<C>): SharedEntity<C> => entity;
