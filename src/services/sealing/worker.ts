// The sealing thread (started by SealingThread): draws and seals PINs and QR codes for a bulk import, so
// that the crypto, and the garbage collection of its objects, never pause the door's event loop.
import { parentPort } from 'node:worker_threads';
import { DataKeys } from '../../secrets';
import { threadData, yieldToMainThread } from '../../threads';
import { packSealed, sealCredential, type SealedCredential } from './seal';
import type { FromSealingThread, ToSealingThread } from './thread';

yieldToMainThread();
const port = parentPort!;
const post = (message: FromSealingThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const keys = new DataKeys(Buffer.from(threadData<{ dataKey: Uint8Array }>().dataKey));
// Every PIN this thread hands out differs from the others (the database check comes when they are stored).
const drawn = new Set<string>();

port.on('message', ({ id, count }: ToSealingThread) => {
  const sealed: SealedCredential[] = [];
  while (sealed.length < count) {
    const { pin, sealed: credential } = sealCredential(keys, (p) => drawn.has(p));
    drawn.add(pin);
    sealed.push(credential);
  }
  const { bytes, ends } = packSealed(sealed);
  post({ id, bytes, ends }, [bytes, ends.buffer as ArrayBuffer]);
});
