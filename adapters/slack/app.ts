import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import { knowledgeOverview, type Passage } from '../../src/index.ts';
import {
  type ConversationService,
  type Core,
  createConversationService,
} from '../shared/conversation-service.ts';
import { createEscalationDesk } from '../shared/escalation.ts';
import type { FeedbackCounter } from '../shared/feedback.ts';
import type { StopOutcome } from '../shared/lifecycle.ts';
import type { Logger } from '../shared/log.ts';
import type { BotMetrics, OpsRoute } from '../shared/metrics.ts';
import { StartupError } from '../shared/startup.ts';
import type { ConversationState } from '../shared/state.ts';
import type { StateStore } from '../shared/store/store.ts';
import { registerAutoAnswer } from './auto-answer.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { HELP_COMMAND, registerEscalation, withEscalationButton } from './escalation.ts';
import { registerHome } from './home.ts';
import { type HttpLimits, type ReplayGuard, SlackHttpReceiver } from './http-receiver.ts';
import { registerListeners } from './listeners.ts';
import { renderReply, SLASH_COMMAND } from './render.ts';

export interface SlackAppOptions {
  /** The core; with `passages` (a full Assistant) the App Home tab shows its starters and dates. */
  assistant: Core & { passages?: () => readonly Passage[] };
  config: SlackConfig;
  logger: Logger;
  /** Where 👍/👎 are counted (anonymous, per passage). */
  feedback?: FeedbackCounter;
  state?: ConversationState;
  /** The shared store, where "Talk to a person" counts requests per person (default: memory). */
  store?: StateStore;
  /** Turns a Slack user id into what logs and the rate limiter may hold (replicas share one). */
  hashUser?: (userId: string) => string;
  metrics?: BotMetrics;
  /** HTTP mode: where signed requests already handled are remembered (replicas share one). */
  replays?: ReplayGuard;
  /** HTTP mode: `/healthz` and `/metrics`, served beside `/slack/events`. */
  opsRoutes?: OpsRoute[];
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
  /** HTTP mode: body limit, timeouts, connection cap (default DEFAULT_HTTP_LIMITS). */
  httpLimits?: Partial<HttpLimits>;
}

export interface SlackApp {
  service: ConversationService;
  /** Checks the bot token once (auth.test), then connects (Socket Mode) or listens (HTTP). */
  start(): Promise<{ port?: number }>;
  /**
   * Stops taking events, lets answers in progress finish (up to drainMs), closes connections;
   * reports how many acknowledged questions were left unanswered.
   */
  stop(): Promise<StopOutcome>;
}

/**
 * The Slack adapter: `/asylum`, mentions, direct messages and button clicks, turned into calls to
 * the conversation service (listeners.ts), whose replies it renders as Block Kit. This file: the
 * transport (Socket Mode or HTTP), the start-up token check, start and stop.
 *
 * @example
 * const slack = createSlackApp({ assistant, config: loadSlackConfig(), logger });
 * await slack.start();
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger, assistant } = options;
  const desk = createEscalationDesk({
    surface: 'slack',
    logger,
    configured: config.escalation !== undefined,
    command: HELP_COMMAND,
    store: options.store,
  });
  const service = createConversationService({
    surface: 'slack',
    core: options.assistant,
    logger,
    command: SLASH_COMMAND,
    rateLimit: config.rateLimit,
    logQuestions: config.logQuestions,
    feedback: options.feedback,
    state: options.state,
    hashUser: options.hashUser,
    metrics: options.metrics,
    drainMs: options.drainMs,
    onAnswered: desk.noteQuestion,
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
      : new SlackHttpReceiver({
          signingSecret: connection.signingSecret,
          logger,
          boltLogger: slackLogger,
          processBeforeResponse: options.processBeforeResponse ?? false,
          limits: options.httpLimits,
          replays: options.replays,
          routes: options.opsRoutes,
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
      registerAutoAnswer(app, service, config.autoAnswer, logger);
      registerListeners(app, service, logger, desk);
      registerEscalation(app, desk, config.escalation);
      const { passages } = assistant;
      if (passages) {
        registerHome(
          app,
          service,
          logger,
          () => knowledgeOverview(passages()),
          (reply) => withEscalationButton(renderReply(reply), reply, desk.configured),
        );
      }
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
      if (!running) return { unanswered: 0 };
      running = false;
      // No new events from here on; then wait for the answers already being written.
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      else await receiver.stop();
      const outcome = await service.stop();
      logger.info(outcome, 'Slack adapter stopped');
      return outcome;
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
