import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, VALID_FIXTURE } from '../helpers/paths.ts';
import { runNpm } from '../helpers/run.ts';
import { slashCommand } from './events.ts';
import { APP_ID, FakeDiscord, GUILD_ID, TOKEN } from './fake-discord.ts';
import { callbackOf } from './harness.ts';

/** Environment for a child process: nothing from a developer's .env or shell leaks in. */
function envFor(fake: FakeDiscord | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KNOWLEDGE_DIR: VALID_FIXTURE,
    LOG_LEVEL: 'info',
  };
  for (const key of Object.keys(env)) if (key.startsWith('DISCORD_')) delete env[key];
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
  // The whole process group: npm, its shell, tsx and the bot, so nothing outlives the test.
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, 'SIGKILL');
  }
  child = undefined;
  await fake?.close();
  fake = undefined;
});

describe('npm run discord', () => {
  it('exits 1 naming each missing variable', async () => {
    // An empty .env-style value counts as missing too.
    const { code, stderr } = await runNpm(['discord'], {
      env: envFor(undefined, { DISCORD_APPLICATION_ID: '' }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN: is required');
    expect(stderr).toContain('DISCORD_APPLICATION_ID: is required');
  });

  it('exits 1 naming a malformed variable', async () => {
    const { code, stderr } = await runNpm(['discord'], {
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

  it('answers, then stops cleanly with exit code 0 on SIGTERM', async () => {
    fake = await FakeDiscord.start();
    const proc = spawn('npm', ['run', '--silent', 'discord'], {
      cwd: ROOT,
      env: envFor(fake),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
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
    await until(() => stdout.includes('discord bot ready'), 15_000);
    const command = slashCommand(fake, 'Can Americans claim asylum in Germany?');
    fake.interact(command);
    const answer = await fake.waitFor(callbackOf(command), 10_000);
    expect(answer.body.data.embeds[0].description).toContain('[1]');

    // The signal goes to the bot's own process, as a supervisor sends it: `npm run` does not pass
    // SIGTERM on through its shell. npm's exit code is then the bot's.
    const botPid = Number(JSON.parse(stdout.split('\n')[0] ?? '{}').pid);
    const stoppedAt = Date.now();
    process.kill(botPid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(stdout).toContain('discord bot stopped');
    expect(stdout).not.toContain(TOKEN);
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
      const proc = spawn('npm', ['run', '--silent', 'discord'], {
        cwd: ROOT,
        env: envFor(fake, { KNOWLEDGE_DIR: dir }),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child = proc;
      let stdout = '';
      proc.stdout?.on('data', (chunk) => {
        stdout += chunk;
      });
      await fake.identified();
      await until(() => stdout.includes('discord bot ready'), 15_000);
      const botPid = Number(JSON.parse(stdout.split('\n')[0] ?? '{}').pid);
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
      process.kill(botPid, 'SIGHUP');
      await until(() => stdout.includes('knowledge reload rejected'), 10_000);
      expect(stdout).toContain('elsewhere/mexico.md → sources.0.url');
      expect(await ask()).toContain('thirty working days');

      await writeFile(mexico, original.replace('thirty working days', 'forty-two working days'));
      process.kill(botPid, 'SIGHUP');
      await until(() => stdout.includes('knowledge reloaded'), 10_000);
      expect(await ask()).toContain('forty-two working days');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run discord:register', () => {
  it('registers /asylum in the development server when DISCORD_GUILD_ID is set', async () => {
    fake = await FakeDiscord.start();
    const { code, stdout, stderr } = await runNpm(['discord:register'], {
      env: envFor(fake, { DISCORD_GUILD_ID: GUILD_ID }),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Registered /asylum in server ${GUILD_ID}`);
    const [put] = fake.requests;
    expect(fake.requests).toHaveLength(1);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.authorization).toBe(`Bot ${TOKEN}`);
    const [command] = put?.body ?? [];
    expect(command).toMatchObject({ name: 'asylum', type: 1 });
    expect(command.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: 'private', type: 5 }),
    ]);
  });

  it('registers globally without DISCORD_GUILD_ID, and fails with exit 1 when Discord refuses', async () => {
    fake = await FakeDiscord.start();
    const ok = await runNpm(['discord:register'], { env: envFor(fake) });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Registered /asylum globally');
    expect(fake.requests[0]?.path).toBe(`/api/v10/applications/${APP_ID}/commands`);

    const refused = await runNpm(['discord:register'], {
      env: envFor(fake, { DISCORD_TOKEN: 'wrong-token' }),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Could not register /asylum');
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
