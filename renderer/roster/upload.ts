import { rosterUploadLimits } from '../../src/contract';
import { invoke } from '../api/client';
import { i18n } from '../i18n';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments: 32 KB at a time stays far below any engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends the file in chunks the API accepts; returns the upload id the preview takes. */
export async function uploadRosterFile(file: File, onProgress: (done: number, total: number) => void): Promise<string> {
  if (file.size === 0) throw new Error(i18n.t('roster.choose.empty'));
  if (file.size > rosterUploadLimits.maxBytes)
    throw new Error(i18n.t('roster.choose.tooLarge', { size: rosterUploadLimits.maxBytes / 1024 / 1024 }));
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.size; offset += rosterUploadLimits.chunkBytes) {
    const chunk = new Uint8Array(await file.slice(offset, offset + rosterUploadLimits.chunkBytes).arrayBuffer());
    const receipt = await invoke('roster.upload', {
      ...(uploadId && { uploadId }),
      fileName: file.name,
      size: file.size,
      offset,
      data: toBase64(chunk),
    });
    uploadId = receipt.uploadId;
    onProgress(receipt.received, file.size);
  }
  return uploadId!;
}
