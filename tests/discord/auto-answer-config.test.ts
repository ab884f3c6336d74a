import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.ts';
import { DEFAULT_AUTO_MIN_CONFIDENCE } from '../../adapters/shared/auto-answer.ts';
import { APP_ID, TOKEN } from './fake-discord.ts';

const BASE = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID };

describe('Discord auto-answer configuration', () => {
  it('is off without DISCORD_AUTO_FORUMS', () => {
    expect(loadDiscordConfig(BASE).autoAnswer).toBeUndefined();
  });

  it('reads forum ids separated by commas, and the threshold', () => {
    const config = loadDiscordConfig({
      ...BASE,
      DISCORD_AUTO_FORUMS: '310000000000000001 ,310000000000000002',
    });
    expect(config.autoAnswer).toEqual({
      places: new Set(['310000000000000001', '310000000000000002']),
      minConfidence: DEFAULT_AUTO_MIN_CONFIDENCE,
    });
  });

  it('names the variable and the bad value', () => {
    expect(() =>
      loadDiscordConfig({ ...BASE, DISCORD_AUTO_FORUMS: '310000000000000001,#help-forum' }),
    ).toThrow(/DISCORD_AUTO_FORUMS: "#help-forum" is not a Discord forum channel id/);
    expect(() =>
      loadDiscordConfig({ ...BASE, DISCORD_AUTO_FORUMS: '31000', AUTO_ANSWER_MIN_CONFIDENCE: '2' }),
    ).toThrow(/DISCORD_AUTO_FORUMS: "31000"[\s\S]*AUTO_ANSWER_MIN_CONFIDENCE: must be a number/);
  });
});
