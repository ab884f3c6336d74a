import { parseArgs } from 'node:util';
import { renderReply as renderDiscord } from '../adapters/discord/render.ts';
import { renderReply as renderTerminal } from '../adapters/repl/render.ts';
import { createConversationService, type Reply } from '../adapters/shared/conversation-service.ts';
import { createLogger } from '../adapters/shared/log.ts';
import { renderReply as renderSlack } from '../adapters/slack/render.ts';
import { createAssistant } from '../src/index.ts';

// Piping into `head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => process.exit(0));

/**
 * `npm run samples`: one conversation of a few questions (by default the three of issue 15's
 * close note), each answer as the terminal prints it, as the Slack Block Kit payload and as the
 * Discord message (embeds and buttons) the bots send: the real service and renderers, no platform.
 * `-- "question" "follow-up" …` asks others; `--more` adds what "More" shows for shortened answers;
 * `--only repl|slack|discord` prints one surface.
 */
const DEFAULT_QUESTIONS = [
  'Can Americans claim asylum in Canada?',
  "how long do I have to appeal if I'm refused?",
  'what about for my kids?',
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { more: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const surfaces = ['repl', 'slack', 'discord'].filter((s) => !values.only || s === values.only);
if (surfaces.length === 0) {
  console.error(`--only must be repl, slack or discord (got ${values.only}).`);
  process.exit(2);
}

const assistant = await createAssistant({
  knowledgeDir: process.env.KNOWLEDGE_DIR?.trim() || undefined,
});
const service = createConversationService({
  surface: 'slack',
  core: assistant,
  logger: createLogger('samples', { env: { LOG_LEVEL: 'silent' } }),
  command: '/asylum',
});

const show = (title: string, reply: Reply) => {
  console.log(`\n===== ${title} =====`);
  if (surfaces.includes('repl'))
    console.log(`\n--- terminal ---\n${renderTerminal(reply, { color: false })}`);
  if (surfaces.includes('slack'))
    console.log(`\n--- Slack (Block Kit) ---\n${JSON.stringify(renderSlack(reply), null, 2)}`);
  if (surfaces.includes('discord'))
    console.log(`\n--- Discord (messages) ---\n${JSON.stringify(renderDiscord(reply), null, 2)}`);
};

const conversationId = service.newConversation();
const questions = positionals.length ? positionals : DEFAULT_QUESTIONS;
for (const [i, question] of questions.entries()) {
  const replies: Reply[] = [];
  await service.ask({
    via: 'thread',
    userId: 'sample-user',
    text: question,
    conversationId,
    send: async (reply) => void replies.push(reply),
  });
  for (const reply of replies) {
    show(`${i + 1}. ? ${question}`, reply);
    if (values.more && reply.type === 'answer' && reply.view.truncated) {
      const more: Reply[] = [];
      await service.more({ key: reply.key, send: async (r) => void more.push(r) });
      for (const shown of more) show(`${i + 1}. "More"`, shown);
    }
  }
}
