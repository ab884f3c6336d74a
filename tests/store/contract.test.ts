import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryStore,
  createRedisStore,
  type RateLimitSettings,
  type StateStore,
} from '../../adapters/shared/store/index.ts';
import { captureLog } from './capture-log.ts';
import { deleteKeys, requireRedis } from './redis-server.ts';

const redis = await requireRedis();
const runPrefix = `asylum-answers-test:${randomUUID()}:`;
const SALT = 'a-salt-every-replica-shares';
/** Any code points, lone surrogates and controls included (fast-check's 'binary' unit is slow to start). */
/** A private answer as the core makes it, question aside. */
const SHAREABLE = {
  notices: [],
  text: 'US citizens can make a refugee claim in Canada [1].',
  citations: [
    {
      n: 1,
      id: 'claim-in-canada',
      passages: ['claim-in-canada'],
      title: 'Claiming refugee protection',
      url: 'https://example.org/claim',
      publisher: 'Example Publisher',
      published: '2025-06',
      outdated: false,
    },
  ],
  abstained: false,
  kind: 'answer' as const,
  confidence: 0.9,
  followUps: [],
  disclaimer: 'Legal information, not legal advice.',
  passages: ['claim-in-canada'],
};

const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 20 })
  .map((codePoints) => String.fromCodePoint(...codePoints));

interface HandleOptions {
  salt?: string;
  rateLimit?: RateLimitSettings;
}

/**
 * One backend as the bots see it: `open` gives another handle onto the same state, as a second
 * replica would have (for memory, the same object: memory is never shared between processes).
 */
interface Backend {
  name: 'memory' | 'redis';
  skip: boolean;
  open(options?: HandleOptions): Promise<StateStore>;
}

let opened: StateStore[] = [];
let caseNumber = 0;
let memoryOfCase: StateStore | undefined;

const backends: Backend[] = [
  {
    name: 'memory',
    skip: false,
    async open(options = {}) {
      memoryOfCase ??= createMemoryStore({ salt: SALT, ...options });
      return memoryOfCase;
    },
  },
  {
    name: 'redis',
    skip: redis.url === undefined,
    async open(options = {}) {
      const store = await createRedisStore({
        url: redis.url ?? '',
        salt: SALT,
        logger: captureLog().logger,
        prefix: `${runPrefix}${caseNumber}:`,
        ...options,
      });
      opened.push(store);
      return store;
    },
  },
];

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  opened = [];
  memoryOfCase = undefined;
  caseNumber += 1;
});

afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, runPrefix);
  if (redis.url) await redis.stop();
});

