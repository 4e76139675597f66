import { empty, idInput } from './common';
import { method, type MethodDef } from './define';
import type { Message } from './messages';

/** What needs staff's attention (the header's alert badge). */
export interface Alert {
  id: number;
  at: string;
  kind: string;
  /** What happened and what to do; alerts saved before sentences existed read as their English (`text`). */
  message: Message;
  /** On a node of a site: the name of the node (PC) that raised it, when another one did; null when raised here. */
  node: string | null;
}

export const alertMethods = {
  'alerts.list': method<Alert[]>()({ input: empty, access: 'staff' }),
  'alerts.acknowledge': method<null>()({ input: idInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
