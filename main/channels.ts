/**
 * What crosses between main and the preload: two IPC channels and the event names the preload
 * accepts. The names come from the contract's zod-free events module, so the sandboxed preload
 * stays small (the full contract would pull zod and every schema into it).
 */

export const invokeChannel = 'packroom:invoke';
export const eventChannel = 'packroom:event';

export { eventNames as bridgeEventNames } from '../src/contract/events';
