// The label thread (started by LabelReader): loads the barcode and OCR models once, then reads each picture it is
// sent against the roster, which it reads itself over a read-only connection. The door's thread never runs a model.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { matchLabel, type RosterEntry } from '../../domain/labels/match';
import { labelTracking } from '../../domain/labels/tracking';
import { openReadOnly } from '../../db/readOnly';
import { LabelRepository } from '../../db/repositories/labels';
import { threadData, yieldToMainThread } from '../../threads';
import { LabelEngine } from './engine';
import type { LabelPerson, LabelReading } from './reading';
import type { FromLabelThread, LabelThreadData, ToLabelThread } from './thread';

yieldToMainThread();
const port = parentPort!;
const post = (message: FromLabelThread) => port.postMessage(message);
const { database, paths } = threadData<LabelThreadData>();

const started = performance.now();
const loading = LabelEngine.load(paths);
loading.then(
  () => post({ type: 'ready', coldMs: Math.round(performance.now() - started) }),
  (error: unknown) => post({ type: 'unavailable', message: String(error) }),
);

const repo = new LabelRepository(openReadOnly(database.file, database.nativeBinding));
let roster: { version: string; entries: RosterEntry[]; byId: Map<number, RosterEntry> } | null = null;

function currentRoster() {
  const version = repo.rosterVersion();
  if (roster?.version !== version) {
    const entries = repo.roster();
    roster = { version, entries, byId: new Map(entries.map((e) => [e.id, e])) };
  }
  return roster;
}

const person = (e: RosterEntry): LabelPerson => ({
  id: e.id,
  residentId: e.residentId,
  name: `${e.firstName} ${e.lastName}`,
  unit: e.unit,
});

async function read(bytes: Uint8Array): Promise<LabelReading> {
  const began = performance.now();
  const engine = await loading;
  const seen = await engine.read(bytes);
  const ms = () => Math.round(performance.now() - began);
  if (!seen.ok) {
    return {
      problem: seen.problem,
      tracking: null,
      carrier: null,
      carrierName: null,
      trackingFrom: null,
      outcome: 'unreadable',
      recipient: null,
      candidates: [],
      confidence: 0,
      formerResident: null,
      shipTo: [],
      ms: ms(),
    };
  }
  const tracking = labelTracking(seen.barcodes, seen.lines);
  const { byId, entries } = currentRoster();
  const match = matchLabel(seen.lines, entries);
  const former = match.formerResident ? byId.get(match.formerResident.id) : undefined;
  return {
    problem: null,
    tracking: tracking?.tracking ?? null,
    carrier: tracking?.carrier ?? null,
    carrierName: tracking?.carrierName ?? null,
    trackingFrom: tracking?.from ?? null,
    outcome: match.outcome,
    recipient: match.recipientId === null ? null : person(byId.get(match.recipientId)!),
    candidates: match.candidates.map((c) => ({ ...person(byId.get(c.id)!), score: c.score, why: c.why })),
    confidence: match.confidence,
    formerResident: former ? { ...person(former), moveOut: former.moveOut } : null,
    shipTo: match.shipTo.names,
    ms: ms(),
  };
}

// One picture at a time, in the order they came: the models are one each.
let queue: Promise<void> = Promise.resolve();
port.on('message', ({ id, bytes }: ToLabelThread) => {
  queue = queue.then(async () => {
    try {
      post({ type: 'read', id, reading: await read(bytes) });
    } catch (error) {
      post({ type: 'failed', id, message: String(error) });
    }
  });
});
