import { spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

export type RedisForTests =
  | { url: string; stop: () => Promise<void> }
  | { url?: undefined; reason: string };

/** Whether a Redis answers PING at host:port, by a raw exchange (no client, no retries). */
function pings(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real Redis for the store tests: the one this project's machines run on 127.0.0.1:6379, or else
 * a `redis-server` started on a free port (keeping nothing on disk), or the reason neither works.
 */
export async function redisForTests(knownPort = 6379): Promise<RedisForTests> {
  if (await pings(knownPort)) {
    return { url: `redis://127.0.0.1:${knownPort}`, stop: async () => {} };
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<string>((resolve) => {
    child.on('error', (error) => resolve(`redis-server could not start (${error.message})`));
    child.on('exit', (code) => resolve(`redis-server exited with code ${code}`));
  });
  for (let attempt = 0; attempt < 50; attempt++) {
    const outcome = await Promise.race([
      failed,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)),
    ]);
    if (outcome) {
      return { reason: `nothing answers on 127.0.0.1:${knownPort} and ${outcome}` };
    }
    if (await pings(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          child.kill();
        },
      };
    }
  }
  child.kill();
  return {
    reason: `nothing answers on 127.0.0.1:${knownPort} and redis-server on ${port} never did`,
  };
}

/**
 * The Redis of this test file, or a skip with its reason printed. In CI (CI=true, or
 * REQUIRE_REDIS=true as .ci/run sets) a skip is an error: the Redis tests must run for CI to pass.
 */
export async function requireRedis(): Promise<RedisForTests> {
  const redis = await redisForTests();
  if (redis.url === undefined) {
    if (process.env.CI === 'true' || process.env.REQUIRE_REDIS === 'true') {
      throw new Error(`The Redis store tests cannot run in CI: ${redis.reason}.`);
    }
    console.warn(`Skipping the Redis store tests: ${redis.reason}.`);
  }
  return redis;
}

/** Deletes every key under `prefix` (a test run's own keys). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    for await (const keys of client.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await client.del(...(keys as string[]));
    }
  } finally {
    client.disconnect();
  }
}
