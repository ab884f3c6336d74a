import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../adapters/shared/store/index.ts';
import { ROOT, VALID_FIXTURE } from '../helpers/paths.ts';
import { captureLog } from '../store/capture-log.ts';
import { deleteKeys, freePort, requireRedis } from '../store/redis-server.ts';

const redis = await requireRedis();
const prefix = `asylum-answers-test:${randomUUID()}:`;
/** Runs `npm run report`'s entry as npm would, without npm's second of start-up. */
function report(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/report.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const env = { KNOWLEDGE_DIR: VALID_FIXTURE, REDIS_URL: '', REDIS_PREFIX: '', STATE_SALT: '' };

afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, prefix);
  if (redis.url) await redis.stop();
});

describe('npm run report', () => {
  it('without REDIS_URL says memory holds nothing across runs, and lists overdue passages', async () => {
    const { code, stdout } = await report(['--today', '2026-12-01'], env);
    expect(code).toBe(0);
    expect(stdout).toContain('REDIS_URL is not set');
    expect(stdout).toContain(
      'Passages past their review date (reviewBy before 2026-12-01)\n  2026-02-01  work-permit',
    );
    expect(stdout).not.toMatch(/claim-in-canada|stca/);
  });

  it.skipIf(redis.url === undefined)(
    'prints votes per passage and declines by topic and week from Redis',
    async () => {
      const store = await createRedisStore({
        url: redis.url ?? '',
        salt: 'the-salt-the-bots-use-here',
        logger: captureLog().logger,
        prefix,
      });
      await store.recordVote(['claim-in-canada', 'stca'], 'up');
      await store.recordVote(['work-permit'], 'down');
      await store.recordVote(['a-passage-since-removed'], 'up');
      await store.recordDecline('canada', new Date('2026-11-30T09:00:00Z'));
      await store.recordDecline('canada', new Date('2026-12-01T09:00:00Z'));
      await store.recordDecline('elsewhere', new Date('2026-11-20T09:00:00Z'));
      await store.close();

      // The report reads counters only, so it runs without the bots' STATE_SALT.
      const { code, stdout } = await report(['--today', '2026-12-01'], {
        ...env,
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
      });
      expect(code).toBe(0);
      expect(stdout).toContain(`Counts from ${redis.url}`);
      // Each row of a section, split into its columns.
      const section = (title: string) =>
        (stdout.split(`${title}\n`)[1]?.split('\n\n')[0]?.split('\n') ?? []).map((row) =>
          row.trim().split(/\s{2,}/),
        );
      expect(section('Votes per passage (most 👎 first)')).toEqual([
        ['passage', '👍', '👎'],
        ['work-permit', '0', '1'],
        ['a-passage-since-removed (not in the knowledge now)', '1', '0'],
        ['claim-in-canada', '1', '0'],
        ['stca', '1', '0'],
      ]);
      expect(section('Declines by nearest topic and ISO week')).toEqual([
        ['week', 'topic', 'declines'],
        ['2026-W47', 'elsewhere', '1'],
        ['2026-W49', 'canada', '2'],
      ]);
    },
  );

  it.skipIf(redis.url === undefined)(
    'exits 1 naming REDIS_URL when Redis cannot be reached',
    async () => {
      const port = await freePort();
      const { code, stderr } = await report([], { ...env, REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(code).toBe(1);
      expect(stderr).toContain(`REDIS_URL: cannot reach Redis at redis://127.0.0.1:${port}`);
    },
  );
});
