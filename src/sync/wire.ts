import { z } from 'zod';
import { syncNamePattern } from '../domain/sync/names';

/** The pieces every change event's schema is built from (src/sync/event.ts, src/sync/entities/). */
export const uid = z.string().regex(/^[0-9a-f]{32}$/);
export const syncName = z.string().regex(syncNamePattern);
export const hlc = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const shortText = z.string().max(1000);
