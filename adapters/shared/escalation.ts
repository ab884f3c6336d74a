import { randomBytes } from 'node:crypto';
import { RecentMap } from '../../src/index.ts';
import type { Surface } from './conversation-service.ts';
import { errorForLog } from './errors.ts';
import { createUserHasher, type Logger } from './log.ts';
import { createMemoryStore } from './store/memory.ts';
import type { StateStore } from './store/store.ts';

/**
 * "Talk to a person": what the bots say about it, in their own voice, on every surface. Slack and
 * Discord only format these sentences; none of them states a fact about asylum.
 */
export const ESCALATION_WORDING = {
  button: 'Talk to a person',
  prompt:
    "Do you want a person to help? If you confirm, I'll post a note in the moderators' channel with your name and a link to this conversation, so that a moderator can reach out to you.",
  promptQuestion: 'Your question is not included unless you choose "Send with my question".',
  promptNoQuestion: 'Nothing you wrote is included.',
  send: 'Send request',
  sendWithQuestion: 'Send with my question',
  cancel: 'Cancel',
  sent: "Done: I've asked the moderators to reach out to you. They are people, so it may take a while. If you are in danger now, contact your local emergency services.",
  sentWithQuestion:
    "Done: I've asked the moderators to reach out to you, and included your question. They are people, so it may take a while. If you are in danger now, contact your local emergency services.",
  cancelled: 'Cancelled: nothing was sent to the moderators.',
  notConfigured:
    "No moderators are set up here, so I can't pass your request to a person. You can still ask me questions, or ask the people who run this space directly.",
  tooSoon: (minutes: number) =>
    `You asked for a person less than ${minutes} minutes ago: the moderators have your request. Please wait for them to reach out.`,
  expired: (command: string) =>
    `This request has expired (requests wait 15 minutes for an answer, and not across a restart). Use \`${command}\` to ask again.`,
  notYours: 'Only the person who asked can use these buttons.',
  failed:
    "Sorry, I couldn't reach the moderators' channel, so nothing was sent. Please try again in a while.",
  /** The moderators' notice. */
  noticeHeading: 'Someone asked to talk to a person.',
  from: 'From',
  where: 'Where',
  question: 'Question',
  notIncluded: 'not included (the person chose not to share it)',
  openConversation: 'Open the conversation',
  openChannel: 'Open the channel',
  privateAnswer: 'they asked privately in a channel (only they can see the answer)',
  directMessage: 'a direct message with the bot (you cannot see it): contact them directly',
  guidance:
    'Please reach out to them directly. The bot gives general legal information, not legal advice.',
} as const;

/** Messages such as "help me" or "talk to a person": a request for a person, not a question. */
const ASKS_FOR_A_PERSON =
  /^(?:please[,\s]+)?(?:help me|(?:i (?:want|need) to )?talk to (?:a|an?other) (?:person|human|moderator)|i need (?:a|an?other) (?:person|human|moderator))(?:[,\s]+please)?[.!?]*$/i;

export function asksForAPerson(text: string): boolean {
  return ASKS_FOR_A_PERSON.test(text.replace(/\s+/g, ' ').trim());
}

/** Where the request was made, as the moderators' notice links to it. */
export type EscalationPlace =
  | { kind: 'message'; url: string }
  | { kind: 'channel'; url: string }
  | { kind: 'dm' };

/** What a surface posts in the moderators' channel (it adds the configured ping and the formatting). */
export interface ModeratorNotice {
  /** The platform's user id, for the platform to show (never to ping). */
  userId: string;
  /** A name the platform gave, where it gave one. */
  userName?: string;
  place: EscalationPlace;
  /** Present only when the person chose to include it. */
  question?: string;
}

/** What the person sees after asking: a notice, or a confirmation prompt with its request id. */
export type EscalationPrompt =
  | { type: 'notice'; text: string }
  | { type: 'prompt'; id: string; text: string; canIncludeQuestion: boolean };

interface Pending {
  user: string;
  userName?: string;
  place: EscalationPlace;
  question?: string;
  answerKey?: string;
}

export interface EscalationDeskOptions {
  surface: Surface;
  logger: Logger;
  /** A moderators' channel is configured: without one nothing is offered. */
  configured: boolean;
  /** The surface's way to ask again, for "this request has expired". */
  command: string;
  /** Where the per-person limit is kept: the bots' shared store (default: this process). */
  store?: StateStore;
  /** One request per person per this long (default 10 minutes). */
  cooldownMs?: number;
  hashUser?: (userId: string) => string;
}

const MINUTE = 60_000;
/** How long a question waits for its asker to ask for a person, and a request for its answer. */
const PENDING_MS = 15 * MINUTE;
const MAX_PENDING = 1_000;

