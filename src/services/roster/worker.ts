// The roster preview's own thread (started by PreviewThreads): its own read-only connection, and its own
// heap, so parsing a large file and holding the whole roster never pauses the door's event loop.
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../contract';
import { openReadOnly } from '../../db/readOnly';
import { RecipientRepository, type RosterRecipient } from '../../db/repositories/recipients';
import { threadData, yieldToMainThread } from '../../threads';
import { fingerprintNow, rosterFingerprint } from './fingerprint';
import { preparePreview, type RosterSnapshot } from './prepare';
import type { FromPreviewThread, PreviewThreadData } from './thread';

const readPage = 5000;
yieldToMainThread();
const port = parentPort!;
const post = (message: FromPreviewThread) => port.postMessage(message);
const { file, nativeBinding, request, size } = threadData<PreviewThreadData>();

const db = openReadOnly(file, nativeBinding);
const recipients = new RecipientRepository(db);
post({ type: 'started' });

// One read transaction: the fingerprint and the rows are the same moment of the roster.
const readRoster = async (): Promise<RosterSnapshot> =>
  db.transaction(() => {
    const fingerprint = fingerprintNow(rosterFingerprint(recipients));
    const existing: RosterRecipient[] = [];
    for (let page = recipients.forRoster(0, readPage); page.length > 0; page = recipients.forRoster(page.at(-1)!.id, readPage)) {
      for (const recipient of page) existing.push(recipient);
    }
    return { fingerprint, existing, handAdded: recipients.handAdded() };
  })();

const preview = (bytes: Uint8Array) =>
  preparePreview({ ...request, bytes }, readRoster, (phase, done, total) => post({ type: 'progress', phase, done, total }))
    .then(
      (prepared) => post({ type: 'done', prepared }),
      (error: unknown) =>
        post({
          type: 'failed',
          error: error instanceof ApiError ? error.toBody() : null,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    )
    .finally(() => db.close());

const pieces: Uint8Array[] = [];
let received = 0;
const receive = (piece: Uint8Array) => {
  pieces.push(piece);
  received += piece.length;
  if (received < size) return;
  port.off('message', receive);
  void preview(Buffer.concat(pieces));
};
if (size === 0) void preview(new Uint8Array(0));
else port.on('message', receive);
