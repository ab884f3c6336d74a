import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisStore } from '../../adapters/shared/store/index.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { ACTION } from '../../adapters/slack/render.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { killGroup, spawnScript } from '../helpers/run.ts';
import { FakeSlack } from '../slack/fake-slack.ts';
import { BOT_TOKEN } from '../slack/harness.ts';
import {
  asForm,
  asJson,
  blockAction,
  eventCallback,
  findButton,
  mention,
  message,
  postToApp,
  SIGNING_SECRET,
} from '../slack/requests.ts';
import { captureLog } from '../store/capture-log.ts';
import { deleteKeys, requireRedis } from '../store/redis-server.ts';
import { TcpProxy } from '../store/tcp-proxy.ts';

// Two Slack bot processes in HTTP mode sharing one Redis, as two replicas behind a load balancer
// run: the test is the load balancer, sending each request to the replica it chooses.

const redis = await requireRedis();
const runPrefix = `asylum-answers-test:${randomBytes(6).toString('hex')}:`;
const SALT = 'a-salt-every-replica-shares';
const GERMANY = 'Can Americans claim asylum in Germany?';

type Json = Record<string, unknown>;

interface Replica {
  child: ChildProcess;
  port: number;
  url: (path?: string) => string;
  output: () => string;
  exited: Promise<number | null>;
}

let fake: FakeSlack | undefined;
let children: ChildProcess[] = [];
let proxies: TcpProxy[] = [];

afterEach(async () => {
  for (const child of children) killGroup(child);
  children = [];
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  proxies = [];
  await fake?.close();
  fake = undefined;
});
afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, runPrefix);
  if (redis.url) await redis.stop();
});

/** A fresh fake Slack and a key prefix of the test's own, shared by its replicas. */
async function deployment() {
  fake = await FakeSlack.start();
  return { fake, prefix: `${runPrefix}${randomBytes(6).toString('hex')}:` };
}

