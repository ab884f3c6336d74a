import { createSyncFn } from 'synckit';
import { ENCODER_DIMENSIONS } from './encoder.ts';
import { typeScriptLoader } from './typescript-loader.ts';
import type { WorkerAnswer } from './worker.ts';

/** Texts in, one unit vector per text out, synchronously. Throws an Error that says what to do. */
export type EncodeSync = (texts: readonly string[]) => Float32Array[];

/**
 * How long one call may wait for the worker, loading included. Loading takes about a second
 * idle, several on a busy machine; a question takes tens of milliseconds. A worker that is this
 * late is treated as hung and not asked again (see connectWorker), so one stall costs one wait.
 */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The worker file beside this one: worker.ts under tsx and vitest, worker.js once built. */
export const ENCODER_WORKER = new URL('./worker.js', import.meta.url);

const WHAT_TO_DO =
  'Questions are ranked by their words alone until the bot restarts. Restart it; if this happens again, set SENTENCE_ENCODER=off and report it.';

/**
 * Connects to the encoder's worker thread (started once per worker file per process, by synckit,
 * and shared by every caller). After a timeout or a crash of the worker every later call throws
 * at once with the same explanation, without waiting again. An error of the encoder itself (a
 * model that cannot load, a result of the wrong size) fails only its own call.
 */
export function connectWorker(
  file: URL = ENCODER_WORKER,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): EncodeSync {
  const known = connections.get(file.href);
  if (known) return known;
  const call = createSyncFn<(texts: string[]) => Promise<WorkerAnswer>>(file, {
    timeout: timeoutMs,
    tsRunner: 'tsx',
    execArgv: typeScriptLoader(),
  });
  let broken: Error | undefined;
  const encode: EncodeSync = (texts) => {
    if (broken) throw broken;
    let answer: WorkerAnswer;
    try {
      answer = call([...texts]);
    } catch (error) {
      broken = workerFailure(error, timeoutMs);
      throw broken;
    }
    if ('error' in answer) throw new Error(redact(answer.error, texts));
    const flat = answer.vectors;
    if (!(flat instanceof Float32Array) || flat.length !== texts.length * ENCODER_DIMENSIONS)
      throw new Error(
        `The sentence encoder's worker answered ${texts.length} texts with something other than ${texts.length} vectors of ${ENCODER_DIMENSIONS} numbers. ${WHAT_TO_DO}`,
      );
    return texts.map((_, i) => flat.slice(i * ENCODER_DIMENSIONS, (i + 1) * ENCODER_DIMENSIONS));
  };
  connections.set(file.href, encode);
  return encode;
}

const connections = new Map<string, EncodeSync>();

/** What synckit threw: the worker did not answer in time, or it died. */
function workerFailure(error: unknown, timeoutMs: number): Error {
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  if (/timed-out|timed out/i.test(message))
    return new Error(
      `The sentence encoder did not answer within ${timeoutMs / 1000} s (its worker thread is hung, or the machine is overloaded). ${WHAT_TO_DO}`,
    );
  return new Error(`The sentence encoder's worker thread failed (${message}). ${WHAT_TO_DO}`);
}

/** An error message with the texts it was about taken out: a person's message is never logged. */
function redact(message: string, texts: readonly string[]): string {
  let clean = message;
  for (const text of texts) if (text.trim().length > 2) clean = clean.split(text).join('[text]');
  return clean;
}
