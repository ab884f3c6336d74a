import { describe, expect, it } from 'vitest';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { runScript } from '../helpers/run.ts';

/** The environment of a bot started with `extra`; nothing from a developer's .env or shell leaks in. */
function envWith(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KNOWLEDGE_DIR: VALID_FIXTURE,
    LOG_LEVEL: 'info',
  };
  for (const key of Object.keys(env)) {
    if (/^(SLACK_|DISCORD_|REDIS_|STATE_SALT|AUTO_ANSWER_)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

describe('auto-answer settings at start-up', () => {
  it('the Slack bot exits 1 naming SLACK_AUTO_CHANNELS and the bad id', async () => {
    const { code, stderr } = await runScript('slack', {
      env: envWith({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_AUTO_CHANNELS: 'C0AUTOHELP, #asylum-help',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_AUTO_CHANNELS: "#asylum-help" is not a Slack channel id');
  });

  it('the Discord bot exits 1 naming DISCORD_AUTO_FORUMS and AUTO_ANSWER_MIN_CONFIDENCE', async () => {
    const { code, stderr } = await runScript('discord', {
      env: envWith({
        DISCORD_TOKEN: 'x',
        DISCORD_APPLICATION_ID: '100000000000000001',
        DISCORD_AUTO_FORUMS: 'help-forum',
        AUTO_ANSWER_MIN_CONFIDENCE: '90%',
      }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_AUTO_FORUMS: "help-forum" is not a Discord forum channel id');
    expect(stderr).toContain('AUTO_ANSWER_MIN_CONFIDENCE: must be a number from 0 to 1');
  });
});
