import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_MIN_CONFIDENCE } from '../../adapters/shared/auto-answer.ts';
import { loadSlackConfig } from '../../adapters/slack/config.ts';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };

describe('Slack auto-answer configuration', () => {
  it('is off without SLACK_AUTO_CHANNELS, or with an empty list', () => {
    expect(loadSlackConfig(BASE).autoAnswer).toBeUndefined();
    expect(loadSlackConfig({ ...BASE, SLACK_AUTO_CHANNELS: ' , ' }).autoAnswer).toBeUndefined();
  });

  it('reads channel ids separated by commas, and the default threshold', () => {
    const config = loadSlackConfig({ ...BASE, SLACK_AUTO_CHANNELS: 'C0AUTOHELP, G0PRIVATE1,' });
    expect(config.autoAnswer).toEqual({
      places: new Set(['C0AUTOHELP', 'G0PRIVATE1']),
      minConfidence: DEFAULT_AUTO_MIN_CONFIDENCE,
    });
    const strict = loadSlackConfig({
      ...BASE,
      SLACK_AUTO_CHANNELS: 'C0AUTOHELP',
      AUTO_ANSWER_MIN_CONFIDENCE: '0.8',
    });
    expect(strict.autoAnswer?.minConfidence).toBe(0.8);
  });

  it('names the variable and the bad value: a channel name, a user id, a threshold out of range', () => {
    const load = (env: NodeJS.ProcessEnv) => () => loadSlackConfig({ ...BASE, ...env });
    expect(load({ SLACK_AUTO_CHANNELS: 'C0AUTOHELP,#help' })).toThrow(
      /SLACK_AUTO_CHANNELS: "#help" is not a Slack channel id/,
    );
    expect(load({ SLACK_AUTO_CHANNELS: 'U0PERSON01' })).toThrow(
      /SLACK_AUTO_CHANNELS: "U0PERSON01" is not/,
    );
    for (const value of ['1.5', '-0.1', 'high']) {
      expect(load({ AUTO_ANSWER_MIN_CONFIDENCE: value })).toThrow(
        'AUTO_ANSWER_MIN_CONFIDENCE: must be a number from 0 to 1, such as 0.5',
      );
    }
  });
});
