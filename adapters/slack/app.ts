import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type RespondFn,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import { z } from 'zod';
import {
  type Answer,
  type Assistant,
  FeedbackCounter,
  RecentMap,
  type Vote,
} from '../../src/index.ts';
import type { StopOutcome } from '../shared/lifecycle.ts';
import { createUserHasher, type Logger, questionForLog } from '../shared/log.ts';
import { RateLimiter } from '../shared/rate-limit.ts';
import { boltLogger } from './bolt-logger.ts';
import { questionFromSlack } from './clean.ts';
import type { SlackConfig } from './config.ts';
import { type HttpLimits, SlackHttpReceiver } from './http-receiver.ts';
import {
  ACTION,
  decodeValue,
  passageIdsFrom,
  renderAnswer,
  renderHelp,
  renderNotice,
  SLASH_COMMAND,
  type SlackMessage,
} from './render.ts';

export const REPLIES = {
  apology:
    "Sorry, something went wrong on my side and I couldn't answer. Please try again in a moment.",
  slowDown: "You're asking faster than I can keep up with. Please wait a minute, then ask again.",
  shareExpired: `This answer can no longer be shared (answers can be shared for 30 minutes). Ask again with \`${SLASH_COMMAND}\`.`,
  thanks: 'Thanks for the feedback: it helps the editors see which sources need a look.',
  alreadyVoted: 'Thanks, your feedback on this answer is already counted.',
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SlackAppOptions {
  assistant: Assistant;
  config: SlackConfig;
  logger: Logger;
  /** Where 👍/👎 are counted (anonymous, per passage). */
  feedback?: FeedbackCounter;
  /**
   * HTTP mode: send the HTTP response only once a handler has finished. Off in production (Slack
   * wants an answer within 3 seconds); tests turn it on to be deterministic.
   */
  processBeforeResponse?: boolean;
  /** Web API retries on network errors and rate limits (default: Bolt's, about 30 minutes). */
  apiRetries?: number;
  /** Socket Mode: reconnect when the socket drops (default true). */
  autoReconnect?: boolean;
  /** How long stop() waits for answers in progress, in milliseconds (default 5,000). */
  drainMs?: number;
  /** HTTP mode: body limit, timeouts, connection cap (default DEFAULT_HTTP_LIMITS). */
  httpLimits?: Partial<HttpLimits>;
}

export interface SlackApp {
  app: App;
  /** Checks the bot token (auth.test), then connects (Socket Mode) or listens (HTTP). */
  start(): Promise<{ port?: number }>;
  /**
   * Stops taking events, lets answers in progress finish (up to drainMs), closes connections;
   * reports how many acknowledged questions were left unanswered.
   */
  stop(): Promise<StopOutcome>;
}

/** A reply to wherever a question came from: a thread, or the asker alone. */
type Reply = (message: SlackMessage) => Promise<unknown>;

type Via = 'slash' | 'mention' | 'dm' | 'thread' | 'follow_up';

interface Question {
  via: Via;
  userId: string;
  text: string;
  conversationId: string;
  reply: Reply;
  /** Say which question is answered (when the reader cannot see it). */
  restate?: boolean;
  /** A private answer: offer "Share in channel". */
  shareable?: boolean;
}

/** The parts of an interaction's `container` the adapter reads. */
const ContainerSchema = z.object({
  channel_id: z.string().optional(),
  message_ts: z.string().optional(),
  thread_ts: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
});

function containerOf(body: BlockAction): z.infer<typeof ContainerSchema> {
  return ContainerSchema.safeParse(body.container).data ?? {};
}

/** What may be logged about an error: never the payload it carried. */
function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code, stack: error.stack };
}

