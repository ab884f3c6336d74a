import { describe, expect, it } from 'vitest';
import { askingSentences, storyBeforeQuestion } from '../../src/safety/asks.ts';

describe('what a message tells before it asks', () => {
  it('is the sentences ahead of the last question that ask nothing', () => {
    const message =
      "i don't see the point in going on anymore. how long does a refugee claim take?";
    expect(storyBeforeQuestion(message)).toBe("i don't see the point in going on anymore.");
    expect(askingSentences(message)).toBe('how long does a refugee claim take?');
  });

  it('leaves out what comes after the question and what asks itself', () => {
    expect(storyBeforeQuestion('has the uk taken americans? thinking about london')).toBe('');
    expect(storyBeforeQuestion('i lost my job. can i appeal? and how long does it take?')).toBe(
      'i lost my job.',
    );
  });

  it('is empty when nothing is asked or nothing is told first', () => {
    expect(storyBeforeQuestion("i can't take it anymore, i'm done with life")).toBe('');
    expect(storyBeforeQuestion('how long does a refugee claim take?')).toBe('');
  });
});

describe('what a message asks', () => {
  it('includes a chat request typed without a question mark', () => {
    // Read as asking nothing, such a message lost its answer to the crisis lines whenever the
    // model read danger in it ("... so i can handle this myself").
    expect(askingSentences('any free step by step guides online so i can handle this myself')).toBe(
      'any free step by step guides online so i can handle this myself',
    );
    expect(askingSentences('anyone know a cheap lawyer in toronto')).toBe(
      'anyone know a cheap lawyer in toronto',
    );
    expect(askingSentences('i had a rough week')).toBe('');
  });
});
