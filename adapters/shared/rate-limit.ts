export interface RateLimitOptions {
  /** How many questions a user may ask in a burst (default 5). */
  burst?: number;
  /** How many more questions a user may ask per minute, refilled steadily (default 10). */
  perMinute?: number;
  /** How many users are tracked at most; the least recent are forgotten first (default 10,000). */
  maxUsers?: number;
  now?: () => number;
}

/**
 * A token bucket per user: a burst of questions is fine, a flood is not. Users are keyed by an
 * opaque id and kept in memory only.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #burst: number;
  readonly #perMs: number;
  readonly #maxUsers: number;
  readonly #now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.#burst = options.burst ?? 5;
    this.#perMs = (options.perMinute ?? 10) / 60_000;
    this.#maxUsers = options.maxUsers ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one question from the user's bucket; false means "slow down". */
  take(userId: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(userId) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    this.#buckets.delete(userId);
    this.#buckets.set(userId, bucket);
    if (this.#buckets.size > this.#maxUsers) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
