import type {
  ButtonState,
  ConversationContext,
  DeclineCount,
  ShareableAnswer,
  Vote,
  VoteCounts,
} from './schema.ts';

/** How long each kind of entry lives, in milliseconds; callers pick, the store enforces it. */
export type TtlMs = number;

/** Whether the store is doing its job: a Redis store is `degraded` while Redis is unreachable. */
export interface StoreHealth {
  backend: 'memory' | 'redis';
  status: 'ok' | 'degraded';
}

/**
 * Everything the bots remember between messages, behind one interface so that one process can
 * keep it in memory and several replicas can share it in Redis. Every id a platform gives (users,
 * conversations, events, buttons) is keyed by a salted hash, never stored in clear; conversation
 * entries carry passage ids and topics, never what a person typed.
 *
 * None of the methods rejects because the backing service is down: a Redis store then degrades
 * (claims succeed, so nothing is dropped; context and buttons read as missing; rate limits fall
 * back to this process; counts are not recorded), logs it once, and recovers when Redis returns.
 * Only the read methods behind `npm run report` reject then: a report must not print zeros.
 */
export interface StateStore {
  readonly backend: 'memory' | 'redis';

  /**
   * Claims an id (a Slack event id, a message, a vote by one person on one answer) for `ttlMs`:
   * true the first time, false while the claim lasts. Atomic across replicas (`SET NX PX`).
   */
  claim(id: string, ttlMs: TtlMs): Promise<boolean>;
  /** Whether `id` is claimed now, without claiming it. */
  claimed(id: string): Promise<boolean>;

  getContext(conversationId: string): Promise<ConversationContext | undefined>;
  /** Replaces a conversation's context; it expires `ttlMs` after this call. */
  setContext(conversationId: string, context: ConversationContext, ttlMs: TtlMs): Promise<void>;
  forgetContext(conversationId: string): Promise<void>;

  /** The conversation that replies at `place` (a thread, a bot message) continue. */
  getPlace(place: string): Promise<string | undefined>;
  setPlace(place: string, conversationId: string, ttlMs: TtlMs): Promise<void>;

  getButtons(key: string): Promise<ButtonState | undefined>;
  setButtons(key: string, state: ButtonState, ttlMs: TtlMs): Promise<void>;

  /** A private answer that may be shared in the channel, by its answer key; never its question. */
  getShareable(key: string): Promise<ShareableAnswer | undefined>;
  setShareable(key: string, answer: ShareableAnswer, ttlMs: TtlMs): Promise<void>;

  /** Takes one question from the user's allowance; false means "slow down". Atomic. */
  takeRate(userId: string): Promise<boolean>;

  /** Counts one 👍 or 👎 for each passage an answer cited (each passage once). */
  recordVote(passageIds: readonly string[], vote: Vote): Promise<void>;
  /** Counts one decline for the nearest topic, in the ISO week of `at` (default now). */
  recordDecline(topic: string, at?: Date): Promise<void>;
  /** Votes per passage id. */
  readVotes(): Promise<Record<string, VoteCounts>>;
  /** Declines per ISO week and topic, oldest week first. */
  readDeclines(): Promise<DeclineCount[]>;

  health(): StoreHealth;
  /** Closes connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** One kind of expiring entry, kept by a backend under its own keys. */
export interface ExpiringRecord<T> {
  get(id: string): Promise<T | undefined>;
  set(id: string, value: T, ttlMs: TtlMs): Promise<void>;
  forget(id: string): Promise<void>;
}

/** The store's methods over its expiring entries, named once for every backend. */
export function expiringMethods(records: {
  contexts: ExpiringRecord<ConversationContext>;
  places: ExpiringRecord<string>;
  buttons: ExpiringRecord<ButtonState>;
  shareable: ExpiringRecord<ShareableAnswer>;
}) {
  const { contexts, places, buttons, shareable } = records;
  return {
    getContext: contexts.get,
    setContext: contexts.set,
    forgetContext: contexts.forget,
    getPlace: places.get,
    setPlace: places.set,
    getButtons: buttons.get,
    setButtons: buttons.set,
    getShareable: shareable.get,
    setShareable: shareable.set,
  } satisfies Partial<StateStore>;
}

export interface RateLimitSettings {
  /** Questions a user may ask at once (default 5). */
  burst: number;
  /** Questions a user may ask per minute on average (default 10). */
  perMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { burst: 5, perMinute: 10 };

/**
 * The rate limit as a fixed window: `burst` questions per the time `perMinute` takes to refill
 * them (5 per 30 s by default), which keeps both the burst and the average of the token bucket
 * the bots used before, and is what `rate-limiter-flexible` can do atomically in Redis.
 */
export function rateWindowSeconds({ burst, perMinute }: RateLimitSettings): number {
  return Math.max(1, Math.ceil((burst / perMinute) * 60));
}

/** Counts of declines per week are kept for about a year, then expire. */
export const DECLINE_WEEKS_KEPT_MS = 400 * 24 * 60 * 60 * 1000;

export function assertTtl(ttlMs: TtlMs): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`A state store TTL must be a positive whole number of ms, not ${ttlMs}`);
  }
}