describe.each(backends)('state store contract: $name', (backend) => {
  const test = it.skipIf(backend.skip);

  test('a claim succeeds once, on any replica, and other ids are unaffected', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    expect(await a.claim('event:Ev01', 60_000)).toBe(true);
    expect(await a.claim('event:Ev01', 60_000)).toBe(false);
    expect(await b.claim('event:Ev01', 60_000)).toBe(false);
    expect(await b.claim('event:Ev02', 60_000)).toBe(true);
  });

  test('whether an id is claimed can be read without claiming it', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    expect(await b.claimed('vote:1')).toBe(false);
    expect(await b.claimed('vote:1')).toBe(false);
    expect(await a.claim('vote:1', 60_000)).toBe(true);
    expect(await b.claimed('vote:1')).toBe(true);
    await a.claim('vote:short', 30);
    await vi.waitFor(async () => expect(await b.claimed('vote:short')).toBe(false), {
      timeout: 3000,
      interval: 20,
    });
  });

  test('any id, however odd, is a key of its own', async () => {
    const store = await backend.open();
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(anyText, { minLength: 2, maxLength: 8 }), async (ids) => {
        const run = randomUUID();
        for (const id of ids) expect(await store.claim(`${run}${id}`, 60_000)).toBe(true);
        for (const id of ids) expect(await store.claim(`${run}${id}`, 60_000)).toBe(false);
        await store.setPlace(`${run}${ids[0]}`, 'first', 60_000);
        expect(await store.getPlace(`${run}${ids[1]}`)).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });

  test('concurrent claims of one id: exactly one wins', async () => {
    const handles = [await backend.open(), await backend.open()];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => handles[i % 2]?.claim('event:race', 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('a claim can be made again once it has expired', async () => {
    const store = await backend.open();
    expect(await store.claim('event:short', 30)).toBe(true);
    await vi.waitFor(async () => expect(await store.claim('event:short', 30)).toBe(true), {
      timeout: 3000,
      interval: 20,
    });
  });

  test('a TTL must be a positive whole number of milliseconds', async () => {
    const store = await backend.open();
    for (const ttl of [0, -1, 1.5, Number.NaN]) {
      await expect(store.claim('event:x', ttl)).rejects.toThrow(RangeError);
      await expect(store.setContext('c', { passageIds: [] }, ttl)).rejects.toThrow(RangeError);
    }
  });

  test('conversation context is read back on another replica, and forgotten', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    const context = {
      passageIds: ['stca-us-citizens', 'claim-in-canada'],
      topic: 'canada',
      shownInFull: ['stca-us-citizens'],
    };
    await a.setContext('C01:1700000000.0001', context, 60_000);
    expect(await b.getContext('C01:1700000000.0001')).toEqual(context);
    expect(await b.getContext('C01:1700000000.0002')).toBeUndefined();
    await b.forgetContext('C01:1700000000.0001');
    expect(await a.getContext('C01:1700000000.0001')).toBeUndefined();
  });

  test('conversation context expires', async () => {
    const store = await backend.open();
    await store.setContext('thread', { passageIds: ['a'] }, 30);
    await vi.waitFor(async () => expect(await store.getContext('thread')).toBeUndefined(), {
      timeout: 3000,
      interval: 20,
    });
  });

  test('context holds passage ids and a topic only: question text is refused', async () => {
    const store = await backend.open();
    const withQuestion = { passageIds: ['a'], question: 'I am trans and scared, can I go?' };
    // TypeScript lets an object with extra fields through; the store must refuse it at run time.
    await expect(store.setContext('c', withQuestion, 60_000)).rejects.toThrow(/question/);
    await expect(
      store.setContext('c', { passageIds: ['can I claim asylum in Canada?'] }, 60_000),
    ).rejects.toThrow(/kebab-case/);
    expect(await store.getContext('c')).toBeUndefined();
  });

  test('button state is read back on another replica, and expires', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    const state = {
      passageIds: ['claim-in-canada'],
      followUps: ['Can I work while my claim is pending?'],
      conversationId: 'C01:1700000000.0001',
    };
    await a.setButtons('k3y', state, 60_000);
    expect(await b.getButtons('k3y')).toEqual(state);
    await a.setButtons('short', state, 30);
    await vi.waitFor(async () => expect(await b.getButtons('short')).toBeUndefined(), {
      timeout: 3000,
      interval: 20,
    });
  });

  test('a shareable answer is read back on another replica without its question', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    const answer = { ...SHAREABLE, question: 'My name is Dana and I fled Ohio: can I claim?' };
    await a.setShareable('k3y', answer, 60_000);
    const { question: _, ...withoutQuestion } = answer;
    expect(await b.getShareable('k3y')).toEqual(withoutQuestion);
    expect(JSON.stringify(await b.getShareable('k3y'))).not.toContain('Dana');
    await a.setShareable('short', answer, 30);
    await vi.waitFor(async () => expect(await b.getShareable('short')).toBeUndefined(), {
      timeout: 3000,
      interval: 20,
    });
  });

  test('the conversation a place continues is found on another replica, and expires', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    await a.setPlace('message:1234', 'b3f1c7a2-conversation', 60_000);
    expect(await b.getPlace('message:1234')).toBe('b3f1c7a2-conversation');
    expect(await b.getPlace('message:9999')).toBeUndefined();
    await a.setPlace('message:short', 'c', 30);
    await vi.waitFor(async () => expect(await b.getPlace('message:short')).toBeUndefined(), {
      timeout: 3000,
      interval: 20,
    });
    await expect(a.setPlace('message:1', '', 60_000)).rejects.toThrow();
  });

  test('the rate limit allows a burst, then says slow down, per user', async () => {
    const store = await backend.open({ rateLimit: { burst: 3, perMinute: 1 } });
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await store.takeRate('U-alice'));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(await store.takeRate('U-bob')).toBe(true);
  });

  test('the rate limit is one allowance across replicas, even when they race', async () => {
    const rateLimit = { burst: 5, perMinute: 1 };
    const handles = [await backend.open({ rateLimit }), await backend.open({ rateLimit })];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => handles[i % 2]?.takeRate('U-carol')),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  test('votes are counted per passage, each passage once per vote', async () => {
    const [a, b] = [await backend.open(), await backend.open()];
    await a.recordVote(['claim-in-canada', 'stca-us-citizens', 'claim-in-canada'], 'up');
    await b.recordVote(['claim-in-canada'], 'down');
    await b.recordVote([], 'down');
    expect(await a.readVotes()).toEqual({
      'claim-in-canada': { up: 1, down: 1 },
      'stca-us-citizens': { up: 1, down: 0 },
    });
  });

  test('declines are counted per nearest topic and ISO week, oldest week first', async () => {
    const store = await backend.open();
    // 2026 has 53 ISO weeks: 31 December 2026 (a Thursday) and 1 January 2027 are both in W53.
    await store.recordDecline('canada', new Date('2027-01-01T10:00:00Z'));
    await store.recordDecline('canada', new Date('2026-12-31T23:59:59Z'));
    await store.recordDecline('mexico', new Date('2026-12-28T00:00:00Z'));
    await store.recordDecline('canada', new Date('2027-01-04T00:00:00Z'));
    await store.recordDecline('work', new Date('2026-06-01T12:00:00Z'));
    expect(await store.readDeclines()).toEqual([
      { week: '2026-W23', topic: 'work', count: 1 },
      { week: '2026-W53', topic: 'canada', count: 2 },
      { week: '2026-W53', topic: 'mexico', count: 1 },
      { week: '2027-W01', topic: 'canada', count: 1 },
    ]);
  });

  test('a fresh store is healthy and empty', async () => {
    const store = await backend.open();
    expect(store.health()).toEqual({ backend: backend.name, status: 'ok' });
    expect(await store.readVotes()).toEqual({});
    expect(await store.readDeclines()).toEqual([]);
  });
});

