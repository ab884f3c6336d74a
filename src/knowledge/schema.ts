import { z } from 'zod';
import { RoleFieldSchema } from './roles.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real calendar date');

/** Sources are often dated only to the month or year; we keep exactly what the source gives. */
const partialDate = z.preprocess(
  // YAML reads a bare year (`published: 2020`) as a number.
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY-MM-DD, YYYY-MM, YYYY or undated'),
);

export const SourceSchema = z.object({
  title: z.string().trim().min(1),
  publisher: z.string().trim().min(1),
  url: z.url({ protocol: /^https$/, error: 'must be a full web address starting with https://' }),
  /**
   * `undated` (read as null) declares a source that carries no date; left out, `knowledge:check`
   * reminds the editor to find one.
   */
  published: z.union([z.literal('undated').transform(() => null), partialDate]).optional(),
});

export const JURISDICTIONS = [
  'CA',
  'US',
  'MX',
  'DE',
  'FR',
  'IT',
  'NL',
  'IE',
  'BR',
  'CR',
  'PL',
  'ES',
  'PT',
  'general',
] as const;

const PassageIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits, hyphens');

/** The YAML front matter of one passage file. */
export const FrontMatterSchema = z.strictObject({
  id: PassageIdSchema,
  title: z.string().trim().min(3),
  questions: z.array(z.string().trim().min(3)).min(2, 'needs at least two other phrasings'),
  topic: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
  jurisdiction: z.enum(JURISDICTIONS),
  sources: z.array(SourceSchema).min(1, 'needs at least one source'),
  reviewed: isoDate,
  reviewBy: isoDate.optional(),
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  /** What routing relies on this passage for (see roles.ts); most passages have none. */
  role: RoleFieldSchema.optional(),
  /**
   * The passages that answer what people ask after this one: the next step of its process (an
   * appeal after a refused hearing), or how to do what it says is possible. A follow-up such as
   * "and if that fails too?" is read against them.
   */
  next: z
    .array(PassageIdSchema)
    .min(1, 'list at least one passage id, or leave the field out')
    .optional(),
  /**
   * The passage that says what can still be done when this step goes against the asker: the
   * appeal division after a refused hearing, the Federal Court after a refused appeal, the
   * risk assessment for someone a bar keeps from a hearing. "And if they say no too?" is read
   * against it before `next`, whose first entry is often a related question, not the way on.
   */
  ifRefused: PassageIdSchema.optional(),
});

export type Source = z.infer<typeof SourceSchema>;
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** One sentence of a passage body and the (0-based) index of the source it relies on. */
export interface Sentence {
  text: string;
  source: number;
}

/** A validated passage, ready to index and quote. */
export interface Passage extends FrontMatter {
  /** Path relative to the knowledge folder. */
  file: string;
  /** The body as written, Markdown. */
  body: string;
  /** The body split into sentences, each tied to its source, grouped by paragraph. */
  paragraphs: Sentence[][];
  wordCount: number;
}

/** `synonyms.yaml`: groups of words and phrases that mean the same thing to someone asking. */
export const SynonymsSchema = z.array(
  z
    .array(z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1)))
    .min(2, 'a group needs at least two terms'),
);
export type SynonymGroups = z.infer<typeof SynonymsSchema>;

export const BODY_WORDS = { min: 40, max: 250 } as const;
