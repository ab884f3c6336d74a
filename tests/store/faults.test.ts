import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../adapters/shared/config.ts';
import {
  createRedisStore,
  loadStoreConfig,
  openStateStore,
  type RedisStoreOptions,
} from '../../adapters/shared/store/index.ts';
import { captureLog } from './capture-log.ts';
import { deleteKeys, freePort, requireRedis } from './redis-server.ts';
import { TcpProxy } from './tcp-proxy.ts';

const redis = await requireRedis();
const prefix = `asylum-answers-test:${randomUUID()}:`;
const SALT = 'a-salt-every-replica-shares';

afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, prefix);
  if (redis.url) await redis.stop();
});

describe('state store configuration', () => {
  it('without REDIS_URL the store is this process’s memory, with no set-up', async () => {
    const { logger } = captureLog();
    const store = await openStateStore(loadStoreConfig({}), logger);
    expect(store.health()).toEqual({ backend: 'memory', status: 'ok' });
  });

  it('REDIS_URL without STATE_SALT is refused, naming STATE_SALT', () => {
    expect(() => loadStoreConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: expect.stringContaining('STATE_SALT: is required with REDIS_URL'),
      }),
    );
  });

  it('a malformed REDIS_URL or a short STATE_SALT is refused, naming the variable', () => {
    expect(() => loadStoreConfig({ REDIS_URL: 'localhost:6379', STATE_SALT: SALT })).toThrow(
      /REDIS_URL: must be a Redis URL/,
    );
    expect(() => loadStoreConfig({ STATE_SALT: 'short' })).toThrow(/STATE_SALT: must be at least/);
  });
});

/** A Redis store reaching the test Redis through a proxy the test can cut or stall. */
async function storeBehindProxy(options: Partial<RedisStoreOptions>) {
  const target = new URL(redis.url ?? '');
  const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
  const { logger, lines } = captureLog();
  const store = await createRedisStore({
    url: `redis://127.0.0.1:${proxy.port}`,
    salt: SALT,
    logger,
    prefix,
    ...options,
  });
  return { proxy, store, lines };
}

describe.skipIf(redis.url === undefined)('Redis faults', () => {
  it('an unreachable Redis at start is a configuration error naming REDIS_URL, without its password', async () => {
    const port = await freePort();
    const { logger } = captureLog();
    const config = loadStoreConfig({
      REDIS_URL: `redis://:hunter2hunter2@127.0.0.1:${port}`,
      STATE_SALT: SALT,
    });
    const opening = openStateStore(config, logger);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toContain(`REDIS_URL: cannot reach Redis at redis://:***@127.0.0.1:${port}`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('hunter2');
  });

  it('Redis lost mid-run: the store degrades, logs once, and recovers when Redis returns', async () => {
    const { proxy, store, lines } = await storeBehindProxy({
      rateLimit: { burst: 2, perMinute: 1 },
    });
    const context = { passageIds: ['claim-in-canada'], topic: 'canada' };
    try {
      expect(await store.claim('event:before', 600_000)).toBe(true);
      await store.setContext('thread', context, 600_000);
      expect(await store.takeRate('U-dana')).toBe(true);

      proxy.cut();
      await vi.waitFor(() => expect(store.health().status).toBe('degraded'));
      // Dedupe is off (a repeat claim succeeds: answer twice rather than never) and context reads
      // as missing, but nothing rejects, so answering goes on.
      expect(await store.claim('event:before', 600_000)).toBe(true);
      expect(await store.getContext('thread')).toBeUndefined();
      await store.setContext('other', context, 600_000);
      await store.setButtons('k', { passageIds: [], followUps: [], conversationId: 'x' }, 600_000);
      await store.recordVote(['claim-in-canada'], 'up');
      await store.recordDecline('canada');
      // The rate limit falls back to this process, so it still limits.
      expect([await store.takeRate('U-dana'), await store.takeRate('U-dana')]).toEqual([
        true,
        true,
      ]);
      expect(await store.takeRate('U-dana')).toBe(false);
      await expect(store.readVotes()).rejects.toThrow();

      const warnings = () =>
        lines().filter((l) => String(l.msg).startsWith('Redis is unreachable'));
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toMatchObject({ level: 40, redis: `redis://127.0.0.1:${proxy.port}` });

      proxy.restore();
      await vi.waitFor(() => expect(store.health().status).toBe('ok'), { timeout: 10_000 });
      expect(lines().filter((l) => l.msg === 'Redis is back: shared state restored')).toHaveLength(
        1,
      );
      // What Redis held before the outage is there again; what was written during it is not.
      expect(await store.claim('event:before', 600_000)).toBe(false);
      expect(await store.getContext('thread')).toEqual(context);
      expect(await store.getContext('other')).toBeUndefined();
      expect(await store.readVotes()).toEqual({});
      // And the next outage is logged again, once.
      proxy.cut();
      await vi.waitFor(() => expect(store.health().status).toBe('degraded'));
      await store.claim('event:again', 600_000);
      expect(warnings()).toHaveLength(2);
    } finally {
      await store.close();
      await proxy.stop();
    }
  });

  it('a Redis too slow to answer degrades the store, which recovers once answers come again', async () => {
    const { proxy, store, lines } = await storeBehindProxy({ commandTimeoutMs: 200 });
    try {
      await store.setPlace('message:slow', 'conversation-slow', 600_000);
      proxy.stall();
      // The command times out: it reads as missing, and answering does not wait on Redis.
      expect(await store.getPlace('message:slow')).toBeUndefined();
      expect(store.health().status).toBe('degraded');
      proxy.unstall();
      await vi.waitFor(async () =>
        expect(await store.getPlace('message:slow')).toBe('conversation-slow'),
      );
      expect(store.health().status).toBe('ok');
      const messages = lines().map((l) => String(l.msg));
      expect(messages.filter((m) => m.startsWith('Redis is unreachable'))).toHaveLength(1);
      expect(messages.filter((m) => m.startsWith('Redis is back'))).toHaveLength(1);
    } finally {
      await store.close();
      await proxy.stop();
    }
  });
});
