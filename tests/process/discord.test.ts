import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { slashCommand } from '../discord/events.ts';
import { APP_ID, FakeDiscord, GUILD_ID, TOKEN } from '../discord/fake-discord.ts';
import { callbackOf } from '../discord/harness.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { killGroup, runScript, spawnScript } from '../helpers/run.ts';
import { freePort } from '../store/redis-server.ts';

/** Environment for a child process: nothing from a developer's .env or shell leaks in. */
function envFor(fake: FakeDiscord | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KNOWLEDGE_DIR: VALID_FIXTURE,
    LOG_LEVEL: 'info',
  };
  for (const key of Object.keys(env)) if (key.startsWith('DISCORD_')) delete env[key];
  for (const key of ['REDIS_URL', 'STATE_SALT', 'REDIS_PREFIX']) delete env[key];
  if (fake) {
    Object.assign(env, {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
  }
  return { ...env, ...extra };
}

let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  // The whole process group, so nothing outlives the test.
  killGroup(child);
  child = undefined;
  await fake?.close();
  fake = undefined;
});

describe('the Discord bot process', () => {
  it('exits 1 naming each missing variable', async () => {
    // An empty .env-style value counts as missing too.
    const { code, stderr } = await runScript('discord', {
      env: envFor(undefined, { DISCORD_APPLICATION_ID: '' }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN: is required');
    expect(stderr).toContain('DISCORD_APPLICATION_ID: is required');
  });

  it('exits 1 naming a malformed variable', async () => {
    const { code, stderr } = await runScript('discord', {
      env: envFor(undefined, {
        DISCORD_TOKEN: 'x',
        DISCORD_APPLICATION_ID: 'not-a-number',
        RATE_LIMIT_BURST: '0',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DISCORD_APPLICATION_ID: must be a Discord id/);
    expect(stderr).toMatch(/RATE_LIMIT_BURST: /);
    expect(stderr).not.toContain('DISCORD_TOKEN');
  });

  it('exits 1 naming STATE_SALT when REDIS_URL is set without it', async () => {
    fake = await FakeDiscord.start();
    const { code, stderr } = await runScript('discord', {
      env: envFor(fake, { REDIS_URL: 'redis://127.0.0.1:6379' }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('STATE_SALT: is required with REDIS_URL');
  });

  it('exits 1 naming LOG_LEVEL when it is not a level', async () => {
    fake = await FakeDiscord.start();
    const { code, stderr } = await runScript('discord', {
      env: envFor(fake, { LOG_LEVEL: 'loud' }),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/LOG_LEVEL: /);
    expect(stderr).not.toMatch(/at .*pino/);
  });

  it('exits 1 at once, naming DISCORD_TOKEN, when Discord rejects the token', async () => {
    fake = await FakeDiscord.start();
    const { code, stderr } = await runScript('discord', {
      env: envFor(fake, { DISCORD_TOKEN: 'wrong-token' }),
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Could not start the Discord bot: Discord rejected the bot token. Check DISCORD_TOKEN.',
    );
  });

  it('exits 1 at once, naming DISCORD_API_URL, when Discord cannot be reached', async () => {
    const { code, stderr } = await runScript('discord', {
      env: envFor(undefined, {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: 'http://127.0.0.1:9',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Could not start the Discord bot: Could not reach Discord/);
    expect(stderr).toContain('Check DISCORD_API_URL');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers, then stops cleanly with exit code 0 on SIGTERM', async () => {
    fake = await FakeDiscord.start();
    const metricsPort = await freePort();
    const proc = spawnScript('discord', {
      env: envFor(fake, { METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' }),
      stdin: 'ignore',
    });
    child = proc;
    let stdout = '';
    proc.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      proc.on('exit', (code) => resolve(code)),
    );

    await fake.identified();
    await vi.waitFor(() => expect(stdout.includes('discord bot ready')).toBe(true), {
      timeout: 15_000,
      interval: 20,
    });
    const command = slashCommand(fake, 'Can Americans claim asylum in Germany?');
    fake.interact(command);
    const answer = await fake.waitFor(callbackOf(command), 10_000);
    expect(answer.body.data.embeds[0].description).toContain('[1]');
    // METRICS_PORT: /healthz and /metrics, with the answer counted.
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(await health.json()).toEqual({
      status: 'ok',
      store: { backend: 'memory', status: 'ok' },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^asylum_answers_total\{kind="answer",surface="discord"\} 1$/m);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('discord bot stopped');
    expect(stdout).not.toContain(TOKEN);
  });
});

describe('the Discord bot in shards (DISCORD_SHARDS)', () => {
  it('runs two shards through the ShardingManager, each identifying as its shard, and stops them all', async () => {
    fake = await FakeDiscord.start();
    const proc = spawnScript('discord', {
      env: envFor(fake, { DISCORD_SHARDS: '2' }),
      stdin: 'ignore',
    });
    child = proc;
    let stdout = '';
    proc.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    // One shard after the other, 5.5 s apart as Discord asks; each loads the knowledge first.
    // Each shard's own "ready" line reaches this stdout through the manager's pipe, so it may
    // come after the manager's "every shard is ready": wait for all three.
    await vi.waitFor(
      () => {
        expect(stdout).toContain('every shard is ready');
        expect(stdout.match(/discord bot ready/g)).toHaveLength(2);
      },
      { timeout: 80_000, interval: 50 },
    );
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.match(/discord bot stopped/g)).toHaveLength(2);
    expect(stdout).toContain('"failed":0');
    expect(stdout).not.toContain(TOKEN);
  }, 100_000);

  it('exits 1 naming DISCORD_SHARDS when it is not a number or auto', async () => {
    const { code, stderr } = await runScript('discord', {
      env: envFor(undefined, {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_SHARDS: 'many',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_SHARDS: must be `auto` or a whole number');
  });
});

describe('knowledge reload on SIGHUP', () => {
  it('rejects an invalid edit and keeps serving, then takes a valid one, without a restart', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'discord-knowledge-'));
    try {
      await cp(VALID_FIXTURE, dir, { recursive: true });
      const mexico = path.join(dir, 'elsewhere/mexico.md');
      const original = await readFile(mexico, 'utf8');
      fake = await FakeDiscord.start();
      const proc = spawnScript('discord', {
        env: envFor(fake, { KNOWLEDGE_DIR: dir }),
        stdin: 'ignore',
      });
      child = proc;
      let stdout = '';
      proc.stdout?.on('data', (chunk) => {
        stdout += chunk;
      });
      await fake.identified();
      await vi.waitFor(() => expect(stdout.includes('discord bot ready')).toBe(true), {
        timeout: 15_000,
        interval: 20,
      });
      const ask = async () => {
        const command = slashCommand(fake as FakeDiscord, 'Can Americans claim asylum in Mexico?');
        fake?.interact(command);
        const answer = await (fake as FakeDiscord).waitFor(callbackOf(command), 10_000);
        return String(answer.body.data.embeds[0].description);
      };

      await writeFile(
        mexico,
        original.replace('url: https://example.org/mexico\n', 'url: not-a-url\n'),
      );
      proc.kill('SIGHUP');
      await vi.waitFor(() => expect(stdout.includes('knowledge reload rejected')).toBe(true), {
        timeout: 10_000,
        interval: 20,
      });
      expect(stdout).toContain('elsewhere/mexico.md → sources.0.url');
      expect(await ask()).toContain('thirty working days');

      await writeFile(mexico, original.replace('thirty working days', 'forty-two working days'));
      proc.kill('SIGHUP');
      await vi.waitFor(() => expect(stdout.includes('knowledge reloaded')).toBe(true), {
        timeout: 10_000,
        interval: 20,
      });
      expect(await ask()).toContain('forty-two working days');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the Discord register script', () => {
  it('registers /asylum in the development server when DISCORD_GUILD_ID is set', async () => {
    fake = await FakeDiscord.start();
    const { code, stdout, stderr } = await runScript('discord:register', {
      env: envFor(fake, { DISCORD_GUILD_ID: GUILD_ID }),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Registered /asylum and /asylum-help in server ${GUILD_ID}`);
    const [put] = fake.requests;
    expect(fake.requests).toHaveLength(1);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.authorization).toBe(`Bot ${TOKEN}`);
    const [command, help, ...more] = put?.body ?? [];
    expect(command).toMatchObject({ name: 'asylum', type: 1 });
    expect(command.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: 'public', type: 5 }),
    ]);
    expect(help).toMatchObject({ name: 'asylum-help', type: 1 });
    expect(help.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: false }),
    ]);
    expect(more).toEqual([]);
  });

  it('registers globally without DISCORD_GUILD_ID, and fails with exit 1 when Discord refuses', async () => {
    fake = await FakeDiscord.start();
    const ok = await runScript('discord:register', { env: envFor(fake) });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Registered /asylum and /asylum-help globally');
    expect(fake.requests[0]?.path).toBe(`/api/v10/applications/${APP_ID}/commands`);

    const refused = await runScript('discord:register', {
      env: envFor(fake, { DISCORD_TOKEN: 'wrong-token' }),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Could not register /asylum');
  });
});
