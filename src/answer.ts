import { z } from 'zod';

/** One numbered source behind an answer: `[n]` in the text points here. */
export const CitationSchema = z.object({
  n: z.number().int().positive(),
  /** The passage the cited sentences came from. */
  id: z.string(),
  /** Title of the source document (not of the passage). */
  title: z.string(),
  url: z.url(),
  publisher: z.string(),
  /** As precise as the source is dated: YYYY-MM-DD, YYYY-MM or YYYY; null when it has no date. */
  published: z.string().nullable(),
  /** The passage is past its review date: what it says may be out of date. */
  outdated: z.boolean(),
});

export const ANSWER_KINDS = ['answer', 'abstain'] as const;

/** What every surface (terminal, Slack, Discord, JSON) receives. Public: change only on purpose. */
export const AnswerSchema = z.object({
  /** The question as it was asked. */
  question: z.string(),
  /** Markdown; every sentence ends with one or more `[n]` markers, except in an abstention's opening. */
  text: z.string(),
  citations: z.array(CitationSchema),
  /** True when the knowledge does not cover the question and the bot says so instead of guessing. */
  abstained: z.boolean(),
  /** Which rule produced the answer. */
  kind: z.enum(ANSWER_KINDS),
  /** How well the best passage matched the question (0..1); below the threshold the bot abstains. */
  confidence: z.number().min(0).max(1),
  /** Up to three questions the knowledge can answer, to ask next. */
  followUps: z.array(z.string()).max(3),
  /** Legal information, not legal advice; where to get legal help. */
  disclaimer: z.string(),
});

export type Citation = z.infer<typeof CitationSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerKind = Answer['kind'];
