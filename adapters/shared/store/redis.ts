import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';
import { createIdHasher, isoWeek } from './ids.ts';
import { sortDeclines } from './memory.ts';
import {
  ButtonStateSchema,
  ConversationContextSchema,
  ConversationRefSchema,
  CountSchema,
  type DeclineCount,
  ShareableAnswerSchema,
  VOTES,
  type VoteCounts,
} from './schema.ts';
import {
  assertTtl,
  DECLINE_WEEKS_KEPT_MS,
  DEFAULT_RATE_LIMIT,
  expiringMethods,
  type RateLimitSettings,
  rateWindowSeconds,
  type StateStore,
} from './store.ts';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Salt for keying ids: every replica sharing this Redis must use the same one. */
  salt: string;
  logger: Logger;
  /** Prepended to every key, so that several deployments (or test runs) can share one Redis. */
  prefix?: string;
  rateLimit?: RateLimitSettings;
  /** How long one command may take before it counts as a failure (default 1 s). */
  commandTimeoutMs?: number;
  /** How long the first connection may take (default 5 s). */
  connectTimeoutMs?: number;
}

/** A Redis URL fit for a log line or an error message: any password replaced. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * The state store shared by replicas, in Redis. Connects before it returns: a Redis that cannot be
 * reached at start-up is a configuration error naming REDIS_URL (the bots exit 1 on it). Once
 * running, a lost Redis degrades the store instead (see StateStore) and it reconnects on its own.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<StateStore> {
  const { logger } = options;
  const prefix = options.prefix ?? 'asylum-answers:';
  const where = redactRedisUrl(options.url);
  const key = createIdHasher(options.salt);
  let lastError: Error | undefined;

  const client = new Redis(options.url, {
    lazyConnect: true,
    // A command while Redis is away fails at once rather than waiting in a queue: answers go on.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // ioredis reports every failed reconnection as an error event; the store logs transitions only.
  client.on('error', (error: Error) => {
    lastError = error;
  });

  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new ConfigError([
      `REDIS_URL: cannot reach Redis at ${where} (${reason}). Start Redis, correct REDIS_URL, or unset it to keep state in this process's memory.`,
    ]);
  }

  let degraded = false;
  let closing = false;
  const degrade = (error: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn(
      { redis: where, err: error instanceof Error ? error.message : String(error) },
      'Redis is unreachable: answering goes on without shared dedupe, context or counts until it returns',
    );
  };
  const recover = () => {
    if (!degraded) return;
    degraded = false;
    logger.info({ redis: where }, 'Redis is back: shared state restored');
  };
  client.on('ready', recover);
  client.on('close', () => {
    if (!closing) degrade(lastError ?? new Error('connection closed'));
  });

  /** Runs `op` on Redis, or `fallback` when Redis is away or the command fails. */
  async function guarded<T>(op: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (client.status !== 'ready') {
      degrade(lastError ?? new Error(`connection ${client.status}`));
      return fallback();
    }
    try {
      const result = await op();
      // A slow Redis (commands timing out) degrades the store without dropping the connection.
      recover();
      return result;
    } catch (error) {
      if (client.status !== 'ready' || isConnectionError(error)) degrade(error);
      else logger.error({ err: (error as Error).message }, 'Redis command failed');
      return fallback();
    }
  }

  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const window = { points: rate.burst, duration: rateWindowSeconds(rate) };
  const sharedLimiter = new RateLimiterRedis({
    storeClient: client,
    keyPrefix: `${prefix}rate`,
    ...window,
  });
  // While Redis is away each replica limits on its own: looser, but never unlimited.
  const localLimiter = new RateLimiterMemory(window);
  const consume = async (limiter: RateLimiterRedis | RateLimiterMemory, id: string) => {
    try {
      await limiter.consume(id);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  };

  /** JSON entries of one kind that expire, validated when written and when read back. */
  const expiring = <T>(kind: string, schema: z.ZodType<T>) => {
    const keyOf = (id: string) => `${prefix}${kind}:${key(id)}`;
    const read = async (id: string): Promise<T | undefined> => {
      const raw = await client.get(keyOf(id));
      if (raw === null) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data;
      } catch {}
      // Written by another version or by hand: treat it as missing rather than trust it.
      logger.warn({ kind }, 'ignored a malformed state store entry');
      return undefined;
    };
    return {
      get: (id: string) =>
        guarded(
          () => read(id),
          () => undefined,
        ),
      async set(id: string, value: T, ttlMs: number): Promise<void> {
        assertTtl(ttlMs);
        const json = JSON.stringify(schema.parse(value));
        await guarded(
          () => client.set(keyOf(id), json, 'PX', ttlMs),
          () => undefined,
        );
      },
      async forget(id: string): Promise<void> {
        await guarded(
          () => client.del(keyOf(id)),
          () => undefined,
        );
      },
    };
  };
  const contexts = expiring('context', ConversationContextSchema);
  const buttons = expiring('buttons', ButtonStateSchema);
  const places = expiring('place', ConversationRefSchema);
  const shareable = expiring('share', ShareableAnswerSchema);

  const votesKey = (vote: string) => `${prefix}votes:${vote}`;
  const declinesKey = (week: string) => `${prefix}declines:${week}`;

  return {
    backend: 'redis',

    async claim(id, ttlMs) {
      assertTtl(ttlMs);
      return guarded(
        async () =>
          (await client.set(`${prefix}claim:${key(id)}`, '1', 'PX', ttlMs, 'NX')) === 'OK',
        // Without Redis a claim cannot be checked; answering twice beats not answering.
        () => true,
      );
    },

    claimed(id) {
      return guarded(
        async () => (await client.exists(`${prefix}claim:${key(id)}`)) === 1,
        () => false,
      );
    },

    ...expiringMethods({ contexts, places, buttons, shareable }),

    takeRate(userId) {
      const id = key(userId);
      return guarded(
        () => consume(sharedLimiter, id),
        () => consume(localLimiter, id),
      );
    },

    async recordVote(passageIds, vote) {
      const ids = [...new Set(passageIds)];
      if (!ids.length) return;
      await guarded(
        async () => {
          const batch = client.multi();
          for (const id of ids) batch.hincrby(votesKey(vote), id, 1);
          await batch.exec();
        },
        () => undefined,
      );
    },
    async recordDecline(topic, at = new Date()) {
      const k = declinesKey(isoWeek(at));
      await guarded(
        async () => {
          await client.multi().hincrby(k, topic, 1).pexpire(k, DECLINE_WEEKS_KEPT_MS).exec();
        },
        () => undefined,
      );
    },
    async readVotes() {
      const result: Record<string, VoteCounts> = {};
      for (const vote of VOTES) {
        const counts = await client.hgetall(votesKey(vote));
        for (const [id, raw] of Object.entries(counts)) {
          result[id] ??= { up: 0, down: 0 };
          result[id][vote] = CountSchema.parse(raw);
        }
      }
      return result;
    },
    async readDeclines() {
      const declines: DeclineCount[] = [];
      const keys: string[] = [];
      for await (const batch of client.scanStream({ match: `${prefix}declines:*`, count: 100 })) {
        keys.push(...(batch as string[]));
      }
      for (const k of keys) {
        const week = k.slice(`${prefix}declines:`.length);
        const counts = await client.hgetall(k);
        for (const [topic, raw] of Object.entries(counts)) {
          declines.push({ week, topic, count: CountSchema.parse(raw) });
        }
      }
      return sortDeclines(declines);
    },

    health() {
      return {
        backend: 'redis',
        status: degraded || client.status !== 'ready' ? 'degraded' : 'ok',
      };
    },
    async close() {
      closing = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /closed|timed out|ECONN|EPIPE|not writeable|Connection/i.test(message);
}
