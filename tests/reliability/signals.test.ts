import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, VALID_FIXTURE } from '../helpers/paths.ts';
import { BOT_TOKEN } from '../slack/harness.ts';
import { postToApp, SIGNING_SECRET, slashCommand } from '../slack/requests.ts';

// The production command the READMEs recommend, `node --import tsx adapters/slack/main.ts` (the
// built `node dist/adapters/slack/main.js` runs the same code), stopped the way a supervisor
// stops it: the signal goes to the pid it started, which must be the bot itself.

interface Bot {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  port: number;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    // Each bot leads its own process group: a failed test leaves nothing behind.
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface FakeApi {
  url: string;
  /** Calls to auth.test so far. */
  authCalls: () => number;
  /** Answers posted to response_urls so far. */
  answers: () => number;
}

/**
 * Slack's Web API and response_urls, as slow as asked: `answerDelayMs` before each response_url
 * post is answered; `hangAuth` never answers auth.test (Slack unreachable at start-up).
 */
async function fakeApi({ answerDelayMs = 0, hangAuth = false } = {}): Promise<FakeApi> {
  let authCalls = 0;
  let answers = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/api/auth.test') {
        authCalls += 1;
        if (hangAuth) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }));
        return;
      }
      setTimeout(() => {
        if (req.url?.startsWith('/response/')) answers += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }, answerDelayMs);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authCalls: () => authCalls,
    answers: () => answers,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node <args>` in its own process group, its stdout and stderr collected. */
function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}): Omit<Bot, 'port'> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function startSlack(api: FakeApi): Promise<Bot> {
  const port = await freePort();
  const bot = spawnNode(['--import', 'tsx', 'adapters/slack/main.ts'], {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: `${api.url}/api/`,
    PORT: String(port),
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: VALID_FIXTURE,
    LOG_LEVEL: 'info',
    LOG_QUESTIONS: '',
    RATE_LIMIT_BURST: '100',
  });
  return { ...bot, port };
}

async function until(
  condition: () => boolean,
  what: string,
  bot: Pick<Bot, 'output'>,
): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!condition()) throw new Error(`no ${what}; output:\n${bot.output()}`);
}

const listening = (bot: Bot) => () => /Slack adapter listening/.test(bot.output());

describe('the production command under a supervisor', () => {
  it('reloads on SIGHUP and keeps serving, then stops with exit 0 on SIGTERM', async () => {
    const bot = await startSlack(await fakeApi());
    await until(listening(bot), 'listening', bot);
    bot.child.kill('SIGHUP');
    await until(() => /knowledge reloaded/.test(bot.output()), 'reload', bot);
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.output()).toMatch(/"msg":"Slack adapter stopped"/);
    await expect(
      fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST' }),
    ).rejects.toThrow();
  });

  it('takes a signal during start-up (Slack unreachable) as a request, not a kill', async () => {
    const api = await fakeApi({ hangAuth: true });
    const bot = await startSlack(api);
    await until(() => api.authCalls() > 0, 'auth.test call', bot);
    bot.child.kill('SIGHUP');
    await until(() => /knowledge reloaded/.test(bot.output()), 'reload', bot);
    // Ctrl-C as well as SIGTERM: both stop it cleanly.
    bot.child.kill('SIGINT');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.output()).toMatch(/"msg":"stopping"/);
  });

  it('exits 1 naming the questions it acknowledged but could not answer (slow Slack API)', async () => {
    const api = await fakeApi({ answerDelayMs: 20_000 });
    const bot = await startSlack(api);
    await until(listening(bot), 'listening', bot);
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    for (let i = 0; i < 10; i += 1) {
      const ask = slashCommand({
        text: 'Can I claim asylum?',
        responseUrl: `${api.url}/response/${i}`,
        user: `U${i}`,
      });
      expect((await postToApp(url, ask)).status).toBe(200);
    }
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.output()).toMatch(/"unanswered":10/);
    expect(api.answers()).toBe(0);
  });
});

describe('a failure outside any handler', () => {
  it('is logged without its data, and the bot keeps running', async () => {
    const script = `
      const { superviseProcess } = await import('./adapters/shared/lifecycle.ts');
      const { createLogger } = await import('./adapters/shared/log.ts');
      const supervisor = superviseProcess({ logger: createLogger('test') });
      supervisor.serve({ assistant: { reload: async () => {}, passages: () => [] }, stop: async () => ({ unanswered: 0 }) });
      Promise.reject(new TypeError('Cannot read "secret question" of null'));
      setTimeout(() => { throw new Error('boom "secret question"'); }, 10);
      setTimeout(() => console.log('still running'), 200);
      setInterval(() => {}, 1000);
    `;
    const bot = spawnNode(['--import', 'tsx', '--input-type=module', '-e', script]);
    await until(() => /still running/.test(bot.output()), '"still running"', bot);
    expect(bot.output()).toMatch(/unhandled rejection; still serving/);
    expect(bot.output()).toMatch(/uncaught exception; still serving/);
    expect(bot.output()).not.toMatch(/secret question/);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });
});