describe.skipIf(redis.url === undefined)('Redis at rest', () => {
  const open = (salt = SALT) =>
    createRedisStore({
      url: redis.url ?? '',
      salt,
      logger: captureLog().logger,
      prefix: `${runPrefix}at-rest:`,
    }).then((store) => {
      opened.push(store);
      return store;
    });

  async function everything(): Promise<{ keys: string[]; dump: string; ttls: number[] }> {
    const client = new Redis(redis.url ?? '');
    try {
      const keys = await client.keys(`${runPrefix}at-rest:*`);
      const values = await Promise.all(
        keys.map(async (k) =>
          (await client.type(k)) === 'hash'
            ? JSON.stringify(await client.hgetall(k))
            : ((await client.get(k)) ?? ''),
        ),
      );
      const ttls = await Promise.all(keys.map((k) => client.pttl(k)));
      return { keys, dump: [...keys, ...values].join('\n'), ttls };
    } finally {
      client.disconnect();
    }
  }

  it('holds no platform id in clear, and everything but vote counts expires', async () => {
    const store = await open();
    const user = 'U0SECRETUSER';
    const conversation = 'D0SECRETDM:1700000000.000100';
    await store.claim(`vote:1700000000.000200:${user}`, 60_000);
    await store.setContext(conversation, { passageIds: ['claim-in-canada'] }, 60_000);
    await store.setButtons(
      'B0SECRETKEY',
      { passageIds: [], followUps: [], conversationId: 'x' },
      60_000,
    );
    await store.setPlace('M0SECRETMESSAGE', 'an-opaque-conversation-id', 60_000);
    const asked = 'SECRETQUESTION about my case';
    // A whole Answer, as the service hands it over: its question must not be kept.
    const answer = { ...SHAREABLE, question: asked };
    await store.setShareable('B0SECRETKEY', answer, 60_000);
    await store.takeRate(user);
    await store.recordVote(['claim-in-canada'], 'up');
    await store.recordDecline('canada');

    const { keys, dump, ttls } = await everything();
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const secret of [
      'SECRETQUESTION',
      'SECRETUSER',
      'SECRETDM',
      'SECRETKEY',
      'SECRETMESSAGE',
      '1700000000',
    ]) {
      expect(dump).not.toContain(secret);
    }
    const forever = keys.filter((_, i) => (ttls[i] ?? -1) < 0);
    expect(forever.map((k) => k.slice(`${runPrefix}at-rest:`.length)).sort()).toEqual(['votes:up']);
  });

  it('replicas with a different STATE_SALT do not find each other’s entries', async () => {
    const a = await open('one-salt-for-replica-a');
    const b = await open('another-salt-for-replica-b');
    await a.setContext('C01:1', { passageIds: ['a'] }, 60_000);
    expect(await a.claim('event:salted', 60_000)).toBe(true);
    expect(await b.getContext('C01:1')).toBeUndefined();
    expect(await b.claim('event:salted', 60_000)).toBe(true);
  });
});
