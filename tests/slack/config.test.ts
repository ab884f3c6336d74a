import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../adapters/shared/config.ts';
import { loadSlackConfig } from '../../adapters/slack/config.ts';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('Slack configuration', () => {
  it('uses HTTP mode with defaults when there is no app token', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual({
      botToken: 'xoxb-1',
      connection: { kind: 'http', signingSecret: 's', port: 3000, host: '0.0.0.0' },
      apiUrl: undefined,
      rateLimit: { burst: 5, perMinute: 10 },
      logQuestions: false,
    });
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, and needs no signing secret then', () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'https://slack-gov.com/api/',
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_PER_MINUTE: '4',
      LOG_QUESTIONS: 'yes',
    });
    expect(config.connection).toEqual({ kind: 'socket', appToken: 'xapp-1' });
    expect(config.apiUrl).toBe('https://slack-gov.com/api/');
    expect(config.rateLimit).toEqual({ burst: 3, perMinute: 4 });
    expect(config.logQuestions).toBe(true);
  });

  it('names every missing or malformed variable', () => {
    expect(problemsOf({})).toEqual([
      'SLACK_BOT_TOKEN: is required',
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required in HTTP mode/),
    ]);
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      SLACK_API_URL: 'slack.com',
      PORT: 'eighty',
      RATE_LIMIT_BURST: '0',
      LOG_LEVEL: 'loud',
      LOG_QUESTIONS: 'maybe',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'PORT',
      'RATE_LIMIT_BURST',
      'LOG_LEVEL',
      'LOG_QUESTIONS',
    ]);
    expect(problems[0]).toMatch(/starting with xoxb-/);
  });
});
