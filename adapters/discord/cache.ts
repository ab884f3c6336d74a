import { ChannelType, type Client, type ClientOptions, Options, SnowflakeUtil } from 'discord.js';

/**
 * What discord.js may keep about people, kept to what the bot needs: itself. By default it keeps
 * a User and a GuildMember for everyone who ever interacts, and a DM channel for every DM, for the
 * life of the process: memory that grows with every new person (518 MB at 50,000 users in the
 * attack run) and names PRIVACY.md does not list. Nothing the bot does reads them from the cache:
 * each event carries the user, member and channel it concerns.
 */
export function boundedCaches(): Pick<ClientOptions, 'makeCache' | 'sweepers'> {
  return {
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      // The last 200 messages of every channel would be questions.
      MessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: {
        maxSize: 0,
        keepOverLimit: (member) => member.id === member.client.user?.id,
      },
      // Without privileged intents these stay empty anyway; a limit makes sure.
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
    }),
    sweepers: Options.DefaultSweeperSettings,
  };
}

export interface DmSweepOptions {
  /** How often DM channels are looked at (default 5 minutes). */
  intervalMs?: number;
  /** A DM channel quiet for this long is forgotten (default 5 minutes). */
  idleMs?: number;
}

/**
 * Forgets DM channels quiet for `idleMs`. discord.js adds one to its channel cache for every DM
 * and never drops it, and that cache cannot be limited like the others; a forgotten channel is
 * fetched again (as a partial) when its person writes next.
 */
export function sweepDmChannels(client: Client, idleMs: number, now = Date.now()): number {
  let swept = 0;
  for (const [id, channel] of client.channels.cache) {
    if (channel.type !== ChannelType.DM) continue;
    const last = channel.lastMessageId ? SnowflakeUtil.timestampFrom(channel.lastMessageId) : 0;
    if (now - last < idleMs) continue;
    client.channels.cache.delete(id);
    swept += 1;
  }
  return swept;
}

/** Sweeps DM channels every `intervalMs`; returns how to stop. */
export function startDmSweeper(
  client: Client,
  { intervalMs = 5 * 60_000, idleMs = 5 * 60_000 }: DmSweepOptions = {},
): () => void {
  const timer = setInterval(() => sweepDmChannels(client, idleMs), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
