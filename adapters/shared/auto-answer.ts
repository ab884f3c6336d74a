import { z } from 'zod';
import type { Answer } from '../../src/index.ts';

/**
 * Auto-answer: the bot answers posts nobody addressed to it (new messages in a Slack help channel,
 * new posts in a Discord help forum). Unasked, a wrong answer in public costs more than silence,
 * so it posts only what it is sure of, and a crisis always. Written once for every surface; the
 * adapters only say which posts qualify and where a reply goes.
 */

/**
 * The default confidence an unasked answer needs (the scorer's probability that its best passage
 * answers). Chosen on the dev split with `npm run eval:auto`, and checked again when the scorer
 * was retrained with declines weighing more (session 14, 926 dev questions): at 0.5, 95.9% of
 * the answers it would post cite the right passage first (91.3% at the direct threshold, 0.08),
 * none of the 212 questions to decline gets one (6 at 0.08), and it still answers 73.0% of the
 * answerable ones right; above 0.5 precision rises slowly while recall keeps falling.
 */
export const DEFAULT_AUTO_MIN_CONFIDENCE = 0.5;

/** What the auto-answering bots read besides their channel lists; listed in .env.example. */
export const AUTO_ANSWER_ENV = {
  AUTO_ANSWER_MIN_CONFIDENCE: z.coerce
    .number({ error: 'must be a number from 0 to 1, such as 0.5' })
    .min(0, 'must be a number from 0 to 1, such as 0.5')
    .max(1, 'must be a number from 0 to 1, such as 0.5')
    .default(DEFAULT_AUTO_MIN_CONFIDENCE),
};

/**
 * A comma-separated list of platform ids (`C0123,C0456`), each checked by `pattern`; blanks
 * around commas are ignored and an empty list means "none".
 */
export function idList(pattern: RegExp, what: string) {
  return z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(pattern, { error: (issue) => `"${issue.input}" is not ${what}` })),
    )
    .transform((ids) => new Set(ids));
}

/** Where a surface auto-answers, and how sure it must be. */
export interface AutoAnswerSettings {
  /** Channel (Slack) or forum (Discord) ids whose new posts are answered. */
  places: ReadonlySet<string>;
  minConfidence: number;
}

/** Why an unasked post was answered or left alone: logged (never the text), and tested. */
export type AutoDecision =
  | { post: true; reason: 'crisis' | 'confident' }
  | {
      post: false;
      reason: 'not-confident' | 'declined' | 'small-talk' | 'refusal' | 'empty';
    };

/**
 * Whether an answer to a post nobody addressed to the bot should be posted.
 *
 * - A crisis always is: the emergency contacts matter more than staying quiet.
 * - An answer (or the general rule beside "this is not advice") is, from `minConfidence` on.
 * - Declines, small talk and refusals are not: nobody asked, so "I don't know", "hello" or a
 *   refusal read as noise at best, and a refusal misread from an honest post as an accusation.
 */
export function autoAnswerDecision(answer: Answer, minConfidence: number): AutoDecision {
  if (answer.kind === 'crisis') return { post: true, reason: 'crisis' };
  if (answer.kind === 'smalltalk') return { post: false, reason: 'small-talk' };
  if (answer.kind === 'refusal') return { post: false, reason: 'refusal' };
  if (answer.kind === 'abstain' || answer.abstained) return { post: false, reason: 'declined' };
  if (!answer.text.trim()) return { post: false, reason: 'empty' };
  return answer.confidence >= minConfidence
    ? { post: true, reason: 'confident' }
    : { post: false, reason: 'not-confident' };
}
