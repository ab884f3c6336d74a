import type { Core } from '../../adapters/shared/conversation-service.ts';
import type { FeedbackCounter } from '../../adapters/shared/feedback.ts';
import { createLogger } from '../../adapters/shared/log.ts';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../adapters/slack/app.ts';
import type { SlackConfig } from '../../adapters/slack/config.ts';
import { FakeSlack } from './fake-slack.ts';
import { SIGNING_SECRET } from './requests.ts';

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';

export interface Bot {
  fake: FakeSlack;
  slack: SlackApp;
  /** The app's `/slack/events` (HTTP mode). */
  eventsUrl: string;
  /** Every log line so far, parsed. */
  logs: () => Record<string, unknown>[];
  /** The raw log output. */
  logText: () => string;
  close: () => Promise<void>;
}

export interface BotOptions {
  assistant: Core;
  mode?: 'http' | 'socket';
  feedback?: FeedbackCounter;
  rateLimit?: SlackConfig['rateLimit'];
  logQuestions?: boolean;
  /** Channels answered unasked (SLACK_AUTO_CHANNELS). */
  autoAnswer?: SlackConfig['autoAnswer'];
  /** "Talk to a person": the moderators' channel and user group (default: none). */
  escalation?: SlackConfig['escalation'];
  /** Passed on to createSlackApp. */
  app?: Pick<
    SlackAppOptions,
    | 'httpLimits'
    | 'drainMs'
    | 'processBeforeResponse'
    | 'metrics'
    | 'opsRoutes'
    | 'store'
    | 'replays'
  >;
}

/**
 * A real Bolt app from createSlackApp, wired to a fresh fake Slack on 127.0.0.1, with its logs
 * captured. `close()` stops the app first (waiting for its socket to close), then the fake.
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const fake = await FakeSlack.start();
  const lines: string[] = [];
  const logger = createLogger('slack', {
    env: { LOG_LEVEL: 'debug' },
    destination: { write: (line: string) => lines.push(line) },
  });
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    connection:
      options.mode === 'socket'
        ? { kind: 'socket', appToken: APP_TOKEN }
        : { kind: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
    apiUrl: fake.apiUrl,
    rateLimit: options.rateLimit ?? { burst: 100, perMinute: 100 },
    logQuestions: options.logQuestions ?? false,
    autoAnswer: options.autoAnswer,
    ...(options.escalation ? { escalation: options.escalation } : {}),
  };
  const slack = createSlackApp({
    assistant: options.assistant,
    config,
    logger,
    feedback: options.feedback,
    processBeforeResponse: true,
    apiRetries: 0,
    autoReconnect: false,
    ...options.app,
  });
  let started: { port?: number };
  try {
    started = await slack.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    slack,
    eventsUrl: `http://127.0.0.1:${started.port ?? 0}/slack/events`,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => lines.join(''),
    close: async () => {
      await slack.stop();
      await Promise.all(fake.sockets.map(({ closed }) => closed));
      await fake.close();
    },
  };
}
