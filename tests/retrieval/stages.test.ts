import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/load.ts';
import { type CandidateSearch, createCandidateSearch } from '../../src/retrieval/candidates.ts';
import { coverageFor } from '../../src/retrieval/coverage.ts';
import type { Lexicon } from '../../src/retrieval/lexicon.ts';
import { buildQuery, type Query } from '../../src/retrieval/query.ts';
import { DEFAULT_TUNING } from '../../src/retrieval/tuning.ts';
import { fixtureLexicon } from './helpers.ts';

let knowledge: Knowledge;
let lexicon: Lexicon;
let search: CandidateSearch;
beforeAll(async () => {
  ({ knowledge, lexicon } = await fixtureLexicon());
  search = createCandidateSearch(knowledge.passages, lexicon, DEFAULT_TUNING);
});
const query = (message: string, context?: string) =>
  buildQuery(message, { context }, lexicon, DEFAULT_TUNING) as Query;

describe('lexicon', () => {
  it('knows which words the knowledge uses, and how rare they are', () => {
    expect(lexicon.documentFrequency('mexico')).toBeGreaterThan(0);
    expect(lexicon.documentFrequency('poutine')).toBe(0);
    expect(lexicon.idf('mexico')).toBeGreaterThan(lexicon.idf('asylum'));
    expect(lexicon.inVocabulary('permits')).toBe(true); // by its stem
    expect(lexicon.isUnknownPlace('japan')).toBe(true);
    expect(lexicon.isUnknownPlace('mexico')).toBe(false);
  });

  it('reads a misspelt country the knowledge mentions as that country, and nothing else', () => {
    expect(lexicon.placeOf('mexico')).toBe('mexico');
    expect(lexicon.placeOf('mexco')).toBe('mexico');
    expect(lexicon.placeOf('germnay')).toBe('germany');
    expect(lexicon.placeOf('japan')).toBe('japan'); // a place, though no passage mentions it
    expect(lexicon.placeOf('japn')).toBeUndefined(); // too short to correct with confidence
    expect(lexicon.placeOf('permit')).toBeUndefined();
    expect(lexicon.placeOf('mexican')).toBe('mexican');
  });
});

describe('query building', () => {
  it('weighs the asking sentences above the story told before them', () => {
    const q = query('My grandmother left Ireland long ago. Can I get a work permit?');
    expect(q.ask).toBe('Can I get a work permit?');
    const weight = (word: string) => q.words.find((w) => w.word === word);
    expect(weight('permit')?.asked).toBe(true);
    expect(weight('ireland')?.asked).toBe(false);
    expect(weight('permit')?.weight).toBeGreaterThan(weight('ireland')?.weight ?? 0);
  });

  it('adds the synonyms of a phrase as terms owned by the word they came from', () => {
    const q = query('can i get a work visa');
    expect(q.termWeight.has('permit')).toBe(true);
    expect(q.owners.get('permit')).toContain('work');
    expect(q.typed.has('permit')).toBe(false);
  });

  it('reads an earlier question as context, weighed below the question', () => {
    const q = query('what about mexico?', 'Can Americans claim asylum in Germany?');
    expect(q.words.find((w) => w.word === 'germany')?.asked).toBe(false);
    expect(q.mainWords.flat()).toContain('mexico');
  });

  it('searches a misspelt country as the country, owned by the word typed', () => {
    const q = query('can americans get asylum in mexco');
    expect(q.termWeight.has('mexico')).toBe(true);
    expect(q.owners.get('mexico')).toContain('mexco');
  });

  it('is undefined for a message with no meaningful word', () => {
    expect(buildQuery('hi, can you tell me?', {}, lexicon, DEFAULT_TUNING)).toBeUndefined();
  });
});

describe('candidate search', () => {
  it('finds the passages that use the words, best first, with what each matched', () => {
    const found = search.search(query('asylum in mexico'));
    expect(found[0]?.id).toBe('mexico');
    expect(found[0]?.rank).toBe(1);
    expect(found[0]?.matched).toContain('mexico');
    expect(found[0]?.inQuestions).toContain('mexico');
    expect(found.map((c) => c.score)).toEqual([...found.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('matches a typo of a word the index holds, never a word it holds already', () => {
    expect(search.search(query('asylum in mexco'))[0]?.id).toBe('mexico');
  });
});

describe('coverage', () => {
  it('does not fall when a story is told before the question', () => {
    const short = query('Can I get a work permit while I wait?');
    const long = query(
      'We sold our house, my husband lost his job and the kids are scared. Can I get a work permit while I wait?',
    );
    const of = (q: Query) => {
      const best = search.search(q).find((c) => c.id === 'work-permit');
      if (!best) throw new Error('work-permit not found');
      return coverageFor(q, lexicon, DEFAULT_TUNING)(best);
    };
    expect(of(long).coverage).toBeLessThan(of(short).coverage);
    expect(of(long).askCoverage).toBeCloseTo(of(short).askCoverage, 5);
  });

  it('stays low when the question is about what the knowledge lacks', () => {
    const q = query('weather forecast in germany');
    const best = search.search(q)[0];
    if (!best) throw new Error('nothing found');
    expect(coverageFor(q, lexicon, DEFAULT_TUNING)(best).coverage).toBeLessThan(0.5);
  });
});
