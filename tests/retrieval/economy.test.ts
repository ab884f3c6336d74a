import { beforeAll, describe, expect, it } from 'vitest';
import { buildVocabulary, generateCorpus } from '../../bench/corpus.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import type { Passage } from '../../src/knowledge/schema.ts';
import { createRetriever, DEFAULT_TUNING, type Retriever } from '../../src/retrieval/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// On a large index a question of common words is searched economically: only the passages that
// use the most of its main words are scored (see candidatesFor in src/retrieval/index.ts). Here the
// six fixture passages hide among 2,000 synthetic ones made of the real knowledge's words, and the
// economical search must find what exhaustive scoring finds.
let economical: Retriever;
let exhaustive: Retriever;
let corpus: Passage[];
beforeAll(async () => {
  const fixture = await loadKnowledge(VALID_FIXTURE);
  const real = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const synthetic = generateCorpus({ size: 2000, vocabulary: buildVocabulary(real.passages) });
  corpus = [...synthetic, ...fixture.passages];
  economical = createRetriever(corpus, fixture.synonyms);
  exhaustive = createRetriever(corpus, fixture.synonyms, {
    ...DEFAULT_TUNING,
    exhaustiveUpTo: Number.POSITIVE_INFINITY,
  });
});

const QUESTIONS: [string, string][] = [
  ['Can Americans claim asylum in Germany?', 'germany'],
  ['Can Americans claim asylum in Mexico?', 'mexico'],
  ['can a us citizen apply for refugee status in canada', 'claim-in-canada'],
  ['can i get a work permit while my refugee claim is pending', 'work-permit'],
];

describe('economical search on a large index', () => {
  it.each(QUESTIONS)('finds the same best passage as exhaustive scoring: %s', (question, id) => {
    expect(exhaustive.search(question)[0]?.id).toBe(id);
    expect(economical.search(question)[0]?.id).toBe(id);
  });

  it('scores only passages that use all the main words when enough do', () => {
    // Words frequent in the synthetic corpus: hundreds of passages use each, dozens all three.
    // Exhaustive scoring lets passages that use two of them into its best 20 (checked below, so
    // this test can fail); the economical search scores only passages that use all three.
    const question = 'licensed not status';
    const words = question.split(' ');
    const usesAll = (id: string) => {
      const passage = corpus.find((p) => p.id === id);
      const text = [passage?.title, ...(passage?.questions ?? []), passage?.body].join(' ');
      const used = new Set(text.toLowerCase().split(/[^a-z]+/));
      return words.every((word) => used.has(word));
    };
    expect(exhaustive.search(question, { limit: 20 }).every((hit) => usesAll(hit.id))).toBe(false);
    const hits = economical.search(question, { limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((hit) => !usesAll(hit.id)).map((hit) => hit.id)).toEqual([]);
  });

  it('still forgives typos', () => {
    expect(economical.search('asylum in germny')[0]?.id).toBe('germany');
  });
});
