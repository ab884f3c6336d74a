import { z } from 'zod';
import { AUTO_ANSWER_ENV, type AutoAnswerSettings, idList } from '../shared/auto-answer.ts';
import { BOT_ENV, botSettings, ConfigError, parseEnv } from '../shared/config.ts';
import { SLACK_CHANNEL_ID } from './auto-answer.ts';

/** The environment the Slack adapter reads; every variable is listed in .env.example. */
const SLACK_ENV = {
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', {
    error:
      'must be the Bot User OAuth Token, starting with xoxb- (Slack app settings → OAuth & Permissions)',
  }),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', {
      error:
        'must be an app-level token starting with xapp-, with the connections:write scope (Basic Information → App-Level Tokens)',
    })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  // 0 lets the system pick a free port (the bot logs which).
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SLACK_AUTO_CHANNELS: idList(
    SLACK_CHANNEL_ID,
    "a Slack channel id (C… or G…: the channel's details, at the bottom of About)",
  ).optional(),
  ...AUTO_ANSWER_ENV,
  // "Talk to a person": the moderators' channel, and the one user group its notices may ping.
  SLACK_ESCALATION_CHANNEL: z
    .string()
    .regex(SLACK_CHANNEL_ID, 'must be a channel id such as C0123ABCD (channel details → About)')
    .optional(),
  SLACK_ESCALATION_GROUP: z
    .string()
    .regex(/^S[A-Z0-9]{2,}$/, 'must be a user group id such as S0123ABCD (not its @handle)')
    .optional(),
  ...BOT_ENV,
};

/** How the adapter receives Slack's events: a WebSocket it opens, or HTTP requests to it. */
export type SlackConnection =
  | { kind: 'socket'; appToken: string }
  | { kind: 'http'; signingSecret: string; port: number; host: string };

export interface SlackConfig {
  botToken: string;
  connection: SlackConnection;
  /** Web API base URL; unset means Slack's own (https://slack.com/api/). GovSlack needs its own. */
  apiUrl?: string;
  rateLimit: { burst: number; perMinute: number };
  /** Log the text of questions (opt-in: questions are sensitive). */
  logQuestions: boolean;
  /** Channels whose new messages the bot answers unasked, when it is sure (auto-answer.ts). */
  autoAnswer?: AutoAnswerSettings;
  /** "Talk to a person": absent without a moderators' channel (no button, the command says so). */
  escalation?: { channel: string; group?: string };
}

/**
 * Reads the Slack adapter's settings from the environment. Socket Mode when SLACK_APP_TOKEN is
 * set, otherwise HTTP (which then needs SLACK_SIGNING_SECRET). Throws a ConfigError naming every
 * missing or malformed variable.
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig {
  const problems: string[] = [];
  let vars: z.infer<z.ZodObject<typeof SLACK_ENV>> | undefined;
  try {
    vars = parseEnv(SLACK_ENV, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const socketMode = Boolean(env.SLACK_APP_TOKEN?.trim());
  if (!socketMode && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push(
      'SLACK_SIGNING_SECRET: is required in HTTP mode (Basic Information → App Credentials); or set SLACK_APP_TOKEN to use Socket Mode',
    );
  }
  if (vars?.SLACK_ESCALATION_GROUP && !vars.SLACK_ESCALATION_CHANNEL) {
    problems.push(
      "SLACK_ESCALATION_GROUP: is set but SLACK_ESCALATION_CHANNEL is not; set the moderators' channel too, or unset the group",
    );
  }
  if (problems.length || !vars) throw new ConfigError(problems);

  return {
    botToken: vars.SLACK_BOT_TOKEN,
    connection: vars.SLACK_APP_TOKEN
      ? { kind: 'socket', appToken: vars.SLACK_APP_TOKEN }
      : {
          kind: 'http',
          signingSecret: vars.SLACK_SIGNING_SECRET ?? '',
          port: vars.PORT,
          host: vars.HOST,
        },
    apiUrl: vars.SLACK_API_URL,
    ...(vars.SLACK_AUTO_CHANNELS?.size && {
      autoAnswer: {
        places: vars.SLACK_AUTO_CHANNELS,
        minConfidence: vars.AUTO_ANSWER_MIN_CONFIDENCE,
      },
    }),
    ...(vars.SLACK_ESCALATION_CHANNEL
      ? {
          escalation: {
            channel: vars.SLACK_ESCALATION_CHANNEL,
            ...(vars.SLACK_ESCALATION_GROUP ? { group: vars.SLACK_ESCALATION_GROUP } : {}),
          },
        }
      : {}),
    ...botSettings(vars),
  };
}
