import { runAsWorker } from 'synckit';
import { ENCODER_DIMENSIONS, type Encoder, loadBundledModel, loadEncoder } from './encoder.ts';
import { encoderThreads, loadModelInThread } from './model-in-thread.ts';

/**
 * The worker thread that runs the sentence encoder for the synchronous core (connection.ts calls
 * it through synckit). It loads the model as it starts and keeps it for the process's life.
 * It answers with one flat array, `texts.length × 512` numbers, which crosses the thread boundary
 * as one copy, or with the encoder's error as a value: so that anything synckit itself throws
 * means the worker is hung or gone. It never prints, logs or keeps a text: synckit forwards a worker's output to the
 * process's, and a person's message passes through here.
 */
// Loaded (and its WebAssembly warmed up) as soon as the thread starts, not at the first call: the
// main thread meanwhile loads the knowledge, so a start pays for the slower of the two only.
// With two threads (SENTENCE_ENCODER_THREADS, model-in-thread.ts) a second copy of the model
// loads beside it; a bad value of the variable is reported by the first call, like a bad model.
const encoder: Promise<Encoder> = Promise.resolve()
  .then(() => encoderThreads())
  .then((threads) =>
    loadEncoder(
      loadBundledModel,
      Array.from({ length: threads - 1 }, () => () => loadModelInThread()),
    ),
  );
encoder
  .then((loaded) => loaded.encode(['Warming up the sentence encoder.']))
  .catch(() => {
    // Reported by the first call, which awaits the same promise.
  });

/** Vectors, or why the encoder could not give them: errors travel as values, see connection.ts. */
export type WorkerAnswer = { vectors: Float32Array } | { error: string };

runAsWorker(async (texts: string[]): Promise<WorkerAnswer> => {
  try {
    const vectors = await (await encoder).encode(texts);
    const flat = new Float32Array(texts.length * ENCODER_DIMENSIONS);
    vectors.forEach((vector, i) => {
      flat.set(vector, i * ENCODER_DIMENSIONS);
    });
    return { vectors: flat };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
});
