import { vi } from 'vitest';
import { ESCALATION_ACTION } from '../../adapters/slack/escalation.ts';
import { ACTION } from '../../adapters/slack/render.ts';
import { LIVE_MENTION } from '../slack/block-kit.ts';
import { type Bot, startBot } from '../slack/harness.ts';
import {
  asForm,
  asJson,
  blockAction,
  eventCallback,
  findButton,
  mention,
  message,
  postToApp,
  slashCommand,
} from '../slack/requests.ts';
import type { ButtonKind, Sent, StartOptions, SurfaceDriver } from './driver.ts';

type Json = Record<string, unknown>;

/** Where a Slack message went: a response_url (private unless in_channel) or a channel post. */
interface Delivered {
  body: Json;
  responseUrl?: string;
  post?: { channel: string; ts: string; thread_ts: string };
}

const BUTTONS: Record<ButtonKind, string | RegExp> = {
  followUp: ACTION.followUpPattern,
  up: ACTION.feedbackUp,
  down: ACTION.feedbackDown,
  share: ACTION.share,
  escalate: ESCALATION_ACTION.open,
  confirm: ESCALATION_ACTION.send,
  confirmWithQuestion: ESCALATION_ACTION.sendWithQuestion,
  more: ACTION.more,
};

/** The moderators' channel when "Talk to a person" is set up. */
const MODERATORS = 'C0MODS001';

/**
 * Slack over HTTP (signed requests) or Socket Mode (envelopes on a WebSocket), with a fake Web
 * API and response_urls. Messages are read in the order the fake received them.
 */
export function slackDriver(mode: 'http' | 'socket'): SurfaceDriver {
  let bot: Bot | undefined;
  let responses = 0;
  let baseline = 0;
  const need = () => {
    if (!bot) throw new Error('start the driver first');
    return bot;
  };

  /** Every message the app sent so far, posts and responses, skipping deletions. */
  const delivered = (): Delivered[] => {
    const b = need();
    const posts = b.fake.calls
      .map((call, i) => ({ call, i }))
      .filter(({ call }) => call.method === 'chat.postMessage' && call.args.channel !== MODERATORS);
    return [
      ...posts.map(({ call }, n) => ({
        body: call.args,
        post: {
          channel: String(call.args.channel),
          ts: `posted-${n}`,
          thread_ts: String(call.args.thread_ts),
        },
      })),
      ...b.fake.responses
        .filter((r) => !r.body.delete_original)
        .map((r) => ({ body: r.body, responseUrl: r.id })),
    ];
  };
  const sentOf = (d: Delivered): Sent => ({
    shown: JSON.stringify(d.body),
    private: d.post === undefined && d.body.response_type !== 'in_channel',
    raw: d,
  });
  const next = async (before: number): Promise<Sent> => {
    const d = await vi.waitFor(
      () => {
        const all = delivered();
        if (all.length <= before) throw new Error(`no new Slack message (${all.length})`);
        return all[all.length - 1] as Delivered;
      },
      { timeout: 5000, interval: 5 },
    );
    return sentOf(d);
  };

  /** Delivers a payload the way this mode does; resolves once Slack would have it acknowledged. */
  const deliver = async (kind: 'event' | 'command' | 'action', payload: Json) => {
    const b = need();
    if (mode === 'socket') {
      const type =
        kind === 'event' ? 'events_api' : kind === 'command' ? 'slash_commands' : 'interactive';
      await b.fake.sendEnvelope(type, payload);
      return;
    }
    const request =
      kind === 'event'
        ? asJson(payload)
        : kind === 'command'
          ? {
              body: new URLSearchParams(payload as Record<string, string>).toString(),
              contentType: 'application/x-www-form-urlencoded',
            }
          : asForm(payload);
    await postToApp(b.eventsUrl, request);
  };
  const act = async (kind: 'event' | 'command' | 'action', payload: Json) => {
    const before = delivered().length;
    await deliver(kind, payload);
    return next(before);
  };
  const responseUrl = () => need().fake.responseUrl(`r${++responses}`);
  const command = (text: string, user?: string) =>
    slashCommand({ text, responseUrl: responseUrl(), user }).payload;

  return {
    name: `Slack (${mode === 'http' ? 'HTTP' : 'Socket Mode'})`,
    supports: { privacy: true, buttons: true, rateLimit: true },
    async start(options: StartOptions) {
      bot = await startBot({
        assistant: options.core,
        mode,
        rateLimit: options.rateLimit,
        feedback: options.feedback,
        escalation: options.escalation ? { channel: MODERATORS } : undefined,
      });
    },
    moderatorNotices: () =>
      need()
        .fake.callsTo('chat.postMessage')
        .filter((call) => call.args.channel === MODERATORS)
        .map((call) => JSON.stringify(call.args)),
    ask: (text, user) => act('command', command(text, user)),
    direct: (text) => act('event', eventCallback(message(text))),
    mention: (text) => act('event', eventCallback(mention(text))),
    replyTo(sent, text) {
      const { post } = sent.raw as Delivered;
      if (!post) throw new Error('only a message in a channel can be replied to in its thread');
      const reply = message(text, {
        channel: post.channel,
        channel_type: 'channel',
        thread_ts: post.thread_ts,
      });
      return act('event', eventCallback(reply));
    },
    click(sent, kind, user) {
      const d = sent.raw as Delivered;
      const button = findButton(d.body, BUTTONS[kind]);
      return act(
        'action',
        blockAction(button, {
          responseUrl: responseUrl(),
          user,
          ...(d.post
            ? { channel: d.post.channel, message: { ts: d.post.ts, thread_ts: d.post.thread_ts } }
            : {}),
        }),
      );
    },
    pingsAnyone: (sent) => {
      const body = (sent.raw as Delivered).body;
      const texts = JSON.stringify(body);
      // Block text is sent verbatim (never parsed into mentions); the fallback text is not.
      return LIVE_MENTION.test(String(body.text)) || texts.includes('"verbatim":false');
    },
    logs: () => need().logText(),
    askInBackground(text) {
      baseline = delivered().length;
      void deliver('command', command(text)).catch(() => undefined);
    },
    nextSent: () => next(baseline),
    stop: () => need().slack.stop(),
    async close() {
      await bot?.close();
      bot = undefined;
    },
  };
}
