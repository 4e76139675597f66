import type { Clock } from '../../clock';
import { random } from '../../random';

/**
 * Uploads and previews waiting for the person at the screen, kept in memory. Entries expire, and the
 * oldest go first when there are too many, so files abandoned in a closed tab cannot pile up.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  add(value: T): { id: string; expiresAt: number } {
    this.prune();
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const id = random.token(12);
    const expiresAt = this.clock.now() + this.ttlMs;
    this.entries.set(id, { value, expiresAt });
    return { id, expiresAt };
  }

  get(id: string): T | undefined {
    this.prune();
    return this.entries.get(id)?.value;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
