export type Vote = 'up' | 'down';

export interface FeedbackCounts {
  up: number;
  down: number;
}

/**
 * Anonymous 👍/👎 counts per passage id: no user, no question, no time. Enough to see which
 * passages help and which need an editor's look; kept in memory only.
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
