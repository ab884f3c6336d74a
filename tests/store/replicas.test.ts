import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createConversationService,
  type Reply,
} from '../../adapters/shared/conversation-service.ts';
import {
  StoredFeedbackCounter,
  storeState,
} from '../../adapters/shared/store/conversation-state.ts';
import {
  createIdHasher,
  createRedisStore,
  type StateStore,
} from '../../adapters/shared/store/index.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { captureLog } from './capture-log.ts';
import { deleteKeys, requireRedis } from './redis-server.ts';

const redis = await requireRedis();
const runPrefix = `asylum-answers-test:${randomUUID()}:`;
const GERMANY = 'Can Americans claim asylum in Germany?';
const SALT = 'a-salt-every-replica-shares';

let assistant: Assistant;
let stores: StateStore[] = [];
beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
});
afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, runPrefix);
  if (redis.url) await redis.stop();
});

/**
 * Two conversation services, as two replicas would run them, sharing one Redis. `ownCores` gives
 * each its own assistant, as two processes have, so nothing but the store connects them.
 */
async function twoReplicas(rateLimit = { burst: 5, perMinute: 10 }, { ownCores = false } = {}) {
  const prefix = `${runPrefix}${randomUUID()}:`;
  const replica = async () => {
    const core = ownCores ? await createAssistant({ knowledgeDir: VALID_FIXTURE }) : assistant;
    const store = await createRedisStore({
      url: redis.url ?? '',
      salt: SALT,
      logger: captureLog().logger,
      prefix,
      rateLimit,
    });
    stores.push(store);
    return createConversationService({
      surface: 'slack',
      core,
      logger: captureLog().logger,
      command: '/asylum',
      state: storeState(store),
      hashUser: createIdHasher(SALT),
      feedback: new StoredFeedbackCounter(store),
    });
  };
  return [await replica(), await replica()] as const;
}

/** One person's messages in one thread, sent to whichever replica the test names. */
function oneThread(thread: string) {
  const got = inbox();
  type Replica = Awaited<ReturnType<typeof twoReplicas>>[number];
  const say = (replica: Replica, text: string) =>
    replica.ask({ via: 'thread', userId: 'U5', text, conversationId: thread, send: got.send });
  return { got, say };
}

/** A `send` that keeps what it was given. */
function inbox() {
  const replies: Reply[] = [];
  return { replies, send: async (reply: Reply) => void replies.push(reply) };
}

