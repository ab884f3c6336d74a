import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/index.ts';
import { createRetriever, type Retriever } from '../../src/retrieval/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// A fixed six-passage corpus (tests/fixtures/knowledge/valid), like MiniSearch's movie ranking set:
// each case says which passage must come first, and why.
let retriever: Retriever;
beforeAll(async () => {
  const knowledge = await loadKnowledge(VALID_FIXTURE);
  retriever = createRetriever(knowledge.passages, knowledge.synonyms);
});
const top = (question: string) => retriever.search(question)[0]?.id;

describe('ranking', () => {
  it('prefers the passage whose listed question matches the phrasing', () => {
    // Every passage mentions claims; only claim-in-canada lists this way of asking.
    expect(top('can a us citizen apply for refugee status in canada')).toBe('claim-in-canada');
  });

  it('ranks a title match above passages that only mention the words in their body', () => {
    // mexico and germany also say "Americans" and "asylum"; the country decides.
    expect(top('Can Americans claim asylum in Germany?')).toBe('germany');
    expect(top('Can Americans claim asylum in Mexico?')).toBe('mexico');
  });

  it('weighs the question above the story told before it', () => {
    // The story names Ireland and a grandmother, which irish-descent is about; the question asks
    // about a work permit.
    expect(
      top(
        'My grandmother left Ireland decades ago and my family has lived in Ohio ever since. Can I get a work permit while I wait?',
      ),
    ).toBe('work-permit');
  });

  it('reads synonyms from the knowledge: "work visa" finds the passage that says "work permit"', () => {
    expect(top('can i get a work visa while i wait')).toBe('work-permit');
  });

  it('finds an abbreviation written out, through the synonyms table', () => {
    expect(top('what does the safe third country agreement mean for me')).toBe('stca');
    expect(top('STCA')).toBe('stca');
  });

  it('forgives typos, even next to a suffix the stemmer would cut', () => {
    expect(top('asylum in mexco')).toBe('mexico');
    // "rejectoin" stems to nothing useful; the raw indexed form "rejection" still fuzzy-matches.
    expect(retriever.search('germany rejectoin')[0]?.matched).toContain('rejectoin');
  });

  it('completes the last word as a prefix, as people type', () => {
    expect(top('irish citizensh')).toBe('irish-descent');
  });

  it('treats "U.S." and "US" as the country, not the pronoun', () => {
    const hit = retriever.search('U.S. citizens safe third country')[0];
    expect(hit?.id).toBe('stca');
    expect(hit?.matched).toContain('usa');
  });

  it('measures coverage: unknown words lower it, so off-topic questions score low', () => {
    const onTopic = retriever.search('Can Americans claim asylum in Mexico?')[0];
    const offTopic = retriever.search('weather forecast in germany')[0];
    expect(onTopic?.coverage).toBeGreaterThan(0.9);
    expect(offTopic?.coverage ?? 0).toBeLessThan(0.5);
  });

  it('returns nothing for a question made only of stop words and greetings', () => {
    expect(retriever.search('hi, can you tell me what it is?')).toEqual([]);
  });

  it('returns at most the number of hits asked for', () => {
    expect(retriever.search('asylum', { limit: 2 })).toHaveLength(2);
  });
});
