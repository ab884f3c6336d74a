import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  HTTPReceiver,
  type RespondFn,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import { z } from 'zod';
import {
  type ConversationService,
  type Core,
  createConversationService,
  type Send,
} from '../shared/conversation-service.ts';
import { errorForLog } from '../shared/errors.ts';
import type { FeedbackCounter } from '../shared/feedback.ts';
import type { Logger } from '../shared/log.ts';
import { StartupError } from '../shared/startup.ts';
import type { ConversationState } from '../shared/state.ts';
import { boltLogger } from './bolt-logger.ts';
import { questionFromSlack } from './clean.ts';
import type { SlackConfig } from './config.ts';
import { ACTION, renderReply, SLASH_COMMAND } from './render.ts';

export interface SlackAppOptions {
  assistant: Core;
  config: SlackConfig;
  logger: Logger;
  /** Where 👍/👎 are counted (anonymous, per passage). */
  feedback?: FeedbackCounter;
  state?: ConversationState;
  /**
   * HTTP mode: send the HTTP response only once a handler has finished. Off in production (Slack
   * wants an answer within 3 seconds); tests turn it on to be deterministic.
   */
  processBeforeResponse?: boolean;
  /** Web API retries on network errors and rate limits, after start-up (default: Bolt's). */
  apiRetries?: number;
  /** Socket Mode: reconnect when the socket drops (default true). */
  autoReconnect?: boolean;
  /** How long stop() waits for answers in progress, in milliseconds (default 5,000). */
  drainMs?: number;
  /** How long the start-up token check may take (default 10 s): a bad setup fails fast. */
  startTimeoutMs?: number;
}

export interface SlackApp {
  service: ConversationService;
  /** Checks the bot token once (auth.test), then connects (Socket Mode) or listens (HTTP). */
  start(): Promise<{ port?: number }>;
  /** Stops taking events, lets answers in progress finish (up to drainMs), closes connections. */
  stop(): Promise<void>;
}

/** The parts of an interaction's `container` the adapter reads. */
const ContainerSchema = z.object({
  channel_id: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
});

type Click = BlockAction<ButtonAction>;

/**
 * The Slack adapter: `/asylum`, mentions, direct messages and button clicks, turned into calls to
 * the conversation service, whose replies it renders as Block Kit. Slack's own parts only: where
 * a reply goes, and which conversation a thread continues.
 *
 * @example
 * const slack = createSlackApp({ assistant, config: loadSlackConfig(), logger });
 * await slack.start();
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const service = createConversationService({
    surface: 'slack',
    core: options.assistant,
    logger,
    command: SLASH_COMMAND,
    rateLimit: config.rateLimit,
    logQuestions: config.logQuestions,
    feedback: options.feedback,
    state: options.state,
    drainMs: options.drainMs,
  });
  const slackLogger = boltLogger(logger, { verbose: config.logQuestions });
  const clientOptions = (retries?: number): webApi.WebClientOptions => ({
    slackApiUrl: config.apiUrl,
    logger: slackLogger,
    ...(retries === undefined ? {} : { retryConfig: { retries } }),
  });
  const { connection } = config;
  const receiver =
    connection.kind === 'socket'
      ? new SocketModeReceiver({
          appToken: connection.appToken,
          logger: slackLogger,
          autoReconnectEnabled: options.autoReconnect ?? true,
          installerOptions: { clientOptions: clientOptions(options.apiRetries) },
        })
      : new HTTPReceiver({
          signingSecret: connection.signingSecret,
          endpoints: '/slack/events',
          logger: slackLogger,
          processBeforeResponse: options.processBeforeResponse ?? false,
        });
  let running = false;

  return {
    service,
    async start() {
      const bot = await checkToken(
        new webApi.WebClient(config.botToken, {
          ...clientOptions(0),
          timeout: options.startTimeoutMs ?? 10_000,
        }),
      );
      const app = new App({
        token: config.botToken,
        ...bot,
        // Checked just above, once and without Bolt's 30 minutes of retries.
        tokenVerificationEnabled: false,
        receiver,
        logger: slackLogger,
        clientOptions: clientOptions(options.apiRetries),
        convoStore: false,
      });
      wire(app, service, logger);
      if (receiver instanceof SocketModeReceiver) {
        await receiver.start().catch((error: unknown) => {
          throw new StartupError(
            `Could not open the Socket Mode connection (${(error as Error).message}).`,
            'SLACK_APP_TOKEN',
          );
        });
        running = true;
        logger.info({ mode: 'socket' }, 'Slack adapter connected (Socket Mode)');
        return {};
      }
      const listen = connection.kind === 'http' ? connection : { host: '', port: 0 };
      const server = await receiver
        .start({ host: listen.host, port: listen.port })
        .catch((error: unknown) => {
          throw new StartupError(
            `Could not listen on ${listen.host}:${listen.port} (${(error as Error).message}).`,
            'PORT and HOST',
          );
        });
      running = true;
      const port = (server.address() as AddressInfo).port;
      logger.info(
        { mode: 'http', host: listen.host, port },
        'Slack adapter listening on /slack/events',
      );
      return { port };
    },
    async stop() {
      if (!running) return;
      running = false;
      // No new events from here on; then wait for the answers already being written.
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      else await receiver.stop();
      await service.stop();
      logger.info('Slack adapter stopped');
    },
  };
}

/** auth.test, once: the bot's ids, or a StartupError naming the variable to check. */
async function checkToken(client: webApi.WebClient): Promise<{ botId: string; botUserId: string }> {
  try {
    const result = await client.auth.test();
    return { botId: result.bot_id ?? '', botUserId: result.user_id ?? '' };
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (slackError) {
      throw new StartupError(`Slack rejected the bot token (${slackError}).`, 'SLACK_BOT_TOKEN');
    }
    throw new StartupError(
      `Could not reach Slack's Web API (${(error as Error).message}).`,
      'SLACK_API_URL and the network (SLACK_BOT_TOKEN is checked once Slack answers)',
    );
  }
}

