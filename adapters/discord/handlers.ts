import { randomUUID } from 'node:crypto';
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { type Answer, type AskOptions, type FeedbackCounter, RecentMap } from '../../src/index.ts';
import { type Logger, questionForLog } from '../shared/log.ts';
import type { RateLimiter } from '../shared/rate-limit.ts';
import { AnswerActionStore, followUpButtonId, parseButtonId, voteButtonId } from './buttons.ts';
import { cleanQuestion } from './clean.ts';
import { PRIVATE_OPTION, QUESTION_OPTION } from './command.ts';
import { type DiscordMessage, LIMITS, renderAnswer, renderNotice, truncate } from './render.ts';

/** What the bot needs from the core. An async `ask` is fine too: slow answers are deferred. */
export interface Answerer {
  ask(question: string, options?: AskOptions): Answer | Promise<Answer>;
  suggest(typed: string, limit?: number): string[];
}

/** Where a question came from, for logs. */
export type Surface = 'command' | 'autocomplete' | 'button' | 'mention' | 'dm';

/** What the bot says in its own voice; answers themselves come only from the core. */
export const NOTICES = {
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  slowDown: "You're asking faster than I can answer. Please wait a minute, then ask again.",
  expired: 'This button has expired. Ask again with /asylum.',
  thanks: 'Thanks for the feedback: it helps the editors improve the answers.',
  alreadyVoted: 'You already sent feedback on this answer. Thank you!',
} as const;

export interface HandlerOptions {
  assistant: Answerer;
  logger: Logger;
  limiter: RateLimiter;
  feedback: FeedbackCounter;
  logQuestions: boolean;
  deferAfterMs: number;
}

/**
 * What the bot does with each kind of Discord input. `user` is always the hashed user id: raw
 * ids reach neither the logs nor the rate limiter. Errors propagate to the caller, which logs and
 * apologizes.
 */
