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
  STATE_SALT: z
    .string()
    .min(16, 'must be at least 16 characters (a long random string)')
    .optional(),
  RATE_LIMIT_BURST: positiveInt.optional(),
  RATE_LIMIT_PER_MINUTE: positiveInt.optional(),
};

export interface StoreConfig {
  redisUrl?: string;
  salt?: string;
  rateLimit?: RateLimitSettings;
}

/**
 * Reads REDIS_URL and STATE_SALT. With Redis, STATE_SALT is required: replicas key every id by
 * it, so a salt made up by each process would keep them from finding each other's entries.
 */
export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = parseEnv(StoreEnvSchema, env);
  if (parsed.REDIS_URL && !parsed.STATE_SALT) {
    throw new ConfigError([
      'STATE_SALT: is required with REDIS_URL: the same long random string on every replica (for example the output of `openssl rand -hex 32`)',
    ]);
  }
  return {
    redisUrl: parsed.REDIS_URL,
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
export async function openStateStore(
  config: StoreConfig,
  logger: Logger,
  options: { prefix?: string } = {},
): Promise<StateStore> {
  if (!config.redisUrl) {
    return createMemoryStore({ salt: config.salt, rateLimit: config.rateLimit });
  }
  return createRedisStore({
    url: config.redisUrl,
    salt: config.salt ?? '',
    logger,
    rateLimit: config.rateLimit,
    prefix: options.prefix,
  });
}
