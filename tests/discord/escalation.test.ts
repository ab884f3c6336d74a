import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HELP_COMMAND_NAME } from '../../adapters/discord/escalation.ts';
import { ESCALATION_WORDING as SAY } from '../../adapters/shared/escalation.ts';
import { createMemoryStore } from '../../adapters/shared/store/index.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { ASKER, buttonClick, mention, OTHER_USER, slashCommand } from './events.ts';
import { CHANNEL_ID, type FakeDiscord, GUILD_ID, type RecordedRequest } from './fake-discord.ts';
import {
  callbackOf,
  isMessageRequest,
  messageOf,
  postedIn,
  type Running,
  startBot,
  stopBot,
} from './harness.ts';
import { problemsOf } from './limits.ts';

// "Talk to a person" in a real discord.js bot against the fake Discord (gateway and REST).

// biome-ignore lint/suspicious/noExplicitAny: message bodies are JSON
type Json = any;

const MODS = '310000000000000031';
const ROLE = '320000000000000032';
const GERMANY = 'Can Americans claim asylum in Germany?';
const CONFIGURED = { DISCORD_ESCALATION_CHANNEL: MODS, DISCORD_ESCALATION_ROLE: ROLE };

let assistant: Assistant;
let running: Running | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  const sent = running?.fake.requests.filter(isMessageRequest) ?? [];
  await stopBot(running);
  running = undefined;
  // Everything but the moderators' notice (checked in its tests) pings nobody and fits Discord.
  for (const request of sent.filter((r) => !postedIn(MODS)(r))) {
    expect(problemsOf(messageOf(request)), request.path).toEqual([]);
  }
});

async function start(options: Partial<Parameters<typeof startBot>[0]> = {}) {
  running = await startBot({ assistant, env: CONFIGURED, ...options });
  return running;
}

/** Sends an interaction; resolves with the bot's response to it. */
async function interact(fake: FakeDiscord, interaction: Json): Promise<RecordedRequest> {
  fake.interact(interaction);
  return fake.waitFor(callbackOf(interaction));
}

function helpCommand(fake: FakeDiscord, question?: string, user = ASKER) {
  const base = slashCommand(fake, '', { user });
  const options = question ? [{ name: 'question', type: 3, value: question }] : [];
  return { ...base, data: { id: '600000000000000002', name: HELP_COMMAND_NAME, type: 1, options } };
}

/** The id of the button whose id starts with `prefix`, in a message body. */
function buttonId(message: Json, prefix: string): string {
  const ids: string[] = (message.components ?? []).flatMap((row: Json) =>
    row.components.map((b: Json) => b.custom_id),
  );
  const id = ids.find((custom) => custom.startsWith(prefix));
  if (!id) throw new Error(`no ${prefix} button in ${JSON.stringify(ids)}`);
  return id;
}

const hasButton = (message: Json, prefix: string) =>
  JSON.stringify(message.components ?? []).includes(`"custom_id":"${prefix}`);

/** Clicks a button; resolves with the bot's response to the click. */
async function click(fake: FakeDiscord, message: Json, prefix: string, user = ASKER) {
  return interact(fake, buttonClick(fake, buttonId(message, prefix), message, user));
}

const toModerators = (fake: FakeDiscord) => fake.requests.filter(postedIn(MODS));

