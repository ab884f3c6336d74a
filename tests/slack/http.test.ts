import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackCounter } from '../../adapters/shared/feedback.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { ACTION } from '../../adapters/slack/render.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { LIVE_MENTION } from './block-kit.ts';
import { BOT_TOKEN, type Bot, type BotOptions, startBot } from './harness.ts';
import { knowledgeWithLongPassage, LONG_QUESTION } from './knowledge.ts';
import {
  asForm,
  asJson,
  blockAction,
  eventCallback,
  findButton,
  mention,
  message,
  nextTs,
  postToApp,
  SIGNING_SECRET,
  slashCommand,
} from './requests.ts';

type Json = Record<string, unknown>;

// A real Bolt app (createSlackApp) in HTTP mode, signed requests in, a fake Slack Web API and
// response_url out. Bolt runs with processBeforeResponse, so when a POST returns, the app is done.

let assistant: Assistant;
let bot: Bot | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function start(options: Partial<BotOptions> = {}): Promise<Bot> {
  bot = await startBot({ assistant, ...options });
  return bot;
}

async function send(b: Bot, request: Parameters<typeof postToApp>[1], headers = {}) {
  const response = await postToApp(b.eventsUrl, request, { headers });
  expect(response.status).toBe(200);
  return response;
}

function posted(b: Bot): Json[] {
  return b.fake.callsTo('chat.postMessage').map((call) => call.args);
}

/** All the mrkdwn a message shows, joined: what a reader sees. */
function shown(m: Json): string {
  return JSON.stringify(m.blocks);
}

