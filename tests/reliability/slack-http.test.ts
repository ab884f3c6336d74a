import { connect, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../adapters/slack/render.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { type Bot, type BotOptions, startBot } from '../slack/harness.ts';
import {
  asForm,
  asJson,
  blockAction,
  eventCallback,
  findButton,
  mention,
  postToApp,
  SIGNING_SECRET,
  type SlackRequest,
  signature,
  slashCommand,
} from '../slack/requests.ts';

// Slack's HTTP mode under the attack run's requests (issue 16): the real Bolt app behind the
// adapter's receiver, a fake Slack on 127.0.0.1, raw sockets for what fetch cannot send.

let assistant: Assistant;
let bot: Bot | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await bot?.close();
  bot = undefined;
});

async function start(app: BotOptions['app'] = {}): Promise<Bot> {
  bot = await startBot({ assistant, app });
  return bot;
}

const port = (b: Bot) => Number(new URL(b.eventsUrl).port);

/** A raw connection that sends `head` (and nothing more); resolves what the server answers. */
function rawRequest(b: Bot, head: string): { socket: Socket; reply: Promise<string> } {
  const socket = connect(port(b), '127.0.0.1');
  sockets.push(socket);
  socket.write(head);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk;
  });
  const reply = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  return { socket, reply };
}

function headers(lines: Record<string, string | number>): string {
  return Object.entries(lines)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
}

function signedHead(body: string, contentLength: number, timestamp = nowSeconds()): string {
  return `POST /slack/events HTTP/1.1\r\n${headers({
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': contentLength,
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
  })}\r\n`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    socket.on('close', () => resolve());
  });

describe('a request that could crash the bot', () => {
  it.each([
    ['JSON null', asJson(null as never)],
    [
      'form payload=null',
      { body: 'payload=null', contentType: 'application/x-www-form-urlencoded' },
    ],
    ['a JSON array', { body: '[]', contentType: 'application/json' }],
    ['a JSON number', { body: '42', contentType: 'application/json' }],
  ] as [string, SlackRequest][])(
    'refuses a signed body that is %s, and keeps answering',
    async (_, request) => {
      const b = await start();
      expect((await postToApp(b.eventsUrl, request)).status).toBe(400);
      const ask = slashCommand({
        text: 'Can I claim asylum?',
        responseUrl: b.fake.responseUrl('after'),
      });
      expect((await postToApp(b.eventsUrl, ask)).status).toBe(200);
      expect(b.fake.responsesTo('after')).toHaveLength(1);
    },
  );
});

describe('replays and timestamps', () => {
  it('answers a signed slash command once, however often it is sent', async () => {
    const b = await start();
    const ask = slashCommand({
      text: 'Can I claim asylum?',
      responseUrl: b.fake.responseUrl('replayed'),
    });
    const timestamp = nowSeconds();
    for (let i = 0; i < 3; i += 1) {
      expect((await postToApp(b.eventsUrl, ask, { timestamp })).status).toBe(200);
    }
    expect(b.fake.responsesTo('replayed')).toHaveLength(1);
  });

  it('answers a follow-up button click once, however often it is sent', async () => {
    const b = await start();
    const ask = slashCommand({
      text: 'Can I claim asylum?',
      responseUrl: b.fake.responseUrl('first'),
    });
    await postToApp(b.eventsUrl, ask);
    const button = findButton(b.fake.responsesTo('first')[0]?.body ?? {}, ACTION.followUpPattern);
    const click = asForm(blockAction(button, { responseUrl: b.fake.responseUrl('clicked') }));
    const timestamp = nowSeconds();
    for (let i = 0; i < 3; i += 1) await postToApp(b.eventsUrl, click, { timestamp });
    expect(b.fake.responsesTo('clicked')).toHaveLength(1);
  });

  it('refuses requests dated more than a minute ahead, and accepts a little clock skew', async () => {
    const b = await start();
    for (const ahead of [6 * 60, 24 * 3600, 10 * 365 * 24 * 3600]) {
      const ask = slashCommand({
        text: 'Can I claim asylum?',
        responseUrl: b.fake.responseUrl('future'),
      });
      const sent = await postToApp(b.eventsUrl, ask, { timestamp: nowSeconds() + ahead });
      expect(sent.status, `${ahead} s ahead`).toBe(401);
    }
    expect(b.fake.responsesTo('future')).toHaveLength(0);
    const skewed = slashCommand({
      text: 'Can I claim asylum?',
      responseUrl: b.fake.responseUrl('skew'),
    });
    expect((await postToApp(b.eventsUrl, skewed, { timestamp: nowSeconds() + 30 })).status).toBe(
      200,
    );
  });
});