describe('Talk to a person (Discord)', () => {
  it('offers nothing without a moderators channel, and the command says so plainly', async () => {
    const { fake } = await start({ env: {} });
    const answer = messageOf(await interact(fake, slashCommand(fake, GERMANY)));
    expect(hasButton(answer, 'asylum-help:')).toBe(false);
    const reply = messageOf(await interact(fake, helpCommand(fake)));
    expect(reply.content).toBe(SAY.notConfigured);
    expect(reply.flags & 64).toBe(64);
    expect(toModerators(fake)).toEqual([]);
  });

  it('posts nothing until the person confirms; then a notice that may ping the role alone', async () => {
    const { fake } = await start();
    const answer = messageOf(await interact(fake, slashCommand(fake, GERMANY)));
    const rows = answer.components;
    expect(rows.at(-1).components[0].custom_id).toMatch(/^asylum-help:open:/);

    const prompt = messageOf(await click(fake, answer, 'asylum-help:open:'));
    expect(prompt.flags & 64).toBe(64);
    expect(prompt.content).toContain(SAY.prompt);
    expect(hasButton(prompt, 'asylum-help:sendq:')).toBe(true);
    expect(toModerators(fake)).toEqual([]);

    const outcome = await click(fake, prompt, 'asylum-help:send:');
    // The private prompt is replaced by the outcome (UPDATE_MESSAGE), without buttons.
    expect(outcome.body).toMatchObject({ type: 7, data: { content: SAY.sent, components: [] } });
    const notice = await fake.waitFor(postedIn(MODS));
    expect(toModerators(fake)).toHaveLength(1);
    expect(notice.body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(notice.body.content).toBe(`<@&${ROLE}> ${SAY.noticeHeading}`);
    const fields = notice.body.embeds[0].fields;
    expect(fields[0]).toEqual({ name: SAY.from, value: `<@${ASKER.id}>` });
    // A private answer: the link goes to its channel.
    expect(fields[1].value).toContain(`https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID})`);
    expect(fields[2].value).toBe(`*${SAY.notIncluded}*`);
    expect(JSON.stringify(notice.body)).not.toContain('Germany');
  });

  it('includes the question only when chosen, and still pings nobody but the role', async () => {
    const { fake } = await start({ env: { DISCORD_ESCALATION_CHANNEL: MODS } });
    const question = '@everyone <@&999999999999999999> is my claim ok?';
    const prompt = messageOf(await interact(fake, helpCommand(fake, question)));
    await click(fake, prompt, 'asylum-help:sendq:');
    const notice = await fake.waitFor(postedIn(MODS));
    expect(notice.body.allowed_mentions).toEqual({ parse: [], roles: [] });
    expect(notice.body.content).toBe(SAY.noticeHeading);
    // The mentions were removed from the question as from any question; the rest is kept.
    expect(notice.body.embeds[0].fields[2].value).toBe('is my claim ok?');
  });

  it('sends nothing on Cancel, and the request cannot be confirmed afterwards', async () => {
    const { fake } = await start();
    const prompt = messageOf(await interact(fake, helpCommand(fake, GERMANY)));
    const cancelled = await click(fake, prompt, 'asylum-help:cancel:');
    expect(cancelled.body.data.content).toBe(SAY.cancelled);
    const late = await click(fake, prompt, 'asylum-help:send:');
    expect(late.body.data.content).toBe(SAY.expired(`/${HELP_COMMAND_NAME}`));
    expect(toModerators(fake)).toEqual([]);
  });

  it("never offers someone else's question, and only the asker can confirm", async () => {
    const { fake } = await start();
    const answer = messageOf(await interact(fake, slashCommand(fake, GERMANY, { public: true })));
    const prompt = messageOf(await click(fake, answer, 'asylum-help:open:', OTHER_USER));
    expect(hasButton(prompt, 'asylum-help:sendq:')).toBe(false);
    const stolen = await click(fake, prompt, 'asylum-help:send:', ASKER);
    expect(stolen.body.data.content).toBe(SAY.notYours);
    expect(toModerators(fake)).toEqual([]);
  });

  it('allows one request per person per cooldown, counted in the shared store', async () => {
    const store = createMemoryStore();
    await store.claim(`escalation:${ASKER.id}`, 60_000);
    const { fake } = await start({ store });
    const reply = messageOf(await interact(fake, helpCommand(fake)));
    expect(reply.content).toBe(SAY.tooSoon(10));
    const other = messageOf(await interact(fake, helpCommand(fake, undefined, OTHER_USER)));
    expect(other.content).toContain(SAY.prompt);
  });

  it('puts a crisis answer’s emergency contacts first and the button after them', async () => {
    const { fake } = await start();
    fake.dispatch('MESSAGE_CREATE', mention(fake, 'I want to kill myself'));
    const reply = messageOf(await fake.waitFor(postedIn(CHANNEL_ID)));
    // The contacts lead the first embed; Discord shows buttons under every embed.
    expect(reply.embeds[0].description).toContain('call or text 988');
    expect(reply.components.at(-1).components[0].custom_id).toMatch(/^asylum-help:open:/);
  });

  it('answers a "help me" mention with a prompt, and posts only once its asker confirms', async () => {
    const { fake } = await start();
    const asked = mention(fake, 'help me');
    fake.dispatch('MESSAGE_CREATE', asked);
    const prompt = messageOf(await fake.waitFor(postedIn(CHANNEL_ID)));
    expect(prompt.content).toContain(SAY.prompt);
    expect(toModerators(fake)).toEqual([]);
    // Public prompt: the outcome goes to the asker alone.
    const outcome = await click(fake, prompt, 'asylum-help:send:');
    expect(outcome.body).toMatchObject({ type: 4, data: { content: SAY.sent, flags: 64 } });
    const notice = await fake.waitFor(postedIn(MODS));
    expect(notice.body.embeds[0].fields[1].value).toContain(
      `https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/${asked.id}`,
    );
  });
});
