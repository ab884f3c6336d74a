import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ASKER, directMessage, slashCommand as discordCommand } from '../tests/discord/events.ts';
import { APP_ID, FakeDiscord, TOKEN } from '../tests/discord/fake-discord.ts';
import { VALID_FIXTURE } from '../tests/helpers/paths.ts';
import { postToApp, SIGNING_SECRET, slashCommand } from '../tests/slack/requests.ts';

/**
 * The attack run's big loads (issue 16), run once by hand, not in CI (several minutes): the bot's
 * memory over 50,000 Discord users and 5,000 DMs, over rounds of 50 unsigned 4 MB Slack POSTs at
 * once, and SIGTERM during a burst of slash commands with a slow Slack API. Each bot runs as the
 * production command, `node --import tsx adapters/<bot>/main.ts`, from `--root` (default this
 * checkout; point it at another worktree to measure the code before a change), against fakes on
 * 127.0.0.1. Prints one JSON line per part.
 *
 *   npx tsx bench/attack-memory.ts [--only discord|slack|stop] [--root DIR] [--users 50000]
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    root: { type: 'string', default: process.cwd() },
    users: { type: 'string', default: '50000' },
    dms: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    burst: { type: 'string', default: '150' },
  },
});
const ROOT = path.resolve(values.root);
const USERS = Number(values.users);
const DMS = Number(values.dms);
const ROUNDS = Number(values.rounds);
const BURST = Number(values.burst);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM of a process, in MB. */
function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

interface Bot {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function startBot(bot: 'slack' | 'discord', env: NodeJS.ProcessEnv): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', `adapters/${bot}/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, KNOWLEDGE_DIR: VALID_FIXTURE, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // The tail is enough to find log lines; the whole of it would grow with the load.
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid ?? 0, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function stopBot(bot: Bot) {
  bot.child.kill('SIGTERM');
  const timer = setTimeout(() => bot.child.kill('SIGKILL'), 15_000);
  const exit = await bot.exited;
  clearTimeout(timer);
  return exit;
}

/** 50,000 distinct people use /asylum, then 5,000 more send a DM: RSS every 10,000. */
async function discordMemory() {
  const fake = await FakeDiscord.start();
  const bot = startBot('discord', {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    RATE_LIMIT_BURST: '1000',
  });
  await until(() => bot.output().includes('discord bot ready'), 'discord bot ready');
  const samples: { users: number; dms: number; rssMb: number; peakMb: number }[] = [];
  samples.push({ users: 0, dms: 0, ...memory(bot.pid) });
  let answered = 0;
  /** Answers so far; the fake's record of them is emptied, or it would grow with the load. */
  const countAnswers = () => {
    answered += fake.requests.length;
    fake.requests.length = 0;
    return answered;
  };
  const person = (i: number) => ({
    ...ASKER,
    id: String(700_000_000_000_000_000n + BigInt(i)),
    username: `person${i}`,
    global_name: `Person ${i}`,
  });
  const BATCH = 250;
  for (let sent = 0; sent < USERS; ) {
    const batch = Math.min(BATCH, USERS - sent);
    for (let i = 0; i < batch; i += 1) {
      fake.interact(discordCommand(fake, 'Can I claim asylum?', { user: person(sent + i) }));
    }
    sent += batch;
    await until(() => countAnswers() >= sent, `${sent} answers`);
    if (sent % 10_000 === 0) samples.push({ users: sent, dms: 0, ...memory(bot.pid) });
  }
  let dmsSent = 0;
  const repliesBefore = answered;
  while (dmsSent < DMS) {
    const batch = Math.min(BATCH, DMS - dmsSent);
    for (let i = 0; i < batch; i += 1) {
      const n = USERS + dmsSent + i;
      fake.dispatch('MESSAGE_CREATE', {
        ...directMessage(fake, 'Can I claim asylum?'),
        author: person(n),
        channel_id: String(800_000_000_000_000_000n + BigInt(n)),
      });
    }
    dmsSent += batch;
    await until(() => countAnswers() - repliesBefore >= dmsSent, `${dmsSent} DMs`);
  }
  samples.push({ users: USERS, dms: DMS, ...memory(bot.pid) });
  await sleep(10_000);
  samples.push({ users: USERS, dms: DMS, ...memory(bot.pid) });
  const exit = await stopBot(bot);
  await fake.close();
  return { samples, answered, exit };
}

/** A stand-in for Slack's Web API and response_urls; `delayMs` before each answer is accepted. */
async function fakeSlackApi(delayMs = 0) {
  let answers = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const auth = req.url === '/api/auth.test';
      // Received in full is delivered, even if the bot exits before this fake says ok.
      if (req.url?.startsWith('/response/')) answers += 1;
      setTimeout(
        () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(auth ? { ok: true, user_id: 'UB', team_id: 'T1' } : { ok: true }));
        },
        auth ? 0 : delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    answers: () => answers,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

let nextPort = 39_000 + Math.floor(Math.random() * 1000);
function startSlack(apiUrl: string) {
  const port = nextPort++;
  const bot = startBot('slack', {
    SLACK_BOT_TOKEN: 'xoxb-attack',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: `${apiUrl}/api/`,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_BURST: '1000',
  });
  return { bot, url: `http://127.0.0.1:${port}/slack/events` };
}

/** One unsigned 4 MB POST, the whole body sent; resolves its status, or the error's code. */
function unsignedPost(url: string, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end(body);
  });
}

