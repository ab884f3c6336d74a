import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A small fake of Discord on 127.0.0.1: the REST routes the bot and the register script use, and
 * a gateway that says HELLO, answers IDENTIFY with READY and the test guild, acknowledges
 * heartbeats and lets a test dispatch any event. It records every REST request, so tests assert
 * what a real discord.js Client actually sent.
 */

export const TOKEN = 'fake-bot-token.for-tests';
export const APP_ID = '100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const DM_CHANNEL_ID = '300000000000000004';

export const BOT_USER = {
  id: BOT_ID,
  username: 'asylum-answers',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

export interface RecordedRequest {
  method: string;
  /** As received, e.g. `/api/v10/webhooks/…/messages/%40original`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON, read by tests
  body: any;
  /** What the fake answered. */
  status?: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON, read by tests
  response?: any;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #gateway: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  readonly #failures: Failure[] = [];
  readonly #waiters: Waiter[] = [];
  /** Interaction token → channel, so webhook messages land where the interaction came from. */
  readonly #interactionChannels = new Map<string, string>();
  #seq = 0;
  #nextId = 900_000_000_000_000_000n;
  #identified: Promise<void>;
  /** The `shard` of each IDENTIFY (`[id, count]`), or null for a client that is not sharded. */
  readonly identifiedShards: ([number, number] | null)[] = [];
  #markIdentified: () => void = () => undefined;

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#gateway = new WebSocketServer({ server: this.#server });
    this.#gateway.on('connection', (socket) => this.#connect(socket));
    this.#identified = new Promise((resolve) => {
      this.#markIdentified = resolve;
    });
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL (discord.js `rest.api`) should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Resolves once a client has identified on the gateway. */
  identified(): Promise<void> {
    return this.#identified;
  }

  /** Makes the next matching REST request fail with a Discord-style error. */
  failNext(method: string, path: RegExp, status = 400, code = 50035): void {
    this.#failures.push({ method, path, status, body: { message: 'Invalid Form Body', code } });
  }

  /** Sends a gateway event to every connected client. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.#seq, d });
    for (const socket of this.#sockets) socket.send(frame);
  }

  /** Dispatches INTERACTION_CREATE, remembering its channel for the replies. */
  interact(interaction: { token: string; channel_id: string }): void {
    this.#interactionChannels.set(interaction.token, interaction.channel_id);
    this.dispatch('INTERACTION_CREATE', interaction);
  }

  /** The first recorded request matching, now or within `timeoutMs`. */
  waitFor(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no matching request within ${timeoutMs} ms; saw:\n${this.summary()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** One line per recorded request, for failure messages. */
  summary(): string {
    return this.requests.map((r) => `  ${r.method} ${r.path}`).join('\n');
  }

  nextId(): string {
    this.#nextId += 1n;
    return String(this.#nextId);
  }

  async close(): Promise<void> {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve = () => undefined;
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#gateway.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #connect(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: { shard?: [number, number] } };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op !== 2) return;
      this.identifiedShards.push(frame.d?.shard ?? null);
      // The client waits for GUILD_CREATE of every guild READY lists before it is ready.
      socket.send(
        JSON.stringify({
          op: 0,
          t: 'READY',
          s: ++this.#seq,
          d: {
            v: 10,
            user: BOT_USER,
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            application: { id: APP_ID, flags: 0 },
          },
        }),
      );
      socket.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++this.#seq, d: guildCreate() }));
      this.#markIdentified();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = Buffer.concat(chunks).toString('utf8');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    const send = (status: number, body?: unknown) => {
      request.status = status;
      request.response = body;
      // Recorded once answered, so a test that waits for a request can read the response too.
      this.requests.push(request);
      for (const waiter of [...this.#waiters]) {
        if (!waiter.predicate(request)) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const failure = this.#failures.findIndex(
      (f) => f.method === request.method && f.path.test(request.path),
    );
    if (failure >= 0) {
      const [f] = this.#failures.splice(failure, 1);
      send(f?.status ?? 400, f?.body);
      return;
    }
    send(...this.#route(request));
  }

  /** Discord's answer to one request: a status and a JSON body (none for 204). */
  #route(request: RecordedRequest): [number, unknown?] {
    const { method, path, body } = request;
    const unauthorized: [number, unknown] = [401, { message: '401: Unauthorized', code: 0 }];
    const authorized = request.authorization === `Bot ${TOKEN}`;

    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      if (!authorized) return unauthorized;
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (
      method === 'PUT' &&
      /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)
    ) {
      if (!authorized) return unauthorized;
      const commands = (body as object[]).map((command) => ({
        id: this.nextId(),
        application_id: APP_ID,
        ...command,
      }));
      return [200, commands];
    }
    const callback = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST') {
      const [, id = '', token = ''] = callback;
      if (request.query.get('with_response') !== 'true') return [204];
      const data = body?.data ?? {};
      const message = this.#message(this.#interactionChannels.get(token) ?? CHANNEL_ID, data);
      const interaction = {
        id,
        type: 2,
        response_message_id: message.id,
        response_message_loading: body?.type === 5,
        response_message_ephemeral: Boolean((data.flags ?? 0) & 64),
      };
      return [200, { interaction, resource: { type: body?.type, message } }];
    }
    const webhook = /^\/api\/v10\/webhooks\/\d+\/([^/]+)(\/messages\/%40original)?$/.exec(path);
    if (webhook && (method === 'PATCH' || method === 'POST')) {
      const channel = this.#interactionChannels.get(webhook[1] ?? '') ?? CHANNEL_ID;
      return [200, { ...this.#message(channel, body ?? {}), webhook_id: APP_ID }];
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (channel && method === 'POST') {
      if (!authorized) return unauthorized;
      return [200, this.#message(channel[1] ?? CHANNEL_ID, body ?? {})];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  // biome-ignore lint/suspicious/noExplicitAny: echoes whatever message body the client sent
  #message(channelId: string, data: any) {
    return {
      id: this.nextId(),
      channel_id: channelId,
      author: BOT_USER,
      content: data.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      pinned: false,
      type: data.message_reference ? 19 : 0,
      flags: data.flags ?? 0,
      ...(data.message_reference && { message_reference: data.message_reference }),
    };
  }
}

function guildCreate() {
  return {
    id: GUILD_ID,
    name: 'Fake server',
    icon: null,
    owner_id: '400000000000000009',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    features: [],
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        permissions: '1071698660929',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [
      { id: CHANNEL_ID, type: 0, name: 'asylum-questions', position: 0, permission_overwrites: [] },
    ],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    member_count: 3,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
  };
}
