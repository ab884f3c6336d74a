import { describe, expect, it } from 'vitest';
import { buildQueries, buildVocabulary, generateCorpus, prng } from '../../bench/corpus.ts';
import { quantile, summarize } from '../../bench/stats.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/index.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { BODY_WORDS, FrontMatterSchema } from '../../src/knowledge/schema.ts';
import { createRetriever } from '../../src/retrieval/index.ts';

// The benchmark's own helpers: correct statistics and a corpus that is the same on every run and
// shaped like real passages. No timings here: speed is measured by `npm run bench`, never by tests.

describe('bench statistics', () => {
  it('interpolates quantiles between closest ranks', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(quantile(samples, 0.5)).toBe(3);
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(5);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(
      quantile(
        Array.from({ length: 101 }, (_, i) => i),
        0.95,
      ),
    ).toBe(95);
    expect(summarize([1, 2, 3]).median).toBe(2);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

describe('synthetic corpus', async () => {
  const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const vocabulary = buildVocabulary(knowledge.passages, 5000);

  it('is deterministic: same seed, same passages and queries', () => {
    expect(prng(1)()).toBe(prng(1)());
    const a = generateCorpus({ size: 50, vocabulary });
    const b = generateCorpus({ size: 50, vocabulary });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(buildQueries(a, 10)).toEqual(buildQueries(b, 10));
    expect(JSON.stringify(generateCorpus({ size: 50, vocabulary, seed: 2 }))).not.toBe(
      JSON.stringify(a),
    );
  });

  it('ranks the real words first, most frequent first, without repeats', () => {
    expect(vocabulary).toHaveLength(5000);
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    expect(vocabulary.slice(0, 10)).toContain('the');
  });

  it('makes passages shaped like the real ones, which the retriever indexes and finds', () => {
    const corpus = generateCorpus({ size: 200, vocabulary });
    for (const passage of corpus) {
      const { file, body, paragraphs, wordCount, ...frontMatter } = passage;
      expect(FrontMatterSchema.safeParse(frontMatter).success).toBe(true);
      expect(wordCount).toBeGreaterThanOrEqual(BODY_WORDS.min);
      expect(wordCount).toBeLessThanOrEqual(BODY_WORDS.max);
      for (const sentence of paragraphs.flat())
        expect(sentence.source).toBeLessThan(passage.sources.length);
      expect(file).toBe(`${passage.topic}/${passage.id}.md`);
      expect(body).toMatch(/ \[[1-3]\]\./);
    }
    const queries = buildQueries(corpus, 20);
    expect(queries.frequent).toHaveLength(20);
    expect(queries.rare).toHaveLength(20);
    const retriever = createRetriever(corpus, knowledge.synonyms);
    expect(retriever.search(queries.frequent[0] as string).length).toBeGreaterThan(0);
    expect(retriever.search(queries.rare[0] as string).length).toBeGreaterThan(0);
  });
});
