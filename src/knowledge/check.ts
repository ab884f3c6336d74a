import type { KnowledgeIssue } from '../errors.ts';
import { contentWords, stem } from '../retrieval/text.ts';
import type { Knowledge } from './load.ts';
import { BODY_WORDS, type Passage } from './schema.ts';

/**
 * The kinds of warning, each with what to do about it. A serious kind means an answer may be
 * wrong or misleading today: `knowledge:check` fails on it (so CI does), though the bot still
 * starts. The others are reminders.
 */
export const WARNING_KINDS = {
  'stale-review': {
    serious: true,
    advice: 'the review date has passed: check the passage against its sources, then move reviewBy',
  },
  'unattributed-figure': {
    serious: true,
    advice:
      'a low-confidence passage gives a figure without saying who gives it: attribute it ("X told Y …")',
  },
  'off-question': {
    serious: true,
    advice:
      'the body shares no word with the title or any listed question: it answers none of them',
  },
  'source-date-missing': {
    serious: false,
    advice:
      'a source has no date: add it, or write `published: undated` if the source carries none',
  },
} as const;

export type WarningKind = keyof typeof WARNING_KINDS;

export interface Warning extends KnowledgeIssue {
  kind: WarningKind;
}

export interface CheckReport {
  /** Problems that make the knowledge base unfit to ship. */
  errors: KnowledgeIssue[];
  /** Things an editor should look at: they do not stop the bot. */
  warnings: Warning[];
}

export const isSerious = (warning: Warning) => WARNING_KINDS[warning.kind].serious;

/** A number that is not a bare year: 455, 80,000, 3.5, 42%. */
const FIGURE = /(?<![\w.,])(?!(?:19|20)\d\d(?![\d,.%]))\d[\d,]*(?:\.\d+)?/u;
/** Words that say where a figure comes from, in the same sentence. */
const ATTRIBUTION =
  /\b(?:according|said|says|say|told|tells|reported|reports|reporting|estimated|estimates?|claimed|claims?|wrote|writes|cited|cites|puts?|gives?|counted|counts?|recorded|records|data|figures?|statistics|source|sources|survey|found|show(?:s|ed)?)\b/i;

/** Sentences of a low-confidence passage that give a figure and do not say whose it is. */
function unattributedFigures(passage: Passage): string[] {
  if (passage.confidence !== 'low') return [];
  return passage.paragraphs
    .flat()
    .map((sentence) => sentence.text)
    .filter((text) => FIGURE.test(text) && !ATTRIBUTION.test(text));
}

/** True when the body shares no meaningful word (stemmed) with the title or any question. */
function answersNoQuestion(passage: Passage): boolean {
  const body = new Set(contentWords(passage.body).map(stem));
  return [passage.title, ...passage.questions].every(
    (phrasing) => !contentWords(phrasing).some((word) => body.has(stem(word))),
  );
}

/** Topics thinner than this leave whole areas of questions to chance. */
const MIN_PASSAGES_PER_TOPIC = 3;

/**
 * Editorial checks beyond the schema: review dates, undated sources, unattributed figures,
 * bodies that answer none of their questions, questions claimed by two passages, thin topics and
 * bodies outside the length range.
 */
export function checkKnowledge(knowledge: Knowledge, today: string): CheckReport {
  const errors: KnowledgeIssue[] = [];
  const warnings: Warning[] = [];
  const phrasings = new Map<string, string>();
  const topics = new Map<string, number>();

  for (const passage of knowledge.passages) {
    const { file } = passage;
    topics.set(passage.topic, (topics.get(passage.topic) ?? 0) + 1);

    if (passage.reviewBy && passage.reviewBy < today) {
      warnings.push({
        kind: 'stale-review',
        file,
        field: 'reviewBy',
        message: `${passage.reviewBy} has passed: review this passage against its sources`,
      });
    }
    passage.sources.forEach((source, i) => {
      // null is a source declared `undated`; only a date left out is a reminder.
      if (source.published === undefined) {
        warnings.push({
          kind: 'source-date-missing',
          file,
          field: `sources.${i}.published`,
          message: 'missing: add the date, or `published: undated` if the source has none',
        });
      }
    });
    for (const sentence of unattributedFigures(passage)) {
      warnings.push({
        kind: 'unattributed-figure',
        file,
        field: 'body',
        message: `"${sentence}" gives a figure in a low-confidence passage without saying whose it is`,
      });
    }
    if (answersNoQuestion(passage)) {
      warnings.push({
        kind: 'off-question',
        file,
        field: 'body',
        message: 'shares no word with the title or any listed question',
      });
    }
    if (passage.wordCount < BODY_WORDS.min || passage.wordCount > BODY_WORDS.max) {
      errors.push({
        file,
        field: 'body',
        message: `${passage.wordCount} words; keep it between ${BODY_WORDS.min} and ${BODY_WORDS.max}`,
      });
    }
    [passage.title, ...passage.questions].forEach((phrasing, i) => {
      const key = phrasing
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      const owner = phrasings.get(key);
      const field = i === 0 ? 'title' : `questions.${i - 1}`;
      if (owner && owner !== file) {
        errors.push({
          file,
          field,
          message: `"${phrasing}" is also claimed by ${owner}: keep it in one passage`,
        });
      } else {
        phrasings.set(key, file);
      }
    });
  }

  for (const [topic, count] of topics) {
    if (count < MIN_PASSAGES_PER_TOPIC) {
      errors.push({
        file: `${topic}/`,
        field: 'topic',
        message: `has ${count} passage${count === 1 ? '' : 's'}; a topic needs at least ${MIN_PASSAGES_PER_TOPIC}`,
      });
    }
  }
  return { errors, warnings };
}
