import type { App } from '@slack/bolt';
import type { AutoAnswerSettings } from '../shared/auto-answer.ts';
import type { ConversationService } from '../shared/conversation-service.ts';
import type { Logger } from '../shared/log.ts';
import { questionFromSlack } from './clean.ts';
import { renderReply } from './render.ts';

/** What SLACK_AUTO_CHANNELS holds: public (C…) or private (G…) channel ids. */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

/**
 * Auto-answer in Slack: a new top-level message in one of `settings.places` is asked in auto
 * mode (the conversation service decides whether anything is posted), the reply going to its
 * thread. Everything else is left to the other listeners or to nobody: edits and other subtypes,
 * bots (this one included), thread replies (unless they mention the bot, which `app_mention`
 * answers) and a post that mentions the bot, which asked it directly.
 *
 * The thread is not marked as the bot's, so later replies there wake the bot only by mentioning
 * it; a mention continues the conversation of the answer, which has the same id.
 */
export function registerAutoAnswer(
  app: App,
  service: ConversationService,
  settings: AutoAnswerSettings | undefined,
  logger: Logger,
): void {
  if (!settings?.places.size) return;
  logger.info({ channels: settings.places.size }, 'auto-answering new messages in Slack channels');
  app.message(async ({ message, client, context }) => {
    if (message.subtype !== undefined || message.bot_id || message.thread_ts !== undefined) return;
    if (!settings.places.has(message.channel)) return;
    const text = message.text ?? '';
    if (context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
    const thread = `${message.channel}:${message.ts}`;
    await service.ask({
      via: 'auto',
      userId: message.user,
      text: questionFromSlack(text),
      conversationId: thread,
      auto: { place: thread, minConfidence: settings.minConfidence },
      send: (reply) =>
        client.chat.postMessage({
          channel: message.channel,
          thread_ts: message.ts,
          ...renderReply(reply),
        }),
    });
  });
}
