import { z } from 'zod';
import { SMALL_TALK_KINDS } from './conversation/smalltalk.ts';

/** One numbered source behind an answer: `[n]` in the text points here. */
export const CitationSchema = z.object({
  n: z.number().int().positive(),
  /** The passage that first cited this source in the answer. */
  id: z.string(),
  /**
   * Every passage whose sentences in the answer cite this source, in order of use (`id` first):
   * passages that rely on the same page share its number.
   */
  passages: z.array(z.string()).min(1),
  /** Title of the source document (not of the passage). */
  title: z.string(),
  url: z.url(),
  publisher: z.string(),
  /** As precise as the source is dated: YYYY-MM-DD, YYYY-MM or YYYY; null when it has no date. */
  published: z.string().nullable(),
  /** One of those passages is past its review date: what it says may be out of date. */
  outdated: z.boolean(),
});

/**
 * Which rule produced an answer: `answer` (cited passages), `abstain` (not covered), `crisis`
 * (the answer carries emergency contacts: first, unless only the intent model read the danger
 * and the message asks a question apart from it that the knowledge answers, which is answered
 * first, the contacts after; `passages[0]` says which leads), `advice` (general rule for a personal question, with a referral),
 * `refusal` (a request to deceive officials or cross unseen: the sourced risks instead),
 * `smalltalk` (a greeting, thanks, a request for help or a goodbye: a short reply in the bot's
 * own voice, with no sources).
 */
export const ANSWER_KINDS = [
  'answer',
  'abstain',
  'crisis',
  'advice',
  'refusal',
  'smalltalk',
] as const;

/** What every surface (terminal, Slack, Discord, JSON) receives. Public: change only on purpose. */
export const AnswerSchema = z.object({
  /** The question as it was asked. */
  question: z.string(),
  /**
   * Sentences in the bot's own voice, about the bot or the request (never facts): that it has no
   * sourced answer, that it cannot give advice, that answers are in English. Shown before `text`.
   */
  notices: z.array(z.string()),
  /** Markdown from curated passages; every sentence ends with a `[n]` marker. May be empty. */
  text: z.string(),
  citations: z.array(CitationSchema),
  /** True when the knowledge does not cover the question and the bot says so instead of guessing. */
  abstained: z.boolean(),
  /** Which rule produced the answer. */
  kind: z.enum(ANSWER_KINDS),
  /** How much of the question the best passage covers (0..1); too little and the bot abstains. */
  confidence: z.number().min(0).max(1),
  /** Up to three questions the knowledge can answer, to ask next. */
  followUps: z.array(z.string()).max(3),
  /** Legal information, not legal advice; where to get legal help. */
  disclaimer: z.string(),
  /**
   * Ids of the passages the text quotes, in order of use: each one in full is
   * `assistant.passage(id)`, for a "More" button or `:source`. Absent in answers made before it.
   */
  passages: z.array(z.string()).optional(),
  /**
   * True when the text leaves out sentences of the passages it quotes (answers are kept short
   * for chat): a surface should offer the passages in full. Absent means false.
   */
  truncated: z.boolean().optional(),
  /**
   * For a `smalltalk` answer, what the message was: a greeting, thanks, a request for help, a
   * goodbye, a question about the bot (`about`), about what it keeps (`privacy`) or where its
   * answers come from (`sources`), a verdict that an answer did not help (`feedback`), or an
   * acknowledgement ("ok", "got it"), so that a surface can add its own usage to help. Absent on
   * other kinds.
   */
  smallTalk: z.enum(SMALL_TALK_KINDS).optional(),
});

export type Citation = z.infer<typeof CitationSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerKind = Answer['kind'];
