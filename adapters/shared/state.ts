import { type Answer, type LastAnswer, RecentMap } from '../../src/index.ts';
import { RateLimiter } from './rate-limit.ts';

/**
 * The small pieces of state a conversation service keeps, each behind an interface a shared store
 * (Redis, for several replicas) can implement. Asynchronous for that reason; the in-memory versions
 * below answer at once. Every entry expires: nothing conversational is kept for long.
 */
export interface ExpiringMap<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  /** Records `key` and says whether it is new (false when already there): dedupe in one step. */
  claim(key: string, value: V): Promise<boolean>;
}

/** An ExpiringMap whose entries can also be dropped before they expire, when a person asks. */
export interface ForgettingMap<V> extends ExpiringMap<V> {
  forget(key: string): Promise<void>;
}

export interface RateLimit {
  /** Takes one question from the user's allowance; false means "slow down". */
  take(userKey: string): Promise<boolean> | boolean;
}

/** What an answer's buttons act on, under a short random key. */
export interface AnswerRecord {
  conversationId: string;
  followUps: string[];
  passageIds: string[];
}

export interface ConversationState {
  /** Event and message ids already handled (platforms redeliver). */
  seen: ExpiringMap<true>;
  /** A place the bot answered (a thread, a message) → the conversation it continues. */
  places: ExpiringMap<string>;
  /** Answer key → what its buttons do. */
  answers: ExpiringMap<AnswerRecord>;
  /** Private answers that may still be shared, by answer key. */
  shareable: ExpiringMap<Answer>;
  /** `answer key:hashed user`: one vote per person per answer. */
  ballots: ExpiringMap<true>;
  rateLimit: RateLimit;
  /**
   * Each conversation's last answer (passage ids and topic), when kept outside the core: replicas
   * share it so a follow-up on any of them is read in context. Absent: the core's own memory.
   * After `forget`, `get` gives an empty context (no passages) until the entry would have expired.
   */
  contexts?: ForgettingMap<LastAnswer>;
  /** Counts a decline for the nearest topic this week, where `npm run report` reads it. */
  recordDecline?: (topic: string) => Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function memoryMap<V>(max: number, ttlMs: number): ExpiringMap<V> {
  const map = new RecentMap<V>({ max, ttlMs });
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    claim: async (key, value) => map.claim(key, value),
  };
}

/** Everything in this process's memory: the default, right for one process. */
export function memoryState(rateLimit: { burst: number; perMinute: number }): ConversationState {
  return {
    seen: memoryMap(10_000, HOUR),
    places: memoryMap(10_000, DAY),
    // A day is longer than anyone comes back to a button; a restart forgets them all anyway.
    answers: memoryMap(10_000, DAY),
    // Slack's response_url lives 30 minutes; Discord's interaction token 15.
    shareable: memoryMap(1_000, 30 * MINUTE),
    ballots: memoryMap(50_000, DAY),
    rateLimit: new RateLimiter(rateLimit),
  };
}
