import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { parseEnv } from './config.ts';
import { StartupError } from './startup.ts';
import type { StoreHealth } from './store/store.ts';

/** What the bots count for Prometheus: numbers only, never a question, a user or a channel. */
export interface BotMetrics {
  readonly registry: Registry;
  /** One answer of `kind` (answer, abstain, crisis, …), taking `seconds` from message to reply. */
  answered(kind: string, seconds: number): void;
  /** One decline, by the nearest topic the knowledge had (`none` when nothing came near). */
  declined(topic: string | undefined): void;
  /** One message that could not be answered because something failed. */
  failed(): void;
  /** One message turned away by the rate limit. */
  rateLimited(): void;
}

// Topics come from the knowledge's folder names; anything else is folded so labels stay few.
const topicLabel = (topic: string | undefined) =>
  topic === undefined ? 'none' : /^[a-z0-9]+(-[a-z0-9]+)*$/.test(topic) ? topic : 'other';

/**
 * The bots' metrics, in a registry of their own (not prom-client's global one, so two in one
 * process never collide), labelled with the surface, plus Node's process metrics.
 */
export function createMetrics(options: {
  surface: string;
  storeHealth?: () => StoreHealth;
}): BotMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ surface: options.surface });
  collectDefaultMetrics({ register: registry });

  const answers = new Counter({
    name: 'asylum_answers_total',
    help: 'Questions answered, by the kind of answer (answer, abstain, crisis, advice, refusal).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'asylum_answer_seconds',
    help: 'Time from a question arriving to its answer being sent.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const declines = new Counter({
    name: 'asylum_declines_total',
    help: 'Questions the knowledge did not cover, by the topic of the nearest passage.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'asylum_errors_total',
    help: 'Messages that could not be answered because something failed.',
    registers: [registry],
  });
  const limited = new Counter({
    name: 'asylum_rate_limited_total',
    help: 'Messages turned away by the per-user rate limit.',
    registers: [registry],
  });
  const { storeHealth } = options;
  if (storeHealth) {
    new Gauge({
      name: 'asylum_state_store_degraded',
      help: '1 while the shared state store (Redis) is unreachable and the bot runs without it.',
      registers: [registry],
      collect() {
        this.set(storeHealth().status === 'degraded' ? 1 : 0);
      },
    });
  }

  return {
    registry,
    answered(kind, seconds) {
      answers.inc({ kind });
      latency.observe(seconds);
    },
    declined(topic) {
      declines.inc({ topic: topicLabel(topic) });
    },
    failed() {
      errors.inc();
    },
    rateLimited() {
      limited.inc();
    },
  };
}

export interface OpsRoute {
  path: string;
  method: string[];
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

/**
 * `/healthz` (200 with `ok`, or `degraded` while the bot answers without its shared store) and
 * `/metrics` (Prometheus text), shaped as Bolt's HTTPReceiver `customRoutes`, so Slack's HTTP mode
 * serves them on its own port.
 */
export function opsRoutes(metrics: BotMetrics, storeHealth?: () => StoreHealth): OpsRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler(_req, res) {
        const store = storeHealth?.();
        const body = JSON.stringify({ status: store?.status ?? 'ok', ...(store ? { store } : {}) });
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(body);
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler(_req, res) {
        metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.registry.contentType });
            res.end(text);
          },
          () => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end('metrics could not be collected\n');
          },
        );
      },
    },
  ];
}

export const OpsEnvSchema = {
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  HOST: z.string().optional(),
};

/** METRICS_PORT, where Socket Mode and Discord serve /healthz and /metrics (unset: no server). */
export function loadOpsConfig(env: NodeJS.ProcessEnv = process.env): {
  port?: number;
  host: string;
} {
  const parsed = parseEnv(OpsEnvSchema, env);
  return { port: parsed.METRICS_PORT, host: parsed.HOST ?? '0.0.0.0' };
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the ops routes on a port of their own (Socket Mode, Discord); 404 elsewhere. */
export async function startOpsServer(options: {
  port: number;
  host: string;
  routes: OpsRoute[];
}): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    const route = options.routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: try /healthz or /metrics\n');
      return;
    }
    if (!route.method.includes(req.method ?? '')) {
      res.writeHead(405, { allow: route.method.join(', '), 'content-type': 'text/plain' });
      res.end(`method not allowed: use ${route.method.join(' or ')}\n`);
      return;
    }
    route.handler(req, res);
  });
  // A scraper holds nothing open for long; these bound what a stuck client can hold.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The bot's metrics and ops routes, and the ops server on METRICS_PORT when it is set (Socket
 * Mode, Discord; Slack's HTTP mode serves the routes on its own port as well). A port that cannot
 * be taken is a start-up error naming METRICS_PORT.
 */
export async function startOps(options: {
  surface: string;
  storeHealth?: () => StoreHealth;
  logger: { info(fields: object, message: string): void };
  /** From {@link loadOpsConfig}. */
  config: { port?: number; host: string };
}): Promise<{ metrics: BotMetrics; routes: OpsRoute[]; server?: OpsServer }> {
  const metrics = createMetrics(options);
  const routes = opsRoutes(metrics, options.storeHealth);
  const { config } = options;
  if (config.port === undefined) return { metrics, routes };
  const server = await startOpsServer({ port: config.port, host: config.host, routes }).catch(
    (error: unknown) => {
      throw new StartupError(
        `Could not serve /healthz and /metrics on ${config.host}:${config.port} (${(error as Error).message}).`,
        'METRICS_PORT and HOST',
      );
    },
  );
  options.logger.info(
    { host: config.host, port: server.port },
    'serving /healthz and /metrics on METRICS_PORT',
  );
  return { metrics, routes, server };
}
