import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Answer, AskOptions, LastAnswer, Passage, Turn } from '../../src/index.ts';
import { type AnswerView, answerView, type PassagesView, passagesView } from './answer-view.ts';
import { autoAnswerDecision } from './auto-answer.ts';
import { errorForLog } from './errors.ts';
import { FeedbackCounter, type Vote } from './feedback.ts';
import type { StopOutcome } from './lifecycle.ts';
import { createUserHasher, type Logger } from './log.ts';
import type { BotMetrics } from './metrics.ts';
import { type ConversationState, memoryState } from './state.ts';
import { helpText, usageText, WORDING } from './wording.ts';

/** Which platform a log line comes from. */
export type Surface = 'slack' | 'discord' | 'repl';

/** How a question or click arrived, for logs: one vocabulary for every surface. */
export type Via = 'slash' | 'mention' | 'dm' | 'thread' | 'follow_up' | 'line' | 'auto';

/**
 * What the service needs from the core. `ask` may be asynchronous (a slower core, or one in
 * another process): a surface that must answer within a deadline is told when it is late.
 */
export interface Core {
  ask(question: string, options?: AskOptions): Answer | Promise<Answer>;
  /** A passage in full, by id, for "More"; without it "More" says the passages are not available. */
  passage?(id: string): Passage | undefined;
}

/** What a surface is asked to send; its renderer formats it. */
export type Reply =
  | {
      type: 'answer';
      view: AnswerView;
      /** Finds the answer again from its buttons (follow-ups, votes, share). */
      key: string;
      /** The conversation a reply to this answer continues. */
      conversationId: string;
      /** A private answer: offer to share it. */
      shareable: boolean;
      /** Say which question is answered, when the reader cannot see it. */
      restate: boolean;
    }
  /** A sentence in the bot's own voice (apology, slow down, help). */
  | { type: 'notice'; text: string }
  /** The passages behind a shortened answer, in full ("More"): always shown privately. */
  | { type: 'passages'; view: PassagesView };

export type Send = (reply: Reply) => Promise<unknown>;

export interface Question {
  via: Via;
  /** The platform's user id; only a salted hash of it is kept or logged. */
  userId: string;
  /** The question as the person typed it, platform markup removed. */
  text: string;
  conversationId: string;
  /** Only the asker sees the answer: it can be shared. */
  private?: boolean;
  restate?: boolean;
  send: Send;
  /** Called once when the answer is not ready after `slowAfterMs` (Discord defers then). */
  onSlow?: () => Promise<unknown>;
  /**
   * A post nobody addressed to the bot (auto-answer.ts): answered only when the answer qualifies
   * and no answer went to `place` (its thread) before; otherwise nothing at all is sent.
   */
  auto?: { place: string; minConfidence: number };
}

export interface ConversationServiceOptions {
  surface: Surface;
  core: Core;
  logger: Logger;
  /** The surface's command, for help and "ask again with …". */
  command: string;
  /**
   * What an empty message gets (default: the chat bots' help for `command`); it is also added,
   * as how to ask here, to the core's reply to "help" (default: the chat bots' usage).
   */
  help?: string;
  rateLimit?: { burst: number; perMinute: number };
  /** Log question text (operator opt-in; questions are sensitive). */
  logQuestions?: boolean;
  /** Where the service keeps its state (default: this process's memory). */
  state?: ConversationState;
  feedback?: FeedbackCounter;
  hashUser?: (userId: string) => string;
  /** When `onSlow` is called (default 2 s: Discord allows 3 s for a first response). */
  slowAfterMs?: number;
  /** How long `stop()` waits for answers in progress (default 5 s). */
  drainMs?: number;
  /** Told of each answer sent for a question (its key, asker and question), e.g. for escalation. */
  onAnswered?: (answered: { key: string; userId: string; question: string }) => void;
  /** Counts answers, declines, failures and rate-limited messages for Prometheus. */
  metrics?: Omit<BotMetrics, 'registry'>;
}

