import { DEFAULT_AUTO_MIN_CONFIDENCE } from '../../adapters/shared/auto-answer.ts';
import { BOT_ID, BOT_USER_ID } from '../slack/fake-slack.ts';
import { type Bot, startBot } from '../slack/harness.ts';
import { asJson, eventCallback, mention, message, nextTs, postToApp } from '../slack/requests.ts';
import type { Author, AutoDriver } from './auto-driver.ts';

type Json = Record<string, unknown>;

export const AUTO_CHANNEL = 'C0AUTOHELP';
const OTHER_CHANNEL = 'C0GENERAL1';

interface SlackPost {
  channel: string;
  ts: string;
  event: Json;
}

const AUTHORS: Record<Author, Json> = {
  person: {},
  'other bot': { user: 'UOTHERBOT', bot_id: 'BOTHER' },
  'this bot': { user: BOT_USER_ID, bot_id: BOT_ID },
};

/**
 * Slack in HTTP mode with `processBeforeResponse`: a request returns once the app has handled
 * it, so every event is settled when its delivery resolves.
 */
export function slackAutoDriver(): AutoDriver {
  let bot: Bot | undefined;
  const need = () => {
    if (!bot) throw new Error('start the driver first');
    return bot;
  };
  const deliver = async (event: Json) => {
    await postToApp(need().eventsUrl, asJson(eventCallback(event)));
  };
  const channelMessage = (text: string, channel: string, fields: Json = {}) =>
    message(text, { channel, channel_type: 'channel', ...fields });
  const posts = () =>
    need()
      .fake.callsTo('chat.postMessage')
      .map((call) => call.args);

  return {
    name: 'Slack',
    async start(options) {
      bot = await startBot({
        assistant: options.core,
        rateLimit: options.rateLimit,
        autoAnswer: {
          places: new Set([AUTO_CHANNEL]),
          minConfidence: options.minConfidence ?? DEFAULT_AUTO_MIN_CONFIDENCE,
        },
      });
    },
    async post(text, { author = 'person', listed = true } = {}) {
      const channel = listed ? AUTO_CHANNEL : OTHER_CHANNEL;
      const event = channelMessage(text, channel, AUTHORS[author]);
      await deliver(event);
      return { raw: { channel, ts: String(event.ts), event } satisfies SlackPost };
    },
    async postMentioning(text) {
      // Slack sends a message that mentions the app twice: as app_mention and as message.
      const event = mention(text, { channel: AUTO_CHANNEL });
      await deliver(event);
      await deliver({ ...event, type: 'message', channel_type: 'channel' });
      return { raw: { channel: AUTO_CHANNEL, ts: String(event.ts), event } satisfies SlackPost };
    },
    async redeliver(post) {
      // A new event id: the app's event dedupe does not apply, the thread's "answered" claim must.
      await deliver((post.raw as SlackPost).event);
    },
    async edit(post, text) {
      const { channel, event } = post.raw as SlackPost;
      const edited = nextTs();
      await deliver({
        type: 'message',
        subtype: 'message_changed',
        channel,
        channel_type: 'channel',
        hidden: true,
        ts: edited,
        event_ts: edited,
        message: { ...event, text, edited: { user: event.user, ts: edited } },
        previous_message: event,
      });
    },
    async reply(post, text, { mention: mentions = false } = {}) {
      const { channel, ts } = post.raw as SlackPost;
      if (!mentions) {
        await deliver(channelMessage(text, channel, { thread_ts: ts }));
        return;
      }
      const event = mention(text, { channel, thread_ts: ts });
      await deliver(event);
      await deliver({ ...event, type: 'message', channel_type: 'channel' });
    },
    async settle() {},
    repliesIn(post) {
      const { channel, ts } = post.raw as SlackPost;
      return posts()
        .filter((args) => args.channel === channel && args.thread_ts === ts)
        .map((args) => JSON.stringify(args));
    },
    everything: () => posts().map((args) => JSON.stringify(args)),
    logs: () => need().logText(),
    async close() {
      await bot?.close();
      bot = undefined;
    },
  };
}
