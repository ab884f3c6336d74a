import type { Answer, LastAnswer } from '../../../src/index.ts';
import { FeedbackCounter, type Vote } from '../feedback.ts';
import { type ConversationState, type ExpiringMap, memoryMap } from '../state.ts';
import type { StateStore, TtlMs } from './store.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The conversation service's state in a StateStore, so that replicas sharing one Redis answer a
 * redelivered event once, count one vote per person per answer, share one rate limit, find the
 * conversation a reply continues and the buttons of an answer another replica sent. Lifetimes
 * are the ones the service has always used (PRIVACY.md lists them).
 *
 * Private answers waiting to be shared keep their question in this process only (see
 * `sharedAnswers`): question text never goes to Redis.
 *
 * The service keys rate limits and ballots by its own `hashUser`: replicas must pass one made
 * from the shared salt (`createIdHasher(STATE_SALT)`), or a user's keys differ per replica.
 */
export function storeState(store: StateStore): ConversationState {
  const claims = (scope: string, ttlMs: TtlMs): ExpiringMap<true> => ({
    get: async (key) => ((await store.claimed(`${scope}:${key}`)) ? true : undefined),
    set: async (key) => {
      await store.claim(`${scope}:${key}`, ttlMs);
    },
    claim: (key) => store.claim(`${scope}:${key}`, ttlMs),
  });
  /** Entries the service sets and reads; its claims go through `claims` above, atomically. */
  const entries = <V>(
    get: (key: string) => Promise<V | undefined>,
    set: (key: string, value: V) => Promise<void>,
  ): ExpiringMap<V> => ({
    get,
    set,
    async claim(key, value) {
      if ((await get(key)) !== undefined) return false;
      await set(key, value);
      return true;
    },
  });
  return {
    seen: claims('seen', HOUR),
    ballots: claims('ballot', DAY),
    places: entries(
      (place) => store.getPlace(place),
      (place, conversation) => store.setPlace(place, conversation, DAY),
    ),
    answers: entries(
      (key) => store.getButtons(key),
      (key, record) => store.setButtons(key, record, DAY),
    ),
    shareable: entries(...sharedAnswers(store)),
    rateLimit: { take: (user) => store.takeRate(user) },
    // As long as the core remembers a conversation in memory (src/conversation/memory.ts).
    contexts: {
      ...entries<LastAnswer>(
        async (conversation) => {
          const context = await store.getContext(conversation);
          // Forgotten on request: an empty context, which no replica reads its own memory past.
          if (context?.passageIds.length === 0) return { passages: [], topic: '' };
          if (!context?.topic) return undefined;
          const { passageIds, topic, shownInFull } = context;
          return { passages: passageIds, topic, ...(shownInFull ? { shownInFull } : {}) };
        },
        (conversation, last) =>
          store.setContext(
            conversation,
            {
              passageIds: last.passages.slice(0, 20),
              topic: last.topic,
              ...(last.shownInFull ? { shownInFull: last.shownInFull.slice(-20) } : {}),
            },
            30 * MINUTE,
          ),
      ),
      // Not deleted but emptied, for as long as a replica that answered earlier may remember the
      // conversation itself: with nothing stored, it would read the next message against that.
      forget: (conversation) => store.setContext(conversation, { passageIds: [] }, 30 * MINUTE),
    },
    recordDecline: (topic) => store.recordDecline(topic),
  };
}

/**
 * Private answers waiting to be shared: in full in this process (the question included, to
 * restate it when shared), and without the question in the store, so a Share click that reaches
 * another replica still posts the answer. 30 minutes: Slack's response_url lives that long.
 */
function sharedAnswers(store: StateStore) {
  const ttlMs = 30 * MINUTE;
  const here = memoryMap<Answer>(1_000, ttlMs);
  const get = async (key: string): Promise<Answer | undefined> => {
    const local = await here.get(key);
    if (local) return local;
    const shared = await store.getShareable(key);
    return shared && { ...shared, question: '' };
  };
  const set = async (key: string, answer: Answer) => {
    await here.set(key, answer);
    await store.setShareable(key, answer, ttlMs);
  };
  return [get, set] as const;
}

/**
 * 👍/👎 counts kept in the store as well as in this process, so they outlive restarts, add up
 * across replicas and reach `npm run report`. The store never rejects (a vote made while Redis is
 * away is not counted there), so a vote never waits on it.
 */
export class StoredFeedbackCounter extends FeedbackCounter {
  readonly #store: StateStore;

  constructor(store: StateStore) {
    super();
    this.#store = store;
  }

  override record(passageIds: readonly string[], vote: Vote): void {
    super.record(passageIds, vote);
    void this.#store.recordVote(passageIds, vote);
  }
}