/**
 * Everything every surface does with a question, written once: rate limit, ask the core, remember
 * what the answer's buttons do, one vote per person per answer, share, help, apologies, logs
 * without question text, and waiting for answers in progress on stop. A surface supplies only its
 * events, its conversation places and a renderer for `Reply`.
 *
 * @example
 * const service = createConversationService({ surface: 'slack', core: assistant, logger, command: '/asylum' });
 * await service.ask({ via: 'dm', userId, text, conversationId, send: (reply) => post(render(reply)) });
 */
export function createConversationService(options: ConversationServiceOptions) {
  const { surface, core, logger, command } = options;
  const state = options.state ?? memoryState(options.rateLimit ?? { burst: 5, perMinute: 10 });
  const feedback = options.feedback ?? new FeedbackCounter();
  const hashUser = options.hashUser ?? createUserHasher();
  const slowAfterMs = options.slowAfterMs ?? 2_000;
  const drainMs = options.drainMs ?? 5_000;
  const inFlight = new Set<Promise<unknown>>();
  const withinTask = new AsyncLocalStorage<true>();
  const { metrics } = options;

  const notice = (text: string): Reply => ({ type: 'notice', text });
  const questionForLog = (text: string) =>
    options.logQuestions ? { question: text, chars: text.length } : { chars: text.length };

  /** Runs one piece of work as "in progress" for stop(), logging (never throwing) a failure. */
  function track(via: string, work: () => Promise<unknown>, apology?: () => Promise<unknown>) {
    // Work that still arrives while stop() drains (Discord keeps its connection until then) is
    // answered too: dropped, it would go unanswered with no word to the person.
    const outermost = !withinTask.getStore();
    const task = withinTask
      .run(true, work)
      .catch(async (error: unknown) => {
        metrics?.failed();
        logger.error({ surface, via, error: errorForLog(error) }, 'could not answer');
        await apology?.().catch((apologyError: unknown) => {
          logger.error({ surface, via, error: errorForLog(apologyError) }, 'could not apologize');
        });
      })
      .finally(() => inFlight.delete(task));
    // One question is one task in progress, however many steps of it are tracked inside it.
    if (outermost) inFlight.add(task);
    return task.then(() => undefined);
  }

  /**
   * Asks the core, reading the question against the conversation's last answer where the state
   * keeps it (shared by replicas); what the answer leaves behind is kept there in turn.
   */
  async function askCore(q: Question): Promise<{ answer: Answer; turn: Turn }> {
    const context: LastAnswer | undefined = await state.contexts?.get(q.conversationId);
    let turn: Turn = {};
    const answer = await core.ask(q.text, {
      conversationId: q.conversationId,
      ...(context ? { context } : {}),
      onTurn: (left) => {
        turn = left;
      },
    });
    if (turn.context) await state.contexts?.set(q.conversationId, turn.context);
    // "Delete everything I said": the core forgot its own memory; the shared one goes too.
    if (turn.forgotten) await state.contexts?.forget(q.conversationId);
    return { answer, turn };
  }

  async function answerWithin(q: Question): Promise<{ answer: Answer; turn: Turn }> {
    const answer = Promise.resolve().then(() => askCore(q));
    if (!q.onSlow) return answer;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(resolve, slowAfterMs, 'late');
    });
    const first = await Promise.race([answer, late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return first;
    answer.catch(() => undefined);
    await q.onSlow();
    return answer;
  }

  /** The core's reply to "help" says what it can answer; the surface adds how to ask here. */
  const withUsage = (view: AnswerView, result: Answer): AnswerView =>
    result.smallTalk === 'help'
      ? { ...view, notices: [...view.notices, options.help ?? usageText(command)] }
      : view;

  async function answer(q: Question): Promise<void> {
    if (q.auto) return answerUnasked(q, q.auto);
    // Nothing asked: how to ask here. Everything else, "help" included, is the core's to read.
    if (!q.text) {
      await q.send(notice(options.help ?? helpText(command)));
      return;
    }
    const user = hashUser(q.userId);
    if (!(await state.rateLimit.take(user))) {
      metrics?.rateLimited();
      logger.info({ surface, via: q.via, user }, 'rate limited');
      await q.send(notice(WORDING.slowDown));
      return;
    }
    const started = performance.now();
    const { answer: result, turn } = await answerWithin(q);
    await deliver(q, result, turn, started);
  }

  /**
   * Auto mode: the answer is posted only if autoAnswerDecision says so, once per place. Silence
   * says nothing to anyone, so a rate-limited post is left alone too, unless it is a crisis.
   */
  async function answerUnasked(q: Question, auto: NonNullable<Question['auto']>): Promise<void> {
    if (!q.text) return;
    const user = hashUser(q.userId);
    const started = performance.now();
    const { answer: result, turn } = await answerWithin(q);
    const decision = autoAnswerDecision(result, auto.minConfidence);
    const silent = (reason: string) =>
      logger.info(
        { surface, via: q.via, user, kind: result.kind, confidence: result.confidence, reason },
        'stayed silent',
      );
    if (!decision.post) return silent(decision.reason);
    if (decision.reason !== 'crisis' && !(await state.rateLimit.take(user))) {
      return silent('rate-limited');
    }
    if (!(await state.seen.claim(`answered:${auto.place}`, true))) return silent('answered-before');
    await deliver(q, result, turn, started);
  }

  /** Sends the core's answer, remembering what its buttons do. */
  async function deliver(q: Question, result: Answer, turn: Turn, started: number): Promise<void> {
    const user = hashUser(q.userId);
    const view = withUsage(answerView(result), result);
    const key = randomBytes(8).toString('base64url');
    await state.answers.set(key, {
      conversationId: q.conversationId,
      followUps: view.followUps,
      passageIds: view.passageIds,
    });
    if (q.private) await state.shareable.set(key, result);
    options.onAnswered?.({ key, userId: q.userId, question: view.question });
    await q.send({
      type: 'answer',
      view,
      key,
      conversationId: q.conversationId,
      shareable: q.private === true,
      restate: q.restate === true,
    });
    metrics?.answered(result.kind, (performance.now() - started) / 1000);
    // A crisis or advice answer that says the knowledge has no sourced answer is a decline too:
    // what it was near is what the knowledge lacks.
    if (result.abstained) {
      metrics?.declined(turn.nearestTopic);
      if (turn.nearestTopic) await state.recordDecline?.(turn.nearestTopic);
    }
    logger.info(
      {
        surface,
        via: q.via,
        user,
        ...questionForLog(q.text),
        kind: result.kind,
        citations: result.citations.length,
        confidence: result.confidence,
        ms: Math.round(performance.now() - started),
      },
      'answered',
    );
  }

  return {
    feedback,

    /**
     * Answers a question: help, slow down, or the core's answer; an apology if anything fails.
     * An unasked post (`auto`) gets the answer or nothing: never help, slow down or an apology.
     */
    ask(q: Question): Promise<void> {
      return track(
        q.via,
        () => answer(q),
        q.auto ? undefined : () => q.send(notice(WORDING.apology)),
      );
    },

    /**
     * A follow-up button: asks its question in the answer's conversation, or says the button has
     * expired. `where` decides the conversation and destination when the surface knows better
     * (a public Slack thread); by default the answer's own conversation continues.
     */
    followUp(click: {
      key: string;
      index: number;
      userId: string;
      private?: boolean;
      conversationId?: string;
      send: Send;
      onSlow?: () => Promise<unknown>;
    }): Promise<void> {
      return track(
        'follow_up',
        async () => {
          const record = await state.answers.get(click.key);
          const text = record?.followUps[click.index];
          if (!record || !text) {
            await click.send(notice(WORDING.expired(command)));
            return;
          }
          await answer({
            via: 'follow_up',
            userId: click.userId,
            text,
            conversationId: click.conversationId ?? record.conversationId,
            private: click.private,
            restate: true,
            send: click.send,
            onSlow: click.onSlow,
          });
        },
        () => click.send(notice(WORDING.apology)),
      );
    },

    /** 👍/👎: counted once per person per answer; replies with thanks (privately, where it can). */
    vote(click: { key: string; vote: Vote; userId: string; send: Send }): Promise<void> {
      return track('vote', async () => {
        const record = await state.answers.get(click.key);
        if (!record) {
          await click.send(notice(WORDING.expired(command)));
          return;
        }
        const first = await state.ballots.claim(`${click.key}:${hashUser(click.userId)}`, true);
        if (first && record.passageIds.length) {
          feedback.record(record.passageIds, click.vote);
          logger.info({ surface, vote: click.vote, passages: record.passageIds }, 'feedback');
        }
        await click.send(notice(first ? WORDING.thanks : WORDING.alreadyVoted));
      });
    },

    /**
     * "More" under a shortened answer: the passages behind it in full, for the clicker alone. When
     * the answer's record is gone (a day later, or a restart without a shared store), the person
     * is told so, and where the sources still are.
     */
    more(click: { key: string; send: Send }): Promise<void> {
      return track(
        'more',
        async () => {
          const record = await state.answers.get(click.key);
          const passages = (record?.passageIds ?? [])
            .map((id) => core.passage?.(id))
            .filter((passage) => passage !== undefined);
          if (passages.length === 0) {
            await click.send(notice(WORDING.moreExpired(command)));
            return;
          }
          await click.send({ type: 'passages', view: passagesView(passages) });
          logger.info({ surface, via: 'more', passages: passages.length }, 'passages shown');
        },
        () => click.send(notice(WORDING.apology)),
      );
    },

    /**
     * "Share in channel": `publish` posts the answer for everyone (its question restated), or the
     * asker is told sharing has expired. The shared copy starts its own conversation.
     */
    share(click: { key: string; publish: Send; send: Send }): Promise<void> {
      return track(
        'share',
        async () => {
          const shared = await state.shareable.get(click.key);
          if (!shared) {
            await click.send(notice(WORDING.shareExpired(command)));
            return;
          }
          const view = answerView(shared);
          const key = randomBytes(8).toString('base64url');
          const conversationId = randomUUID();
          await state.answers.set(key, {
            conversationId,
            followUps: view.followUps,
            passageIds: view.passageIds,
          });
          await click.publish({
            type: 'answer',
            view,
            key,
            conversationId,
            shareable: false,
            restate: true,
          });
          logger.info({ surface, via: 'share' }, 'answer shared');
        },
        () => click.send(notice(WORDING.apology)),
      );
    },

    /** Other work to finish before stopping (autocomplete); failures are logged. */
    run: (via: string, work: () => Promise<unknown>) => track(via, work),

    /** True the first time an event or message id is seen: platforms redeliver. */
    firstTime: (id: string): Promise<boolean> => state.seen.claim(id, true),

    /** Remembers that replies at `place` (a thread, a message) continue `conversationId`. */
    continueIn: (place: string, conversationId: string): Promise<void> =>
      state.places.set(place, conversationId),

    /** The conversation a place continues, if the bot answered there. */
    conversationAt: (place: string): Promise<string | undefined> => state.places.get(place),

    /** One person's private conversation in a channel. */
    privateConversation: (place: string, userId: string): string =>
      `private:${place}:${hashUser(userId)}`,

    newConversation: (): string => randomUUID(),

    /**
     * Waits (up to `drainMs`) for answers in progress, those that start meanwhile included;
     * reports how many were left unanswered.
     */
    async stop(): Promise<StopOutcome> {
      const deadline = Date.now() + drainMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deadline - Date.now());
        });
        await Promise.race([Promise.allSettled([...inFlight]), timeout]);
        clearTimeout(timer);
      }
      if (inFlight.size > 0) {
        logger.warn({ surface, pending: inFlight.size }, 'stopped with answers still in progress');
      }
      return { unanswered: inFlight.size };
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
