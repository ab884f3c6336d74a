import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/retrieval/features.ts';
import { createRetriever } from '../../src/retrieval/index.ts';
import {
  createMeaningIndex,
  MEANING_CANDIDATES,
  MEANING_FEATURES,
  type SentenceEncoder,
} from '../../src/retrieval/meaning.ts';
import { fixtureLexicon } from './helpers.ts';

/**
 * A stand-in for the sentence encoder with a meaning that is easy to reason about: a text's
 * vector says which of a few ideas it expresses, whatever its words. The real encoder is tested
 * in tests/meaning/.
 */
const IDEAS = [/paycheck|work permit|get a job/i, /\b(lie|lying|fib|pad|fake)\b/i];
const ideaVector = (text: string) => {
  const vector = Float32Array.from([...IDEAS, /./].map((idea) => (idea.test(text) ? 1 : 0)));
  // Only the first idea expressed counts, so each vector is one idea, or "anything else".
  const first = vector.findIndex((v) => v > 0);
  return Float32Array.from(vector, (_, i) => (i === first ? 1 : 0));
};
const ideas: SentenceEncoder = {
  knowledgeVectors: (texts) => texts.map(ideaVector),
  questionVector: ideaVector,
};

async function retrievers(
  encoder: SentenceEncoder,
  onError?: (error: unknown) => void,
  encodeBelow?: number,
) {
  const { knowledge } = await fixtureLexicon();
  const learned = { phrasings: knowledge.phrasings };
  return {
    lexical: createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, learned),
    meaning: createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
      ...learned,
      meaning: createMeaningIndex(encoder, knowledge.passages, knowledge.phrasings, onError),
      ...(encodeBelow === undefined ? {} : { encodeBelow }),
    }),
  };
}

/** `ideas`, counting the messages it is asked to encode. */
function counting() {
  const asked: string[] = [];
  const encoder: SentenceEncoder = {
    ...ideas,
    questionVector: (text) => {
      asked.push(text);
      return ideaVector(text);
    },
  };
  return { encoder, asked };
}

