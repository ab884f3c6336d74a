import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/index.ts';
import { connectWorker } from '../../src/meaning/connection.ts';
import {
  createMeaning,
  knowledgeTexts,
  loadMeaning,
  type Meaning,
  PREBUILT_VECTORS_FILE,
  sentenceEncoderOn,
  writePrebuiltVectors,
} from '../../src/meaning/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

const closeness = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const length = (vector: Float32Array) => Math.sqrt(closeness(vector, vector));
const temporaryDir = () => mkdtempSync(path.join(tmpdir(), 'meaning-'));

describe('the sentence encoder, through its worker thread', () => {
  let meaning: Meaning;
  const errors: unknown[] = [];
  beforeAll(() => {
    const loaded = loadMeaning({
      cacheDir: temporaryDir(),
      onError: (e) => errors.push(e),
      env: {},
    });
    expect(errors).toEqual([]);
    meaning = loaded as Meaning;
  });

  it('gives unit vectors of 512 numbers, the same for the same text', () => {
    const question = meaning.questionVector('Can I work while my asylum case is pending?');
    const again = meaning.questionVector('Can I work while my asylum case is pending?');
    const [passage, passageAgain] = meaning.knowledgeVectors(['Work permits', 'Work permits']);
    expect(meaning.dimensions).toBe(512);
    for (const vector of [question, passage as Float32Array]) {
      expect(vector).toHaveLength(512);
      expect(length(vector)).toBeCloseTo(1, 4);
    }
    expect([...again]).toEqual([...question]);
    expect(passageAgain).toBe(passage);
  });

  it('puts a paraphrase closer than an unrelated text', () => {
    const scared = meaning.questionVector("I'm scared they'll send me back home");
    const [removal, weather] = meaning.knowledgeVectors([
      'removal order',
      'weather in Winnipeg in January',
    ]);
    expect(closeness(scared, removal as Float32Array)).toBeGreaterThan(
      closeness(scared, weather as Float32Array),
    );
  });

  it('answers any message with 512 finite numbers or a clear error, quickly', () => {
    const awkward = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom(
        '',
        ' ',
        'x'.repeat(50_000),
        'asylum '.repeat(8_000),
        '🙏😭🇺🇸'.repeat(500),
        '<script>alert(1)</script><b>help</b> [link](http://x)',
        'אני צריך עזרה עם בקשת מקלט',
        'أحتاج مساعدة في طلب اللجوء',
        '\u202Eevil\u202C\u0000\uFEFF',
      ),
    );
    fc.assert(
      fc.property(awkward, (text) => {
        const started = performance.now();
        try {
          const vector = meaning.questionVector(text);
          expect(vector).toHaveLength(512);
          expect(vector.every(Number.isFinite)).toBe(true);
        } catch (error) {
          expect((error as Error).message).toMatch(/sentence encoder/);
        }
        expect(performance.now() - started).toBeLessThan(10_000);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('the knowledge vector cache', () => {
  /** A stand-in model: a vector from the text's characters, and a record of what it encoded. */
  const countingModel = () => {
    const encoded: string[] = [];
    const encode = (texts: readonly string[]) =>
      texts.map((text) => {
        encoded.push(text);
        const vector = new Float32Array(512);
        for (let i = 0; i < text.length; i++)
          vector[i % 512] = (vector[i % 512] ?? 0) + text.charCodeAt(i);
        vector[511] = 1;
        const norm = Math.sqrt(vector.reduce((s, v) => s + v * v, 0));
        return vector.map((v) => v / norm);
      });
    return { encode, encoded };
  };
  const texts = ['Work permits', 'How long does a claim take?', 'I fear going back'];

  it('encodes each knowledge text once, and reads it back from the file in a new process', () => {
    const cacheFile = path.join(temporaryDir(), 'vectors.bin');
    const first = countingModel();
    const vectors = createMeaning(first.encode, { cacheFile, modelId: 'test' }).knowledgeVectors(
      texts,
    );
    expect(first.encoded.sort()).toEqual([...texts].sort());
    const second = countingModel();
    const again = createMeaning(second.encode, { cacheFile, modelId: 'test' }).knowledgeVectors(
      texts,
    );
    expect(second.encoded).toEqual([]);
    expect(again.map((v) => [...v])).toEqual(vectors.map((v) => [...v]));
  });

  it('re-encodes only the text that changed, and nothing for another model', () => {
    const cacheFile = path.join(temporaryDir(), 'vectors.bin');
    createMeaning(countingModel().encode, { cacheFile, modelId: 'test' }).knowledgeVectors(texts);
    const edited = countingModel();
    createMeaning(edited.encode, { cacheFile, modelId: 'test' }).knowledgeVectors([
      ...texts.slice(0, 2),
      'I fear going back home',
    ]);
    expect(edited.encoded).toEqual(['I fear going back home']);
    const otherModel = countingModel();
    createMeaning(otherModel.encode, { cacheFile, modelId: 'another' }).knowledgeVectors(texts);
    expect(otherModel.encoded).toHaveLength(3);
  });

  it('recomputes a corrupt or truncated file instead of failing', () => {
    const dir = temporaryDir();
    const cacheFile = path.join(dir, 'vectors.bin');
    createMeaning(countingModel().encode, { cacheFile, modelId: 'test' }).knowledgeVectors(texts);
    const whole = readFileSync(cacheFile);
    const corruptions = [
      Buffer.from('not a vector file'),
      whole.subarray(0, whole.length - 7),
      Buffer.concat([whole, Buffer.from([1, 2, 3, 4])]),
      Buffer.from(whole).fill(0x7f, whole.length - 2048), // a vector of huge numbers
      Buffer.alloc(0),
    ];
    for (const bytes of corruptions) {
      writeFileSync(cacheFile, bytes);
      const model = countingModel();
      const vectors = createMeaning(model.encode, { cacheFile, modelId: 'test' }).knowledgeVectors(
        texts,
      );
      expect(model.encoded).toHaveLength(3);
      expect(vectors.every((v) => Math.abs(length(v) - 1) < 1e-4)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual(['vectors.bin']); // no temporary file left behind
  });

  it('never writes a question, and holds no text at all, only digests', () => {
    const cacheFile = path.join(temporaryDir(), 'vectors.bin');
    const model = countingModel();
    const meaning = createMeaning(model.encode, { cacheFile, modelId: 'test' });
    meaning.knowledgeVectors(texts);
    const before = readFileSync(cacheFile);
    meaning.questionVector('my secret question about my case');
    meaning.questionVector('my secret question about my case');
    expect(model.encoded.slice(-2)).toEqual([
      'my secret question about my case',
      'my secret question about my case',
    ]);
    const after = readFileSync(cacheFile);
    expect(after.equals(before)).toBe(true);
    for (const text of texts) expect(after.includes(Buffer.from(text))).toBe(false);
  });

  it("reads a build's prebuilt vectors, encoding only texts edited since", () => {
    const dir = temporaryDir();
    const prebuilt = path.join(dir, PREBUILT_VECTORS_FILE);
    writePrebuiltVectors(prebuilt, texts, countingModel().encode(texts));
    const model = countingModel();
    const meaning = createMeaning(model.encode, {
      cacheFile: path.join(dir, 'cache', 'vectors.bin'),
      prebuilt,
    });
    meaning.knowledgeVectors(texts);
    expect(model.encoded).toEqual([]);
    meaning.knowledgeVectors([...texts, 'A passage added after the build']);
    expect(model.encoded).toEqual(['A passage added after the build']);
  });

  it('says why it cannot save, and still answers', () => {
    const errors: unknown[] = [];
    const blocker = path.join(temporaryDir(), 'a-file');
    writeFileSync(blocker, '');
    const meaning = createMeaning(countingModel().encode, {
      cacheFile: path.join(blocker, 'vectors.bin'),
      modelId: 'test',
      onError: (e) => errors.push(e),
    });
    expect(meaning.knowledgeVectors(texts)).toHaveLength(3);
    expect(String(errors[0])).toMatch(/Could not save .* computed again at the next start/);
  });

  it('reports its progress on the texts it encodes', () => {
    const progress: [number, number][] = [];
    const many = Array.from({ length: 150 }, (_, i) => `text ${i}`);
    createMeaning(countingModel().encode, {
      cacheFile: path.join(temporaryDir(), 'vectors.bin'),
      modelId: 'test',
      onProgress: (done, total) => progress.push([done, total]),
    }).knowledgeVectors(many);
    expect(progress).toEqual([
      [64, 150],
      [128, 150],
      [150, 150],
    ]);
  });
});

describe('switching the encoder off', () => {
  it('gives no encoder with SENTENCE_ENCODER=off, and says what a wrong value should be', () => {
    expect(loadMeaning({ env: { SENTENCE_ENCODER: 'off' } })).toBeUndefined();
    expect(loadMeaning({ env: { SENTENCE_ENCODER: ' OFF ' } })).toBeUndefined();
    const errors: unknown[] = [];
    expect(
      loadMeaning({ env: { SENTENCE_ENCODER: 'maybe' }, onError: (e) => errors.push(e) }),
    ).toBeUndefined();
    expect(String(errors[0])).toMatch(/SENTENCE_ENCODER must be on or off, not "maybe"/);
    expect(sentenceEncoderOn({})).toBe(true);
    expect(sentenceEncoderOn({ SENTENCE_ENCODER: 'on' })).toBe(true);
  });
});

describe('a worker that fails', () => {
  it('a hung worker makes the call throw after the timeout, and later calls at once', () => {
    const encode = connectWorker(
      new URL('../fixtures/meaning/hung-worker.ts', import.meta.url),
      1_000,
    );
    expect(() => encode(['hello'])).toThrow(
      /did not answer within 1 s .*Restart it; if this happens again, set SENTENCE_ENCODER=off/,
    );
    const started = performance.now();
    expect(() => encode(['hello'])).toThrow(/did not answer within 1 s/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('a worker that dies makes the call throw, saying what to do', () => {
    const encode = connectWorker(
      new URL('../fixtures/meaning/crashing-worker.ts', import.meta.url),
      5_000,
    );
    expect(() => encode(['hello'])).toThrow(/sentence encoder.*SENTENCE_ENCODER=off/);
  });
});

describe('the knowledge texts', () => {
  it('lists each passage whole, its title and questions, every phrasing and decline, once', async () => {
    const knowledge = await loadKnowledge(VALID_FIXTURE);
    const texts = knowledgeTexts(knowledge);
    const passage = knowledge.passages[0];
    expect(passage).toBeDefined();
    if (!passage) return;
    expect(texts).toContain([passage.title, ...passage.questions, passage.body].join('\n'));
    expect(texts).toContain(passage.title);
    for (const question of passage.questions) expect(texts).toContain(question);
    for (const u of knowledge.phrasings.utterances) expect(texts).toContain(u.text);
    for (const d of knowledge.phrasings.declines) expect(texts).toContain(d);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
