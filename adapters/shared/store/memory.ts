import { randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { z } from 'zod';
import { createIdHasher, isoWeek } from './ids.ts';
import {
  ButtonStateSchema,
  ConversationContextSchema,
  ConversationRefSchema,
  type DeclineCount,
  ShareableAnswerSchema,
  type Vote,
  type VoteCounts,
} from './schema.ts';
import {
  assertTtl,
  DEFAULT_RATE_LIMIT,
  expiringMethods,
  type RateLimitSettings,
  rateWindowSeconds,
  type StateStore,
  type StoreHealth,
} from './store.ts';

/** A map whose entries expire, holding at most `max`: the least recently set go first. */
class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: Date.now() + ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

export interface MemoryStoreOptions {
  /** Salt for keying ids; a random one per process by default (nothing outlives it anyway). */
  salt?: string;
  rateLimit?: RateLimitSettings;
  /** Entries of each kind held at most (default 10,000), so memory stays bounded. */
  maxEntries?: number;
}

/**
 * The state store of a single process, as the bots have always kept it: nothing set up, nothing
 * outlives a restart, every kind of entry bounded in number as well as in time.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): StateStore {
  const key = createIdHasher(options.salt ?? randomBytes(16).toString('hex'));
  const max = options.maxEntries ?? 10_000;
  const claims = new ExpiringMap<true>(max);
  /** Entries of one kind, validated when written, keyed by hashed id. */
  const expiring = <T>(schema: z.ZodType<T>) => {
    const entries = new ExpiringMap<T>(max);
    return {
      get: async (id: string) => entries.get(key(id)),
      async set(id: string, value: T, ttlMs: number) {
        assertTtl(ttlMs);
        entries.set(key(id), schema.parse(value), ttlMs);
      },
      async forget(id: string) {
        entries.delete(key(id));
      },
    };
  };
  const contexts = expiring(ConversationContextSchema);
  const buttons = expiring(ButtonStateSchema);
  const places = expiring(ConversationRefSchema);
  const shareable = expiring(ShareableAnswerSchema);
  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const limiter = new RateLimiterMemory({
    points: rate.burst,
    duration: rateWindowSeconds(rate),
  });
  const votes = new Map<string, VoteCounts>();
  const declines = new Map<string, DeclineCount>();

  return {
    backend: 'memory',

    async claim(id, ttlMs) {
      assertTtl(ttlMs);
      const k = key(id);
      if (claims.get(k)) return false;
      claims.set(k, true, ttlMs);
      return true;
    },

    async claimed(id) {
      return claims.get(key(id)) === true;
    },

    ...expiringMethods({ contexts, places, buttons, shareable }),

    async takeRate(userId) {
      try {
        await limiter.consume(key(userId));
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },

    async recordVote(passageIds, vote: Vote) {
      for (const id of new Set(passageIds)) {
        const counts = votes.get(id) ?? { up: 0, down: 0 };
        counts[vote] += 1;
        votes.set(id, counts);
      }
    },
    async recordDecline(topic, at = new Date()) {
      const week = isoWeek(at);
      const k = `${week} ${topic}`;
      const entry = declines.get(k) ?? { week, topic, count: 0 };
      entry.count += 1;
      declines.set(k, entry);
    },
    async readVotes() {
      return Object.fromEntries([...votes].map(([id, counts]) => [id, { ...counts }]));
    },
    async readDeclines() {
      return sortDeclines([...declines.values()].map((d) => ({ ...d })));
    },

    health(): StoreHealth {
      return { backend: 'memory', status: 'ok' };
    },
    async close() {},
  };
}

/** Oldest week first, then most declined topic first. */
export function sortDeclines(declines: DeclineCount[]): DeclineCount[] {
  return declines.sort(
    (a, b) => a.week.localeCompare(b.week) || b.count - a.count || a.topic.localeCompare(b.topic),
  );
}
