import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { killGroup, runScript, spawnScript } from '../helpers/run.ts';
import { FakeSlack } from '../slack/fake-slack.ts';
import { BOT_TOKEN } from '../slack/harness.ts';
import { asJson, eventCallback, mention, postToApp, SIGNING_SECRET } from '../slack/requests.ts';

// The Slack bot's entry as a process manager runs it: real signals, exit codes and stderr.

const SLACK_VARS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL'];
/** Blank values: a developer's own .env (loaded at start) must not leak into tests. */
const BLANK = Object.fromEntries(
  [
    ...SLACK_VARS,
    ...['PORT', 'HOST', 'LOG_LEVEL', 'LOG_QUESTIONS', 'REDIS_URL', 'STATE_SALT', 'REDIS_PREFIX'],
  ].map((name) => [name, '']),
);

let fake: FakeSlack | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  killGroup(child);
  child = undefined;
  await fake?.close();
  fake = undefined;
});

function httpEnv(apiUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...BLANK,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: VALID_FIXTURE,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

describe('the Slack bot process', () => {
  it('exits 1 naming the missing variables', async () => {
    const { code, stderr } = await runScript('slack', { env: BLANK });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN: is required/);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET: is required in HTTP mode/);
    expect(stderr).toMatch(/see \.env\.example/);
  });

  it('exits 1 at once, naming SLACK_BOT_TOKEN, when Slack rejects the token', async () => {
    fake = await FakeSlack.start();
    fake.failNext('auth.test', 'invalid_auth');
    const { code, stderr } = await runScript('slack', { env: httpEnv(fake.apiUrl) });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Could not start the Slack adapter: Slack rejected the bot token (invalid_auth). Check SLACK_BOT_TOKEN.',
    );
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('exits 1 at once, naming SLACK_API_URL, when Slack cannot be reached', async () => {
    // A port nothing listens on: connection refused, where Bolt alone retries for 30 minutes.
    const { code, stderr } = await runScript('slack', { env: httpEnv('http://127.0.0.1:9/api/') });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Could not start the Slack adapter: Could not reach Slack's Web API/);
    expect(stderr).toContain('Check SLACK_API_URL');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 naming REDIS_URL when the shared state store cannot be reached', async () => {
    const { code, stderr } = await runScript('slack', {
      env: httpEnv('http://127.0.0.1:9/api/', {
        REDIS_URL: 'redis://127.0.0.1:9',
        STATE_SALT: 'a-salt-every-replica-shares',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('REDIS_URL: cannot reach Redis at redis://127.0.0.1:9');
  });

  it('exits 1 naming LOG_LEVEL when it is not a level', async () => {
    const { code, stderr } = await runScript('slack', {
      env: httpEnv('http://127.0.0.1:9/api/', { LOG_LEVEL: 'loud' }),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/LOG_LEVEL: /);
    expect(stderr).not.toMatch(/at .*pino/);
  });

  it('answers over HTTP, then stops cleanly with exit code 0 on SIGTERM', async () => {
    fake = await FakeSlack.start();
    const running = spawnScript('slack', { env: httpEnv(fake.apiUrl), stdin: 'ignore' });
    child = running;
    let output = '';
    running.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));

    // PORT=0: the system picks a free port, and the bot logs which.
    const port = await vi.waitFor(
      () => {
        const match = /"port":(\d+).*Slack adapter listening/.exec(output);
        if (!match) throw new Error(`not listening yet:\n${output}`);
        return Number(match[1]);
      },
      { timeout: 20_000, interval: 20 },
    );
    const event = mention('Can Americans claim asylum in Canada?');
    const response = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      asJson(eventCallback(event)),
    );
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(fake?.callsTo('chat.postMessage')).toHaveLength(1), {
      timeout: 5000,
    });
    expect(fake.callsTo('chat.postMessage')[0]?.args).toMatchObject({ thread_ts: event.ts });

    running.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"Slack adapter stopped"/);
    // The port is free again.
    await expect(
      fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' }),
    ).rejects.toThrow();
  });
});
