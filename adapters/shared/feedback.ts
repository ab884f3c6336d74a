export type Vote = 'up' | 'down';

export interface FeedbackCounts {
  up: number;
  down: number;
}

/**
 * Anonymous 👍/👎 counts per passage id: no user, no question, no time. Adapter state, not the
 * core's: the `feedback` log line is today's durable record; a shared store (Redis) can later keep
 * these counts across restarts. Kept in memory only.
 */
export class FeedbackCounter {
  readonly #counts = new Map<string, FeedbackCounts>();

  record(passageIds: readonly string[], vote: Vote): void {
    for (const id of new Set(passageIds)) {
      const counts = this.#counts.get(id) ?? { up: 0, down: 0 };
      counts[vote] += 1;
      this.#counts.set(id, counts);
    }
  }

  get(passageId: string): FeedbackCounts {
    return { ...(this.#counts.get(passageId) ?? { up: 0, down: 0 }) };
  }

  snapshot(): Record<string, FeedbackCounts> {
    return Object.fromEntries([...this.#counts].map(([id, counts]) => [id, { ...counts }]));
  }
}