async function startReplica(
  apiUrl: string,
  prefix: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<Replica> {
  const child = spawnScript('slack', {
    stdin: 'ignore',
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      KNOWLEDGE_DIR: VALID_FIXTURE,
      LOG_LEVEL: 'debug',
      LOG_QUESTIONS: '',
      METRICS_PORT: '',
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      STATE_SALT: SALT,
      RATE_LIMIT_BURST: '100',
      RATE_LIMIT_PER_MINUTE: '100',
      ...extra,
    },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const failed = exited.then((code) => {
    throw new Error(`the replica exited (${code}) before listening:\n${output}`);
  });
  const listening = vi.waitFor(
    () => {
      const match = /"port":(\d+).*Slack adapter listening/.exec(output);
      if (!match) throw new Error(`not listening yet:\n${output}`);
      return Number(match[1]);
    },
    { timeout: 30_000, interval: 50 },
  );
  const port = await Promise.race([listening, failed]);
  failed.catch(() => undefined);
  return {
    child,
    port,
    url: (path = '/slack/events') => `http://127.0.0.1:${port}${path}`,
    output: () => output,
    exited,
  };
}

/** Two replicas, started side by side (a start takes seconds on a busy machine). */
function twoReplicas(apiUrl: string, prefix: string, extra: NodeJS.ProcessEnv = {}) {
  return Promise.all([startReplica(apiUrl, prefix, extra), startReplica(apiUrl, prefix, extra)]);
}

/** Log lines of a replica with this message. */
function logged(replica: Replica, msg: string): Json[] {
  return replica
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Json)
    .filter((line) => line.msg === msg);
}

function posts(f: FakeSlack): Json[] {
  return f.callsTo('chat.postMessage').map((call) => call.args);
}

async function waitForPosts(f: FakeSlack, count: number): Promise<Json[]> {
  return vi.waitFor(
    () => {
      const all = posts(f);
      if (all.length < count) throw new Error(`${all.length} of ${count} posts`);
      return all;
    },
    { timeout: 15_000, interval: 20 },
  );
}

async function post(replica: Replica, payload: Json, headers: Record<string, string> = {}) {
  const response = await postToApp(replica.url(), asJson(payload), { headers });
  expect(response.status).toBe(200);
}

describe.skipIf(redis.url === undefined)('two Slack HTTP replicas sharing one Redis', () => {
  it('an event retried to the other replica is answered once', async () => {
    const { fake: f, prefix } = await deployment();
    const [a, b] = await twoReplicas(f.apiUrl, prefix);
    const event = eventCallback(mention(GERMANY));
    await post(a, event);
    await waitForPosts(f, 1);
    // Slack's retry carries the same event id, signed anew, and lands on the other replica. It
    // comes seconds later: signed within the same second, it would be the very same request, which
    // the shared replay guard refuses before the event is read.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await post(b, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await vi.waitFor(() => expect(logged(b, 'event already handled')).toHaveLength(1), {
      timeout: 10_000,
    });
    expect(posts(f)).toHaveLength(1);
  });

  it('a follow-up in a thread, sent to the other replica, is read in context', async () => {
    const { fake: f, prefix } = await deployment();
    const [a, b] = await twoReplicas(f.apiUrl, prefix);
    const asked = mention(GERMANY, { channel: 'C7' });
    await post(a, eventCallback(asked));
    await waitForPosts(f, 1);
    // A reply in the thread, without a mention: only a replica that finds the thread answers it.
    const followUp = message('how do I apply there?', {
      channel: 'C7',
      channel_type: 'channel',
      thread_ts: asked.ts,
    });
    await post(b, eventCallback(followUp));
    const [, reply] = await waitForPosts(f, 2);
    expect(reply).toMatchObject({ channel: 'C7', thread_ts: asked.ts });
    // Germany's passage, where the same words alone get another one (the Safe Third Country
    // Agreement's): the answer goes on from what the thread was about.
    expect(JSON.stringify(reply?.blocks)).toContain('https://example.org/germany');
  });

  it('the rate limit is one allowance across replicas', async () => {
    const { fake: f, prefix } = await deployment();
    const limit = { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' };
    const [a, b] = await twoReplicas(f.apiUrl, prefix, limit);
    for (const [n, replica] of [a, b, a].entries()) {
      await post(replica, eventCallback(mention(GERMANY, { user: 'U9' })));
      await waitForPosts(f, n + 1);
    }
    const texts = posts(f).map((p) => JSON.stringify(p.blocks ?? p.text));
    expect(texts[0]).toContain('BAMF');
    expect(texts[1]).toContain('BAMF');
    expect(texts[2]).toContain(JSON.stringify(WORDING.slowDown).slice(1, -1));
  });

  it('one replica stopped mid-burst: every request that reached a live replica is answered, once', async () => {
    const { fake: f, prefix } = await deployment();
    const [a, b] = await twoReplicas(f.apiUrl, prefix);
    const total = 24;
    const questions = Array.from({ length: total }, (_, i) =>
      eventCallback(mention(GERMANY, { user: `U${i}`, channel: 'C8' })),
    );
    let refused = 0;
    /** Round robin, as a load balancer does; what A refuses (stopping, or gone) goes to B. */
    const send = (events: Json[], offset: number) =>
      Promise.all(
        events.map(async (event, i) => {
          const first = (offset + i) % 2 === 0 ? a : b;
          const status = await postToApp(first.url(), asJson(event)).then(
            (response) => response.status,
            () => 0,
          );
          if (status === 200) return;
          refused += 1;
          await post(b, event);
        }),
      );
    // A third of the burst in flight, then A is told to stop while the second third arrives
    // (what it accepted it answers; what it refuses goes to B); the last third finds A gone.
    const first = send(questions.slice(0, 8), 0);
    a.child.kill('SIGTERM');
    await Promise.all([first, send(questions.slice(8, 16), 8)]);
    expect(await a.exited).toBe(0);
    await send(questions.slice(16), 16);
    expect(refused).toBeGreaterThanOrEqual(4);
    const all = await waitForPosts(f, total);
    expect(refused).toBeGreaterThan(0);
    // Every question answered, none twice (each in its own thread).
    const threads = all.map((p) => p.thread_ts);
    expect(new Set(threads).size).toBe(total);
    expect(all).toHaveLength(total);
    expect(logged(a, 'Slack adapter stopped')[0]).toMatchObject({ unanswered: 0 });
  });

  it('one replica killed outright mid-burst: the other answers everything that reached it, once', async () => {
    const { fake: f, prefix } = await deployment();
    const [a, b] = await twoReplicas(f.apiUrl, prefix);
    const questions = Array.from({ length: 16 }, (_, i) =>
      eventCallback(mention(GERMANY, { user: `K${i}`, channel: 'C10' })),
    );
    const threadOf = (event: Json) => (event as { event: { ts: string } }).event.ts;
    const toB: Json[] = [];
    /** Round robin; what A cannot take (it is gone) goes to B, as a load balancer retries. */
    const send = (events: Json[]) =>
      Promise.all(
        events.map(async (event, i) => {
          if (i % 2 === 0) {
            const ok = await postToApp(a.url(), asJson(event)).then(
              (response) => response.status === 200,
              () => false,
            );
            if (ok) return;
          }
          toB.push(event);
          await post(b, event);
        }),
      );
    const first = send(questions.slice(0, 8));
    // SIGKILL: no drain. What A had acknowledged and not yet answered is lost with it (Slack
    // does not retry an acknowledged event); nothing that reached B may be.
    a.child.kill('SIGKILL');
    await first;
    await a.exited;
    await send(questions.slice(8));
    expect(toB.length).toBeGreaterThanOrEqual(8);
    const all = await waitForPosts(f, toB.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const threads = posts(f).map((p) => p.thread_ts);
    for (const event of toB) expect(threads.filter((t) => t === threadOf(event))).toHaveLength(1);
    expect(new Set(threads).size).toBe(posts(f).length);
    expect(all.length).toBeLessThanOrEqual(questions.length);
  });

  it('vote counts survive restarting both replicas', async () => {
    const { fake: f, prefix } = await deployment();
    let [a, b] = await twoReplicas(f.apiUrl, prefix);
    const asked = mention(GERMANY, { channel: 'C9' });
    await post(a, eventCallback(asked));
    const [answer] = await waitForPosts(f, 1);
    const up = findButton(answer ?? {}, ACTION.feedbackUp);
    const where = (user: string) => ({
      responseUrl: f.responseUrl(`vote-${user}`),
      channel: 'C9',
      user,
      message: { ts: '1.000100', thread_ts: asked.ts as string },
    });
    await postToApp(b.url(), asForm(blockAction(up, where('U1'))));
    await vi.waitFor(() => expect(f.responsesTo('vote-U1')).toHaveLength(1), { timeout: 10_000 });

    for (const replica of [a, b]) replica.child.kill('SIGTERM');
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    [a, b] = await twoReplicas(f.apiUrl, prefix);

    // The answer's buttons still work after the restart, and the same person is not counted twice.
    await postToApp(a.url(), asForm(blockAction(up, where('U2'))));
    await postToApp(b.url(), asForm(blockAction(up, where('U1'))));
    await vi.waitFor(
      () => {
        expect(f.responsesTo('vote-U2')).toHaveLength(1);
        expect(f.responsesTo('vote-U1')).toHaveLength(2);
      },
      { timeout: 10_000 },
    );
    expect(JSON.stringify(f.responsesTo('vote-U1')[1]?.body)).toContain(
      JSON.stringify(WORDING.alreadyVoted).slice(1, -1),
    );
    const store = await createRedisStore({
      url: redis.url ?? '',
      salt: SALT,
      prefix,
      logger: captureLog().logger,
    });
    try {
      const votes = await vi.waitFor(async () => {
        const counted = await store.readVotes();
        expect(counted.germany?.up).toBe(2);
        return counted;
      });
      expect(votes.germany).toEqual({ up: 2, down: 0 });
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe.skipIf(redis.url === undefined)('a Slack replica and its Redis', () => {
  it('Redis lost mid-run: it keeps answering, logs it once, and recovers when Redis returns', async () => {
    const { fake: f, prefix } = await deployment();
    const target = new URL(redis.url ?? '');
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
    proxies.push(proxy);
    const a = await startReplica(f.apiUrl, prefix, {
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    });
    const health = async () => (await (await fetch(a.url('/healthz'))).json()) as Json;
    expect(await health()).toEqual({ status: 'ok', store: { backend: 'redis', status: 'ok' } });

    proxy.cut();
    await vi.waitFor(async () => expect((await health()).status).toBe('degraded'), {
      timeout: 10_000,
    });
    for (let n = 1; n <= 3; n++) {
      await post(a, eventCallback(mention(GERMANY, { user: `U${n}` })));
      await waitForPosts(f, n);
    }
    const outage =
      'Redis is unreachable: answering goes on without shared dedupe, context or counts until it returns';
    await vi.waitFor(() => expect(logged(a, outage)).toHaveLength(1));

    proxy.restore();
    await vi.waitFor(async () => expect((await health()).status).toBe('ok'), { timeout: 15_000 });
    // The log line reaches the pipe a moment after /healthz may already say ok.
    await vi.waitFor(() =>
      expect(logged(a, 'Redis is back: shared state restored')).toHaveLength(1),
    );
    await post(a, eventCallback(mention(GERMANY, { user: 'U4' })));
    await waitForPosts(f, 4);
    expect(logged(a, outage)).toHaveLength(1);
  });
});
