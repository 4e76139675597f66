/**
 * Why a send did not go through, in words staff can act on. Permanent means sending the same
 * message again would get the same answer (a bad address); otherwise it is worth retrying later.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'DeliveryError';
  }
}
