import type * as JetStream from '@nats-io/jetstream';
import type * as Kv from '@nats-io/kv';
import type * as Transport from '@nats-io/transport-node';

export interface Nats {
  transport: typeof Transport;
  jetstream: typeof JetStream;
  kv: typeof Kv;
}

// Loaded when a node first connects (or `site init` checks the server), not with the core: a single PC, and every
// packroom command but the site ones, never load the NATS client (as nodemailer and the Twilio SDK: see email.ts).
let nats: Promise<Nats> | null = null;
export const loadNats = (): Promise<Nats> =>
  (nats ??= Promise.all([import('@nats-io/transport-node'), import('@nats-io/jetstream'), import('@nats-io/kv')]).then(
    ([transport, jetstream, kv]) => ({ transport, jetstream, kv }),
  ));
