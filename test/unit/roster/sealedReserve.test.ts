import { describe, expect, it } from 'vitest';
import type { SealedCredential } from '../../../src/services/sealing/seal';
import { SealedReserve } from '../../../src/services/roster/apply';

const credential = (n: number): SealedCredential => {
  const bytes = Buffer.from(String(n));
  return { pinHash: bytes, pinEnc: bytes, qrHash: bytes, qrEnc: bytes };
};

/** A sealing thread that answers at once, counting what it was asked for. */
function fastSealing() {
  let sealed = 0;
  const seal = (count: number) => Promise.resolve(Array.from({ length: count }, () => credential((sealed += 1))));
  return { seal, asked: () => sealed };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SealedReserve', () => {
  it('keeps at most `ahead` sealed while chunks use fewer than it seals', async () => {
    const sealing = fastSealing();
    const reserve = new SealedReserve(sealing.seal, 200);
    let remaining = 50_000;
    for (let chunk = 0; chunk < 50; chunk += 1) {
      const sealed = await reserve.take(40);
      expect(sealed.length).toBeLessThanOrEqual(200);
      reserve.used(40);
      remaining -= 40;
      reserve.prepare(remaining);
      await settle();
    }
    expect(sealing.asked()).toBeLessThanOrEqual(50 * 40 + 200);
  });

  it('hands the credentials over in order, each once', async () => {
    const reserve = new SealedReserve(fastSealing().seal, 10);
    const seen: string[] = [];
    for (let chunk = 0; chunk < 5; chunk += 1) {
      const sealed = await reserve.take(3);
      seen.push(...sealed.slice(0, 3).map((c) => c.pinHash.toString()));
      reserve.used(3);
      reserve.prepare(100);
      await settle();
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
  });

  it('seals nothing ahead of what the apply still needs', async () => {
    const sealing = fastSealing();
    const reserve = new SealedReserve(sealing.seal, 200);
    reserve.prepare(7);
    await settle();
    reserve.prepare(7);
    await settle();
    expect(sealing.asked()).toBe(7);
  });
});
