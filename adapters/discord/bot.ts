import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { FeedbackCounter } from '../../src/index.ts';
import type { StopOutcome } from '../shared/lifecycle.ts';
import { createUserHasher, type Logger } from '../shared/log.ts';
import { RateLimiter } from '../shared/rate-limit.ts';
import { boundedCaches, startDmSweeper } from './cache.ts';
import { COMMAND_NAME } from './command.ts';
import type { DiscordConfig } from './config.ts';
import { type Answerer, apologize, createHandlers, NOTICES, type Surface } from './handlers.ts';
import { noMentions, renderNotice } from './render.ts';

export interface DiscordBotOptions {
  assistant: Answerer;
  config: DiscordConfig;
  logger: Logger;
  /** Where 👍/👎 are counted (default: a new counter, see `bot.feedback`). */
  feedback?: FeedbackCounter;
  /** Turns a Discord user id into what logs and the rate limiter may hold. */
  hashUser?: (userId: string) => string;
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
  feedback: FeedbackCounter;
  /** Logs in and resolves once Discord has sent the bot its servers. */
  start(): Promise<void>;
  /**
   * Lets answers in progress finish (those received while it waits too), then closes the
   * connection; reports how many were left unanswered. Safe to call twice.
   */
  stop(): Promise<StopOutcome>;
}

/**
 * The Discord adapter: `/asylum` with autocomplete, @mentions in servers, DMs, follow-up and
 * feedback buttons. It turns Discord input into `assistant.ask` and renders the Answer; it never
 * retrieves or writes answer text.
 *
 * @example
 * const bot = createDiscordBot({ assistant, config: loadDiscordConfig(), logger });
 * await bot.start();
 */
export function createDiscordBot({
  assistant,
  config,
  logger,
  feedback = new FeedbackCounter(),
  hashUser = createUserHasher(),
  deferAfterMs = 2_000,
  stopTimeoutMs = 5_000,
}: DiscordBotOptions): DiscordBot {
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
  const handlers = createHandlers({
    assistant,
    logger,
    feedback,
    limiter: new RateLimiter(config.rateLimit),
    logQuestions: config.logQuestions,
    deferAfterMs,
  });
  const inFlight = new Set<Promise<void>>();
  let stopping: Promise<StopOutcome> | undefined;
  const stopSweeping = startDmSweeper(client);

  /** Runs one event's work; a failure is logged (without the question) and apologized for. */
  const handle = (
    surface: Surface,
    userId: string,
    work: (user: string) => Promise<unknown>,
    apology?: () => Promise<unknown>,
  ): void => {
    // Events still arrive while a stop drains: they are answered too, not dropped unanswered.
    const user = hashUser(userId);
    const task = work(user)
      .then(() => undefined)
      .catch(async (error: unknown) => {
        logger.error({ surface, user, err: describeError(error) }, 'handler failed');
        await apology?.().catch((apologyError: unknown) =>
          logger.warn({ surface, user, err: describeError(apologyError) }, 'apology failed'),
        );
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  client.on(Events.InteractionCreate, (interaction) => {
    const userId = interaction.user.id;
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
      handle('autocomplete', userId, () => handlers.autocomplete(interaction));
    } else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      const apology = () => apologize(interaction);
      handle('command', userId, (user) => handlers.command(interaction, user), apology);
    } else if (interaction.isButton()) {
      const apology = () => apologize(interaction);
      handle('button', userId, (user) => handlers.button(interaction, user), apology);
    }
  });

  client.on(Events.MessageCreate, (message) => {
    const me = client.user;
    if (!me || message.author.bot || message.system) return;
    const surface: Surface = message.inGuild() ? 'mention' : 'dm';
    // In a server the bot answers only when mentioned (a reply to its answer mentions it too).
    if (surface === 'mention' && !message.mentions.users.has(me.id)) return;
    handle(
      surface,
      message.author.id,
      (user) => handlers.message(message, surface, user),
      () => message.reply(renderNotice(NOTICES.apology)),
    );
  });

  client.on(Events.Error, (error) => logger.error({ err: describeError(error) }, 'discord error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord warning'));

  return {
    client,
    feedback,
    async start() {
      const ready = new Promise<void>((resolve) =>
        client.once(Events.ClientReady, () => resolve()),
      );
      await client.login(config.token);
      await ready;
      logger.info({ guilds: client.guilds.cache.size }, 'discord bot ready');
    },
    stop() {
      stopping ??= (async () => {
        stopSweeping();
        const deadline = Date.now() + stopTimeoutMs;
        while (inFlight.size > 0 && Date.now() < deadline) {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<void>((resolve) => {
            timer = setTimeout(resolve, deadline - Date.now());
          });
          await Promise.race([Promise.allSettled(inFlight), timeout]);
          clearTimeout(timer);
        }
        const unanswered = inFlight.size;
        await client.destroy();
        logger.info({ unanswered }, 'discord bot stopped');
        return { unanswered };
      })();
      return stopping;
    },
  };
}

/**
 * What may be logged about an error: never the request behind it, whose body holds the question
 * and whose URL holds the interaction's token.
 */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 300) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return { name: error.name, message: error.message.slice(0, 300), code, status };
}
