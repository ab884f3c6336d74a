import { MessageFlags } from 'discord.js';
import { vi } from 'vitest';
import {
  buttonClick,
  directMessage,
  mention,
  OTHER_USER,
  slashCommand,
} from '../discord/events.ts';
import type { RecordedRequest } from '../discord/fake-discord.ts';
import {
  isMessageRequest,
  messageOf,
  postedIn,
  type Running,
  startBot,
  stopBot,
} from '../discord/harness.ts';
import { problemsOf } from '../discord/limits.ts';
import type { ButtonKind, Sent, StartOptions, SurfaceDriver } from './driver.ts';

// biome-ignore lint/suspicious/noExplicitAny: message bodies are JSON
type Json = any;

const BUTTONS: Record<ButtonKind, RegExp> = {
  followUp: /^asylum:ask:/,
  up: /^asylum:vote:.*:up$/,
  down: /^asylum:vote:.*:down$/,
  share: /^asylum:share:/,
  escalate: /^asylum-help:open:/,
  confirm: /^asylum-help:send:/,
  confirmWithQuestion: /^asylum-help:sendq:/,
  more: /^asylum:more:/,
};

/** The moderators' channel when "Talk to a person" is set up. */
const MODERATORS = '310000000000000031';

/** A message the bot sent, or an interaction's message updated in place (a confirmation's outcome). */
const isSent = (request: RecordedRequest) =>
  (isMessageRequest(request) || (request.path.endsWith('/callback') && request.body?.type === 7)) &&
  !postedIn(MODERATORS)(request);

/** The id of the message a request created, as Discord answered it. */
function messageIdOf(request: RecordedRequest): string | undefined {
  return request.response?.resource?.message?.id ?? request.response?.id;
}

/** discord.js against the fake gateway and REST API; messages read from the REST requests. */
export function discordDriver(): SurfaceDriver {
  let running: Running | undefined;
  let baseline = 0;
  const need = () => {
    if (!running) throw new Error('start the driver first');
    return running;
  };
  const sent = () => need().fake.requests.filter((r) => isSent(r) && (r.status ?? 500) < 300);
  const sentOf = (request: RecordedRequest): Sent => {
    const body = messageOf(request);
    return {
      shown: JSON.stringify(body),
      private: ((body?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      raw: request,
    };
  };
  const next = async (before: number): Promise<Sent> =>
    sentOf(
      await vi.waitFor(
        () => {
          const all = sent();
          if (all.length <= before)
            throw new Error(`no new Discord message\n${need().fake.summary()}`);
          return all[before] as RecordedRequest;
        },
        { timeout: 5000, interval: 5 },
      ),
    );
  const act = async (start: () => void) => {
    const before = sent().length;
    start();
    return next(before);
  };
  const command = (text: string) => slashCommand(need().fake, text);

  return {
    name: 'Discord',
    supports: { privacy: true, buttons: true, rateLimit: true },
    async start(options: StartOptions) {
      running = await startBot({
        assistant: options.core,
        feedback: options.feedback,
        env: {
          ...(options.rateLimit && {
            RATE_LIMIT_BURST: String(options.rateLimit.burst),
            RATE_LIMIT_PER_MINUTE: String(options.rateLimit.perMinute),
          }),
          ...(options.escalation && { DISCORD_ESCALATION_CHANNEL: MODERATORS }),
        },
      });
    },
    moderatorNotices: () =>
      need()
        .fake.requests.filter(postedIn(MODERATORS))
        .map((request) => JSON.stringify(request.body)),
    ask: (text) => act(() => need().fake.interact(command(text))),
    direct: (text) =>
      act(() => need().fake.dispatch('MESSAGE_CREATE', directMessage(need().fake, text))),
    mention: (text) =>
      act(() => need().fake.dispatch('MESSAGE_CREATE', mention(need().fake, text))),
    replyTo(previous, text) {
      const id = messageIdOf(previous.raw as RecordedRequest);
      if (!id) throw new Error('the message has no id to reply to');
      return act(() => need().fake.dispatch('MESSAGE_CREATE', mention(need().fake, text, id)));
    },
    click(previous, kind, user) {
      const body: Json = messageOf(previous.raw as RecordedRequest);
      const button = (body.components ?? [])
        .flatMap((row: Json) => row.components)
        .find((b: Json) => BUTTONS[kind].test(b.custom_id));
      if (!button) throw new Error(`no ${kind} button in ${JSON.stringify(body)}`);
      const clicker = user ? OTHER_USER : undefined;
      return act(() =>
        need().fake.interact(buttonClick(need().fake, button.custom_id, body, clicker)),
      );
    },
    pingsAnyone: (message) => {
      const body = messageOf(message.raw as RecordedRequest);
      return problemsOf(body).some((problem) => problem.startsWith('allowed_mentions'));
    },
    logs: () => need().logs.join(''),
    askInBackground(text) {
      baseline = sent().length;
      need().fake.interact(command(text));
    },
    nextSent: () => next(baseline),
    stop: () => need().bot.stop(),
    async close() {
      await stopBot(running);
      running = undefined;
    },
  };
}
