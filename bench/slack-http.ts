import { fork } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { loadEvalSet } from '../evaluation/load.ts';
import { progress, runMeasurement } from './harness.ts';
import { round } from './stats.ts';

/**
 * 5. Slack HTTP throughput: the real Bolt app (bench/slack-server.ts, its own process) in HTTP
 * mode on 127.0.0.1, and in this process a fake Slack: autocannon sending signed `/asylum` slash
 * commands (the evaluation questions in turn, spread over enough users to stay within the
 * adapter's rate limit) at concurrency 20, and a fake Web API and response_url receiving the
 * answers. processBeforeResponse is on, so each HTTP response comes only once the answer has been
 * posted to the response_url: latency is the whole answer, and requests/s is answers/s.
 *
 * Then the same load over two replicas sharing one Redis (REDIS_URL of the bench, default
 * 127.0.0.1:6379, under a key prefix of its own), half the connections to each: aggregate
 * answers/s, the worse replica's percentiles, and duplicates (a response_url posted to twice).
 */
const SIGNING_SECRET = 'bench-signing-secret';
const CONNECTIONS = 20;

function sign(timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

interface FakeSlack {
  url: string;
  /** response_url posts that carried an answer, and those that did not (apology, rate limit). */
  counts: { answers: number; other: number; api: number; duplicates: number };
  /** Forgets the counts (after the warm-up). */
  reset(): void;
  close(): Promise<void>;
}

async function startFakeSlack(): Promise<FakeSlack> {
  const counts = { answers: 0, other: 0, api: 0, duplicates: 0 };
  const answered = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/response/')) {
        // One request, one answer: a second post to the same response_url is a duplicate.
        if (answered.has(url)) counts.duplicates++;
        answered.add(url);
        // An answer carries its sources; an apology or a "slow down" notice has none.
        if (body.includes('Sources') || body.includes('legal information')) counts.answers++;
        else counts.other++;
      } else if (url.startsWith('/api/')) {
        counts.api++;
      }
      const reply = url.startsWith('/api/auth.test')
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'asylum' }
        : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset() {
      Object.assign(counts, { answers: 0, other: 0, duplicates: 0 });
      answered.clear();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One Slack app process (bench/slack-server.ts), listening, or why it could not start. */
interface Server {
  port?: number;
  error?: string;
  stop(): Promise<void>;
}

function startServer(apiUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = fork('bench/slack-server.ts', [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SLACK_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SLACK_PROFILE}`]
        : []),
    ],
    env: {
      ...process.env,
      BENCH_SLACK_API_URL: apiUrl,
      BENCH_SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let serverErrors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    serverErrors = (serverErrors + chunk.toString()).slice(-2000);
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ stop: true });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ error: 'the Slack app did not start in 60 s', stop }),
      60_000,
    );
    child.once('message', (message: { port?: number; error?: string }) => {
      clearTimeout(timer);
      resolve({ ...message, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `the Slack app exited with code ${code}: ${serverErrors}`, stop });
    });
  });
}

const questions = (await loadEvalSet()).questions.map((turn) => turn.q);

/**
 * Sends `total` signed slash commands spread over `ports` (one autocannon per replica, the
 * connections split between them, as a load balancer would) and reads what reached the fake.
 */
async function load(fake: FakeSlack, ports: number[], total: number, quick: boolean) {
  // Each request: the next question, from the next of `users` people, signed as Slack signs.
  let sequence = 0;
  const users = Math.max(50, Math.ceil(total / 4));
  const request = (prefix: string) => () => {
    const n = sequence++;
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T1',
      team_domain: 'example',
      channel_id: 'C1',
      channel_name: 'general',
      user_id: `${prefix}${n % users}`,
      user_name: 'asker',
      command: '/asylum',
      text: questions[n % questions.length] ?? 'Can Americans claim asylum in Canada?',
      api_app_id: 'A1',
      response_url: `${fake.url}/response/${prefix}${n}`,
      trigger_id: `trigger-${n}`,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      method: 'POST' as const,
      path: '/slack/events',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign(timestamp, body),
      },
    };
  };
  const run = (amount: number, prefix: string) =>
    Promise.all(
      ports.map((port, i) =>
        autocannon({
          url: `http://127.0.0.1:${port}/slack/events`,
          connections: CONNECTIONS / ports.length,
          amount: Math.floor(amount / ports.length) + (i < amount % ports.length ? 1 : 0),
          timeout: 10,
          requests: [{ setupRequest: request(prefix) }],
        }),
      ),
    );

  progress('warming up');
  await run(quick ? 40 : 200, 'W');
  fake.reset();
  progress(
    `${total} signed slash commands at concurrency ${CONNECTIONS} over ${ports.length} process(es)`,
  );
  const started = performance.now();
  const results = await run(total, 'U');
  const seconds = (performance.now() - started) / 1000;
  // The last answers' posts may still be in flight when the last HTTP response arrives.
  for (let i = 0; i < 20 && fake.counts.answers + fake.counts.other < total; i++)
    await new Promise((resolve) => setTimeout(resolve, 50));

  const sum = (pick: (r: autocannon.Result) => number) =>
    results.reduce((total, r) => total + pick(r), 0);
  // Per replica the percentiles are exact; across replicas the worst is reported (an upper bound).
  const worst = (pick: (r: autocannon.Result) => number) => Math.max(...results.map(pick));
  const errors = sum((r) => r.errors + r.timeouts + r.non2xx) + fake.counts.other;
  return {
    requests: total,
    connections: CONNECTIONS,
    processes: ports.length,
    seconds: round(seconds, 2),
    answersPerSecond: round(sum((r) => r['2xx']) / seconds, 0),
    latencyMs: {
      p50: worst((r) => r.latency.p50),
      p90: worst((r) => r.latency.p90),
      p99: worst((r) => r.latency.p99),
      max: worst((r) => r.latency.max),
    },
    errors,
    duplicates: fake.counts.duplicates,
    detail: {
      http2xx: sum((r) => r['2xx']),
      non2xx: sum((r) => r.non2xx),
      connectionErrors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      answersPosted: fake.counts.answers,
      otherPosts: fake.counts.other,
    },
  };
}

