import { z } from 'zod';
import { id } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/**
 * Photos and signatures kept with a package (docs/architecture.md, "Attachments"): the label's photo at intake, a
 * photo and a signature at a desk handover; `door` (a door camera's snapshot) is reserved, not built yet.
 */
export const attachmentKinds = ['label', 'handover', 'signature', 'door'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];
export type AttachmentMime = 'image/jpeg' | 'image/png';

/** What a picture may be as received, and what is kept of it. */
export const attachmentLimits = {
  /** As received (the decoded bytes): a phone's full-size photo is refused with a clear message, nothing saved. */
  maxReceivedBytes: 2 * 1024 * 1024,
  /** Either side, as received. */
  maxSide: 10_000,
  minSide: 16,
  /** The stored photo's long side; a photo is re-encoded as JPEG at this size (a signature as PNG). */
  storedLongSide: 1280,
  /** A stored picture above this is refused: its change must stay well under NATS' 1 MB payload (as hex). */
  maxStoredBytes: 300 * 1024,
} as const;

/** Base64's length for `bytes` bytes: the received limit, checked before anything is decoded. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * A picture as the screen sends it: base64, with or without its `data:image/…;base64,` prefix. Its length is
 * checked here (the 2 MB limit, before decoding); what it really is, in the core (a JPEG or PNG, its sides).
 */
export const pictureData = z
  .string({ error: says('attachments.notPicture') })
  .max(base64Length(attachmentLimits.maxReceivedBytes) + 40, says('attachments.tooLarge', { maxMb: 2 }))
  .regex(/^(data:image\/(jpeg|png);base64,)?[A-Za-z0-9+/]+={0,2}$/, says('attachments.notPicture'));

export const attachmentUid = z.string({ error: says('attachments.notFound') }).regex(/^[0-9a-f]{32}$/, says('attachments.notFound'));

/** An attachment as the package's detail lists it, without its bytes. */
export interface AttachmentItem {
  uid: string;
  kind: AttachmentKind;
  mime: AttachmentMime;
  size: number;
  width: number;
  height: number;
  takenAt: string;
  /** The staff member who took it, by name as it was then; null for a door snapshot. */
  takenByName: string | null;
  /** When retention deleted it (its picture is gone; the row says so); null while kept. */
  deletedAt: string | null;
}

/** One attachment with its picture as a data URL; null once retention deleted it. */
export interface AttachmentData extends AttachmentItem {
  dataUrl: string | null;
}

export const attachmentGetInput = z.object({ uid: attachmentUid });
export const attachmentListInput = z.object({ packageId: id });

export const attachmentMethods = {
  'attachments.get': method<AttachmentData>()({ input: attachmentGetInput, access: 'staff' }),
  'attachments.list': method<AttachmentItem[]>()({ input: attachmentListInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
