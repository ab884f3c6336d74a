import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_WORDING as SAY } from '../../adapters/shared/escalation.ts';
import { createMemoryStore } from '../../adapters/shared/store/index.ts';
import { ESCALATION_ACTION, HELP_COMMAND } from '../../adapters/slack/escalation.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { messageProblems } from './block-kit.ts';
import { type Bot, type BotOptions, startBot } from './harness.ts';
import {
  asForm,
  asJson,
  blockAction,
  eventCallback,
  findButton,
  mention,
  postToApp,
  slashCommand,
} from './requests.ts';

type Json = Record<string, unknown>;

// "Talk to a person" in a real Bolt app (HTTP mode, processBeforeResponse: when a POST returns,
// the app is done) against the fake Slack, which rejects any live mention but the allowed group.

const MODS = 'C0MODS001';
const GROUP = 'S0MODS';
const PING = `<!subteam^${GROUP}>`;
const GERMANY = 'Can Americans claim asylum in Germany?';

let assistant: Assistant;
let bot: Bot | undefined;
let urls = 0;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function start(options: Partial<BotOptions> = {}): Promise<Bot> {
  bot = await startBot({ assistant, escalation: { channel: MODS, group: GROUP }, ...options });
  bot.fake.allowPing(PING);
  return bot;
}

async function send(b: Bot, request: Parameters<typeof postToApp>[1]) {
  expect((await postToApp(b.eventsUrl, request)).status).toBe(200);
}

