import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Assistant } from '../../src/index.ts';
import type { AnswerView } from '../shared/answer-view.ts';
import { type Core, createConversationService } from '../shared/conversation-service.ts';
import { createLogger, type Logger } from '../shared/log.ts';
import { renderPassage, renderReply, type TerminalStyle } from './render.ts';

export interface ReplOptions {
  /** The core; its `ask` may be asynchronous, as for every surface. */
  assistant: Omit<Assistant, 'ask'> & Core;
  input: Readable;
  output: Writable & { isTTY?: boolean };
  /** Colours; defaults to whether the output is a TTY. */
  color?: boolean;
  /** Where the service's log lines go (default: none; the terminal is the person's). */
  logger?: Logger;
}

export const HELP = `Ask a question about asylum or moving abroad as an American, for example:
  Can Americans claim asylum in Canada?
  Does the Safe Third Country Agreement apply to US citizens?

Commands:
  1, 2, 3     ask one of the suggested questions on screen
  :source N   show in full the passages behind source [N]
  :reset      start a new conversation (forget earlier questions)
  :reload     read the knowledge folder again (after editing passages)
  :help       show this help
  :quit       leave (or type exit, or press Ctrl-D)`;

/**
 * The terminal adapter: one conversation, answers with numbered sources. Resolves when the input
 * ends or the user quits.
 */
export function createRepl({
  assistant,
  input,
  output,
  color,
  logger,
}: ReplOptions): Promise<void> {
  const style: TerminalStyle = { color: color ?? Boolean(output.isTTY) };
  const rl = createInterface({ input, output, terminal: Boolean(output.isTTY), prompt: '? ' });
  const write = (text: string) => output.write(`${text}\n`);
  // One person at their own terminal: no rate limit to speak of, and no logs unless asked for.
  const service = createConversationService({
    surface: 'repl',
    core: assistant,
    logger: logger ?? createLogger('repl', { env: { LOG_LEVEL: 'silent' } }),
    command: ':help',
    help: HELP,
    rateLimit: { burst: 1_000, perMinute: 1_000 },
  });
  let conversationId = randomUUID();
  let last: AnswerView | undefined;
  let closed = false;
  // Lines typed after quitting are not read; lines piped before the input ended still are.
  let quitting = false;
  const leave = () => {
    quitting = true;
    rl.close();
  };

  const ask = (question: string) =>
    service.ask({
      via: 'line',
      userId: 'terminal',
      text: question,
      conversationId,
      send: async (reply) => {
        if (reply.type === 'answer') last = reply.view;
        write(`\n${renderReply(reply, style)}\n`);
      },
    });
  const range = () =>
    last?.sources.length ? `1 to ${last.sources.length}` : 'none yet: ask a question first';
  // A bare number picks a suggestion only while suggestions are on screen; it is never a question.
  const pick = async (number: string) => {
    const suggestion = last?.followUps[Number(number) - 1];
    if (suggestion) {
      write(`> ${suggestion}`);
      await ask(suggestion);
    } else if (last?.followUps.length) {
      write(
        `No suggestion ${number}: the suggestions on screen are 1 to ${last.followUps.length}.`,
      );
    } else {
      write('No suggestions on screen yet: ask a question first, or type :help.');
    }
  };

  const commands: Record<string, (arg: string) => void | Promise<void>> = {
    help: () => {
      write(HELP);
    },
    reset: () => {
      assistant.forget(conversationId);
      conversationId = randomUUID();
      last = undefined;
      write('Started a new conversation.');
    },
    source: (arg) => {
      if (!/^\d+$/.test(arg.trim())) {
        write(`Usage: :source N, where N is a source number of the last answer (${range()}).`);
        return;
      }
      const citation = last?.sources.find((c) => c.n === Number(arg));
      // Passages relying on the same page share its number: show each one the answer drew on.
      const passages = (citation?.passages ?? [])
        .map((id) => assistant.passage(id))
        .filter((passage) => passage !== undefined);
      if (passages.length === 0) {
        write(`No source [${arg}] in the last answer (sources: ${range()}).`);
        return;
      }
      for (const passage of passages) write(`\n${renderPassage(passage, style)}\n`);
    },
    reload: async () => {
      try {
        await assistant.reload();
        write(`Reloaded ${assistant.passages().length} passages.`);
      } catch (error) {
        // An invalid edit must not take the REPL down: the old knowledge keeps answering.
        write(`${(error as Error).message}\nStill answering from the knowledge loaded before.`);
      }
    },
    quit: () => leave(),
    q: () => leave(),
    exit: () => leave(),
  };

  write(
    'Asylum questions for Americans: answers from curated, cited sources. Type :help for help.',
  );
  rl.prompt();
  // Lines are handled one at a time, in order, even when a command (such as :reload) is async.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(() => handle(line));
  });
  const handle = async (line: string) => {
    if (quitting) return;
    const text = line.trim();
    const command = /^:(\w+)\s*(.*)$/.exec(text);
    if (command) {
      const run = commands[command[1]?.toLowerCase() ?? ''];
      if (run) await run(command[2] ?? '');
      else write(`Unknown command ${text}. Type :help for the list.`);
    } else if (/^\d{1,3}$/.test(text)) {
      await pick(text);
    } else if (text) {
      await ask(text);
      // "exit" or "bye" gets the bot's goodbye, then leaves, as :quit does.
      if (last?.goodbye && !/^(stop|done)$/i.test(text)) leave();
    }
    if (!closed) rl.prompt();
  };
  return new Promise((resolve) => {
    rl.on('close', () => {
      closed = true;
      // Let the lines already read finish before saying goodbye.
      void queue.then(() => {
        write('');
        resolve();
      });
    });
  });
}
