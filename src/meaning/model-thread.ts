import { parentPort } from 'node:worker_threads';
import { loadBundledModel } from './encoder.ts';

/**
 * A thread holding one more copy of the model (model-in-thread.ts starts it), so that the two
 * readings of a long message, or two batches of the knowledge, are encoded at once on two cores.
 * Like worker.ts it never prints, logs or keeps a text, and answers errors as values.
 */
export interface ModelRequest {
  id: number;
  texts: string[];
}
export type ModelReply = { id: number; vectors: number[][] } | { id: number; error: string };

const port = parentPort;
if (!port)
  throw new Error('model-thread.ts runs as a worker thread, started by model-in-thread.ts.');
const model = loadBundledModel();
// Warmed up as it starts (its WebAssembly's first call is slow), like worker.ts.
model.then((loaded) => loaded.embed(['Warming up the sentence encoder.'])).catch(() => {});

port.on('message', async ({ id, texts }: ModelRequest) => {
  let reply: ModelReply;
  try {
    reply = { id, vectors: await (await model).embed(texts) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
