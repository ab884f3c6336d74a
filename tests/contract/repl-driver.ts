import { PassThrough } from 'node:stream';
import { vi } from 'vitest';
import { createRepl } from '../../adapters/repl/repl.ts';
import { createLogger } from '../../adapters/shared/log.ts';
import { createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import type { Sent, StartOptions, SurfaceDriver } from './driver.ts';

/** The terminal over streams: a line in, the text up to the next prompt out. */
export function replDriver(): SurfaceDriver {
  let input: PassThrough | undefined;
  let output = '';
  let done: Promise<void> | undefined;
  let baseline = 0;
  const logs: string[] = [];
  const need = () => {
    if (!input) throw new Error('start the driver first');
    return input;
  };
  /** What was written after `from`, once the REPL has prompted again. */
  const next = async (from: number): Promise<Sent> => {
    const shown = await vi.waitFor(
      () => {
        const after = output.slice(from);
        const end = after.lastIndexOf('\n? ');
        if (!after.trim() || (end < 0 && !after.endsWith('\n\n'))) throw new Error('no reply yet');
        return after;
      },
      { timeout: 5000, interval: 5 },
    );
    return { shown, private: false, raw: shown };
  };
  const line = async (text: string) => {
    const from = output.length;
    need().write(`${text}\n`);
    return next(from);
  };

  return {
    name: 'REPL',
    supports: { privacy: false, buttons: false, rateLimit: false },
    async start(options: StartOptions) {
      const assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
      input = new PassThrough();
      const out = new PassThrough();
      out.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const logger = createLogger('repl', {
        env: { LOG_LEVEL: 'debug' },
        destination: { write: (l: string) => void logs.push(l) },
      });
      done = createRepl({
        assistant: { ...assistant, ask: options.core.ask },
        input,
        output: out,
        logger,
      });
    },
    ask: line,
    direct: line,
    mention: line,
    replyTo: (_previous, text) => line(text),
    click: () => Promise.reject(new Error('the terminal has no buttons')),
    pingsAnyone: () => false,
    logs: () => logs.join(''),
    askInBackground(text) {
      baseline = output.length;
      need().write(`${text}\n`);
    },
    nextSent: () => next(baseline),
    async stop() {
      need().end();
      await done;
    },
    async close() {
      input?.end();
      await done;
      input = undefined;
    },
  };
}
