import { beforeAll, describe, expect, it } from 'vitest';
import { buildVocabulary, generateCorpus } from '../../bench/corpus.ts';
import { loadKnowledge } from '../../src/index.ts';
import type { Passage } from '../../src/knowledge/schema.ts';
import { createRetriever, DEFAULT_TUNING, type Retriever } from '../../src/retrieval/index.ts';
import { contentWords, stem } from '../../src/retrieval/text.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// On a large index a question of common words is searched economically: only the passages that
// use the most of its main words are scored (see candidatesFor in src/retrieval/index.ts). Here the
// six fixture passages hide among 2,000 synthetic ones made of their own words (not the bundled
// knowledge's, so that editing it cannot change this test), and the economical search must find
// what exhaustive scoring finds.
let economical: Retriever;
let exhaustive: Retriever;
let corpus: Passage[];
/** Words most synthetic passages use (and no synonym stands for), by how many use them. */
let frequent: string[];
const stemsOf = (passage: Passage | undefined) =>
  new Set(
    contentWords([passage?.title, ...(passage?.questions ?? []), passage?.body].join(' ')).map(
      stem,
    ),
  );
beforeAll(async () => {
  const loaded = await loadKnowledge(VALID_FIXTURE);
  // The six passages about claims; the safety ones are there for routing by role, and their
  // words would reshape the synthetic corpus.
  const fixture = { ...loaded, passages: loaded.passages.filter((p) => p.topic !== 'safety') };
  const synthetic = generateCorpus({ size: 2000, vocabulary: buildVocabulary(fixture.passages) });
  corpus = [...synthetic, ...fixture.passages];
  const users = new Map<string, number>();
  for (const passage of synthetic)
    for (const word of stemsOf(passage)) users.set(word, (users.get(word) ?? 0) + 1);
  const synonyms = new Set(fixture.synonyms.flat().flatMap((term) => contentWords(term).map(stem)));
  frequent = [...users]
    .filter(([word]) => /^[a-z]+$/.test(word) && !synonyms.has(word))
    .sort((a, b) => b[1] - a[1])
    .map(([word]) => word);
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
    const words = frequent.slice(8, 11);
    const question = words.join(' ');
    const usesAll = (id: string) => {
      const used = stemsOf(corpus.find((p) => p.id === id));
      return words.every((word) => used.has(word));
    };
    expect(corpus.filter((p) => usesAll(p.id)).length).toBeGreaterThan(40);
    expect(exhaustive.search(question, { limit: 20 }).every((hit) => usesAll(hit.id))).toBe(false);
    const hits = economical.search(question, { limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((hit) => !usesAll(hit.id)).map((hit) => hit.id)).toEqual([]);
  });

  it('still forgives typos', () => {
    expect(economical.search('asylum in germny')[0]?.id).toBe('germany');
  });
});
