import { z } from 'zod';
import { AnswerSchema } from '../../../src/index.ts';

/** Passage ids and topics are the knowledge's kebab-case names, never anything a person typed. */
const knowledgeName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case name');

/**
 * What a conversation remembers between questions: the passages the last answer relied on and
 * their topic. Strict, so that question text can never slip in as an extra field.
 */
export const ConversationContextSchema = z.strictObject({
  passageIds: z.array(knowledgeName).max(20),
  topic: knowledgeName.optional(),
  /** Passages already given in full on "tell me more" (ids, like passageIds). */
  shownInFull: z.array(knowledgeName).max(20).optional(),
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

/**
 * The conversation a reply at some place (a thread, a bot message) continues: a conversation id
 * as the bot made it. Callers keep it opaque (a random id, or a thread's key) since, unlike keys,
 * values are stored as given.
 */
export const ConversationRefSchema = z.string().min(1).max(200);

/**
 * What an answer's buttons act on: the passages a 👍/👎 counts for, the suggested questions (curated
 * titles from the knowledge, not the person's words) and the conversation they continue. Strict
 * for the same reason as the context.
 */
export const ButtonStateSchema = z.strictObject({
  passageIds: z.array(knowledgeName).max(20),
  followUps: z.array(z.string().max(300)).max(3),
  conversationId: ConversationRefSchema,
});
export type ButtonState = z.infer<typeof ButtonStateSchema>;

/**
 * A private answer that may still be shared in the channel, as another replica needs it: the
 * answer as the core made it (curated passages, citations, the bot's notices) without the
 * question, which is dropped on parsing so a person's words never reach the store. Shared from
 * another replica, the answer is posted without restating the question.
 */
export const ShareableAnswerSchema = AnswerSchema.omit({ question: true });
export type ShareableAnswer = z.infer<typeof ShareableAnswerSchema>;

export const VOTES = ['up', 'down'] as const;
export type Vote = (typeof VOTES)[number];

export interface VoteCounts {
  up: number;
  down: number;
}

/** Declines counted for one nearest topic in one ISO week (`2026-W49`). */
export interface DeclineCount {
  week: string;
  topic: string;
  count: number;
}

/** A counter read back from Redis: a whole number, anything else is treated as zero. */
export const CountSchema = z.coerce.number().int().nonnegative().catch(0);
