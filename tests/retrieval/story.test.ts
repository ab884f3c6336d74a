import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStory } from '../../src/retrieval/story.ts';
import { createSynonymExpander } from '../../src/retrieval/synonyms.ts';
import { normalize } from '../../src/retrieval/text.ts';
import { runs } from '../helpers/runs.ts';

describe('splitStory', () => {
  it('takes the sentences that ask as the question, and the rest as the story', () => {
    expect(
      splitStory('We sold our house in Ohio. Money is tight. Can I work while I wait?'),
    ).toEqual({
      ask: 'Can I work while I wait?',
      story: 'We sold our house in Ohio. Money is tight.',
    });
    expect(splitStory("I'm trans. Would Canada take me? Or Mexico?")).toEqual({
      ask: 'Would Canada take me? Or Mexico?',
      story: "I'm trans.",
    });
  });

  it('reads a question that only points back with the sentences it points at', () => {
    expect(
      splitStory(
        "I'm in a shelter in Surrey. A guy here says claimants can't work anyway. Is that true? I need money.",
      ),
    ).toEqual({
      ask: "A guy here says claimants can't work anyway. Is that true?",
      story: "I'm in a shelter in Surrey. I need money.",
    });
    expect(splitStory('We live in Ohio. My wife is Canadian. What are my options?')).toEqual({
      ask: 'My wife is Canadian. What are my options?',
      story: 'We live in Ohio.',
    });
    // Two things named and no word pointing back: the question stands alone.
    expect(splitStory('Money is tight. Can I work while I wait?').ask).toBe(
      'Can I work while I wait?',
    );
  });

  it('leaves a message alone when no sentence asks, or every one does', () => {
    for (const message of [
      'work permit',
      'I want to know about work permits. Tell me.',
      'Can I work? How long do I wait?',
    ])
      expect(splitStory(message)).toEqual({ ask: message, story: '' });
  });

  it('loses nothing of any message', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 30 }),
            fc.constantFrom('.', '?', '!', ' ', 'Can I work?', 'I live in Ohio.', 'U.S. '),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const message = parts.join('');
          const { ask, story } = splitStory(message);
          // Letters and digits, not words: a split can rightly part "Ohio.1" into "Ohio." and "1".
          const characters = (text: string) =>
            [...normalize(text)].filter((c) => /[\p{L}\p{N}]/u.test(c)).sort();
          expect(characters(`${ask} ${story}`)).toEqual(characters(message));
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

describe('synonym phrases', () => {
  const expand = createSynonymExpander([
    ['turned down', 'rejected'],
    ['kicked out', 'removed'],
  ]);

  it('match with a pronoun between their words, as people say them', () => {
    expect(expand('the board turned me down').map((e) => e.words)).toEqual([['rejected']]);
    expect(expand('will they kick us out').map((e) => e.words)).toEqual([]);
    expect(expand('they kicked us out').map((e) => e.words)).toEqual([['removed']]);
  });

  it('do not match other words between theirs', () => {
    expect(expand('she turned around and sat down')).toEqual([]);
  });
});
