import { ApiError, coreCatalogs, message, type Message, type MessageKey, type MessageParams } from '../../contract';

/**
 * The sentence `key` with other sentences inside it: its catalog text writes `$t(core:{{slot}})` where each goes.
 * i18next hands a nested sentence the outer one's parameters, so the inner sentences' parameters travel along;
 * a slot's name must not be one of theirs, and the outer sentence's own parameters win a clash.
 */
export function within(key: MessageKey, params: MessageParams, inner: Record<string, Message>): Message {
  const all: MessageParams = {};
  for (const [slot, sentence] of Object.entries(inner)) Object.assign(all, sentence.params, { [slot]: sentence.key });
  return message(key, { ...all, ...params });
}

/** Why something failed: the core's own sentence when it wrote one, else the error's text as it came (a library's, in English). */
export function reasonOf(error: unknown): Message {
  if (error instanceof ApiError && error.sentence) return error.sentence;
  return message('text', { text: error instanceof Error ? error.message : String(error) });
}

/** True when this Packroom's catalog has the key (a plural by its `_other` form). */
function inCatalog(key: string): key is MessageKey {
  const path = key.split('.');
  const last = path.pop()!;
  let node: unknown = coreCatalogs.en;
  for (const part of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'object' || node === null) return false;
  const leaves = node as Record<string, unknown>;
  return typeof leaves[last] === 'string' || typeof leaves[`${last}_other`] === 'string';
}

/**
 * A saved run's message. A run from before runs had sentences, or with a key this version's catalog lacks
 * (saved by a newer Packroom that was then rolled back), reads as the English it was saved with.
 */
export function storedSentence(english: string | null, key: string | null, params: MessageParams | null): Message | null {
  if (key !== null && inCatalog(key)) return params === null ? message(key) : message(key, params);
  return english === null ? null : message('text', { text: english });
}
