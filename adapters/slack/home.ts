import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import type { KnowledgeOverview } from '../../src/index.ts';
import type { ConversationService, Reply } from '../shared/conversation-service.ts';
import { type HomeView, homeView } from '../shared/home.ts';
import type { Logger } from '../shared/log.ts';
import { escapeMrkdwn, escapeWithin, plainText, truncate } from './mrkdwn.ts';
import { LIMITS, type SlackMessage } from './render.ts';

/** Block Kit's limits for a Home tab (https://docs.slack.dev/reference/views/home-tab-views). */
export const HOME_LIMITS = { blocks: 100, headerText: 150, actionsElements: 25 } as const;

export const HOME_ACTION = {
  starter: (i: number) => `asylum_home_starter_${i}`,
  starterPattern: /^asylum_home_starter_(\d{1,2})$/,
} as const;

export type HomeTab = types.HomeView & { blocks: types.KnownBlock[] };

function section(text: string): types.SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: escapeWithin(text, LIMITS.sectionText), verbatim: true },
  };
}

function context(text: string): types.ContextBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeWithin(text, LIMITS.sectionText), verbatim: true }],
  };
}

/**
 * The App Home tab: what the bot answers and does not, the privacy summary, the starter questions
 * as buttons and how current the knowledge is. A dozen blocks, far within the 100 allowed.
 */
export function renderHome(view: HomeView): HomeTab {
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(plainText(view.title), HOME_LIMITS.headerText) },
    },
  ];
  for (const part of view.sections) {
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        // Headings are ours; the text is escaped like any other.
        text: `*${escapeMrkdwn(part.heading)}*\n${escapeWithin(part.text, LIMITS.sectionText - 200)}`,
        verbatim: true,
      },
    });
  }
  const starters = view.starters.slice(0, HOME_LIMITS.actionsElements);
  if (starters.length) {
    blocks.push({ type: 'divider' }, section(`*${view.startersHeading}*`));
    blocks.push({
      type: 'actions',
      block_id: 'asylum_home_starters',
      elements: starters.map((question, i) => ({
        type: 'button',
        action_id: HOME_ACTION.starter(i),
        text: { type: 'plain_text', text: truncate(plainText(question), LIMITS.buttonText) },
        value: String(i),
      })),
    });
  }
  if (view.reviewed) blocks.push(context(view.reviewed));
  blocks.push(context(view.disclaimer));
  return { type: 'home', blocks };
}

/**
 * `app_home_opened` publishes the Home tab; a starter button asks its question in the person's
 * direct message with the bot. `overview` is read on each use, so a knowledge reload shows.
 */
export function registerHome(
  app: App,
  service: ConversationService,
  logger: Logger,
  overview: () => KnowledgeOverview,
  render: (reply: Reply) => SlackMessage,
): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: renderHome(homeView(overview())) });
    logger.debug({ surface: 'slack' }, 'home tab published');
  });

  app.action<BlockAction<ButtonAction>>(
    HOME_ACTION.starterPattern,
    async ({ ack, body, action, client }) => {
      await ack();
      const index = Number(HOME_ACTION.starterPattern.exec(action.action_id)?.[1] ?? -1);
      const question = homeView(overview()).starters[index];
      if (!question) return;
      // A user id as the channel posts in the person's direct message with the app.
      await service.ask({
        via: 'dm',
        userId: body.user.id,
        text: question,
        conversationId: service.newConversation(),
        restate: true,
        send: (reply) => client.chat.postMessage({ channel: body.user.id, ...render(reply) }),
      });
    },
  );
}
