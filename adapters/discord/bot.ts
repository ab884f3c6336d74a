import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import {
  type ConversationService,
  type Core,
  createConversationService,
} from '../shared/conversation-service.ts';
import { errorForLog } from '../shared/errors.ts';
import { asksForAPerson, createEscalationDesk } from '../shared/escalation.ts';
import type { FeedbackCounter } from '../shared/feedback.ts';
import type { StopOutcome } from '../shared/lifecycle.ts';
import type { Logger } from '../shared/log.ts';
import type { BotMetrics } from '../shared/metrics.ts';
import { StartupError } from '../shared/startup.ts';
import type { ConversationState } from '../shared/state.ts';
import type { StateStore } from '../shared/store/store.ts';
import { answerForumPost, isNewForumPost } from './auto-answer.ts';
import { boundedCaches, startDmSweeper } from './cache.ts';
import { cleanQuestion } from './clean.ts';
import { COMMAND_NAME } from './command.ts';
import type { DiscordConfig } from './config.ts';
import { createEscalationHandlers, HELP_COMMAND_NAME, withEscalationRow } from './escalation.ts';
import { createHandlers, type Suggester } from './handlers.ts';
import { noMentions, renderReply } from './render.ts';

export interface DiscordBotOptions {
  /** The core; an async `ask` is fine too: slow answers are deferred ("thinking…"). */
  assistant: Core & Suggester;
  config: DiscordConfig;
  logger: Logger;
  /** Where 👍/👎 are counted (default: a new counter, see `bot.service.feedback`). */
  feedback?: FeedbackCounter;
  state?: ConversationState;
  /** The shared store, where "Talk to a person" counts requests per person (default: memory). */
  store?: StateStore;
  /** Turns a Discord user id into what logs and the rate limiter may hold. */
  hashUser?: (userId: string) => string;
  metrics?: BotMetrics;
  /**
   * Discord gives an interaction 3 seconds for its first response; an answer not ready after
   * this long is deferred ("thinking…") and sent as an edit.
   */
  deferAfterMs?: number;
  /** How long `stop()` waits for answers in progress before closing the connection. */
  stopTimeoutMs?: number;
}

export interface DiscordBot {
  client: Client;
  service: ConversationService;
  /** Logs in and resolves once Discord has sent the bot its servers. */
  start(): Promise<void>;
  /**
   * Lets answers in progress finish (those received while it waits too), then closes the
   * connection; reports how many were left unanswered. Safe to call twice.
   */
  stop(): Promise<StopOutcome>;
}

/**
 * The Discord adapter: `/asylum` with autocomplete, @mentions in servers, DMs, follow-up, feedback
 * and share buttons, turned into calls to the conversation service, whose replies it renders as
 * embeds.
 *
 * @example
 * const bot = createDiscordBot({ assistant, config: loadDiscordConfig(), logger });
 * await bot.start();
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { assistant, config, logger } = options;
  const client = new Client({
    // No privileged intent: Discord sends the text of DMs and of mentions of the bot anyway.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ],
    // DM channels are not cached when a DM arrives; without this discord.js drops the message.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    failIfNotExists: false,
    ...boundedCaches(),
    rest: config.apiUrl ? { api: config.apiUrl } : {},
  });
  const desk = createEscalationDesk({
    surface: 'discord',
    logger,
    configured: config.escalation !== undefined,
    command: `/${HELP_COMMAND_NAME}`,
    store: options.store,
    hashUser: options.hashUser,
  });
  const service = createConversationService({
    surface: 'discord',
    core: assistant,
    logger,
    command: `/${COMMAND_NAME}`,
    rateLimit: config.rateLimit,
    logQuestions: config.logQuestions,
    feedback: options.feedback,
    state: options.state,
    hashUser: options.hashUser,
    metrics: options.metrics,
    slowAfterMs: options.deferAfterMs,
    drainMs: options.stopTimeoutMs,
    onAnswered: desk.noteQuestion,
  });
  const handlers = createHandlers(service, assistant, (reply) =>
    withEscalationRow(renderReply(reply), reply, desk.configured),
  );
  const escalation = createEscalationHandlers(desk, client, config.escalation);
  let stopping: Promise<StopOutcome> | undefined;
  const stopSweeping = startDmSweeper(client);

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
      void handlers.autocomplete(interaction);
    } else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      void service.run('slash', () => handlers.command(interaction));
    } else if (interaction.isChatInputCommand() && interaction.commandName === HELP_COMMAND_NAME) {
      void service.run('escalation', () => escalation.command(interaction));
    } else if (interaction.isButton()) {
      void service.run('button', async () => {
        if (!(await escalation.button(interaction))) await handlers.button(interaction);
      });
    }
  });

  client.on(Events.MessageCreate, (message) => {
    const me = client.user;
    if (!me || message.author.bot || message.system) return;
    if (config.autoAnswer && isNewForumPost(message, config.autoAnswer, me.id)) {
      const settings = config.autoAnswer;
      void service.run('auto', () => answerForumPost(message, settings, service));
      return;
    }
    // In a server the bot answers only when mentioned (a reply to its answer mentions it too).
    if (message.inGuild() && !message.mentions.users.has(me.id)) return;
    void service.run('message', async () => {
      const asksForPerson = message.inGuild() && asksForAPerson(cleanQuestion(message.content));
      if (!(asksForPerson && (await escalation.mention(message)))) await handlers.message(message);
    });
  });

  client.on(Events.Error, (error) => logger.error({ error: errorForLog(error) }, 'discord error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord warning'));

  return {
    client,
    service,
    async start() {
      const ready = new Promise<void>((resolve) =>
        client.once(Events.ClientReady, () => resolve()),
      );
      await client.login(config.token).catch((error: unknown) => {
        const rejected =
          (error as { code?: string }).code === 'TokenInvalid' ||
          /token|401|unauthori[sz]ed/i.test((error as Error).message);
        throw rejected
          ? new StartupError('Discord rejected the bot token.', 'DISCORD_TOKEN')
          : new StartupError(
              `Could not reach Discord (${(error as Error).message}).`,
              'DISCORD_API_URL and the network',
            );
      });
      await ready;
      logger.info({ guilds: client.guilds.cache.size }, 'discord bot ready');
    },
    stop() {
      stopping ??= (async () => {
        stopSweeping();
        const outcome = await service.stop();
        await client.destroy();
        logger.info(outcome, 'discord bot stopped');
        return outcome;
      })();
      return stopping;
    },
  };
}
