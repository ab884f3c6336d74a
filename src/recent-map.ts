export interface RecentOptions {
  /** Entries kept at most; the least recently set go first. */
  max: number;
  /** How long an entry lives after it was last set, in milliseconds. */
  ttlMs: number;
  now?: () => number;
}

/**
 * A small in-memory map that forgets: at most `max` entries, each for `ttlMs`. For everything
 * the bot must remember briefly (a conversation's last answer, events already handled, which
 * answer a button belongs to) without growing without bound or keeping anything for long.
 */
export class RecentMap<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor({ max, ttlMs, now = Date.now }: RecentOptions) {
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): this {
    // Re-inserting moves the key to the end, so Map order is least recently set first.
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + this.#ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(oldest);
    }
    return this;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Records `key` and says whether it is new: false when it was seen within the TTL. */
  claim(key: string, value: V): boolean {
    if (this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  /** Entries held, expired ones included until they are next looked at. */
  get size(): number {
    return this.#entries.size;
  }
}
