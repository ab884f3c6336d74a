import { DEFAULT_AUTO_MIN_CONFIDENCE } from '../../adapters/shared/auto-answer.ts';
import { ASKER, directMessage, member, message } from '../discord/events.ts';
import {
  BOT_USER,
  DM_CHANNEL_ID,
  type FakeDiscord,
  GUILD_ID,
  type RecordedRequest,
} from '../discord/fake-discord.ts';
import { isMessageRequest, postedIn, type Running, startBot, stopBot } from '../discord/harness.ts';
import type { Author, AutoDriver } from './auto-driver.ts';

export const AUTO_FORUM = '310000000000000001';
const OTHER_FORUM = '310000000000000002';

type GatewayUser = typeof ASKER & { bot?: boolean };

/** Sends the DM that tells when earlier events were handled. */
const SETTLER: GatewayUser = { ...ASKER, id: '500000000000000088', username: 'settler' };

const AUTHORS: Record<Author, GatewayUser> = {
  person: ASKER,
  'other bot': { ...ASKER, id: '500000000000000077', username: 'otherbot', bot: true },
  'this bot': { ...BOT_USER, global_name: 'asylum-answers' },
};

interface ForumPost {
  threadId: string;
  starter: object;
}

/** A message as the gateway sends it, in a forum post's thread. */
function threadMessage(
  fake: FakeDiscord,
  threadId: string,
  content: string,
  extra: { id?: string; author?: GatewayUser; mentionsBot?: boolean } = {},
) {
  const author = extra.author ?? ASKER;
  // Without the Message Content intent, Discord sends a post's text only when it mentions the bot.
  return message(fake, extra.mentionsBot ? `<@${BOT_USER.id}> ${content}` : '', {
    ...(extra.id && { id: extra.id }),
    channel_id: threadId,
    guild_id: GUILD_ID,
    author,
    member: member(author),
    mentions: extra.mentionsBot ? [BOT_USER] : [],
  });
}

/**
 * discord.js against the fake gateway: a forum post is THREAD_CREATE (the title) then the
 * starter message, as Discord sends them. `settle()` sends a DM ("help") and waits for its
 * reply: the gateway delivers events in order, so every event before it has reached its handler;
 * then it waits for the answers in progress (the service's drain, which stops nothing).
 */
export function discordAutoDriver(): AutoDriver {
  let running: Running | undefined;
  const need = () => {
    if (!running) throw new Error('start the driver first');
    return running;
  };
  const sent = () =>
    need().fake.requests.filter((r) => isMessageRequest(r) && !postedIn(DM_CHANNEL_ID)(r));
  const shown = (requests: RecordedRequest[]) => requests.map((r) => JSON.stringify(r.body));

  const newPost = (title: string, forum: string, author: GatewayUser, mentionsBot: boolean) => {
    const { fake } = need();
    const threadId = fake.nextId();
    fake.dispatch('THREAD_CREATE', {
      id: threadId,
      type: 11,
      guild_id: GUILD_ID,
      parent_id: forum,
      owner_id: author.id,
      name: title,
      last_message_id: threadId,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      applied_tags: [],
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 4320,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      newly_created: true,
    });
    const starter = threadMessage(fake, threadId, title, { id: threadId, author, mentionsBot });
    fake.dispatch('MESSAGE_CREATE', starter);
    return { raw: { threadId, starter } satisfies ForumPost };
  };

  return {
    name: 'Discord',
    async start(options) {
      running = await startBot({
        assistant: options.core,
        env: {
          DISCORD_AUTO_FORUMS: AUTO_FORUM,
          AUTO_ANSWER_MIN_CONFIDENCE: String(options.minConfidence ?? DEFAULT_AUTO_MIN_CONFIDENCE),
          ...(options.rateLimit && {
            RATE_LIMIT_BURST: String(options.rateLimit.burst),
            RATE_LIMIT_PER_MINUTE: String(options.rateLimit.perMinute),
          }),
        },
      });
    },
    post: async (text, { author = 'person', listed = true } = {}) =>
      newPost(text, listed ? AUTO_FORUM : OTHER_FORUM, AUTHORS[author], false),
    postMentioning: async (text) => newPost(text, AUTO_FORUM, ASKER, true),
    async redeliver(post) {
      need().fake.dispatch('MESSAGE_CREATE', (post.raw as ForumPost).starter);
    },
    async edit(post, text) {
      const { starter } = post.raw as ForumPost;
      need().fake.dispatch('MESSAGE_UPDATE', {
        ...starter,
        content: '',
        edited_timestamp: new Date().toISOString(),
        title: text,
      });
    },
    async reply(post, text, { mention = false } = {}) {
      const { threadId } = post.raw as ForumPost;
      need().fake.dispatch(
        'MESSAGE_CREATE',
        threadMessage(need().fake, threadId, text, { mentionsBot: mention }),
      );
    },
    async settle() {
      const { fake, bot } = need();
      const before = new Set(fake.requests);
      // From someone else: "help" is the core's to answer and takes from the asker's rate limit.
      fake.dispatch('MESSAGE_CREATE', { ...directMessage(fake, 'help'), author: SETTLER });
      await fake.waitFor((r) => postedIn(DM_CHANNEL_ID)(r) && !before.has(r));
      // Every earlier event has reached its handler; wait for the answers they started.
      await bot.service.stop();
    },
    repliesIn: (post) => shown(sent().filter(postedIn((post.raw as ForumPost).threadId))),
    everything: () => shown(sent()),
    logs: () => need().logs.join(''),
    async close() {
      await stopBot(running);
      running = undefined;
    },
  };
}
