import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncoderModel } from './encoder.ts';
import type { ModelReply, ModelRequest } from './model-thread.ts';
import { typeScriptLoader } from './typescript-loader.ts';

/** The environment variable that sets how many threads run the encoder's model: `1` or `2`. */
export const ENCODER_THREADS_VARIABLE = 'SENTENCE_ENCODER_THREADS';
const MAX_THREADS = 2;

/**
 * How many copies of the model encode at once: SENTENCE_ENCODER_THREADS, or by default 2 where
 * the machine has two cores or more. The model runs in WebAssembly on one core per copy; a long
 * message is read twice (its asking sentence and the whole), and two copies encode both at once.
 */
export function encoderThreads(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[ENCODER_THREADS_VARIABLE]?.trim() ?? '';
  if (value === '') return Math.min(MAX_THREADS, os.availableParallelism());
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_THREADS)
    throw new Error(
      `${ENCODER_THREADS_VARIABLE} must be a whole number from 1 to ${MAX_THREADS}, not ${JSON.stringify(value)}: 1 runs the sentence encoder on one core, or leave it unset.`,
    );
  return count;
}

/** model-thread.ts beside this file: .ts under tsx and vitest, .js once built. */
const MODEL_THREAD = new URL(
  `./model-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * A copy of the bundled model in a thread of its own. Its thread keeps the process alive only
 * while a call waits for it. Should the thread die, every pending and later call rejects, and the encoder goes on
 * with the copies it has left (encoder.ts).
 */
export function loadModelInThread(file: URL = MODEL_THREAD): Promise<EncoderModel> {
  const worker = new Worker(file, { execArgv: typeScriptLoader() });
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (v: number[][]) => void; reject: (e: Error) => void }
  >();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
    worker.unref();
  };
  worker.on('error', (error) =>
    fail(new Error(`The sentence encoder's second thread failed (${error.message}).`)),
  );
  worker.on('exit', (code) =>
    fail(new Error(`The sentence encoder's second thread exited (code ${code}).`)),
  );
  worker.on('message', (reply: ModelReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) call.reject(new Error(reply.error));
    else call.resolve(reply.vectors);
  });
  let next = 0;
  return Promise.resolve({
    embed(texts) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise<number[][]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref(); // a call waiting for its answer keeps the process alive, an idle thread not
        worker.postMessage({ id, texts: [...texts] } satisfies ModelRequest);
      });
    },
  });
}
