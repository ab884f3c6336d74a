// Piping into `head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => process.exit(0));

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Answer, createAssistant } from '../src/index.ts';

/**
 * `npm run eval:chat`: how the bot meets messages that are not questions for its knowledge
 * (tests/eval/chat-probe.yaml: greetings, thanks, questions about the bot, complaints,
 * acknowledgements, off-topic requests). Per group: how many get the bot's own reply, how many
 * are declined, and how many cite a passage, which for these messages is always wrong.
 * `--list` prints each message's outcome.
 */
const { values } = parseArgs({ options: { list: { type: 'boolean', default: false } } });

const PROBE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../tests/eval/chat-probe.yaml',
);
const ProbeSchema = z.strictObject({
  messages: z.array(z.strictObject({ text: z.string().min(1), group: z.string().min(1) })),
});
const probe = ProbeSchema.parse(parse(await readFile(PROBE, 'utf8')));
const assistant = await createAssistant({
  knowledgeDir: process.env.KNOWLEDGE_DIR?.trim() || undefined,
});

type Outcome = 'own reply' | 'declined' | 'cited';
const outcomeOf = (answer: Answer): Outcome =>
  answer.kind === 'smalltalk'
    ? 'own reply'
    : answer.abstained || answer.citations.length === 0
      ? 'declined'
      : 'cited';
const groups = new Map<string, Record<Outcome, number>>();
for (const { text, group } of probe.messages) {
  const answer = assistant.ask(text);
  const outcome = outcomeOf(answer);
  const counts = groups.get(group) ?? { 'own reply': 0, declined: 0, cited: 0 };
  counts[outcome]++;
  groups.set(group, counts);
  if (values.list)
    console.log(
      `${outcome.padEnd(9)} ${group.padEnd(16)} ${JSON.stringify(text)}${outcome === 'cited' ? ` → ${answer.citations[0]?.id}` : ''}`,
    );
}
const total = { 'own reply': 0, declined: 0, cited: 0 };
console.log(`${'group'.padEnd(16)} ${'n'.padStart(4)} own reply  declined  cited a passage`);
for (const [group, counts] of [...groups, ['all', total] as const]) {
  if (group !== 'all') for (const key of Object.keys(total) as Outcome[]) total[key] += counts[key];
  const n = counts['own reply'] + counts.declined + counts.cited;
  console.log(
    `${group.padEnd(16)} ${String(n).padStart(4)} ${String(counts['own reply']).padStart(9)} ${String(counts.declined).padStart(9)} ${String(counts.cited).padStart(16)}`,
  );
}
process.exit(0);