/**
 * The shared logic of "Talk to a person": nothing reaches the moderators unless the person
 * confirms; their question only if they choose to include it; one request per person per
 * cooldown, counted in the shared store so replicas agree. The question of each answer is held
 * in this process's memory (never in the store) for 15 minutes at most, and dropped as soon as
 * its asker confirms or cancels.
 */
export function createEscalationDesk(options: EscalationDeskOptions) {
  const { surface, logger, configured, command } = options;
  const store = options.store ?? createMemoryStore();
  const cooldownMs = options.cooldownMs ?? 10 * MINUTE;
  const hashUser = options.hashUser ?? createUserHasher();
  const questions = new RecentMap<{ user: string; question: string }>({
    max: MAX_PENDING,
    ttlMs: PENDING_MS,
  });
  const pending = new RecentMap<Pending>({ max: MAX_PENDING, ttlMs: PENDING_MS });
  // The store hashes ids with the shared salt itself, so every replica finds the same entry.
  const limitKey = (userId: string) => `escalation:${userId}`;
  const notice = (text: string): EscalationPrompt => ({ type: 'notice', text });

  /** The request `id`, if it exists and belongs to `userId`; otherwise what to tell them. */
  function requestOf(id: string, userId: string): Pending | EscalationPrompt {
    const request = pending.get(id);
    if (!request) return notice(ESCALATION_WORDING.expired(command));
    if (request.user !== hashUser(userId)) return notice(ESCALATION_WORDING.notYours);
    return request;
  }
  function forget(id: string, request: Pending): void {
    pending.delete(id);
    if (request.answerKey) questions.delete(request.answerKey);
  }

  return {
    configured,

    /** Holds an answer's question for its asker, in case they ask for a person (15 minutes). */
    noteQuestion(answered: { key: string; userId: string; question: string }): void {
      if (!configured || !answered.question.trim()) return;
      questions.set(answered.key, { user: hashUser(answered.userId), question: answered.question });
    },

    /**
     * Someone asked for a person (a button under an answer, the command, a mention): the prompt
     * to confirm, or why there is none. Only the asker of an answer may include its question.
     */
    async open(request: {
      userId: string;
      userName?: string;
      place: EscalationPlace;
      answerKey?: string;
      question?: string;
    }): Promise<EscalationPrompt> {
      if (!configured) return notice(ESCALATION_WORDING.notConfigured);
      const user = hashUser(request.userId);
      if (await store.claimed(limitKey(request.userId))) {
        return notice(ESCALATION_WORDING.tooSoon(Math.round(cooldownMs / MINUTE)));
      }
      const held = request.answerKey ? questions.get(request.answerKey) : undefined;
      const question = (held?.user === user ? held.question : request.question)?.trim();
      const id = randomBytes(8).toString('base64url');
      pending.set(id, {
        user,
        userName: request.userName,
        place: request.place,
        question: question || undefined,
        answerKey: request.answerKey,
      });
      logger.info({ surface, user, via: 'escalation' }, 'person requested, awaiting confirmation');
      const text = [
        ESCALATION_WORDING.prompt,
        question ? ESCALATION_WORDING.promptQuestion : ESCALATION_WORDING.promptNoQuestion,
      ].join(' ');
      return { type: 'prompt', id, text, canIncludeQuestion: Boolean(question) };
    },

    /**
     * The person confirmed: `post` sends the notice to the moderators' channel. Returns what to
     * tell the person. Their question goes only with `includeQuestion`.
     */
    async confirm(click: {
      id: string;
      userId: string;
      includeQuestion: boolean;
      post: (notice: ModeratorNotice) => Promise<unknown>;
    }): Promise<string> {
      const request = requestOf(click.id, click.userId);
      if ('type' in request) return request.text;
      forget(click.id, request);
      if (!(await store.claim(limitKey(click.userId), cooldownMs))) {
        return ESCALATION_WORDING.tooSoon(Math.round(cooldownMs / MINUTE));
      }
      const question = click.includeQuestion ? request.question : undefined;
      try {
        await click.post({
          userId: click.userId,
          userName: request.userName,
          place: request.place,
          ...(question ? { question } : {}),
        });
      } catch (error) {
        logger.error({ surface, error: errorForLog(error) }, 'could not notify the moderators');
        return ESCALATION_WORDING.failed;
      }
      logger.info(
        { surface, user: request.user, question: question ? 'included' : 'withheld' },
        'moderators notified',
      );
      return question ? ESCALATION_WORDING.sentWithQuestion : ESCALATION_WORDING.sent;
    },

    /** The person cancelled: the request and its question are dropped. */
    cancel(click: { id: string; userId: string }): string {
      const request = requestOf(click.id, click.userId);
      if ('type' in request) return request.text;
      forget(click.id, request);
      return ESCALATION_WORDING.cancelled;
    },
  };
}

export type EscalationDesk = ReturnType<typeof createEscalationDesk>;