/** Rounds of 50 unsigned 4 MB POSTs at once: RSS and peak after each. */
async function slackMemory() {
  const api = await fakeSlackApi();
  const { bot, url } = startSlack(api.url);
  await until(() => bot.output().includes('Slack adapter listening'), 'listening');
  const body = Buffer.alloc(4_000_000, 'a');
  const rounds: Record<string, unknown>[] = [{ round: 0, ...memory(bot.pid) }];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const statuses = await Promise.all(Array.from({ length: 50 }, () => unsignedPost(url, body)));
    const counts: Record<string, number> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    rounds.push({ round, statuses: counts, ...memory(bot.pid) });
  }
  const exit = await stopBot(bot);
  await api.close();
  return { rounds, exit };
}

/** SIGTERM after a burst of acknowledged slash commands, with the Slack API this slow. */
async function slackStop(delayMs: number) {
  const api = await fakeSlackApi(delayMs);
  const { bot, url } = startSlack(api.url);
  await until(() => bot.output().includes('Slack adapter listening'), 'listening');
  let acknowledged = 0;
  const send = async (i: number) => {
    const ask = slashCommand({
      text: 'Can Americans claim asylum in Canada?',
      responseUrl: `${api.url}/response/${i}`,
      user: `U${i}`,
    });
    // On a loaded machine an acknowledgement can miss fetch's 5 s: then it was not acknowledged.
    const sent = await postToApp(url, ask).catch(() => undefined);
    if (sent?.status === 200) acknowledged += 1;
  };
  for (let i = 0; i < BURST; i += 25) {
    await Promise.all(Array.from({ length: Math.min(25, BURST - i) }, (_, j) => send(i + j)));
  }
  const started = Date.now();
  const exit = await stopBot(bot);
  const stopSeconds = (Date.now() - started) / 1000;
  const unanswered = /"unanswered":(\d+)/.exec(bot.output())?.[1];
  // Answers the bot sent before it exited still land at the (slow) fake.
  await sleep(delayMs);
  const result = {
    apiDelayMs: delayMs,
    acknowledged,
    answered: api.answers(),
    exit,
    stopSeconds,
    loggedUnanswered: unanswered === undefined ? null : Number(unanswered),
  };
  await api.close();
  return result;
}

// Each part is printed as soon as it is done: a later one failing loses nothing.
const print = (part: string, result: unknown) =>
  console.log(JSON.stringify({ root: ROOT, part, result }));
if (!values.only || values.only === 'slack') print('slackUnsigned4MbX50', await slackMemory());
if (!values.only || values.only === 'stop') {
  print('slackStop', [await slackStop(2_000), await slackStop(7_000)]);
}
if (!values.only || values.only === 'discord') print('discord', await discordMemory());
