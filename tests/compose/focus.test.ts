import { describe, expect, it } from 'vitest';
import { relevance } from '../../src/compose/focus.ts';

/** Relevance from the kind of fact asked alone: no word of the question is shared. */
const kindOnly = (sentence: string, question: string) => relevance(sentence, question, new Set());

const DEADLINE =
  "A claim made more than one year after a person's first entry into Canada cannot be referred.";
const WAIT = 'Claims finalized last year had waited 14 months on average.';
const VALIDITY = 'Temporary residency lasts from one to four years.';

describe('the kind of time a question asks for', () => {
  it('answers "how long do I have" with a time limit', () => {
    expect(kindOnly(DEADLINE, 'how long do i have to file?')).toBeGreaterThan(0);
  });

  it('does not answer "how long does it take" with a time limit', () => {
    expect(kindOnly(DEADLINE, 'how long does it take?')).toBe(0);
    expect(kindOnly(DEADLINE, 'how long til i hear back')).toBe(0);
    expect(kindOnly(WAIT, 'how long does it take?')).toBeGreaterThan(0);
  });

  it('answers how long something lasts with how long it is valid', () => {
    expect(kindOnly(VALIDITY, 'how long is it good for?')).toBeGreaterThan(0);
    expect(kindOnly(VALIDITY, 'how long does it last?')).toBeGreaterThan(0);
  });

  it('reads a length of time written in words', () => {
    expect(
      kindOnly('It took about nine months once all documents were in.', 'how long does it take?'),
    ).toBeGreaterThan(0);
  });
});