/** The shared Redis for the two-replica run: REDIS_URL, or the one on 127.0.0.1:6379. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

await runMeasurement(async ({ quick }) => {
  const total = quick ? 200 : 2000;
  const fake = await startFakeSlack();
  const servers: Server[] = [];
  let redisEnv: { REDIS_URL: string; REDIS_PREFIX: string; STATE_SALT: string } | undefined;
  try {
    const single = await startServer(`${fake.url}/api/`);
    servers.push(single);
    if (!single.port) return { skipped: `could not start the Slack app: ${single.error}` };
    const measured = await load(fake, [single.port], total, quick);
    await single.stop();

    // Two replicas, one Redis: state (dedupe, rate limits, buttons, context) shared through it.
    redisEnv = {
      REDIS_URL,
      REDIS_PREFIX: `asylum-answers-bench:${randomBytes(6).toString('hex')}:`,
      STATE_SALT: randomBytes(16).toString('hex'),
    };
    const pair = await Promise.all([
      startServer(`${fake.url}/api/`, redisEnv),
      startServer(`${fake.url}/api/`, redisEnv),
    ]);
    servers.push(...pair);
    const ports = pair.map((server) => server.port);
    const replicas = ports.every((port) => port !== undefined)
      ? await load(fake, ports as number[], total, quick)
      : { skipped: `two replicas on ${REDIS_URL}: ${pair.map((s) => s.error).join('; ')}` };
    return { ...measured, replicas };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fake.close();
    if (redisEnv) await deleteKeys(redisEnv.REDIS_URL, redisEnv.REDIS_PREFIX);
  }
});

/** The run's own keys (decline counts would otherwise stay a year). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    for await (const keys of client.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await client.del(...(keys as string[]));
    }
  } catch {
    // No Redis: the two-replica run was skipped and wrote nothing.
  } finally {
    client.disconnect();
  }
}
