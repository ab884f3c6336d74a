import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ConversationService, Reply, Send } from '../shared/conversation-service.ts';
import { errorForLog } from '../shared/errors.ts';
import { asksForAPerson, type EscalationDesk } from '../shared/escalation.ts';
import type { Logger } from '../shared/log.ts';
import { questionFromSlack } from './clean.ts';
import { promptFromMention, withEscalationButton } from './escalation.ts';
import { ACTION, renderReply, SLASH_COMMAND } from './render.ts';

/** The parts of an interaction's `container` the adapter reads. */
const ContainerSchema = z.object({
  channel_id: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
});

type Click = BlockAction<ButtonAction>;

/**
 * Slack's events and buttons → the conversation service. Slack's own parts only: where a reply
 * goes (a thread, or the asker alone) and which conversation a thread continues.
 */
export function registerListeners(
  app: App,
  service: ConversationService,
  logger: Logger,
  desk: EscalationDesk,
): void {
  const render = (reply: Reply) => withEscalationButton(renderReply(reply), reply, desk.configured);
  const threadOf = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  const inThread =
    (client: webApi.WebClient, channel: string, threadTs: string): Send =>
    async (reply) => {
      await service.continueIn(threadOf(channel, threadTs), threadOf(channel, threadTs));
      return client.chat.postMessage({ channel, thread_ts: threadTs, ...render(reply) });
    };
  const privately =
    (respond: RespondFn): Send =>
    (reply) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...render(reply) });

  // Slack redelivers events it thinks were lost (HTTP retries, Socket Mode reconnects).
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await service.firstTime(`event:${eventId}`))) {
      logger.debug({ eventId }, 'event already handled');
      return;
    }
    await next();
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await service.ask({
      via: 'slash',
      userId: command.user_id,
      text: questionFromSlack(command.text),
      conversationId: service.privateConversation(command.channel_id, command.user_id),
      private: true,
      send: privately(respond),
    });
  });

  app.event('app_mention', async ({ event, client }) => {
    if (event.bot_id || !event.user) return;
    // One message can arrive as both `app_mention` and `message`: answer it once.
    if (!(await service.firstTime(`message:${event.channel}:${event.ts}`))) return;
    const thread = event.thread_ts ?? event.ts;
    const text = questionFromSlack(event.text);
    if (asksForAPerson(text)) {
      const mention = { channel: event.channel, ts: event.ts, thread_ts: thread, user: event.user };
      if (await promptFromMention(desk, client, mention)) return;
    }
    await service.ask({
      via: 'mention',
      userId: event.user,
      text,
      conversationId: threadOf(event.channel, thread),
      send: inThread(client, event.channel, thread),
    });
  });

  app.message(async ({ message, client }) => {
    // Edits, joins, bot posts (ours included) and the like have a subtype or a bot id.
    if (message.subtype !== undefined || message.bot_id) return;
    const dm = message.channel_type === 'im';
    const thread = message.thread_ts ?? message.ts;
    // Replies in a thread the bot answers in are follow-ups, even without a mention.
    const ours =
      message.thread_ts !== undefined &&
      (await service.conversationAt(threadOf(message.channel, message.thread_ts))) !== undefined;
    if (!dm && !ours) return;
    if (!(await service.firstTime(`message:${message.channel}:${message.ts}`))) return;
    await service.ask({
      via: dm ? 'dm' : 'thread',
      userId: message.user,
      text: questionFromSlack(message.text ?? ''),
      conversationId: threadOf(message.channel, thread),
      send: inThread(client, message.channel, thread),
    });
  });

  app.action<Click>(ACTION.followUpPattern, async ({ ack, body, action, respond, client }) => {
    await ack();
    const container = ContainerSchema.safeParse(body.container).data ?? {};
    const channel = body.channel?.id ?? container.channel_id ?? '';
    const thread = body.message?.thread_ts ?? body.message?.ts ?? '';
    const isPrivate = container.is_ephemeral === true || !body.message;
    await service.followUp({
      key: action.value ?? '',
      index: Number(ACTION.followUpPattern.exec(action.action_id)?.[1] ?? 0),
      userId: body.user.id,
      ...(isPrivate
        ? {
            private: true,
            conversationId: service.privateConversation(channel, body.user.id),
            send: privately(respond),
          }
        : { conversationId: threadOf(channel, thread), send: inThread(client, channel, thread) }),
    });
  });

  app.action<Click>(
    new RegExp(`^(?:${ACTION.feedbackUp}|${ACTION.feedbackDown})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      await service.vote({
        key: action.value ?? '',
        vote: action.action_id === ACTION.feedbackUp ? 'up' : 'down',
        userId: body.user.id,
        send: privately(respond),
      });
    },
  );

  // "More": the passages in full, to the clicker alone, under a public answer too.
  app.action<Click>(ACTION.more, async ({ ack, action, respond }) => {
    await ack();
    await service.more({ key: action.value ?? '', send: privately(respond) });
  });

  app.action<Click>(ACTION.share, async ({ ack, action, respond }) => {
    await ack();
    await service.share({
      key: action.value ?? '',
      send: privately(respond),
      publish: async (reply) => {
        await respond({
          response_type: 'in_channel',
          replace_original: false,
          ...render(reply),
        });
        await respond({ delete_original: true });
      },
    });
  });

  app.error(async (error) => {
    logger.error({ surface: 'slack', error: errorForLog(error) }, 'Slack handler failed');
  });
}