/** Slack's events and buttons → the conversation service. */
function wire(app: App, service: ConversationService, logger: Logger): void {
  const threadOf = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  const inThread =
    (client: webApi.WebClient, channel: string, threadTs: string): Send =>
    async (reply) => {
      await service.continueIn(threadOf(channel, threadTs), threadOf(channel, threadTs));
      return client.chat.postMessage({ channel, thread_ts: threadTs, ...renderReply(reply) });
    };
  const privately =
    (respond: RespondFn): Send =>
    (reply) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });

  // Slack redelivers events it thinks were lost (HTTP retries, Socket Mode reconnects).
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await service.firstTime(`event:${eventId}`))) {
      logger.debug({ eventId }, 'event already handled');
      return;
    }
    await next();
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await service.ask({
      via: 'slash',
      userId: command.user_id,
      text: questionFromSlack(command.text),
      conversationId: service.privateConversation(command.channel_id, command.user_id),
      private: true,
      send: privately(respond),
    });
  });

  app.event('app_mention', async ({ event, client }) => {
    if (event.bot_id || !event.user) return;
    // One message can arrive as both `app_mention` and `message`: answer it once.
    if (!(await service.firstTime(`message:${event.channel}:${event.ts}`))) return;
    const thread = event.thread_ts ?? event.ts;
    await service.ask({
      via: 'mention',
      userId: event.user,
      text: questionFromSlack(event.text),
      conversationId: threadOf(event.channel, thread),
      send: inThread(client, event.channel, thread),
    });
  });

  app.message(async ({ message, client }) => {
    // Edits, joins, bot posts (ours included) and the like have a subtype or a bot id.
    if (message.subtype !== undefined || message.bot_id) return;
    const dm = message.channel_type === 'im';
    const thread = message.thread_ts ?? message.ts;
    // Replies in a thread the bot answers in are follow-ups, even without a mention.
    const ours =
      message.thread_ts !== undefined &&
      (await service.conversationAt(threadOf(message.channel, message.thread_ts))) !== undefined;
    if (!dm && !ours) return;
    if (!(await service.firstTime(`message:${message.channel}:${message.ts}`))) return;
    await service.ask({
      via: dm ? 'dm' : 'thread',
      userId: message.user,
      text: questionFromSlack(message.text ?? ''),
      conversationId: threadOf(message.channel, thread),
      send: inThread(client, message.channel, thread),
    });
  });

  app.action<Click>(ACTION.followUpPattern, async ({ ack, body, action, respond, client }) => {
    await ack();
    const container = ContainerSchema.safeParse(body.container).data ?? {};
    const channel = body.channel?.id ?? container.channel_id ?? '';
    const thread = body.message?.thread_ts ?? body.message?.ts ?? '';
    const isPrivate = container.is_ephemeral === true || !body.message;
    await service.followUp({
      key: action.value ?? '',
      index: Number(ACTION.followUpPattern.exec(action.action_id)?.[1] ?? 0),
      userId: body.user.id,
      ...(isPrivate
        ? {
            private: true,
            conversationId: service.privateConversation(channel, body.user.id),
            send: privately(respond),
          }
        : { conversationId: threadOf(channel, thread), send: inThread(client, channel, thread) }),
    });
  });

  app.action<Click>(
    new RegExp(`^(?:${ACTION.feedbackUp}|${ACTION.feedbackDown})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      await service.vote({
        key: action.value ?? '',
        vote: action.action_id === ACTION.feedbackUp ? 'up' : 'down',
        userId: body.user.id,
        send: privately(respond),
      });
    },
  );

  app.action<Click>(ACTION.share, async ({ ack, action, respond }) => {
    await ack();
    await service.share({
      key: action.value ?? '',
      send: privately(respond),
      publish: async (reply) => {
        await respond({
          response_type: 'in_channel',
          replace_original: false,
          ...renderReply(reply),
        });
        await respond({ delete_original: true });
      },
    });
  });

  app.error(async (error) => {
    logger.error({ surface: 'slack', error: errorForLog(error) }, 'Slack handler failed');
  });
}
