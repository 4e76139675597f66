import { messageText, type Message } from '../../contract';

/**
 * Why a send did not go through, in words staff can act on (a sentence: staff read it in their language). Permanent means sending the same
 * message again would get the same answer (a bad address); otherwise it is worth retrying later.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: Message,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(messageText(reason), options);
    this.name = 'DeliveryError';
  }
}
