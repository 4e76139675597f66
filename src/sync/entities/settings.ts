import { z } from 'zod';
import { settingsUid } from '../../db/repositories/syncShared';
import { isSiteSetting, settingWins } from '../../domain/sync/settings';
import { sharedEntity } from './types';

/** A setting's value as its node stored it: JSON text. */
const jsonText = z
  .string()
  .max(10_000)
  .refine((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  });

/**
 * The site's settings: one record (uid 000…0) whose fields are the keys, each last writer wins by HLC
 * (src/domain/sync/settings.ts). A key of one PC (localSettingKeys) is never written from another node.
 */
export const settingsEntity = sharedEntity({
  name: 'settings',
  change: z.object({
    entity: z.literal('settings'),
    uid: z.literal(settingsUid),
    fields: z.record(z.string().min(1).max(100), jsonText),
    status: z.null(),
  }),
  // Every settings change is audited in its transaction.
  localEvents: ['activity.appended'],
  apply(change, { repos, stamp, emit }) {
    const shared = repos.syncShared;
    let written = false;
    for (const [key, value] of Object.entries(change.fields)) {
      if (!isSiteSetting(key) || !settingWins(shared.settingStamp(key), stamp)) continue;
      shared.setSetting(key, value, stamp);
      written = true;
    }
    if (written) emit('settings.changed', {});
  },
});
