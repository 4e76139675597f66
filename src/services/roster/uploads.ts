import type { z } from 'zod';
import { ApiError, message, type RosterUploadReceipt } from '../../contract';
import type { rosterUploadInput } from '../../contract/roster';
import type { Clock } from '../../clock';
import { ExpiringStore } from './store';

interface Upload {
  fileName: string;
  bytes: Buffer;
  received: number;
}

const uploadTtlMs = 30 * 60_000;
// Each upload can hold up to 60 MB: two at once covers a retry while an abandoned one expires.
const maxUploads = 2;

/** Files arriving from the staff UI in chunks (see rosterUploadLimits), kept until previewed or abandoned. */
export class RosterUploads {
  private readonly store: ExpiringStore<Upload>;

  constructor(clock: Clock) {
    this.store = new ExpiringStore(clock, uploadTtlMs, maxUploads);
  }

  receive(input: z.output<typeof rosterUploadInput>): RosterUploadReceipt {
    const chunk = Buffer.from(input.data, 'base64');
    let uploadId = input.uploadId;
    let upload: Upload | undefined;
    if (uploadId === undefined) {
      if (input.offset !== 0) throw restart();
      upload = { fileName: input.fileName, bytes: Buffer.alloc(input.size), received: 0 };
      uploadId = this.store.add(upload).id;
    } else {
      upload = this.store.get(uploadId);
      if (!upload || upload.bytes.length !== input.size || upload.fileName !== input.fileName) throw restart();
    }
    if (input.offset !== upload.received || upload.received + chunk.length > upload.bytes.length) throw restart();
    chunk.copy(upload.bytes, upload.received);
    upload.received += chunk.length;
    return { uploadId, received: upload.received, size: upload.bytes.length };
  }

  /** The whole file, once every chunk has arrived. */
  file(uploadId: string): { fileName: string; bytes: Buffer } {
    const upload = this.store.get(uploadId);
    if (!upload) throw new ApiError('NOT_FOUND', message('roster.upload.expired'), 'uploadId');
    if (upload.received < upload.bytes.length) throw new ApiError('CONFLICT', message('roster.upload.unfinished'), 'uploadId');
    return { fileName: upload.fileName, bytes: upload.bytes };
  }

  discard(uploadId: string): void {
    this.store.delete(uploadId);
  }
}

function restart(): ApiError {
  return new ApiError('CONFLICT', message('roster.upload.partMissing'), 'uploadId');
}
