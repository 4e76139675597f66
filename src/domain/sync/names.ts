/**
 * Site and node names: each is a token of a NATS subject (`packroom.<site>.changes.<node>`) and part of a stream
 * name, so letters, digits, '-' and '_' only, and short enough to read in `packroom site status`.
 */
export const syncNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export const isSyncName = (name: string): boolean => syncNamePattern.test(name);
