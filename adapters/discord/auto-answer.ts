import type { Message } from 'discord.js';
import type { AutoAnswerSettings } from '../shared/auto-answer.ts';
import type { ConversationService } from '../shared/conversation-service.ts';
import { cleanQuestion } from './clean.ts';
import { renderReply } from './render.ts';

/**
 * Whether a message opens a new post in one of the auto-answer forums: the post's starter message
 * (its id is the thread's id), by a person, not mentioning the bot (a mention asks it directly,
 * and the mention path answers). Replies in the post, edits and bots' posts never are.
 */
export function isNewForumPost(
  message: Message,
  settings: AutoAnswerSettings | undefined,
  botId: string,
): boolean {
  const { channel } = message;
  return (
    settings !== undefined &&
    !message.author.bot &&
    channel.isThread() &&
    message.id === channel.id &&
    settings.places.has(channel.parentId ?? '') &&
    !message.mentions.users.has(botId)
  );
}

/**
 * Asks a new forum post in auto mode: the conversation service decides whether anything is
 * posted. The question is the post's title, then its text. Without the privileged Message
 * Content intent Discord sends the text of a post that does not mention the bot empty, so the
 * title alone is asked then, and a vague title ("Need help") is left to people.
 */
export function answerForumPost(
  message: Message,
  settings: AutoAnswerSettings,
  service: ConversationService,
): Promise<void> {
  const thread = message.channel;
  const title = thread.isThread() ? thread.name : '';
  return service.ask({
    via: 'auto',
    userId: message.author.id,
    text: cleanQuestion([title, message.content].filter(Boolean).join('\n')),
    conversationId: service.newConversation(),
    auto: { place: `discord:${thread.id}`, minConfidence: settings.minConfidence },
    async send(reply) {
      for (const payload of renderReply(reply)) {
        const sent = await message.reply(payload);
        // A reply to the answer mentions the bot, and continues its conversation.
        if (reply.type === 'answer') await service.continueIn(sent.id, reply.conversationId);
      }
    },
  });
}
