import { z } from 'zod';
import { AUTO_ANSWER_ENV, type AutoAnswerSettings, idList } from '../shared/auto-answer.ts';
import { BOT_ENV, botSettings, ConfigError, parseEnv } from '../shared/config.ts';

const SNOWFLAKE = /^\d{17,20}$/;
const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id (17 to 20 digits)');

/** The environment the Discord bot and its register script read, one zod schema per variable. */
export const DISCORD_ENV = {
  // The bot token (Discord Developer Portal → your application → Bot → Reset Token).
  DISCORD_TOKEN: z.string(),
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DISCORD_AUTO_FORUMS: idList(
    SNOWFLAKE,
    'a Discord forum channel id (17 to 20 digits: with Developer Mode on, right-click the forum → Copy Channel ID)',
  ).optional(),
  ...AUTO_ANSWER_ENV,
  // "Talk to a person": the moderators' channel, and the one role its notices may ping.
  DISCORD_ESCALATION_CHANNEL: snowflake.optional(),
  DISCORD_ESCALATION_ROLE: snowflake.optional(),
  ...BOT_ENV,
};

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register the command in this server only (instant), instead of globally. */
  guildId?: string;
  /** Discord's REST base, or a REST proxy in front of it (default: discord.js's own). */
  apiUrl?: string;
  rateLimit: { burst: number; perMinute: number };
  /** Operators may opt in to logging question text; it is sensitive, so the default is no. */
  logQuestions: boolean;
  /** Forums whose new posts the bot answers unasked, when it is sure (auto-answer.ts). */
  autoAnswer?: AutoAnswerSettings;
  /** "Talk to a person": absent without a moderators' channel (no button, the command says so). */
  escalation?: { channel: string; role?: string };
}

/** Reads and validates the Discord settings; throws a ConfigError naming every bad variable. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  const parsed = parseEnv(DISCORD_ENV, env);
  if (parsed.DISCORD_ESCALATION_ROLE && !parsed.DISCORD_ESCALATION_CHANNEL) {
    throw new ConfigError([
      "DISCORD_ESCALATION_ROLE: is set but DISCORD_ESCALATION_CHANNEL is not; set the moderators' channel too, or unset the role",
    ]);
  }
  return {
    token: parsed.DISCORD_TOKEN,
    applicationId: parsed.DISCORD_APPLICATION_ID,
    guildId: parsed.DISCORD_GUILD_ID,
    apiUrl: parsed.DISCORD_API_URL?.replace(/\/+$/, ''),
    ...(parsed.DISCORD_AUTO_FORUMS?.size && {
      autoAnswer: {
        places: parsed.DISCORD_AUTO_FORUMS,
        minConfidence: parsed.AUTO_ANSWER_MIN_CONFIDENCE,
      },
    }),
    ...(parsed.DISCORD_ESCALATION_CHANNEL
      ? {
          escalation: {
            channel: parsed.DISCORD_ESCALATION_CHANNEL,
            ...(parsed.DISCORD_ESCALATION_ROLE ? { role: parsed.DISCORD_ESCALATION_ROLE } : {}),
          },
        }
      : {}),
    ...botSettings(parsed),
  };
}