describe.skipIf(redis.url === undefined)('two replicas sharing one Redis', () => {
  it('an event redelivered to the other replica is handled once', async () => {
    const [a, b] = await twoReplicas();
    expect(await a.firstTime('Ev0001')).toBe(true);
    expect(await b.firstTime('Ev0001')).toBe(false);
    expect(await b.firstTime('Ev0002')).toBe(true);
  });

  it('a reply in a thread the other replica answered continues its conversation', async () => {
    const [a, b] = await twoReplicas();
    await a.continueIn('C01:1700000000.000100', 'C01:1700000000.000100');
    expect(await b.conversationAt('C01:1700000000.000100')).toBe('C01:1700000000.000100');
    expect(await b.conversationAt('C01:1700000000.000200')).toBeUndefined();
  });

  it('buttons of an answer one replica sent work on the other, one vote per person', async () => {
    const [a, b] = await twoReplicas();
    const asked = inbox();
    await a.ask({
      via: 'dm',
      userId: 'U1',
      text: GERMANY,
      conversationId: 'D1:1',
      send: asked.send,
    });
    const answer = asked.replies[0];
    if (answer?.type !== 'answer') throw new Error(`expected an answer, got ${answer?.type}`);

    const followed = inbox();
    await b.followUp({ key: answer.key, index: 0, userId: 'U1', send: followed.send });
    expect(followed.replies[0]?.type).toBe('answer');

    // "More" on the other replica finds the passages too: the record is in Redis.
    const more = inbox();
    await b.more({ key: answer.key, send: more.send });
    const full = more.replies[0];
    expect(full?.type === 'passages' && full.view.passages.map((p) => p.title)).toEqual(
      answer.view.passageIds.map((id) => assistant.passage(id)?.title),
    );

    const votes = inbox();
    await a.vote({ key: answer.key, vote: 'up', userId: 'U2', send: votes.send });
    await b.vote({ key: answer.key, vote: 'up', userId: 'U2', send: votes.send });
    expect(votes.replies).toEqual([
      { type: 'notice', text: WORDING.thanks },
      { type: 'notice', text: WORDING.alreadyVoted },
    ]);
    // Counted once, in the shared store (read on the voting replica's connection, which keeps
    // order: the count is not awaited by the vote): what `npm run report` reads.
    const counted = await stores[0]?.readVotes();
    expect(Object.keys(counted ?? {})).toEqual(answer.view.passageIds);
    for (const id of answer.view.passageIds) expect(counted?.[id]).toEqual({ up: 1, down: 0 });
  });

  it('the rate limit is one allowance across replicas', async () => {
    const [a, b] = await twoReplicas({ burst: 2, perMinute: 1 });
    const got = inbox();
    for (const replica of [a, b, a]) {
      await replica.ask({
        via: 'dm',
        userId: 'U3',
        text: GERMANY,
        conversationId: 'D3',
        send: got.send,
      });
    }
    expect(got.replies.map((r) => r.type)).toEqual(['answer', 'answer', 'notice']);
    expect(got.replies[2]).toEqual({ type: 'notice', text: WORDING.slowDown });
  });

  it('a follow-up in a thread answered by the other replica is read in context', async () => {
    const [a, b] = await twoReplicas(undefined, { ownCores: true });
    const thread = 'C01:1700000000.000300';
    const got = inbox();
    await a.ask({
      via: 'mention',
      userId: 'U4',
      text: GERMANY,
      conversationId: thread,
      send: got.send,
    });
    await b.ask({
      via: 'thread',
      userId: 'U4',
      text: 'how do I apply there?',
      conversationId: thread,
      send: got.send,
    });
    const followUp = got.replies[1];
    if (followUp?.type !== 'answer') throw new Error(`expected an answer, got ${followUp?.type}`);
    expect(followUp.view.passageIds[0]).toBe('germany');
    // Alone, on a fresh conversation, the same words are not about Germany.
    const alone = inbox();
    await b.ask({
      via: 'thread',
      userId: 'U4',
      text: 'how do I apply there?',
      conversationId: 'C01:1700000000.000400',
      send: alone.send,
    });
    const standalone = alone.replies[0];
    expect(standalone?.type === 'answer' && standalone.view.passageIds[0]).not.toBe('germany');
  });

  it('a conversation forgotten on one replica is not read in context on the other', async () => {
    const [a, b] = await twoReplicas(undefined, { ownCores: true });
    const { got, say } = oneThread('C01:1700000000.000500');
    await say(a, GERMANY);
    await say(b, 'delete everything i said');
    // Replica a remembers the Germany answer itself; the shared store says it was forgotten.
    await say(a, 'how do I apply there?');
    const [, forgot, followUp] = got.replies;
    expect(forgot?.type === 'answer' && forgot.view.notices.join(' ')).toMatch(/forgotten/);
    if (followUp?.type !== 'answer') throw new Error(`expected an answer, got ${followUp?.type}`);
    expect(followUp.view.passageIds[0]).not.toBe('germany');
  });

  it('"tell me more" on the other replica gives the next passage, not the one given in full', async () => {
    const [a, b] = await twoReplicas(undefined, { ownCores: true });
    const { got, say } = oneThread('C01:1700000000.000600');
    await say(a, GERMANY);
    await say(b, 'tell me more');
    await say(a, 'tell me more');
    const [first, more, again] = got.replies.map((r) => (r.type === 'answer' ? r.view : undefined));
    expect(more?.passageIds[0]).toBe(first?.passageIds[0]);
    expect(again?.passageIds[0]).not.toBe(more?.passageIds[0]);
  });

  it('declines are counted by nearest topic and week in the shared store', async () => {
    const [a, b] = await twoReplicas();
    for (const replica of [a, b]) {
      await replica.ask({
        via: 'dm',
        userId: 'U5',
        text: 'What is the asylum office address in Mongolia?',
        conversationId: 'D5',
        send: inbox().send,
      });
    }
    const declines = await stores[0]?.readDeclines();
    expect(declines).toEqual([
      { week: expect.stringMatching(/^\d{4}-W\d{2}$/), topic: 'elsewhere', count: 2 },
    ]);
  });

  it('“Share in channel” works on the other replica, without restating the question', async () => {
    const [a, b] = await twoReplicas();
    const asked = inbox();
    await a.ask({
      via: 'slash',
      userId: 'U6',
      text: GERMANY,
      conversationId: 'private:C6:U6',
      private: true,
      send: asked.send,
    });
    const answer = asked.replies[0];
    if (answer?.type !== 'answer') throw new Error(`expected an answer, got ${answer?.type}`);
    expect(answer.shareable).toBe(true);

    const published = inbox();
    const told = inbox();
    await b.share({ key: answer.key, publish: published.send, send: told.send });
    expect(told.replies).toEqual([]);
    const shared = published.replies[0];
    if (shared?.type !== 'answer') throw new Error(`expected an answer, got ${shared?.type}`);
    expect(shared.view.text).toBe(answer.view.text);
    expect(shared.view.passageIds).toEqual(answer.view.passageIds);
    // The question stayed on the replica that answered it: nothing to restate here.
    expect(shared.view.question).toBe('');
    // On the replica that answered, the shared copy restates the question as before.
    const again = inbox();
    await a.share({ key: answer.key, publish: again.send, send: inbox().send });
    expect(again.replies[0]?.type === 'answer' && again.replies[0].view.question).toBe(GERMANY);
  });
});
