/**
 * The Packroom API: every operation the staff UI can call, declared once with its input
 * schema, result type and required role. The HTTP and Electron IPC transports are generated
 * from this object, and it is the only part of src/ the renderer imports.
 */
import type { z } from 'zod';
import type { MethodDef } from './define';
import { accessMethods } from './access';
import { activityMethods } from './activity';
import { alertMethods } from './alerts';
import { attachmentMethods } from './attachments';
import { authMethods } from './auth';
import { backupMethods } from './backups';
import { carrierMethods } from './carriers';
import { deviceMethods } from './devices';
import { doorMethods } from './door';
import { labelMethods } from './labels';
import { holdMethods } from './holds';
import { packageMethods } from './packages';
import { proxyMethods } from './proxies';
import { recipientMethods } from './recipients';
import { rosterMethods } from './roster';
import { settingsMethods } from './settings';
import { shelfLabelMethods } from './shelfLabels';
import { siteMethods } from './site';
import { siteJoinMethods } from './siteJoin';
import { systemMethods } from './system';

/** Each feature declares its own methods in its own file; this only merges the slices. */
export const api = {
  ...authMethods,
  ...recipientMethods,
  ...settingsMethods,
  ...activityMethods,
  ...accessMethods,
  ...carrierMethods,
  ...doorMethods,
  ...alertMethods,
  ...deviceMethods,
  ...rosterMethods,
  ...systemMethods,
  ...packageMethods,
  ...proxyMethods,
  ...backupMethods,
  ...siteMethods,
  ...siteJoinMethods,
  ...labelMethods,
  ...holdMethods,
  ...attachmentMethods,
  ...shelfLabelMethods,
} satisfies Record<string, MethodDef>;

/** The slices as merged above; the checks below keep this list and the merge in step. */
type Slices = [
  typeof authMethods,
  typeof recipientMethods,
  typeof settingsMethods,
  typeof activityMethods,
  typeof accessMethods,
  typeof carrierMethods,
  typeof doorMethods,
  typeof alertMethods,
  typeof deviceMethods,
  typeof rosterMethods,
  typeof systemMethods,
  typeof packageMethods,
  typeof proxyMethods,
  typeof backupMethods,
  typeof siteMethods,
  typeof siteJoinMethods,
  typeof labelMethods,
  typeof holdMethods,
  typeof attachmentMethods,
  typeof shelfLabelMethods,
];
/** Method names declared by more than one slice (a spread would silently keep only the last). */
type DeclaredTwice<S extends unknown[], Seen = never> = S extends [infer First, ...infer Rest]
  ? (keyof First & Seen) | DeclaredTwice<Rest, Seen | keyof First>
  : never;
type Declared<S extends unknown[]> = S extends [infer First, ...infer Rest] ? keyof First | Declared<Rest> : never;
// Fails to compile, naming the method, when two slices declare it or a merged slice is missing from Slices.
type Clash = DeclaredTwice<Slices> | Exclude<keyof typeof api, Declared<Slices>>;
export const everyMethodDeclaredOnce: [Clash] extends [never] ? true : Clash = true;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodResult<M extends MethodName> = Api[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export { eventNames, type EventName, type Events } from './events';
import type { EventName, Events } from './events';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

/** The bridge the renderer sees; provided by the Electron preload or by the HTTP client. */
export interface PackroomBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export { ApiError, reasonOf, type ApiErrorBody, type ErrorCode } from './errors';
export type * from './access';
export type * from './activity';
export type * from './alerts';
export type * from './attachments';
export type * from './auth';
export type * from './backups';
export type * from './carriers';
export type * from './common';
export type * from './devices';
export type * from './door';
export type * from './labels';
export type * from './holds';
export type * from './packages';
export type * from './proxies';
export type * from './recipients';
export type * from './roster';
export type * from './settings';
export type * from './shelfLabels';
export { parseShelfLabel, shelfLabelCode, shelfLabelSizes } from './shelfLabels';
export type * from './site';
export type * from './system';
export type { StaffRole, Access, MethodDef } from './define';

export { duplicateOf, duplicateRecipient } from './recipients';
export { attachmentKinds, attachmentLimits, methodsWithPictures, pictureRequestBytes } from './attachments';
export { signatureAtDeskChoices } from './settings';
export { rosterColumnIds, rosterUploadLimits } from './roster';
export { labelImageLimits } from './labels';
export { carrierIds, carrierLabels, weekdayIds, weekdayLabels, type CarrierId, type Weekday } from './carriers';
export { languages, languageIds, isLanguage, type Language } from './languages';
export {
  coreCatalogs,
  coreNamespace,
  isMessageKey,
  message,
  messageText,
  renderParams,
  says,
  sentenceOf,
  type Message,
  type MessageKey,
  type MessageParams,
} from './messages';
export { addFormats, formats, type Moment } from './formats';