/**
 * The Slack adapter: a Bolt app that turns `/asylum`, mentions, direct messages and button clicks
 * into `assistant.ask(…)` and posts the rendered Answer. It never retrieves or writes answer text.
 *
 * @example
 * const slack = createSlackApp({ assistant, config: loadSlackConfig(), logger });
 * await slack.start();
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { assistant, config, logger } = options;
  const feedback = options.feedback ?? new FeedbackCounter();
  const drainMs = options.drainMs ?? 5000;
  const hashUser = createUserHasher();
  const limiter = new RateLimiter(config.rateLimit);
  const logEnv = { LOG_QUESTIONS: String(config.logQuestions) };

  // Slack redelivers events it thinks were lost (HTTP retries, Socket Mode reconnects).
  const seenEvents = new RecentMap<true>({ max: 10_000, ttlMs: HOUR });
  // One message can arrive as both `app_mention` and `message`: answer it once.
  const answeredMessages = new RecentMap<true>({ max: 10_000, ttlMs: HOUR });
  // Threads the bot answers in: replies there are follow-ups even without a mention.
  const activeThreads = new RecentMap<true>({ max: 10_000, ttlMs: 24 * HOUR });
  // Private answers that can still be shared; a response_url lives 30 minutes.
  const shareable = new RecentMap<Answer>({ max: 1000, ttlMs: 30 * MINUTE });
  // One vote per person per answer (keyed by hashed user id).
  const votes = new RecentMap<true>({ max: 10_000, ttlMs: 24 * HOUR });
  const inFlight = new Set<Promise<unknown>>();

  const slackLogger = boltLogger(logger, { verbose: config.logQuestions });
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    ...(options.apiRetries === undefined ? {} : { retryConfig: { retries: options.apiRetries } }),
  };
  const { connection } = config;
  const transport =
    connection.kind === 'socket'
      ? {
          kind: 'socket' as const,
          receiver: new SocketModeReceiver({
            appToken: connection.appToken,
            logger: slackLogger,
            autoReconnectEnabled: options.autoReconnect ?? true,
            installerOptions: { clientOptions: { ...clientOptions } },
          }),
        }
      : {
          kind: 'http' as const,
          listen: { host: connection.host, port: connection.port },
          receiver: new SlackHttpReceiver({
            signingSecret: connection.signingSecret,
            logger,
            boltLogger: slackLogger,
            processBeforeResponse: options.processBeforeResponse ?? false,
            limits: options.httpLimits,
          }),
        };
  const app = new App({
    token: config.botToken,
    receiver: transport.receiver,
    logger: slackLogger,
    clientOptions: { ...clientOptions },
    deferInitialization: true,
    convoStore: false,
  });

  const conversationOfThread = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  const privateConversation = (channel: string, userId: string) =>
    `private:${channel}:${hashUser(userId)}`;

  const inThread =
    (client: webApi.WebClient, channel: string, threadTs: string): Reply =>
    (message) => {
      activeThreads.set(conversationOfThread(channel, threadTs), true);
      return client.chat.postMessage({ channel, thread_ts: threadTs, ...message });
    };
  const privately =
    (respond: RespondFn): Reply =>
    (message) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });

  async function answer(q: Question): Promise<void> {
    const user = hashUser(q.userId);
    try {
      if (!q.text || /^help[.!?]?$/i.test(q.text)) {
        await q.reply(renderHelp());
        return;
      }
      if (!limiter.take(user)) {
        logger.info({ via: q.via, user }, 'rate limited');
        await q.reply(renderNotice(REPLIES.slowDown));
        return;
      }
      const started = performance.now();
      const result = assistant.ask(q.text, { conversationId: q.conversationId });
      const shareKey = q.shareable ? randomUUID() : undefined;
      if (shareKey) shareable.set(shareKey, result);
      await q.reply(renderAnswer(result, { restate: q.restate, shareKey }));
      logger.info(
        {
          via: q.via,
          user,
          ...questionForLog(q.text, logEnv),
          kind: result.kind,
          citations: result.citations.length,
          ms: Math.round(performance.now() - started),
        },
        'answered',
      );
    } catch (error) {
      logger.error({ via: q.via, user, err: errorForLog(error) }, 'could not answer');
      await q.reply(renderNotice(REPLIES.apology)).catch((apologyError: unknown) => {
        logger.error({ via: q.via, err: errorForLog(apologyError) }, 'could not apologize either');
      });
    }
  }

  // Answers still being written when a signal arrives are waited for in stop().
  app.use(async ({ next }) => {
    const run = next();
    inFlight.add(run);
    try {
      await run;
    } finally {
      inFlight.delete(run);
    }
  });

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seenEvents.claim(eventId, true)) {
      logger.debug({ eventId }, 'event already handled');
      return;
    }
    await next();
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await answer({
      via: 'slash',
      userId: command.user_id,
      text: questionFromSlack(command.text),
      conversationId: privateConversation(command.channel_id, command.user_id),
      reply: privately(respond),
      shareable: true,
    });
  });

  app.event('app_mention', async ({ event, client }) => {
    if (event.bot_id || !event.user) return;
    if (!answeredMessages.claim(`${event.channel}:${event.ts}`, true)) return;
    const thread = event.thread_ts ?? event.ts;
    await answer({
      via: 'mention',
      userId: event.user,
      text: questionFromSlack(event.text),
      conversationId: conversationOfThread(event.channel, thread),
      reply: inThread(client, event.channel, thread),
    });
  });

  app.message(async ({ message, client }) => {
    // Edits, joins, bot posts (ours included) and the like have a subtype or a bot id.
    if (message.subtype !== undefined || message.bot_id) return;
    const dm = message.channel_type === 'im';
    const thread = message.thread_ts ?? message.ts;
    const inOurThread =
      message.thread_ts !== undefined &&
      activeThreads.has(conversationOfThread(message.channel, message.thread_ts));
    if (!dm && !inOurThread) return;
    if (!answeredMessages.claim(`${message.channel}:${message.ts}`, true)) return;
    await answer({
      via: dm ? 'dm' : 'thread',
      userId: message.user,
      text: questionFromSlack(message.text ?? ''),
      conversationId: conversationOfThread(message.channel, thread),
      reply: inThread(client, message.channel, thread),
    });
  });

  app.action<BlockAction<ButtonAction>>(
    ACTION.followUpPattern,
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const container = containerOf(body);
      const channel = body.channel?.id ?? container.channel_id ?? '';
      const text = decodeValue(action.value ?? '').trim();
      const isPrivate = container.is_ephemeral === true || !body.message;
      const thread = body.message?.thread_ts ?? body.message?.ts ?? '';
      await answer({
        via: 'follow_up',
        userId: body.user.id,
        text,
        restate: true,
        ...(isPrivate
          ? {
              conversationId: privateConversation(channel, body.user.id),
              reply: privately(respond),
              shareable: true,
            }
          : {
              conversationId: conversationOfThread(channel, thread),
              reply: inThread(client, channel, thread),
            }),
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(?:${ACTION.feedbackUp}|${ACTION.feedbackDown})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      const vote: Vote = action.action_id === ACTION.feedbackUp ? 'up' : 'down';
      const passages = passageIdsFrom(action.value);
      const container = containerOf(body);
      const answerId = container.message_ts ?? body.message?.ts ?? action.action_ts;
      const first = votes.claim(`${answerId}:${hashUser(body.user.id)}`, true);
      if (first && passages.length) {
        feedback.record(passages, vote);
        logger.info({ vote, passages }, 'feedback');
      }
      await privately(respond)(renderNotice(first ? REPLIES.thanks : REPLIES.alreadyVoted)).catch(
        (error: unknown) =>
          logger.warn({ err: errorForLog(error) }, 'could not thank for feedback'),
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, action, respond }) => {
    await ack();
    const shared = shareable.get(decodeValue(action.value ?? ''));
    try {
      if (!shared) {
        await privately(respond)(renderNotice(REPLIES.shareExpired));
        return;
      }
      await respond({
        response_type: 'in_channel',
        replace_original: false,
        ...renderAnswer(shared, { restate: true }),
      });
      await respond({ delete_original: true });
      logger.info({ via: 'share' }, 'answer shared');
    } catch (error) {
      logger.error({ via: 'share', err: errorForLog(error) }, 'could not share');
      await privately(respond)(renderNotice(REPLIES.apology)).catch(() => {});
    }
  });

  app.error(async (error) => {
    logger.error({ err: errorForLog(error) }, 'Slack handler failed');
  });

  let running = false;
  return {
    app,
    async start() {
      await app.init();
      if (transport.kind === 'socket') {
        await transport.receiver.start();
        running = true;
        logger.info({ mode: 'socket' }, 'Slack adapter connected (Socket Mode)');
        return {};
      }
      const server = await transport.receiver.start(transport.listen);
      running = true;
      const port = (server.address() as AddressInfo).port;
      logger.info(
        { mode: 'http', host: transport.listen.host, port },
        'Slack adapter listening on /slack/events',
      );
      return { port };
    },
    async stop() {
      if (!running) return { unanswered: 0 };
      running = false;
      // No new events from here on; then wait for the answers already being written.
      if (transport.kind === 'socket') await transport.receiver.client.disconnect();
      else await transport.receiver.stop();
      const drained = Promise.allSettled([...inFlight]);
      const timeout = new Promise<'timeout'>((resolve) => {
        setTimeout(resolve, drainMs, 'timeout').unref();
      });
      const unanswered = (await Promise.race([drained, timeout])) === 'timeout' ? inFlight.size : 0;
      logger.info({ unanswered }, 'Slack adapter stopped');
      return { unanswered };
    },
  };
}