export function createHandlers({
  assistant,
  logger,
  limiter,
  feedback,
  logQuestions,
  deferAfterMs,
}: HandlerOptions) {
  const actions = new AnswerActionStore();
  const DAY = 24 * 60 * 60 * 1000;
  /** The bot's answer message id → its conversation, so a reply to an answer is a follow-up. */
  const conversations = new RecentMap<string>({ max: 10_000, ttlMs: DAY });
  /** `${answer key}:${hashed user}`: one vote per person and answer. */
  const ballots = new RecentMap<true>({ max: 50_000, ttlMs: DAY });
  const logEnv = { LOG_QUESTIONS: String(logQuestions) };

  /** Asks the core and renders the answer, its buttons pointing at a fresh short key. */
  const answer = async (
    question: string,
    conversationId: string,
    defer?: () => Promise<unknown>,
  ) => {
    const started = performance.now();
    const result = await withDeferral(
      () => assistant.ask(question, { conversationId }),
      deferAfterMs,
      defer,
    );
    const key = actions.remember({
      conversationId,
      passageIds: [...new Set(result.citations.flatMap((citation) => citation.passages))],
      followUps: result.followUps,
    });
    const messages = renderAnswer(result, {
      followUp: (index) => followUpButtonId(key, index),
      vote: (vote) => voteButtonId(key, vote),
    });
    const log = (surface: Surface, user: string) =>
      logger.info(
        {
          surface,
          user,
          ...questionForLog(question, logEnv),
          kind: result.kind,
          citations: result.citations.length,
          confidence: result.confidence,
          ms: Math.round(performance.now() - started),
        },
        'answered',
      );
    return { messages, log };
  };

  const answerInteraction = async (
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    surface: Surface,
    user: string,
    question: string,
    conversationId: string,
    ephemeral: boolean,
  ) => {
    if (!limiter.take(user)) {
      await interaction.reply(privately(renderNotice(NOTICES.slowDown)));
      return;
    }
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    const { messages, log } = await answer(question, conversationId, () =>
      interaction.deferReply({ flags }),
    );
    const [first, ...rest] = messages;
    if (!first) return;
    const sent: Message[] = [];
    if (interaction.deferred) {
      sent.push(await interaction.editReply(first));
    } else {
      const response = await interaction.reply({ ...first, flags, withResponse: true });
      if (response.resource?.message) sent.push(response.resource.message);
    }
    for (const message of rest) sent.push(await interaction.followUp({ ...message, flags }));
    // Nobody can reply to an ephemeral message.
    if (!ephemeral) for (const message of sent) conversations.set(message.id, conversationId);
    log(surface, user);
  };

  return {
    /** `/asylum`: each one starts a conversation. */
    command: (interaction: ChatInputCommandInteraction, user: string) =>
      answerInteraction(
        interaction,
        'command',
        user,
        cleanQuestion(interaction.options.getString(QUESTION_OPTION, true)),
        randomUUID(),
        interaction.options.getBoolean(PRIVATE_OPTION) ?? false,
      ),

    /** Curated questions matching what has been typed so far; not rate limited, as it is cheap. */
    async autocomplete(interaction: AutocompleteInteraction) {
      const typed = cleanQuestion(interaction.options.getFocused());
      const choices = assistant
        .suggest(typed, LIMITS.choices)
        .slice(0, LIMITS.choices)
        .map((question) => truncate(question.trim(), LIMITS.choiceName))
        .filter(Boolean)
        .map((question) => ({ name: question, value: question }));
      await interaction.respond(choices);
    },

    /** A follow-up question or a 👍/👎 under an answer. */
    async button(interaction: ButtonInteraction, user: string) {
      const action = parseButtonId(interaction.customId);
      if (!action) return;
      const stored = actions.get(action.key);
      const question = action.type === 'ask' ? stored?.followUps[action.index] : undefined;
      if (!stored || (action.type === 'ask' && !question)) {
        await interaction.reply(privately(renderNotice(NOTICES.expired)));
        return;
      }
      if (action.type === 'vote') {
        const ballot = `${action.key}:${user}`;
        if (ballots.has(ballot)) {
          await interaction.reply(privately(renderNotice(NOTICES.alreadyVoted)));
          return;
        }
        ballots.set(ballot, true);
        feedback.record(stored.passageIds, action.vote);
        logger.info(
          { surface: 'button', vote: action.vote, passages: stored.passageIds },
          'feedback',
        );
        await interaction.reply(privately(renderNotice(NOTICES.thanks)));
        return;
      }
      await answerInteraction(
        interaction,
        'button',
        user,
        question ?? '',
        stored.conversationId,
        interaction.message.flags.has(MessageFlags.Ephemeral),
      );
    },

    /** A mention or a DM; a reply to one of the bot's answers continues its conversation. */
    async message(message: Message, surface: Surface, user: string) {
      if (!limiter.take(user)) {
        await message.reply(renderNotice(NOTICES.slowDown));
        return;
      }
      const repliedTo = message.reference?.messageId;
      const conversationId = (repliedTo && conversations.get(repliedTo)) || randomUUID();
      const question = cleanQuestion(message.content);
      const { messages, log } = await answer(question, conversationId);
      for (const [index, payload] of messages.entries()) {
        const sent =
          index > 0 && message.channel.isSendable()
            ? await message.channel.send(payload)
            : await message.reply(payload);
        conversations.set(sent.id, conversationId);
      }
      log(surface, user);
    },
  };
}

export function privately(message: DiscordMessage) {
  return { ...message, flags: MessageFlags.Ephemeral } as const;
}

/** A short private apology, as a reply or, once the interaction has one, a follow-up. */
export function apologize(interaction: RepliableInteraction): Promise<unknown> {
  const notice = privately(renderNotice(NOTICES.apology));
  return interaction.deferred || interaction.replied
    ? interaction.followUp(notice)
    : interaction.reply(notice);
}

/**
 * Waits for an answer; if it is not ready within `ms`, calls `defer` first so that Discord does
 * not give up on the interaction (it allows 3 seconds). A synchronous core answers before the
 * timer can fire.
 */
async function withDeferral(
  ask: () => Answer | Promise<Answer>,
  ms: number,
  defer?: () => Promise<unknown>,
): Promise<Answer> {
  const answer = Promise.resolve().then(ask);
  if (!defer) return answer;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const first = await Promise.race([answer, late]).finally(() => clearTimeout(timer));
  if (first !== 'late') return first;
  answer.catch(() => undefined);
  await defer();
  return answer;
}
