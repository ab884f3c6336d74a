import type {
  App,
  BlockAction,
  ButtonAction,
  Middleware,
  RespondFn,
  SlackActionMiddlewareArgs,
  types,
  webApi,
} from '@slack/bolt';
import type { Reply } from '../shared/conversation-service.ts';
import {
  type EscalationDesk,
  type EscalationPlace,
  type EscalationPrompt,
  type ModeratorNotice,
  ESCALATION_WORDING as SAY,
} from '../shared/escalation.ts';
import { questionFromSlack } from './clean.ts';
import { escapeWithin, link } from './mrkdwn.ts';
import { type Block, button, LIMITS, renderNotice, type SlackMessage, section } from './render.ts';

export const HELP_COMMAND = '/asylum-help';

export const ESCALATION_ACTION = {
  /** Under an answer; its value is the answer's key. */
  open: 'asylum_escalate',
  /** In the confirmation; their value is the request's id. */
  send: 'asylum_escalate_send',
  sendWithQuestion: 'asylum_escalate_send_question',
  cancel: 'asylum_escalate_cancel',
} as const;

type Click = BlockAction<ButtonAction>;

/** The "Talk to a person" button of the answer stored under `key`, in its own block, last. */
export function escalationButtonBlock(key: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'asylum_escalate',
    elements: [button(ESCALATION_ACTION.open, `🙋 ${SAY.button}`, key)],
  };
}

/**
 * Adds the button to an answer (every kind: declines and crisis answers too, after everything
 * else, so a crisis answer's emergency contacts come first) when a moderators' channel is set.
 */
export function withEscalationButton(
  message: SlackMessage,
  reply: Reply,
  configured: boolean,
): SlackMessage {
  if (!configured || reply.type !== 'answer' || message.blocks.length >= LIMITS.blocks) {
    return message;
  }
  return { ...message, blocks: [...message.blocks, escalationButtonBlock(reply.key)] };
}

/** The confirmation the person sees (privately), or the notice that replaces it. */
export function renderPrompt(prompt: EscalationPrompt): SlackMessage {
  if (prompt.type === 'notice') return renderNotice(prompt.text);
  const send = {
    ...button(ESCALATION_ACTION.send, SAY.send, prompt.id),
    style: 'primary' as const,
  };
  const elements: types.Button[] = [send];
  if (prompt.canIncludeQuestion) {
    elements.push(button(ESCALATION_ACTION.sendWithQuestion, SAY.sendWithQuestion, prompt.id));
  }
  elements.push(button(ESCALATION_ACTION.cancel, SAY.cancel, prompt.id));
  const blocks: Block[] = [
    section(escapeWithin(prompt.text, LIMITS.sectionText)),
    { type: 'actions', block_id: 'asylum_escalate_confirm', elements },
  ];
  return { text: prompt.text, blocks };
}

function whereLine(place: EscalationPlace): string {
  if (place.kind === 'dm') return escapeWithin(SAY.directMessage, 500);
  const open = link(place.url, escapeWithin(SAY.openConversation, 200));
  return place.kind === 'message' ? open : `${escapeWithin(SAY.privateAnswer, 300)}: ${open}`;
}

/**
 * The notice in the moderators' channel. It may ping one user group (`<!subteam^ID>`, the only
 * markup besides links); every piece of user text is escaped, so it cannot ping anyone.
 */
export function renderModeratorNotice(notice: ModeratorNotice, group?: string): SlackMessage {
  const ping = group ? `<!subteam^${group}> ` : '';
  const who = [notice.userName ? `@${notice.userName}` : '', `(${notice.userId})`]
    .filter(Boolean)
    .join(' ');
  const question = notice.question
    ? `>${escapeWithin(notice.question, 2000).replace(/\n/g, '\n>')}`
    : `_${SAY.notIncluded}_`;
  const lines = [
    `*${SAY.from}:* ${escapeWithin(who, 300)}`,
    `*${SAY.where}:* ${whereLine(notice.place)}`,
    `*${SAY.question}:*\n${question}`,
  ];
  return {
    text: `${ping}${SAY.noticeHeading}`,
    blocks: [
      section(`${ping}*${SAY.noticeHeading}*`),
      section(lines.join('\n')),
      { type: 'context', elements: [{ type: 'mrkdwn', text: SAY.guidance, verbatim: true }] },
    ],
  };
}

