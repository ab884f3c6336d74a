import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, VALID_FIXTURE } from '../helpers/paths.ts';
import { FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN } from './harness.ts';
import { asJson, eventCallback, mention, postToApp, SIGNING_SECRET } from './requests.ts';

// `npm run slack` as a user starts it, in HTTP mode against the fake Slack, then stopped the way
// a process manager stops it. npm hands SIGTERM to the shell running the script; where /bin/sh is
// dash that shell dies and leaves the bot running, so the script runs under bash, which hands the
// signal on (it execs the command). See adapters/slack/README.md.

let fake: FakeSlack | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  // The child leads its own process group: a failed test leaves no bot behind.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  child = undefined;
  await fake?.close();
  fake = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(process: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (pattern.test(output)) {
        clearTimeout(timer);
        process.stdout?.off('data', onData);
        resolve(output);
      }
    };
    process.stdout?.on('data', onData);
    process.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
  });
}

describe('npm run slack', () => {
  it('answers over HTTP, then stops cleanly with exit code 0 on SIGTERM', async () => {
    fake = await FakeSlack.start();
    const port = await freePort();
    const running = spawn('npm', ['run', '--silent', 'slack'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        KNOWLEDGE_DIR: VALID_FIXTURE,
        LOG_LEVEL: 'info',
        LOG_QUESTIONS: '',
        npm_config_script_shell: '/bin/bash',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = running;
    let output = '';
    running.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));

    await waitForOutput(running, /Slack adapter listening/, 20_000);
    const event = mention('Can Americans claim asylum in Canada?');
    const response = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      asJson(eventCallback(event)),
    );
    expect(response.status).toBe(200);
    const deadline = Date.now() + 5000;
    while (!fake.callsTo('chat.postMessage').length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fake.callsTo('chat.postMessage')[0]?.args).toMatchObject({ thread_ts: event.ts });

    const stoppedAt = Date.now();
    running.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(resolve, 5000, 'still running')),
    ]);
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(output).toMatch(/"msg":"Slack adapter stopped"/);
    // The port is free again.
    await expect(
      fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' }),
    ).rejects.toThrow();
  });
});
