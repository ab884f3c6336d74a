import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerView } from '../shared/answer-view.ts';
import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { renderAnswer } from './render.ts';

const USAGE = `Usage: npm run ask -- [--json] [--thread] "your question"
       some-command | npm run ask -- [--json] [--thread]

Prints one cited answer. With no question and input piped in, answers one question per line
(blank lines are skipped); each line stands alone unless --thread makes them one conversation.

Options:
  --json     print the Answer as JSON (one object per line for piped input)
  --thread   read piped lines as one conversation, so follow-ups use earlier questions
  -h, --help show this help

Exit codes: 0 answered, 1 invalid knowledge, 2 bad arguments.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      thread: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const question = positionals.join(' ').trim();
if (!question && process.stdin.isTTY) fail('No question given.');
if (positionals.length && !question) fail('The question is empty.');

loadDotEnv();
// Answers and exits: the knowledge's sentence vectors are read only if a question needs them.
const assistant = await startAssistant(process.env, { meaningOnDemand: true });
const color = Boolean(process.stdout.isTTY) && !values.json;
const print = (text: string) => {
  const answer = assistant.ask(text, values.thread ? { conversationId: 'cli' } : {});
  process.stdout.write(
    values.json
      ? `${JSON.stringify(answer)}\n`
      : `${renderAnswer(answerView(answer), { color })}\n`,
  );
};

if (question) {
  print(question);
} else {
  let first = true;
  for await (const line of createInterface({
    input: process.stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (!line.trim()) continue;
    if (!values.json && !first) process.stdout.write('\n');
    first = false;
    print(line);
  }
}
