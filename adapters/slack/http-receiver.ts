import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { type App, HTTPReceiver, type Logger as SlackLogger } from '@slack/bolt';
import { RecentMap } from '../../src/index.ts';
import type { Logger } from '../shared/log.ts';
import type { OpsRoute } from '../shared/metrics.ts';

/**
 * Limits of the HTTP receiver. Slack's payloads are a few KB (a large `block_actions` stays well
 * under 64 KB), and Slack gives an app 3 seconds to answer, so nothing legitimate comes near them.
 */
export interface HttpLimits {
  /** Largest request body read, in bytes; more is refused with 413 before it is read. */
  bodyBytes: number;
  /** Time to send all headers (slow-header connections are closed after it). */
  headersTimeoutMs: number;
  /** Time to send the whole request, body included (slow-body connections are closed after it). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are dropped at once (Slack retries events). */
  maxConnections: number;
  /** Oldest accepted request, in seconds (Slack's own rule: 5 minutes). */
  maxAgeSeconds: number;
  /** How far ahead of this machine's clock a request may be dated, in seconds. */
  maxFutureSeconds: number;
  /** After stop(), how long responses already owed may take before connections are cut. */
  closeGraceMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  bodyBytes: 128 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  maxAgeSeconds: 300,
  maxFutureSeconds: 60,
  closeGraceMs: 2_000,
};

/**
 * Remembers which signed requests were already handled. The same shape as the state store's
 * `claim`, so a store shared by replicas (Redis) can stand in for the in-memory one.
 */
export interface ReplayGuard {
  /** True the first time `id` is claimed, false while the claim lasts. */
  claim(id: string, ttlMs: number): Promise<boolean>;
}

/** This process's memory: enough for one replica. */
export function memoryReplayGuard({ max = 20_000 } = {}): ReplayGuard {
  const byTtl = new Map<number, RecentMap<true>>();
  return {
    async claim(id, ttlMs) {
      const seen = byTtl.get(ttlMs) ?? new RecentMap<true>({ max, ttlMs });
      byTtl.set(ttlMs, seen);
      return seen.claim(id, true);
    },
  };
}

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  /** Our logger: what the receiver refuses, and why (never a body or a header value). */
  logger: Logger;
  /** Bolt's logger, for what Bolt logs while it handles a request. */
  boltLogger: SlackLogger;
  /** The one path Slack posts to. */
  path?: string;
  processBeforeResponse?: boolean;
  limits?: Partial<HttpLimits>;
  replays?: ReplayGuard;
  /** Unsigned read-only routes beside `path` (`/healthz`, `/metrics`) for operators. */
  routes?: OpsRoute[];
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;
const FORM = 'application/x-www-form-urlencoded';
/** Slack's unsigned `ssl_check=1&token=…` fits in this. */
const SSL_CHECK_BYTES = 1024;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Slack's HTTP mode with limits Bolt's own receiver does not set: it checks the signature headers
 * and the declared size before reading a byte of the body, reads at most `bodyBytes`, times out
 * slow senders, caps connections, refuses requests dated in the future or seen before (a replayed
 * slash command or button click), and bodies that are not objects. What passes is handed, already
 * read, to Bolt's HTTPReceiver, which acknowledges and dispatches as usual. stop() closes idle and
 * half-sent connections at once and lets responses already owed go out.
 */
export class SlackHttpReceiver {
  readonly #bolt: HTTPReceiver;
  readonly #secret: string;
  readonly #path: string;
  readonly #limits: HttpLimits;
  readonly #replays: ReplayGuard;
  readonly #logger: Logger;
  readonly #routes: OpsRoute[];
  /** Every open connection. */
  readonly #sockets = new Set<Socket>();
  /** Connections whose request Bolt is handling: a response is owed to them. */
  readonly #owed = new Set<Socket>();
  #server: Server | undefined;
  #stopping = false;

