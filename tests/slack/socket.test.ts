import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FeedbackCounter } from '../../adapters/shared/feedback.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { ACTION } from '../../adapters/slack/render.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { APP_TOKEN, type Bot, startBot } from './harness.ts';
import { blockAction, eventCallback, findButton, mention, slashCommand } from './requests.ts';

// Socket Mode end to end: the real Bolt app asks the fake for a WebSocket URL
// (apps.connections.open, with the app token), connects, waits for `hello`, and then receives
// events, commands and clicks as envelopes, acknowledging each one on the socket.

let assistant: Assistant;
let bot: Bot | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Waits (vitest's own polling) until `probe` finds something. */
function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  return vi.waitFor(
    () => {
      const found = probe();
      if (found === undefined) throw new Error(`no ${what} yet`);
      return found;
    },
    { timeout: 3000, interval: 10 },
  );
}

describe('Socket Mode', () => {
  it('connects with the app token and answers a mention in its thread, once', async () => {
    const feedback = new FeedbackCounter();
    bot = await startBot({ assistant, mode: 'socket', feedback });
    const b = bot;
    const open = b.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(APP_TOKEN);

    const event = mention('Can Americans claim asylum in Germany?');
    const envelope = eventCallback(event);
    const ack = await b.fake.sendEnvelope('events_api', envelope);
    expect(ack).toEqual({ envelope_id: expect.any(String), payload: {} });
    const answer = await until('the answer', () => b.fake.callsTo('chat.postMessage')[0]?.args);
    expect(answer).toMatchObject({ channel: 'C1', thread_ts: event.ts });
    expect(answer.text).toMatch(/^Americans can apply for asylum in Germany .*\[1\]/);

    // Redelivered after a reconnect: acknowledged, not answered again.
    await b.fake.sendEnvelope('events_api', envelope, {
      retry_attempt: 1,
      retry_reason: 'timeout',
    });

    // A click on the posted answer's 👍 arrives as an `interactive` envelope.
    const up = findButton(answer, ACTION.feedbackUp);
    await b.fake.sendEnvelope(
      'interactive',
      blockAction(up, {
        responseUrl: b.fake.responseUrl('vote'),
        message: { ts: '1700000003.000100', thread_ts: String(event.ts) },
      }),
    );
    await until('the thanks', () => b.fake.responsesTo('vote')[0]);

    await b.slack.stop();
    expect(b.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(feedback.get('germany')).toEqual({ up: 1, down: 0 });
  });

  it('answers /asylum privately through the response_url', async () => {
    bot = await startBot({ assistant, mode: 'socket' });
    const b = bot;
    const { payload } = slashCommand({
      text: 'Does the safe third country agreement apply to US citizens?',
      responseUrl: b.fake.responseUrl('cmd'),
    });
    const ack = await b.fake.sendEnvelope('slash_commands', payload);
    expect(ack.envelope_id).toEqual(expect.any(String));
    const reply = await until('the private answer', () => b.fake.responsesTo('cmd')[0]?.body);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(
      /^The Safe Third Country Agreement does not apply to US citizens.*\[1\]/,
    );
  });

  it('lets an answer in progress finish on stop, then closes the socket', async () => {
    bot = await startBot({ assistant, mode: 'socket' });
    const b = bot;
    b.fake.delayNext('chat.postMessage', 300);
    await b.fake.sendEnvelope(
      'events_api',
      eventCallback(mention('Can Americans claim asylum in Canada?')),
    );
    await until('the answer to start', () => b.fake.callsTo('chat.postMessage')[0]);
    await b.slack.stop();
    // The answer was delivered and logged before stop() resolved.
    expect(b.logs().filter((line) => line.msg === 'answered')).toHaveLength(1);
    expect(b.logs().some((line) => line.msg === 'Slack adapter stopped')).toBe(true);
    await Promise.all(b.fake.sockets.map(({ closed }) => closed));
    expect(b.fake.sockets).toHaveLength(1);
  });

  it('apologizes when the answer cannot be sent', async () => {
    bot = await startBot({ assistant, mode: 'socket' });
    const b = bot;
    b.fake.failNext('chat.postMessage', 'channel_not_found');
    await b.fake.sendEnvelope(
      'events_api',
      eventCallback(mention('Can Americans claim asylum in Canada?')),
    );
    const apology = await until('the apology', () => b.fake.callsTo('chat.postMessage')[1]?.args);
    expect(apology.text).toBe(WORDING.apology);
  });
});
