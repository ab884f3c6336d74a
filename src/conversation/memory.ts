export interface MemoryOptions {
  /** How long a conversation is remembered after its last question (default 30 minutes). */
  ttlMs?: number;
  /** How many conversations are remembered at most; the least recent is forgotten first (default 1,000). */
  maxConversations?: number;
  now?: () => number;
}

/**
 * Remembers the last question of each conversation, in memory only, so a short follow-up can be
 * read in its context. Nothing is written anywhere; entries expire and the oldest are dropped.
 */
export class ConversationMemory {
  readonly #entries = new Map<string, { question: string; expires: number }>();
  readonly #ttl: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: MemoryOptions = {}) {
    this.#ttl = options.ttlMs ?? 30 * 60 * 1000;
    this.#max = options.maxConversations ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  get(conversationId: string): string | undefined {
    const entry = this.#entries.get(conversationId);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(conversationId);
      return undefined;
    }
    return entry.question;
  }

  set(conversationId: string, question: string): void {
    // Re-inserting moves the conversation to the end, so Map order is least-recent first.
    this.#entries.delete(conversationId);
    this.#entries.set(conversationId, { question, expires: this.#now() + this.#ttl });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(conversationId: string): void {
    this.#entries.delete(conversationId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
