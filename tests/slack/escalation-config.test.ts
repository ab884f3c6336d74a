import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.ts';
import { ConfigError } from '../../adapters/shared/config.ts';
import { loadSlackConfig } from '../../adapters/slack/config.ts';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
const DISCORD = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '100000000000000001' };

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('"Talk to a person" settings', () => {
  it('are off unless a moderators channel is set', () => {
    expect(loadSlackConfig(SLACK).escalation).toBeUndefined();
    expect(loadDiscordConfig(DISCORD).escalation).toBeUndefined();
  });

  it('read the channel and the one group or role to ping', () => {
    const slack = {
      ...SLACK,
      SLACK_ESCALATION_CHANNEL: 'C0MODS001',
      SLACK_ESCALATION_GROUP: 'S0MODS',
    };
    expect(loadSlackConfig(slack).escalation).toEqual({ channel: 'C0MODS001', group: 'S0MODS' });
    const discord = {
      ...DISCORD,
      DISCORD_ESCALATION_CHANNEL: '310000000000000031',
      DISCORD_ESCALATION_ROLE: '320000000000000032',
    };
    expect(loadDiscordConfig(discord).escalation).toEqual({
      channel: '310000000000000031',
      role: '320000000000000032',
    });
  });

  it('name a malformed id, or a ping without a channel', () => {
    const handle = { ...SLACK, SLACK_ESCALATION_CHANNEL: '#mods', SLACK_ESCALATION_GROUP: '@mods' };
    expect(problemsOf(() => loadSlackConfig(handle))).toEqual([
      expect.stringMatching(/^SLACK_ESCALATION_CHANNEL: must be a channel id/),
      expect.stringMatching(/^SLACK_ESCALATION_GROUP: must be a user group id/),
    ]);
    expect(
      problemsOf(() => loadSlackConfig({ ...SLACK, SLACK_ESCALATION_GROUP: 'S0MODS' })),
    ).toEqual([
      expect.stringMatching(/^SLACK_ESCALATION_GROUP: is set but SLACK_ESCALATION_CHANNEL is not/),
    ]);
    expect(
      problemsOf(() =>
        loadDiscordConfig({ ...DISCORD, DISCORD_ESCALATION_ROLE: '320000000000000032' }),
      ),
    ).toEqual([expect.stringMatching(/^DISCORD_ESCALATION_ROLE: is set but/)]);
    expect(
      problemsOf(() => loadDiscordConfig({ ...DISCORD, DISCORD_ESCALATION_CHANNEL: 'mods' })),
    ).toEqual([expect.stringMatching(/^DISCORD_ESCALATION_CHANNEL: must be a Discord id/)]);
  });
});