describe('/asylum', () => {
  it('acknowledges at once and answers privately, with citations and a share button', async () => {
    const b = await start();
    const response = await send(
      b,
      slashCommand({
        text: 'Can Americans claim asylum in Canada?',
        responseUrl: b.fake.responseUrl('r1'),
      }),
    );
    expect(response.body).toBe('');
    const [reply] = b.fake.responsesTo('r1');
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.text).toMatch(/^Americans can make a refugee claim in Canada.*\[1\]/);
    expect(shown(reply?.body ?? {})).toContain(
      '<https://example.org/claim-in-canada|[1] Fixture source for claim-in-canada> · Fixture Publisher, 2025-06',
    );
    expect(shown(reply?.body ?? {})).toContain('not legal advice');
    expect(findButton(reply?.body ?? {}, ACTION.share).text.text).toBe('Share in channel');
    expect(b.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('replies with help and example questions when no question is given', async () => {
    const b = await start();
    await send(b, slashCommand({ text: '  ', responseUrl: b.fake.responseUrl('help') }));
    const [reply] = b.fake.responsesTo('help');
    expect(reply?.body.text).toMatch(/Ask me about seeking asylum/);
    expect(reply?.body.text).toContain('/asylum Can Americans claim asylum in Canada?');
    expect(reply?.body.response_type).toBe('ephemeral');
    // "help" is the core's to read: what it can answer, its starter questions, and how to ask here.
    await send(b, slashCommand({ text: 'help', responseUrl: b.fake.responseUrl('help2') }));
    const [help] = b.fake.responsesTo('help2');
    expect(JSON.stringify(help?.body.blocks)).toMatch(/I answer questions about seeking asylum/);
    expect(JSON.stringify(help?.body.blocks)).toContain('Can Americans claim asylum in Canada?');
    expect(JSON.stringify(help?.body.blocks)).toContain('mention me in a channel');
    expect(help?.body.response_type).toBe('ephemeral');
  });

  it('shares the private answer in the channel, restating the question', async () => {
    const b = await start();
    await send(
      b,
      slashCommand({
        text: 'Does the safe third country agreement apply to US citizens?',
        responseUrl: b.fake.responseUrl('ask'),
      }),
    );
    const privateAnswer = b.fake.responsesTo('ask')[0]?.body ?? {};
    const share = findButton(privateAnswer, ACTION.share);
    await send(b, asForm(blockAction(share, { responseUrl: b.fake.responseUrl('share') })));

    const [inChannel, deleted] = b.fake.responsesTo('share').map((r) => r.body);
    expect(inChannel?.response_type).toBe('in_channel');
    expect(shown(inChannel ?? {})).toContain(
      '*Question:* Does the safe third country agreement apply to US citizens?',
    );
    expect(inChannel?.text).toBe(privateAnswer.text);
    expect(shown(inChannel ?? {})).toContain('https://example.org/stca|[1]');
    expect(shown(inChannel ?? {})).not.toContain(ACTION.share);
    expect(deleted).toEqual({ delete_original: true });
  });

  it('asks a suggested question from a private answer privately, in the same conversation', async () => {
    const b = await start();
    await send(
      b,
      slashCommand({
        text: 'Can Americans claim asylum in Germany?',
        responseUrl: b.fake.responseUrl('first'),
      }),
    );
    const followUp = findButton(b.fake.responsesTo('first')[0]?.body ?? {}, ACTION.followUpPattern);
    await send(b, asForm(blockAction(followUp, { responseUrl: b.fake.responseUrl('second') })));
    const [reply] = b.fake.responsesTo('second');
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.replace_original).toBe(false);
    expect(shown(reply?.body ?? {})).toContain(`*Question:* ${followUp.text.text}`);
    expect(reply?.body.text).toMatch(/\[1\]/);
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention in a thread under it', async () => {
    const b = await start();
    const event = mention('Can Americans claim asylum in Germany?');
    await send(b, asJson(eventCallback(event)));
    const [answer] = posted(b);
    expect(answer?.channel).toBe('C1');
    expect(answer?.thread_ts).toBe(event.ts);
    expect(answer?.text).toMatch(/^Americans can apply for asylum in Germany .*\[1\]/);
    expect(shown(answer ?? {})).toContain(
      '<https://example.org/germany|[1] Fixture source for germany>',
    );
    expect(shown(answer ?? {})).not.toContain('*Question:*');
  });

  it('reads a later reply in that thread as a follow-up of the earlier question', async () => {
    const b = await start();
    const first = mention('Can Americans claim asylum in Germany?');
    await send(b, asJson(eventCallback(first)));
    // Alone, "how do I apply there?" is not about Germany (see tests/conversation).
    const reply = message('how do I apply there?', {
      channel: 'C1',
      channel_type: 'channel',
      thread_ts: first.ts,
    });
    await send(b, asJson(eventCallback(reply)));
    const answers = posted(b);
    expect(answers).toHaveLength(2);
    expect(answers[1]?.thread_ts).toBe(first.ts);
    expect(shown(answers[1] ?? {})).toContain('https://example.org/germany|[1]');

    // A reply in a thread the bot is not part of is none of its business.
    const elsewhere = message('how do I apply there?', {
      channel: 'C1',
      channel_type: 'channel',
      thread_ts: nextTs(),
    });
    await send(b, asJson(eventCallback(elsewhere)));
    expect(posted(b)).toHaveLength(2);
  });

  it('answers a direct message in the DM, each DM thread being its own conversation', async () => {
    const b = await start();
    const dm = message('Can Americans claim asylum in Germany?');
    await send(b, asJson(eventCallback(dm)));
    await send(b, asJson(eventCallback(message('how do I apply there?', { thread_ts: dm.ts }))));
    const [first, second] = posted(b);
    expect(first?.channel).toBe('D1');
    expect(first?.thread_ts).toBe(dm.ts);
    expect(second?.thread_ts).toBe(dm.ts);
    expect(shown(second ?? {})).toContain('https://example.org/germany|[1]');
  });

  it('asks a follow-up button question in the same thread, restating it', async () => {
    const b = await start();
    const event = mention('Can Americans claim asylum in Canada?');
    await send(b, asJson(eventCallback(event)));
    const answer = posted(b)[0] ?? {};
    const button = findButton(answer, ACTION.followUp(0));
    const clicked = blockAction(button, {
      responseUrl: b.fake.responseUrl('click'),
      message: { ts: '1700000001.000100', thread_ts: String(event.ts) },
    });
    await send(b, asForm(clicked));
    const followUp = posted(b)[1];
    expect(followUp?.thread_ts).toBe(event.ts);
    expect(shown(followUp ?? {})).toContain(`*Question:* ${button.text.text}`);
    // The suggested questions are passage titles: the answer cites that passage.
    const expected = assistant.ask(button.text.text);
    expect(followUp?.text).toBe(expected.text);
    expect(expected.text).toMatch(/\[1\]/);
  });

  it('ignores its own messages, other bots, edits and channel chatter', async () => {
    const b = await start();
    const q = 'Can Americans claim asylum in Canada?';
    await send(b, asJson(eventCallback(message(q, { user: 'UBOT' }))));
    await send(b, asJson(eventCallback(message(q, { bot_id: 'B2', user: 'U9' }))));
    await send(b, asJson(eventCallback(message(q, { subtype: 'message_changed' }))));
    await send(b, asJson(eventCallback(mention(q, { bot_id: 'B2' }))));
    await send(b, asJson(eventCallback(message(q, { channel: 'C1', channel_type: 'channel' }))));
    expect(posted(b)).toEqual([]);
  });
});

describe('feedback', () => {
  it('counts 👍/👎 per passage, once per person and answer, and thanks privately', async () => {
    const feedback = new FeedbackCounter();
    const b = await start({ feedback });
    const event = mention('Can Americans claim asylum in Canada?');
    await send(b, asJson(eventCallback(event)));
    const answer = { ts: '1700000002.000100', thread_ts: String(event.ts) };
    const up = findButton(posted(b)[0] ?? {}, ACTION.feedbackUp);
    const down = findButton(posted(b)[0] ?? {}, ACTION.feedbackDown);

    const click = (button: typeof up, user: string, id: string) =>
      send(
        b,
        asForm(blockAction(button, { responseUrl: b.fake.responseUrl(id), message: answer, user })),
      );
    await click(up, 'U1', 'v1');
    await click(up, 'U1', 'v2');
    await click(down, 'U2', 'v3');

    expect(feedback.snapshot()).toEqual({ 'claim-in-canada': { up: 1, down: 1 } });
    expect(b.fake.responsesTo('v1')[0]?.body.text).toBe(WORDING.thanks);
    expect(b.fake.responsesTo('v2')[0]?.body.text).toBe(WORDING.alreadyVoted);
    expect(b.fake.responsesTo('v1')[0]?.body.response_type).toBe('ephemeral');
    // Counts only: no user and no question in the feedback log.
    const logged = b.logs().filter((line) => line.msg === 'feedback');
    expect(logged).toEqual([
      expect.objectContaining({ vote: 'up', passages: ['claim-in-canada'] }),
      expect.objectContaining({ vote: 'down', passages: ['claim-in-canada'] }),
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/U1|U2|Canada/);
  });
});

describe('request verification', () => {
  const request = () => asJson(eventCallback(mention('Can Americans claim asylum in Canada?')));

  it('rejects bad, stale and missing signatures with 401, and does nothing', async () => {
    const b = await start();
    const wrongSecret = await postToApp(b.eventsUrl, request(), { secret: 'not-the-secret' });
    const stale = await postToApp(b.eventsUrl, request(), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    const unsigned = await postToApp(b.eventsUrl, request(), { secret: null });
    expect([wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(posted(b)).toEqual([]);
    // The same request, properly signed, is answered.
    expect((await postToApp(b.eventsUrl, request(), { secret: SIGNING_SECRET })).status).toBe(200);
    expect(posted(b)).toHaveLength(1);
  });

  it('answers an event Slack retries only once', async () => {
    const b = await start();
    const event = eventCallback(mention('Can Americans claim asylum in Canada?'));
    await send(b, asJson(event));
    await send(b, asJson(event), {
      'X-Slack-Retry-Num': '1',
      'X-Slack-Retry-Reason': 'http_timeout',
    });
    await send(b, asJson(event), {
      'X-Slack-Retry-Num': '2',
      'X-Slack-Retry-Reason': 'http_timeout',
    });
    expect(posted(b)).toHaveLength(1);
  });

  it('answers a message that arrives as both app_mention and message once', async () => {
    const b = await start();
    const first = mention('Can Americans claim asylum in Germany?');
    await send(b, asJson(eventCallback(first)));
    const reply = mention('how do I apply there?', { thread_ts: first.ts });
    await send(b, asJson(eventCallback(reply)));
    await send(b, asJson(eventCallback({ ...reply, type: 'message', channel_type: 'channel' })));
    expect(posted(b)).toHaveLength(2);
  });
});

describe('"More"', () => {
  it("shows a shortened answer's passages in full to the clicker alone, within Block Kit limits", async () => {
    const long = knowledgeWithLongPassage();
    try {
      const b = await start({ assistant: await createAssistant({ knowledgeDir: long.dir }) });
      await send(b, asJson(eventCallback(mention(LONG_QUESTION))));
      const [answer] = posted(b);
      expect(shown(answer ?? {})).not.toContain('form R-60 within 69 days');
      const more = findButton(answer ?? {}, ACTION.more);
      expect(more.text.text).toBe(WORDING.more);
      await send(b, asForm(blockAction(more, { responseUrl: b.fake.responseUrl('more') })));
      const [full] = b.fake.responsesTo('more');
      expect(full?.body.response_type).toBe('ephemeral');
      const blocks = (full?.body.blocks ?? []) as { type: string; text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      const sections = blocks.flatMap((block) => (block.text ? [block.text.text] : []));
      expect(Math.max(...sections.map((text) => text.length))).toBeLessThanOrEqual(3000);
      expect(sections.join(' ')).toContain('form R-60 within 69 days');
      // Still escaped: the passage's "<!channel>" cannot ping anyone from the full text either.
      expect(JSON.stringify(full?.body)).not.toMatch(LIVE_MENTION);
      // Nothing was posted in the channel for it.
      expect(posted(b)).toHaveLength(1);
    } finally {
      long.remove();
    }
  });

  it('offers "More" only when the answer left something out', async () => {
    const b = await start();
    await send(
      b,
      slashCommand({ text: 'what about mexico', responseUrl: b.fake.responseUrl('a') }),
    );
    const [reply] = b.fake.responsesTo('a');
    expect(shown(reply?.body ?? {})).toMatch(/Mexico.*\[1\]/);
    expect(shown(reply?.body ?? {})).not.toContain(ACTION.more);
  });

  it('says plainly when the passages are gone (a restart without a shared store)', async () => {
    const b = await start();
    await send(b, slashCommand({ text: 'Germany?', responseUrl: b.fake.responseUrl('a') }));
    const share = findButton(b.fake.responsesTo('a')[0]?.body ?? {}, ACTION.share);
    const stale = { ...share, action_id: ACTION.more, value: 'forgotten-key' };
    await send(b, asForm(blockAction(stale, { responseUrl: b.fake.responseUrl('stale') })));
    const [reply] = b.fake.responsesTo('stale');
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.text).toBe(WORDING.moreExpired('/asylum'));
  });
});

describe('safety', () => {
  it('never posts a live mention, whatever the question contains', async () => {
    const b = await start();
    const question =
      '<!channel> <@U2> <!subteam^S1|@team> Can Americans claim asylum in Canada? @here &lt;!everyone&gt; <https://evil.example|Canada>';
    await send(b, slashCommand({ text: question, responseUrl: b.fake.responseUrl('ask') }));
    const share = findButton(b.fake.responsesTo('ask')[0]?.body ?? {}, ACTION.share);
    await send(b, asForm(blockAction(share, { responseUrl: b.fake.responseUrl('share') })));
    const inChannel = b.fake.responsesTo('share')[0]?.body ?? {};

    expect(JSON.stringify(b.fake.responses)).not.toMatch(LIVE_MENTION);
    // The markup was stripped before the question reached the core: it got a Canada answer.
    expect(shown(inChannel)).toContain('https://example.org/claim-in-canada|[1]');
    const restated = JSON.stringify(inChannel.blocks).match(/\*Question:\* ([^"]*)/)?.[1] ?? '';
    expect(restated).not.toMatch(/U2|S1|evil|channel/);
    expect(restated).toContain('Can Americans claim asylum in Canada?');
    // Typed as text, "@here" stays readable but cannot notify (a word joiner follows the @).
    expect(restated).toContain('@\u2060here');
  });

  it('splits an answer over 3,000 characters into valid blocks, escaping passage text', async () => {
    const long = knowledgeWithLongPassage();
    try {
      // Answers are kept near 120 words by default; a deployment may allow long ones.
      const assistant = await createAssistant({ knowledgeDir: long.dir, maxWords: 100_000 });
      const b = await start({ assistant });
      await send(b, asJson(eventCallback(mention(LONG_QUESTION))));
      const [answer] = posted(b);
      const sections = ((answer?.blocks ?? []) as { type: string; text?: { text: string } }[])
        .filter((block) => block.type === 'section')
        .map((block) => block.text?.text ?? '');
      expect(sections.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...sections.map((s) => s.length))).toBeLessThanOrEqual(3000);
      const all = sections.join(' ');
      expect(all).toContain('form R-1 within 10 days');
      expect(all).toContain('form R-60 within 69 days');
      expect(all).toContain('every applicant &amp; every family member (&lt;');
      expect(shown(answer ?? {})).toContain(
        '<https://example.org/ruritania?a=1&amp;b=2|[1] Ruritanian &lt;!here&gt; procedure guide> · Ministry of &lt;@U999&gt; Ruritania, 2025-06',
      );
      expect(JSON.stringify(answer)).not.toMatch(LIVE_MENTION);
    } finally {
      long.remove();
    }
  });

  it('apologizes when the core fails, and logs the error without the question', async () => {
    const failing: Assistant = {
      ...assistant,
      ask: () => {
        throw new Error('knowledge index unavailable');
      },
    };
    const b = await start({ assistant: failing });
    await send(
      b,
      slashCommand({ text: 'Can I bring my zebra-3141?', responseUrl: b.fake.responseUrl('r') }),
    );
    expect(b.fake.responsesTo('r')[0]?.body.text).toBe(WORDING.apology);
    const error = b.logs().find((line) => line.msg === 'could not answer');
    expect(error?.error).toMatchObject({ message: 'knowledge index unavailable' });
    expect(b.logText()).not.toContain('zebra-3141');
  });

  it('apologizes in the thread when Slack rejects the answer', async () => {
    const b = await start();
    b.fake.failNext('chat.postMessage', 'msg_too_long');
    const event = mention('Can Americans claim asylum in Canada?');
    await send(b, asJson(eventCallback(event)));
    const [rejected, apology] = posted(b);
    expect(rejected?.text).toMatch(/\[1\]/);
    expect(apology).toMatchObject({ thread_ts: event.ts, text: WORDING.apology });
  });

  it('asks people who ask too fast to slow down', async () => {
    const b = await start({ rateLimit: { burst: 2, perMinute: 1 } });
    for (const id of ['a', 'b', 'c']) {
      await send(
        b,
        slashCommand({
          text: 'Can Americans claim asylum in Canada?',
          responseUrl: b.fake.responseUrl(id),
        }),
      );
    }
    await send(
      b,
      slashCommand({
        text: 'Can Americans claim asylum in Canada?',
        user: 'U2',
        responseUrl: b.fake.responseUrl('other'),
      }),
    );
    expect(b.fake.responsesTo('a')[0]?.body.text).toMatch(/\[1\]/);
    expect(b.fake.responsesTo('b')[0]?.body.text).toMatch(/\[1\]/);
    expect(b.fake.responsesTo('c')[0]?.body.text).toBe(WORDING.slowDown);
    expect(b.fake.responsesTo('other')[0]?.body.text).toMatch(/\[1\]/);
    expect(b.logs().filter((line) => line.msg === 'rate limited')).toHaveLength(1);
  });
});

describe('logs', () => {
  const MARKER = 'quokka-7319';
  const USER = 'U0PRIVATE42';

  async function askWithMarker(logQuestions: boolean): Promise<Bot> {
    const b = await start({ logQuestions });
    const question = `Can Americans claim asylum in Canada? ${MARKER}`;
    await send(b, asJson(eventCallback(mention(question, { user: USER }))));
    await send(b, asJson(eventCallback(message(question, { user: USER }))));
    await send(
      b,
      slashCommand({ text: question, user: USER, responseUrl: b.fake.responseUrl('r') }),
    );
    expect(posted(b)).toHaveLength(2);
    return b;
  }

  it('keep questions, user ids and tokens out by default', async () => {
    const b = await askWithMarker(false);
    const answered = b.logs().filter((line) => line.msg === 'answered');
    expect(answered).toHaveLength(3);
    expect(answered[0]).toMatchObject({ via: 'mention', kind: expect.any(String), chars: 49 });
    // One user, one opaque id: lines can be correlated, not traced back.
    expect(new Set(answered.map((line) => line.user)).size).toBe(1);
    const text = b.logText();
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(USER);
    expect(text).not.toContain(BOT_TOKEN);
  });

  it('include questions when LOG_QUESTIONS=true', async () => {
    const b = await askWithMarker(true);
    const answered = b.logs().filter((line) => line.msg === 'answered');
    expect(answered.map((line) => line.question)).toEqual(
      Array(3).fill(`Can Americans claim asylum in Canada? ${MARKER}`),
    );
    expect(b.logText()).not.toContain(BOT_TOKEN);
  });
});