/** Where a message is, as a link for moderators; a DM with the bot is not theirs to open. */
async function placeOf(
  client: webApi.WebClient,
  channel: string,
  messageTs?: string,
): Promise<EscalationPlace> {
  if (channel.startsWith('D')) return { kind: 'dm' };
  const channelUrl = `https://slack.com/app_redirect?channel=${encodeURIComponent(channel)}`;
  if (!messageTs) return { kind: 'channel', url: channelUrl };
  const result = await client.chat
    .getPermalink({ channel, message_ts: messageTs })
    .catch(() => undefined);
  return result?.permalink
    ? { kind: 'message', url: result.permalink }
    : { kind: 'channel', url: channelUrl };
}

export interface EscalationSettings {
  channel: string;
  group?: string;
}

/**
 * `/asylum-help`, the "Talk to a person" button and the confirmation's buttons, turned into calls
 * to the shared escalation desk. Without `settings` the command says plainly that no moderators
 * are set up (and answers carry no button).
 */
export function registerEscalation(
  app: App,
  desk: EscalationDesk,
  settings: EscalationSettings | undefined,
): void {
  const privately = (respond: RespondFn, message: SlackMessage, replace = false) =>
    respond({ response_type: 'ephemeral', replace_original: replace, ...message });

  app.command(HELP_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const prompt = await desk.open({
      userId: command.user_id,
      userName: command.user_name,
      question: questionFromSlack(command.text),
      place: command.channel_id.startsWith('D')
        ? { kind: 'dm' }
        : {
            kind: 'channel',
            url: `https://slack.com/app_redirect?channel=${encodeURIComponent(command.channel_id)}`,
          },
    });
    await privately(respond, renderPrompt(prompt));
  });

  app.action<Click>(ESCALATION_ACTION.open, async ({ ack, body, action, respond, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id ?? '';
    const ephemeral = body.container?.is_ephemeral === true || !body.message;
    const prompt = await desk.open({
      userId: body.user.id,
      userName: body.user.username ?? body.user.name,
      answerKey: action.value ?? '',
      place: await placeOf(client, channel, ephemeral ? undefined : body.message?.ts),
    });
    await privately(respond, renderPrompt(prompt));
  });

  const decide =
    (
      choice: 'send' | 'sendWithQuestion' | 'cancel',
    ): Middleware<SlackActionMiddlewareArgs<Click>> =>
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const id = action.value ?? '';
      const text =
        choice === 'cancel' || !settings
          ? desk.cancel({ id, userId: body.user.id })
          : await desk.confirm({
              id,
              userId: body.user.id,
              includeQuestion: choice === 'sendWithQuestion',
              post: (notice) =>
                client.chat.postMessage({
                  channel: settings.channel,
                  ...renderModeratorNotice(notice, settings.group),
                }),
            });
      await privately(respond, renderNotice(text), true);
    };
  app.action<Click>(ESCALATION_ACTION.send, decide('send'));
  app.action<Click>(ESCALATION_ACTION.sendWithQuestion, decide('sendWithQuestion'));
  app.action<Click>(ESCALATION_ACTION.cancel, decide('cancel'));
}

/**
 * A mention asking for a person ("help me"): the confirmation, privately (an ephemeral message
 * in the thread). Returns false when moderators are not set up, so the mention is answered as
 * any other.
 */
export async function promptFromMention(
  desk: EscalationDesk,
  client: webApi.WebClient,
  mention: { channel: string; ts: string; thread_ts?: string; user: string },
): Promise<boolean> {
  if (!desk.configured) return false;
  const prompt = await desk.open({
    userId: mention.user,
    place: await placeOf(client, mention.channel, mention.ts),
  });
  await client.chat.postEphemeral({
    channel: mention.channel,
    user: mention.user,
    ...(mention.thread_ts ? { thread_ts: mention.thread_ts } : {}),
    ...renderPrompt(prompt),
  });
  return true;
}