describe('unauthenticated and oversized requests', () => {
  it('refuses an unsigned request before its body arrives', async () => {
    const b = await start();
    const head = `POST /slack/events HTTP/1.1\r\n${headers({
      host: '127.0.0.1',
      'content-type': 'application/json',
      'content-length': 100_000,
    })}\r\n`;
    expect(await rawRequest(b, head).reply).toMatch(/^HTTP\/1\.1 401/);
  });

  it('refuses a declared 4 MB body before reading it, signed or not', async () => {
    const b = await start();
    const head = signedHead('x', 4_000_000);
    expect(await rawRequest(b, head).reply).toMatch(/^HTTP\/1\.1 413/);
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    const b = await start({ httpLimits: { bodyBytes: 64 * 1024 } });
    const body = JSON.stringify({ type: 'event_callback', padding: 'a'.repeat(100_000) });
    const sent = await fetch(b.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(nowSeconds()),
        'x-slack-signature': signature(SIGNING_SECRET, nowSeconds(), body),
      },
      // A stream has no Content-Length: the receiver must count as it reads.
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    if (sent) expect(sent.status).toBe(413);
    const ask = slashCommand({
      text: 'Can I claim asylum?',
      responseUrl: b.fake.responseUrl('ok'),
    });
    expect((await postToApp(b.eventsUrl, ask)).status).toBe(200);
  });

  it('answers Slack’s unsigned ssl_check, and nothing else unsigned', async () => {
    const b = await start();
    const check = { body: 'ssl_check=1&token=x', contentType: 'application/x-www-form-urlencoded' };
    expect((await postToApp(b.eventsUrl, check, { secret: null })).status).toBe(200);
    const ask = slashCommand({ text: 'hi', responseUrl: b.fake.responseUrl('unsigned') });
    expect((await postToApp(b.eventsUrl, ask, { secret: null })).status).toBe(401);
  });
});

describe('slow senders and connection floods', () => {
  it('closes a connection that sends its body too slowly', async () => {
    const b = await start({ httpLimits: { requestTimeoutMs: 500, headersTimeoutMs: 400 } });
    const body = JSON.stringify({ type: 'event_callback' });
    const { socket, reply } = rawRequest(b, signedHead(body, body.length));
    socket.write(body.slice(0, 5));
    // Node answers 408 and closes; the bot never waits for the rest.
    expect(await reply).toMatch(/^HTTP\/1\.1 408|^$/);
    await closed(socket);
  });

  it('closes a connection that never finishes its headers', async () => {
    const b = await start({ httpLimits: { requestTimeoutMs: 500, headersTimeoutMs: 400 } });
    const { socket } = rawRequest(b, 'POST /slack/events HTTP/1.1\r\nhost: x\r\n');
    await closed(socket);
  });

  it('drops connections over the cap, and serves again once they are gone', async () => {
    const b = await start({ httpLimits: { maxConnections: 3 } });
    const idle = [0, 1, 2].map(() => rawRequest(b, ''));
    await Promise.all(idle.map(({ socket }) => new Promise((r) => socket.once('connect', r))));
    // Let the server count them before the next one knocks.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const over = rawRequest(b, signedHead('{}', 2));
    over.socket.write('{}');
    expect(await over.reply).toBe('');
    for (const { socket } of idle) socket.destroy();
    await Promise.all(idle.map(({ socket }) => closed(socket)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ask = slashCommand({
      text: 'Can I claim asylum?',
      responseUrl: b.fake.responseUrl('after'),
    });
    expect((await postToApp(b.eventsUrl, ask)).status).toBe(200);
  });
});

describe('stopping', () => {
  it('does not wait for a half-sent request, and closes idle connections at once', async () => {
    // No grace to fall back on: the stop must close them itself, or the test times out.
    const b = await start({ httpLimits: { closeGraceMs: 10 * 60_000 } });
    const body = JSON.stringify({ type: 'event_callback' });
    const halfSent = rawRequest(b, signedHead(body, body.length + 1000));
    halfSent.socket.write(body);
    const idle = rawRequest(b, '');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const outcome = await b.slack.stop();
    expect(outcome).toEqual({ unanswered: 0 });
    await Promise.all([closed(halfSent.socket), closed(idle.socket)]);
  });

  it('answers a request that arrived whole before the stop, while its replay claim was on its way', async () => {
    // Replicas share the replay guard: a request cut after its claim would be refused as a
    // replay when the load balancer retries it on the other replica, and answered by neither.
    let claimed!: () => void;
    const claiming = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    let letClaimFinish!: () => void;
    const slowClaim = new Promise<void>((resolve) => {
      letClaimFinish = resolve;
    });
    const replays = {
      async claim() {
        claimed();
        await slowClaim;
        return true;
      },
    };
    const b = await start({ replays });
    const response = postToApp(b.eventsUrl, asJson(eventCallback(mention('Can I claim asylum?'))));
    await claiming;
    const stopped = b.slack.stop();
    letClaimFinish();
    expect((await response).status).toBe(200);
    expect(await stopped).toEqual({ unanswered: 0 });
    expect(b.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports acknowledged questions it could not answer before the drain ended', async () => {
    const b = await start({ drainMs: 200, processBeforeResponse: false });
    b.fake.delayNext('chat.postMessage', 2_000);
    expect(
      (await postToApp(b.eventsUrl, asJson(eventCallback(mention('Can I claim asylum?'))))).status,
    ).toBe(200);
    const outcome = await b.slack.stop();
    expect(outcome).toEqual({ unanswered: 1 });
  });
});
