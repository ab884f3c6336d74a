import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
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
 */
const SIGNING_SECRET = 'bench-signing-secret';
const CONNECTIONS = 20;

function sign(timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

interface FakeSlack {
  url: string;
  /** response_url posts that carried an answer, and those that did not (apology, rate limit). */
  counts: { answers: number; other: number; api: number };
  close(): Promise<void>;
}

async function startFakeSlack(): Promise<FakeSlack> {
  const counts = { answers: 0, other: 0, api: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/response/')) {
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
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

await runMeasurement(async ({ quick }) => {
  const total = quick ? 200 : 2000;
  const questions = (await loadEvalSet()).questions.map((turn) => turn.q);
  const fake = await startFakeSlack();
  const server = fork('bench/slack-server.ts', [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SLACK_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SLACK_PROFILE}`]
        : []),
    ],
    env: {
      ...process.env,
      BENCH_SLACK_API_URL: `${fake.url}/api/`,
      BENCH_SLACK_SIGNING_SECRET: SIGNING_SECRET,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let serverErrors = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    serverErrors = (serverErrors + chunk.toString()).slice(-2000);
  });
  const stopServer = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.send({ stop: true });
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const ready = await new Promise<{ port?: number; error?: string }>((resolve) => {
      const timer = setTimeout(
        () => resolve({ error: 'the Slack app did not start in 60 s' }),
        60_000,
      );
      server.once('message', (message: { port?: number; error?: string }) => {
        clearTimeout(timer);
        resolve(message);
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ error: `the Slack app exited with code ${code}: ${serverErrors}` });
      });
    });
    if (!ready.port) return { skipped: `could not start the Slack app: ${ready.error}` };
    const url = `http://127.0.0.1:${ready.port}/slack/events`;

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
        response_url: `${fake.url}/response/${n}`,
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
      autocannon({
        url,
        connections: CONNECTIONS,
        amount,
        timeout: 10,
        requests: [{ setupRequest: request(prefix) }],
      });

    progress('warming up');
    await run(quick ? 40 : 200, 'W');
    fake.counts.answers = 0;
    fake.counts.other = 0;
    progress(`${total} signed slash commands at concurrency ${CONNECTIONS}`);
    const started = performance.now();
    const result = await run(total, 'U');
    const seconds = (performance.now() - started) / 1000;
    // The last answers' posts may still be in flight when the last HTTP response arrives.
    for (let i = 0; i < 20 && fake.counts.answers + fake.counts.other < total; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const errors = result.errors + result.timeouts + result.non2xx + fake.counts.other;
    return {
      requests: total,
      connections: CONNECTIONS,
      seconds: round(seconds, 2),
      answersPerSecond: round(result['2xx'] / seconds, 0),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      errors,
      detail: {
        http2xx: result['2xx'],
        non2xx: result.non2xx,
        connectionErrors: result.errors,
        timeouts: result.timeouts,
        answersPosted: fake.counts.answers,
        otherPosts: fake.counts.other,
      },
    };
  } finally {
    await stopServer();
    await fake.close();
  }
});
