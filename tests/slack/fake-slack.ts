import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { homeViewProblems, messageProblems } from './block-kit.ts';

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T1';

type Json = Record<string, unknown>;

/** One Web API call the app made: `chat.postMessage` and its arguments. */
export interface ApiCall {
  method: string;
  args: Json;
  token?: string;
}

/** One POST the app made to a `response_url`. */
export interface ResponseCall {
  id: string;
  body: Json;
}

/** Slack encodes nested arguments (blocks) as JSON strings inside a form. */
function parseForm(raw: string): Json {
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A small fake of Slack on 127.0.0.1: the Web API (`/api/<method>`), `response_url`s
 * (`/response/<id>`) and a Socket Mode WebSocket (`/socket`). It records every call, and
 * rejects messages that break Block Kit limits or contain a live mention, as `invalid_blocks`.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseCall[] = [];
  /** Every socket that connected, and whether it has closed. */
  readonly sockets: { socket: WebSocket; closed: Promise<void> }[] = [];
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #failures = new Map<string, string[]>();
  readonly #delays = new Map<string, number>();
  #responseFailures = 0;
  /** Markup a test allows to ping (the configured user group), taken out before the checks. */
  #allowedPings: string[] = [];
  #ts = 1_700_000_000;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) =>
        sendJson(res, 500, { error: String(error) }),
      );
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: '/socket' });
    this.#wss.on('connection', (socket) => {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      this.sockets.push({ socket, closed });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
    });
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** For `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.#port}/response/${id}`;
  }

  /** The next call(s) to `method` answer `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), error]);
  }

  /** The next call to `method` is answered only after `ms` milliseconds (a slow Slack). */
  delayNext(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /** Lets messages carry this one piece of ping markup, such as `<!subteam^S1>`. */
  allowPing(markup: string): void {
    this.#allowedPings.push(markup);
  }

  /** The problems of a message, once the pings a test allowed are taken out. */
  #problems(message: Json): string[] {
    let json = JSON.stringify(message);
    for (const markup of this.#allowedPings) json = json.split(markup).join('');
    return messageProblems(JSON.parse(json) as Json);
  }

  /** The next POST to a response_url answers HTTP 500. */
  failNextResponse(): void {
    this.#responseFailures += 1;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(id: string): ResponseCall[] {
    return this.responses.filter((response) => response.id === id);
  }

  /**
   * Sends a Socket Mode envelope (`events_api`, `slash_commands`, `interactive`) on the open
   * socket and resolves with the app's acknowledgement.
   */
  async sendEnvelope(
    type: string,
    payload: Json,
    extra: { retry_attempt?: number; retry_reason?: string } = {},
  ): Promise<Json> {
    const open = this.sockets.at(-1)?.socket;
    if (!open) throw new Error('no Socket Mode connection: start the app first');
    const envelopeId = randomUUID();
    const acked = new Promise<Json>((resolve) => {
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as Json;
        if (message.envelope_id !== envelopeId) return;
        open.off('message', onMessage);
        resolve(message);
      };
      open.on('message', onMessage);
    });
    open.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: extra.retry_attempt ?? 0,
        retry_reason: extra.retry_reason ?? '',
      }),
    );
    return acked;
  }

  async close(): Promise<void> {
    for (const { socket } of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const response = /^\/response\/(.+)$/.exec(url.pathname);
    if (response?.[1]) {
      const body = JSON.parse(raw) as Json;
      this.responses.push({ id: response[1], body });
      if (this.#responseFailures > 0) {
        this.#responseFailures -= 1;
        res.writeHead(500).end();
        return;
      }
      const problems = body.text === undefined && body.delete_original ? [] : this.#problems(body);
      if (problems.length) sendJson(res, 400, { ok: false, error: 'invalid_blocks', problems });
      else sendJson(res, 200, { ok: true });
      return;
    }
    const api = /^\/api\/(.+)$/.exec(url.pathname);
    if (!api?.[1] || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const method = api[1];
    const args = req.headers['content-type']?.includes('json')
      ? (JSON.parse(raw || '{}') as Json)
      : parseForm(raw);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    this.calls.push({ method, args, token });
    const delay = this.#delays.get(method);
    if (delay) {
      this.#delays.delete(method);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    sendJson(res, 200, this.#answer(method, args, token));
  }

  #answer(method: string, args: Json, token: string | undefined): Json {
    const failure = this.#failures.get(method)?.shift();
    if (failure) return { ok: false, error: failure };
    switch (method) {
      case 'auth.test':
        return token?.startsWith('xoxb-')
          ? { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: TEAM_ID, user: 'asylum' }
          : { ok: false, error: 'invalid_auth' };
      case 'apps.connections.open':
        return token?.startsWith('xapp-')
          ? { ok: true, url: `ws://127.0.0.1:${this.#port}/socket` }
          : { ok: false, error: 'invalid_auth' };
      case 'chat.postMessage': {
        const problems = this.#problems(args);
        if (problems.length) return { ok: false, error: 'invalid_blocks', problems };
        this.#ts += 1;
        // A user id as the channel posts in the app's direct message with that user.
        const channel = /^U/.test(String(args.channel)) ? `D${args.channel}` : args.channel;
        return { ok: true, channel, ts: `${this.#ts}.000100`, message: args };
      }
      case 'chat.postEphemeral': {
        const problems = this.#problems(args);
        if (problems.length) return { ok: false, error: 'invalid_blocks', problems };
        this.#ts += 1;
        return { ok: true, message_ts: `${this.#ts}.000100` };
      }
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: args.channel,
          permalink: `https://example.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}`,
        };
      case 'views.publish': {
        const problems = homeViewProblems(args.view);
        if (problems.length) return { ok: false, error: 'invalid_blocks', problems };
        return { ok: true, view: { id: 'V1', ...(args.view as Json) } };
      }
      default:
        return { ok: true };
    }
  }
}
