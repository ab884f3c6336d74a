import type { KnowledgeIssue } from '../errors.ts';
import type { Knowledge } from './load.ts';
import { BODY_WORDS } from './schema.ts';

export interface CheckReport {
  /** Problems that make the knowledge base unfit to ship. */
  errors: KnowledgeIssue[];
  /** Things an editor should look at: they do not stop the bot. */
  warnings: KnowledgeIssue[];
}

/** Topics thinner than this leave whole areas of questions to chance. */
const MIN_PASSAGES_PER_TOPIC = 3;

/**
 * Editorial checks beyond the schema: review dates, undated sources, questions claimed by two
 * passages, thin topics and bodies outside the length range.
 */
export function checkKnowledge(knowledge: Knowledge, today: string): CheckReport {
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const phrasings = new Map<string, string>();
  const topics = new Map<string, number>();

  for (const passage of knowledge.passages) {
    const { file } = passage;
    topics.set(passage.topic, (topics.get(passage.topic) ?? 0) + 1);

    if (passage.reviewBy && passage.reviewBy < today) {
      warnings.push({
        file,
        field: 'reviewBy',
        message: `${passage.reviewBy} has passed: review this passage against its sources`,
      });
    }
    passage.sources.forEach((source, i) => {
      if (!source.published) {
        warnings.push({
          file,
          field: `sources.${i}.published`,
          message: 'missing: add the date if the source has one',
        });
      }
    });
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