  constructor(options: SlackHttpReceiverOptions) {
    this.#secret = options.signingSecret;
    this.#path = options.path ?? '/slack/events';
    this.#limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
    this.#replays = options.replays ?? memoryReplayGuard();
    this.#logger = options.logger.child({ source: 'http' });
    this.#routes = options.routes ?? [];
    this.#bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: this.#path,
      logger: options.boltLogger,
      processBeforeResponse: options.processBeforeResponse ?? false,
      bodyLimit: this.#limits.bodyBytes,
    });
  }

  init(app: App): void {
    this.#bolt.init(app);
  }

  /** Listens; resolves with the server once it accepts connections. */
  start(listen: { host: string; port: number }): Promise<Server> {
    const limits = this.#limits;
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // Node checks the two timeouts above only this often (default every 30 s).
        connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      },
      (req, res) => this.#receive(req, res),
    );
    server.maxConnections = limits.maxConnections;
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    // `Expect: 100-continue` (curl sends it for large bodies): the body is asked for only once
    // the headers pass, so a refused sender never sends it. Node would say "continue" itself.
    server.on('checkContinue', (req, res) => this.#receive(req, res));
    server.on('clientError', (_error, socket) => socket.destroy());
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => {
        this.#sockets.delete(socket);
        this.#owed.delete(socket);
      });
    });
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  /**
   * Stops taking requests: closes idle connections and those still sending a request at once,
   * lets responses already owed go out, and cuts whatever is left after `closeGraceMs`.
   */
  stop(): Promise<void> {
    const server = this.#server;
    if (!server) return Promise.resolve();
    this.#server = undefined;
    this.#stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle, half-sent or not yet sent: nothing is owed to these connections.
    let cut = 0;
    for (const socket of this.#sockets) {
      if (this.#owed.has(socket)) continue;
      socket.destroy();
      cut += 1;
    }
    if (cut) this.#logger.info({ connections: cut }, 'closed connections with nothing owed');
    const grace = setTimeout(() => server.closeAllConnections(), this.#limits.closeGraceMs);
    return closed.finally(() => clearTimeout(grace));
  }

  #receive(req: IncomingMessage, res: ServerResponse): void {
    this.#handle(req, res).catch((error: unknown) => {
      const refusal =
        error instanceof Refusal ? error : new Refusal(500, 'receiver failed unexpectedly');
      if (refusal.status >= 500) {
        this.#logger.error({ err: { type: (error as Error)?.name } }, refusal.reason);
      } else {
        this.#logger.warn({ status: refusal.status, reason: refusal.reason }, 'request refused');
      }
      if (!res.headersSent) {
        // The rest of a refused body is not read: the connection goes with the answer.
        res.writeHead(refusal.status, { connection: 'close' });
        res.end();
      }
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#stopping) throw new Refusal(503, 'stopping');
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const route = this.#routes.find((r) => r.path === pathname);
    // Read-only and bodiless: nothing to sign, nothing to read (a body sent anyway is not read).
    if (route?.method.includes(req.method ?? '')) {
      res.setHeader('connection', 'close');
      route.handler(req, res);
      return;
    }
    if (pathname !== this.#path || req.method !== 'POST') throw new Refusal(404, 'unknown path');

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.#limits.bodyBytes) throw new Refusal(413, 'body too large');

    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') {
      await this.#sslCheck(req, res, declared);
      return;
    }
    if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) {
      throw new Refusal(401, 'malformed signature headers');
    }
    const age = Math.floor(Date.now() / 1000) - Number(timestamp);
    if (age > this.#limits.maxAgeSeconds) throw new Refusal(401, 'request too old');
    if (-age > this.#limits.maxFutureSeconds) throw new Refusal(401, 'request dated in the future');

    const body = await this.#read(req, res, this.#limits.bodyBytes);
    // From here the request has arrived whole and will be claimed against replays: a stop must
    // let its response go out, or the claim would keep the load balancer's retry of it from
    // being answered by another replica (replayed request ignored) while this one answers nothing.
    this.#owe(req, res);
    const expected = createHmac('sha256', this.#secret)
      .update(`v0:${timestamp}:`)
      .update(body)
      .digest('hex');
    if (!timingSafeEqual(Buffer.from(`v0=${expected}`), Buffer.from(signature))) {
      throw new Refusal(401, 'bad signature');
    }
    // A signature covers the timestamp and the body: the same one twice is a replay. Claimed for
    // as long as the request could be accepted, past and future skew together.
    const window = (this.#limits.maxAgeSeconds + this.#limits.maxFutureSeconds) * 1000;
    if (!(await this.#replays.claim(`slack-signature:${signature}`, window))) {
      this.#logger.warn('replayed request ignored');
      res.writeHead(200, { connection: 'close' });
      res.end();
      return;
    }
    if (!isObject(parseBody(body, req.headers['content-type']))) {
      throw new Refusal(400, 'body is not a JSON object or form');
    }
    this.#dispatch(req, res, body);
  }

  /** An unsigned request may only be Slack's `ssl_check`, a few bytes long. */
  async #sslCheck(req: IncomingMessage, res: ServerResponse, declared: number): Promise<void> {
    if (req.headers['content-type'] !== FORM || declared > SSL_CHECK_BYTES) {
      throw new Refusal(401, 'unsigned request');
    }
    const body = await this.#read(req, res, SSL_CHECK_BYTES);
    if (parseQuery(body.toString()).ssl_check !== '1') throw new Refusal(401, 'unsigned request');
    res.writeHead(200);
    res.end();
  }

  /** The body, read only up to `limit` bytes and only while the sender keeps up. */
  #read(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
    if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          req.removeAllListeners('data');
          req.pause();
          reject(new Refusal(413, 'body too large'));
          return;
        }
        chunks.push(chunk);
      });
      req.once('end', () => resolve(Buffer.concat(chunks)));
      req.once('error', () => reject(new Refusal(400, 'request aborted')));
      req.once('close', () => reject(new Refusal(400, 'request aborted')));
    });
  }

  /** Hands the request, its body already read and checked, to Bolt. */
  #dispatch(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    // Bolt reads `rawBody` instead of the stream when it is there (BufferedIncomingMessage).
    Object.assign(req, { rawBody: body });
    if (this.#stopping) res.setHeader('connection', 'close');
    this.#bolt.requestListener(req, res);
  }

  /** A response is owed on this connection: a stop waits for it (up to `closeGraceMs`). */
  #owe(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.#owed.add(socket);
    res.once('close', () => {
      this.#owed.delete(socket);
      // Once stopping, a connection is closed as soon as its response is out.
      if (this.#stopping) socket.destroySoon();
    });
  }
}

/** The body as Bolt will parse it: JSON, or a form (its `payload` field JSON when present). */
function parseBody(body: Buffer, contentType: string | undefined): unknown {
  try {
    if (contentType === FORM) {
      const form = parseQuery(body.toString());
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    }
    return JSON.parse(body.toString());
  } catch {
    throw new Refusal(400, 'malformed body');
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