/** Runs a slash command; returns the private reply. */
async function command(b: Bot, name: string, text: string, user = 'U1'): Promise<Json> {
  const id = `r${++urls}`;
  const { payload } = slashCommand({ text, responseUrl: b.fake.responseUrl(id), user });
  await send(b, {
    body: new URLSearchParams({ ...payload, command: name }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  const [reply] = b.fake.responsesTo(id);
  if (!reply) throw new Error(`no reply to ${name}`);
  return reply.body;
}

/** Clicks a button of a private message; returns the private reply. */
async function click(b: Bot, message: Json, actionId: string, user = 'U1'): Promise<Json> {
  const id = `r${++urls}`;
  const button = findButton(message, actionId);
  await send(b, asForm(blockAction(button, { responseUrl: b.fake.responseUrl(id), user })));
  const [reply] = b.fake.responsesTo(id);
  if (!reply) throw new Error(`no reply to ${actionId}`);
  return reply.body;
}

const toModerators = (b: Bot) =>
  b.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === MODS);

describe('Talk to a person (Slack)', () => {
  it('offers nothing without a moderators channel, and the command says so plainly', async () => {
    const b = await start({ escalation: undefined });
    const answer = await command(b, '/asylum', GERMANY);
    expect(JSON.stringify(answer)).not.toContain(ESCALATION_ACTION.open);
    const help = await command(b, HELP_COMMAND, 'please');
    expect(help.text).toBe(SAY.notConfigured);
    expect(help.response_type).toBe('ephemeral');
    expect(b.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('posts nothing until the person confirms; then a notice that pings the group alone', async () => {
    const b = await start();
    const answer = await command(b, '/asylum', GERMANY);
    const blocks = answer.blocks as Json[];
    expect(blocks.at(-1)?.block_id).toBe('asylum_escalate');

    const prompt = await click(b, answer, ESCALATION_ACTION.open);
    expect(prompt.response_type).toBe('ephemeral');
    expect(prompt.text).toContain(SAY.prompt);
    expect(toModerators(b)).toEqual([]);

    const done = await click(b, prompt, ESCALATION_ACTION.send);
    expect(done).toMatchObject({ replace_original: true, text: SAY.sent });
    const [notice, ...more] = toModerators(b);
    expect(more).toEqual([]);
    const sent = JSON.stringify(notice?.args);
    expect(notice?.args.text).toBe(`${PING} ${SAY.noticeHeading}`);
    // The group, and no other ping: no user, channel, @here or other group.
    expect(sent.split('<!').length - 1).toBe(2);
    expect(sent.replaceAll(PING, '')).not.toMatch(/<[!@#]/);
    expect(sent).toContain(SAY.notIncluded);
    expect(sent).not.toContain('Germany');
    expect(sent).toContain('@asker (U1)');
    expect(sent).toContain('https://slack.com/app_redirect?channel=C1');
    expect(messageProblems(JSON.parse(sent.replaceAll(PING, '')) as Json)).toEqual([]);
  });

  it('includes the question only when the person chooses to, escaped so it cannot ping', async () => {
    const b = await start({ escalation: { channel: MODS } });
    const prompt = await command(b, HELP_COMMAND, '&lt;!channel&gt; @here is my claim <@U9> ok?');
    expect(JSON.stringify(prompt)).toContain(ESCALATION_ACTION.sendWithQuestion);
    const done = await click(b, prompt, ESCALATION_ACTION.sendWithQuestion);
    expect(done.text).toBe(SAY.sentWithQuestion);
    const [notice] = toModerators(b);
    const sent = JSON.stringify(notice?.args);
    expect(sent).toContain('&lt;!channel&gt; @\u2060here is my claim');
    expect(sent).not.toMatch(/<[!@#]/);
    expect(notice?.args.text).toBe(SAY.noticeHeading);
  });

  it('sends nothing on Cancel, and the request cannot be confirmed afterwards', async () => {
    const b = await start();
    const prompt = await command(b, HELP_COMMAND, GERMANY);
    expect((await click(b, prompt, ESCALATION_ACTION.cancel)).text).toBe(SAY.cancelled);
    expect((await click(b, prompt, ESCALATION_ACTION.send)).text).toBe(SAY.expired(HELP_COMMAND));
    expect(toModerators(b)).toEqual([]);
  });

  it("never offers someone else's question, and only the asker can confirm", async () => {
    const b = await start();
    await send(b, asJson(eventCallback(mention(GERMANY))));
    const [answer] = b.fake.callsTo('chat.postMessage');
    const posted = answer?.args ?? {};
    const id = `r${++urls}`;
    const other = blockAction(findButton(posted, ESCALATION_ACTION.open), {
      responseUrl: b.fake.responseUrl(id),
      user: 'U2',
      message: { ts: '1710000000.000900', thread_ts: String(posted.thread_ts) },
    });
    await send(b, asForm(other));
    const prompt = b.fake.responsesTo(id)[0]?.body ?? {};
    expect(JSON.stringify(prompt)).not.toContain(ESCALATION_ACTION.sendWithQuestion);
    expect((await click(b, prompt, ESCALATION_ACTION.send, 'U1')).text).toBe(SAY.notYours);
    expect(toModerators(b)).toEqual([]);
    // The person who clicked confirms: the notice links to the answer's message.
    await click(b, prompt, ESCALATION_ACTION.send, 'U2');
    expect(JSON.stringify(toModerators(b)[0]?.args)).toContain(
      'https://example.slack.com/archives/C1/p1710000000000900',
    );
  });

  it('allows one request per person per cooldown, counted in the shared store', async () => {
    const store = createMemoryStore();
    const b = await start({ app: { store } });
    const first = await command(b, HELP_COMMAND, '');
    expect((await click(b, first, ESCALATION_ACTION.send)).text).toBe(SAY.sent);
    expect((await command(b, HELP_COMMAND, '')).text).toBe(SAY.tooSoon(10));
    expect(await store.claimed('escalation:U1')).toBe(true);
    expect(toModerators(b)).toHaveLength(1);
    // Someone else is not held back.
    const other = await command(b, HELP_COMMAND, '', 'U2');
    expect(other.text).toContain(SAY.prompt);
  });

  it('puts a crisis answer’s emergency contacts first and the button after them', async () => {
    const b = await start();
    await send(b, asJson(eventCallback(mention('I want to kill myself'))));
    const [answer] = b.fake.callsTo('chat.postMessage');
    const blocks = (answer?.args.blocks ?? []) as Json[];
    const contacts = blocks.findIndex((block) => JSON.stringify(block).includes('988'));
    const button = blocks.findIndex((block) => block.block_id === 'asylum_escalate');
    expect(contacts).toBe(0);
    expect(button).toBe(blocks.length - 1);
  });

  it('answers a "help me" mention with a private confirmation, and posts only once confirmed', async () => {
    const b = await start();
    const event = mention('help me please');
    await send(b, asJson(eventCallback(event)));
    const [ephemeral] = b.fake.callsTo('chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: 'C1', user: 'U1' });
    expect(b.fake.callsTo('chat.postMessage')).toEqual([]);
    await click(b, ephemeral?.args ?? {}, ESCALATION_ACTION.send);
    const notice = JSON.stringify(toModerators(b)[0]?.args);
    expect(notice).toContain(`/archives/C1/p${String(event.ts).replace('.', '')}`);
  });

  it('answers a "help me" mention as usual when no moderators are set up', async () => {
    const b = await start({ escalation: undefined });
    await send(b, asJson(eventCallback(mention('help me'))));
    expect(b.fake.callsTo('chat.postEphemeral')).toEqual([]);
    expect(b.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('logs neither the question nor the user id', async () => {
    const b = await start();
    const prompt = await command(b, HELP_COMMAND, 'marker-escalation-51');
    await click(b, prompt, ESCALATION_ACTION.sendWithQuestion);
    expect(b.logText()).not.toContain('marker-escalation');
    expect(b.logText()).not.toContain('"U1"');
    expect(b.logText()).toContain('moderators notified');
  });
});
