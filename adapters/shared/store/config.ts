import { z } from 'zod';
import { ConfigError, parseEnv, positiveInt } from '../config.ts';
import type { Logger } from '../log.ts';
import { createMemoryStore } from './memory.ts';
import { createRedisStore } from './redis.ts';
import type { RateLimitSettings, StateStore } from './store.ts';

/** The environment variables of the state store, validated; see .env.example. */
export const StoreEnvSchema = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL such as redis://127.0.0.1:6379')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be up to 64 letters, digits, colons, dots or hyphens')
    .optional(),
  STATE_SALT: z
    .string()
    .min(16, 'must be at least 16 characters (a long random string)')
    .optional(),
  RATE_LIMIT_BURST: positiveInt.optional(),
  RATE_LIMIT_PER_MINUTE: positiveInt.optional(),
};

export interface StoreConfig {
  redisUrl?: string;
  /** Prepended to every Redis key (default `asylum-answers:`). */
  prefix?: string;
  salt?: string;
  rateLimit?: RateLimitSettings;
}

/**
 * Reads REDIS_URL, REDIS_PREFIX, STATE_SALT and the rate limit. With Redis, STATE_SALT is
 * required: replicas key every id by it, so a salt made up by each process would keep them from
 * finding each other's entries. Only the report, which reads counters alone, can do without it.
 */
export function loadStoreConfig(
  env: NodeJS.ProcessEnv = process.env,
  { saltRequired = true } = {},
): StoreConfig {
  const parsed = parseEnv(StoreEnvSchema, env);
  if (parsed.REDIS_URL && !parsed.STATE_SALT && saltRequired) {
    throw new ConfigError([
      'STATE_SALT: is required with REDIS_URL: the same long random string on every replica (for example the output of `openssl rand -hex 32`)',
    ]);
  }
  return {
    redisUrl: parsed.REDIS_URL,
    prefix: parsed.REDIS_PREFIX,
    salt: parsed.STATE_SALT,
    rateLimit: {
      burst: parsed.RATE_LIMIT_BURST ?? 5,
      perMinute: parsed.RATE_LIMIT_PER_MINUTE ?? 10,
    },
  };
}

/**
 * The store the environment names: Redis when REDIS_URL is set (rejecting with a ConfigError that
 * names REDIS_URL when it cannot be reached), otherwise this process's memory.
 */
export async function openStateStore(config: StoreConfig, logger: Logger): Promise<StateStore> {
  if (!config.redisUrl) {
    return createMemoryStore({ salt: config.salt, rateLimit: config.rateLimit });
  }
  return createRedisStore({
    url: config.redisUrl,
    // Only the counters, which are not keyed by id, can be read without the salt (the report).
    salt: config.salt ?? 'no STATE_SALT: ids cannot be matched',
    logger,
    rateLimit: config.rateLimit,
    prefix: config.prefix,
  });
}
