import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/index.ts';
import type { SentenceEncoder } from '../../src/retrieval/meaning.ts';
import { standInEncoder } from '../helpers/stand-in-encoder.ts';

/** The stand-in encoder, counting what it is asked to encode. */
function counting() {
  const calls = { knowledge: 0, questions: 0 };
  const encoder: SentenceEncoder = {
    knowledgeVectors: (texts) => {
      calls.knowledge++;
      return standInEncoder.knowledgeVectors(texts);
    },
    questionVector: (text) => {
      calls.questions++;
      return standInEncoder.questionVector(text);
    },
  };
  return { encoder, calls };
}

// The bench's two one-shot questions: one the words settle, one they do not (ENCODE_BELOW).
const SURE = 'Can Americans claim asylum in Canada?';
const UNSURE = 'could I earn a paycheck up there while I wait?';

describe('the knowledge vectors on demand (meaningOnDemand, for the one-shot CLI)', () => {
  it('are read when the assistant is created, by default', async () => {
    const { encoder, calls } = counting();
    await createAssistant({ meaning: encoder });
    expect(calls.knowledge).toBeGreaterThan(0);
  });

  it('on demand, are read at the first question the words are unsure of, and only once', async () => {
    const { encoder, calls } = counting();
    const assistant = await createAssistant({ meaning: encoder, meaningOnDemand: true });
    expect(calls.knowledge).toBe(0);
    assistant.ask(SURE);
    expect(calls).toEqual({ knowledge: 0, questions: 0 });
    assistant.ask(UNSURE);
    const read = calls.knowledge;
    expect(read).toBeGreaterThan(0);
    assistant.ask('what if they put me on a plane home');
    expect(calls.knowledge).toBe(read);
  });

  it('answers the same as an assistant that read them at once', async () => {
    const eager = await createAssistant({ meaning: standInEncoder });
    const lazy = await createAssistant({ meaning: standInEncoder, meaningOnDemand: true });
    for (const question of [SURE, UNSURE, 'what if they put me on a plane home', 'hi'])
      expect(lazy.ask(question)).toEqual(eager.ask(question));
  });

  it('an encoder that fails is reported at the first question that needs it, which is answered as at once', async () => {
    const broken: SentenceEncoder = {
      knowledgeVectors: () => {
        throw new Error('the sentence encoder timed out');
      },
      questionVector: () => {
        throw new Error('the sentence encoder timed out');
      },
    };
    const errors: unknown[] = [];
    const eager = await createAssistant({ meaning: broken });
    const lazy = await createAssistant({
      meaning: broken,
      meaningOnDemand: true,
      onError: (error) => errors.push(error),
    });
    expect(errors).toEqual([]);
    const answer = lazy.ask(UNSURE);
    expect(errors.length).toBeGreaterThan(0);
    // Scored by words alone either way: the same decision and the same passages.
    const expected = eager.ask(UNSURE);
    expect(answer.abstained).toBe(expected.abstained);
    expect(answer.passages).toEqual(expected.passages);
  });
});