describe('ranking with sentence vectors', () => {
  // No word of it is in the work-permit passage: full text alone cannot find it.
  const paraphrase = 'could I earn a paycheck as a newcomer, legally?';

  it('finds a passage that shares no word with the message but its meaning', async () => {
    const { lexical, meaning } = await retrievers(ideas);
    expect(lexical.search(paraphrase)[0]?.id).not.toBe('work-permit');
    expect(meaning.search(paraphrase)[0]?.id).toBe('work-permit');
  });

  it('measures every candidate with the lexical features, then the meaning ones', async () => {
    const { meaning } = await retrievers(ideas);
    const rows = meaning.features(paraphrase);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.features).toHaveLength(FEATURES.length + MEANING_FEATURES.length);
  });

  it('offers as many passages closest in meaning as asked, closest first', async () => {
    const { knowledge } = await fixtureLexicon();
    const measuredWith = (count?: number) =>
      createMeaningIndex(ideas, knowledge.passages, knowledge.phrasings, undefined, count).measure([
        paraphrase,
      ]);
    const two = measuredWith(2);
    expect(two?.closest).toHaveLength(2);
    expect(knowledge.passages[two?.closest[0] ?? -1]?.id).toBe('work-permit');
    expect(measuredWith()?.closest).toHaveLength(
      Math.min(MEANING_CANDIDATES, knowledge.passages.length),
    );
  });

  it('measures a message by the closer of its readings, however many there are', async () => {
    const { knowledge } = await fixtureLexicon();
    // Vectors of ten numbers, a width that is not a multiple of four, made from each text's
    // letters: unrelated texts, closeness anywhere between -1 and 1.
    const lettersVector = (text: string) => {
      const vector = new Float32Array(10);
      for (let i = 0; i < text.length; i++)
        vector[i % 10] = (vector[i % 10] ?? 0) + ((text.charCodeAt(i) * 37) % 11) - 5;
      const norm = Math.hypot(...vector) || 1;
      return vector.map((v) => v / norm);
    };
    const letters: SentenceEncoder = {
      knowledgeVectors: (texts) => texts.map(lettersVector),
      questionVector: lettersVector,
    };
    const index = createMeaningIndex(letters, knowledge.passages, {
      utterances: [],
      declines: ['how cold is it in germany', 'should I fake a document'],
    });
    const readings = ['can I work?', 'We moved in May. can I work while I wait?', 'my visa ends'];
    const apart = readings.map((reading) => index.measure([reading]));
    for (const count of [2, 3]) {
      const together = index.measure(readings.slice(0, count));
      const closest = (pick: (m: NonNullable<(typeof apart)[number]>) => number) =>
        Math.max(...apart.slice(0, count).map((m) => (m ? pick(m) : Number.NaN)));
      knowledge.passages.forEach((_, position) => {
        expect(together?.nearest[position]).toBe(closest((m) => m.nearest[position] ?? -1));
        expect(together?.doc[position]).toBe(closest((m) => m.doc[position] ?? -1));
      });
      expect(together?.decline).toBe(closest((m) => m.decline));
    }
  });

  it('counts the declines among the closest phrasings, unknown when none are listed', async () => {
    const { knowledge } = await fixtureLexicon();
    const lying = 'could I pad my story a little?';
    const share = (declines: string[]) =>
      createMeaningIndex(ideas, knowledge.passages, { utterances: [], declines }).measure([lying])
        ?.declineShare;
    // The decline that says the same joins the ten closest; one about the weather does not.
    expect(share(['should I fake a document'])).toBeGreaterThan(0);
    expect(share(['should I fake a document'])).toBeLessThanOrEqual(1);
    expect(share(['how cold is it in germany'])).toBe(0);
    expect(share([])).toBeNaN();
  });

  it('weighs the declines among the closest by how close they are, unknown when none are listed', async () => {
    const { knowledge } = await fixtureLexicon();
    const lying = 'could I pad my story a little?';
    const soft = (declines: string[]) =>
      createMeaningIndex(ideas, knowledge.passages, { utterances: [], declines }).measure([lying])
        ?.softDeclineShare;
    // A decline that says the same is as close as the one phrasing about lying: it weighs half,
    // and the texts that say something else next to nothing.
    expect(soft(['should I fake a document'])).toBeCloseTo(0.5, 3);
    // One far from the message weighs next to nothing beside the phrasings closer to it.
    expect(soft(['how cold is it in germany'])).toBeLessThan(0.1);
    expect(soft([])).toBeNaN();
  });

  it('ranks lexically, and says why, when the encoder fails on a message', async () => {
    const errors: unknown[] = [];
    const failing: SentenceEncoder = {
      ...ideas,
      questionVector: () => {
        throw new Error('the sentence encoder timed out');
      },
    };
    // Encoding every message (encodeBelow 1): the words alone are sure of this one.
    const { lexical, meaning } = await retrievers(failing, (error) => errors.push(error), 1);
    const question = 'Can Americans claim asylum in Mexico?';
    const byWords = lexical.search(question);
    const fallenBack = meaning.search(question);
    expect(fallenBack.map((hit) => hit.id)).toEqual(byWords.map((hit) => hit.id));
    // Its confidence is the lexical scorer's, read against the same decision.
    const decides = (confidence = 0, threshold = 0) => confidence >= threshold;
    expect(decides(fallenBack[0]?.confidence, meaning.threshold)).toBe(
      decides(byWords[0]?.confidence, lexical.threshold),
    );
    expect(meaning.threshold).not.toBe(lexical.threshold);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('timed out');
  });

  it('asks the encoder only when the words leave the scorer unsure', async () => {
    const { encoder, asked } = counting();
    const { lexical, meaning } = await retrievers(encoder);
    // The words alone are sure of it: answered as by words, without encoding it.
    const sure = 'can I get a work permit while my claim is pending';
    expect(meaning.search(sure).map((hit) => hit.id)).toEqual(
      lexical.search(sure).map((hit) => hit.id),
    );
    expect(asked).toEqual([]);
    meaning.search(paraphrase);
    expect(asked).toEqual([paraphrase]);
  });

  it('encodes every message when told to (encodeBelow 1), and always when training', async () => {
    const { encoder, asked } = counting();
    const { meaning } = await retrievers(encoder, undefined, 1);
    meaning.search('can I get a work permit while my claim is pending');
    expect(asked).toHaveLength(1);
    const { encoder: again, asked: trainingAsked } = counting();
    const { meaning: trained } = await retrievers(again);
    const rows = trained.features('can I get a work permit while my claim is pending');
    expect(trainingAsked).toHaveLength(1);
    for (const row of rows)
      expect(row.features).toHaveLength(FEATURES.length + MEANING_FEATURES.length);
  });
});
