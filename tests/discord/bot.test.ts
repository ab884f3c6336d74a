import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Suggester } from '../../adapters/discord/handlers.ts';
import type { Core } from '../../adapters/shared/conversation-service.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { type Answer, type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { knowledgeWithLongPassage, LONG_QUESTION } from '../slack/knowledge.ts';
import {
  ASKER,
  autocomplete,
  buttonClick,
  chatter,
  directMessage,
  mention,
  OTHER_USER,
  slashCommand,
} from './events.ts';
import { CHANNEL_ID, DM_CHANNEL_ID, TOKEN } from './fake-discord.ts';
import {
  callbackOf,
  isMessageRequest,
  messageOf,
  postedIn,
  type Running,
  startBot,
  stopBot,
  webhookOf,
} from './harness.ts';
import { problemsOf } from './limits.ts';

const GERMANY = 'Can Americans claim asylum in Germany?';
const GERMANY_TEXT =
  /Americans can apply for asylum in Germany by reporting to the authorities.* \[1\]\./;

let assistant: Assistant;
let running: Running | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  const sent = running?.fake.requests.filter(isMessageRequest) ?? [];
  await stopBot(running);
  running = undefined;
  // Whatever a test did, nothing the bot sent may break a limit or ping anyone.
  for (const request of sent) expect(problemsOf(messageOf(request)), request.path).toEqual([]);
});

async function start(options: Partial<Parameters<typeof startBot>[0]> = {}) {
  running = await startBot({ assistant, ...options });
  return running;
}

describe('/asylum', () => {
  it('answers in an embed with the cited text, numbered sources and the disclaimer', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY);
    fake.interact(command);
    const callback = await fake.waitFor(callbackOf(command));

    expect(callback.body.type).toBe(4);
    // Interaction responses are authorized by their token, not the bot token.
    expect(callback.authorization).toBeUndefined();
    const message = messageOf(callback);
    // Private by default, as in Slack: only the asker sees it, until they share it.
    expect(message.flags & 64).toBe(64);
    const [embed] = message.embeds;
    expect(embed.title).toBe(GERMANY);
    expect(embed.description).toMatch(GERMANY_TEXT);
    expect(embed.description).toContain('A rejection can be appealed in court [2].');
    expect(embed.fields).toEqual([
      {
        name: '[1] Fixture source for germany',
        value: 'Fixture Publisher · 2025-06\nhttps://example.org/germany',
      },
      {
        name: '[2] Second fixture source for germany',
        value: 'Other Fixture Publisher · undated\nhttps://example.org/germany/second',
      },
    ]);
    expect(embed.footer.text).toContain('not legal advice');
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // And as the client's default, for anything sent without its own.
    expect(running?.bot.client.options.allowedMentions).toEqual({ parse: [], repliedUser: false });

    const [followUps, feedback] = message.components;
    expect(followUps.components.map((b: { label: string }) => b.label)).toEqual(
      assistant.ask(GERMANY).followUps,
    );
    expect(feedback.components.map((b: { emoji?: { name: string } }) => b.emoji?.name)).toEqual([
      '👍',
      '👎',
      undefined,
    ]);
    expect(feedback.components[2].label).toBe('Share in channel');
  });

  it('answers privately (ephemeral) when private is true', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY, { private: true });
    fake.interact(command);
    const message = messageOf(await fake.waitFor(callbackOf(command)));
    expect(message.flags & 64).toBe(64);
    expect(message.embeds[0].description).toMatch(GERMANY_TEXT);
  });

  it('defers when the answer is slow, then edits the deferred reply', async () => {
    const slow: Core & Suggester = {
      ask: (question, options) =>
        new Promise<Answer>((resolve) =>
          setTimeout(() => resolve(assistant.ask(question, options)), 300),
        ),
      suggest: (typed, limit) => assistant.suggest(typed, limit),
    };
    const { fake } = await start({ assistant: slow, deferAfterMs: 20 });
    const command = slashCommand(fake, GERMANY, { private: true });
    fake.interact(command);
    const deferral = await fake.waitFor(callbackOf(command));
    expect(deferral.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && webhookOf(command)(r) && r.path.endsWith('/%40original'),
    );
    expect(edit.body.embeds[0].description).toMatch(GERMANY_TEXT);
  });

  it('autocompletes the question from the curated questions, at most 25', async () => {
    const { fake } = await start();
    const typing = autocomplete(fake, 'asylum germ');
    fake.interact(typing);
    const callback = await fake.waitFor(callbackOf(typing));
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toEqual(
      assistant.suggest('asylum germ').map((q) => ({ name: q, value: q })),
    );
    expect(callback.body.data.choices).toContainEqual({ name: GERMANY, value: GERMANY });
  });

  it('caps autocomplete at 25 choices of at most 100 characters', async () => {
    const many: Core & Suggester = {
      ask: (question, options) => assistant.ask(question, options),
      suggest: () => Array.from({ length: 40 }, (_, i) => `Question ${i} ${'x'.repeat(150)}?`),
    };
    const { fake } = await start({ assistant: many });
    const typing = autocomplete(fake, '');
    fake.interact(typing);
    const { choices } = (await fake.waitFor(callbackOf(typing))).body.data;
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('strips @everyone, @here and mentions from the question, and pings nobody', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, `@everyone <@123456789012345678> ${GERMANY} <@&42> @here`);
    fake.interact(command);
    const message = messageOf(await fake.waitFor(callbackOf(command)));
    expect(message.embeds[0].title).toBe(GERMANY);
    expect(message.embeds[0].description).toMatch(GERMANY_TEXT);
    expect(message.allowed_mentions.parse).toEqual([]);
  });
});

describe('buttons', () => {
  async function askGermany() {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY);
    fake.interact(command);
    const message = messageOf(await fake.waitFor(callbackOf(command)));
    const [followUps, feedback] = message.components;
    return { fake, message, followUps: followUps.components, feedback: feedback.components };
  }

  it('asks a suggested follow-up question in the same conversation', async () => {
    const { fake, message, followUps } = await askGermany();
    const button = followUps.find((b: { label: string }) => b.label.includes('Mexico'));
    expect(button.custom_id.length).toBeLessThanOrEqual(100);
    const click = buttonClick(fake, button.custom_id, message);
    fake.interact(click);
    const answer = messageOf(await fake.waitFor(callbackOf(click)));
    expect(answer.embeds[0].title).toBe(button.label);
    expect(answer.embeds[0].description).toMatch(/Mexico.*\[1\]/);
    expect(answer.embeds[0].fields[0].value).toContain('https://example.org/mexico');
  });

  it('counts 👍/👎 per cited passage, once per person and answer', async () => {
    const { fake, message, feedback } = await askGermany();
    const [up, down] = feedback;
    const vote = async (customId: string, user = ASKER) => {
      const click = buttonClick(fake, customId, message, user);
      fake.interact(click);
      return messageOf(await fake.waitFor(callbackOf(click)));
    };

    const thanks = await vote(up.custom_id);
    expect(thanks.content).toBe(WORDING.thanks);
    expect(thanks.flags & 64).toBe(64);
    expect((await vote(up.custom_id)).content).toBe(WORDING.alreadyVoted);
    expect((await vote(down.custom_id, OTHER_USER)).content).toBe(WORDING.thanks);
    expect(running?.bot.service.feedback.get('germany')).toEqual({ up: 1, down: 1 });
    // Feedback is logged by passage, never by person.
    const line = running?.logs.find((l) => l.includes('"feedback"')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ vote: 'up', passages: ['germany'] });
    expect(line).not.toContain('"user"');
  });

  it('keeps the follow-up to a private answer private', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY, { private: true });
    fake.interact(command);
    const message = messageOf(await fake.waitFor(callbackOf(command)));
    const click = buttonClick(fake, message.components[0].components[0].custom_id, message);
    fake.interact(click);
    const answer = messageOf(await fake.waitFor(callbackOf(click)));
    expect(answer.flags & 64).toBe(64);
    expect(answer.embeds[0].title).toBe(message.components[0].components[0].label);
  });

  it('says so when a button is from an answer it no longer remembers', async () => {
    const { fake, message } = await askGermany();
    const click = buttonClick(fake, 'asylum:vote:unknownkey1:up', message);
    fake.interact(click);
    const reply = messageOf(await fake.waitFor(callbackOf(click)));
    expect(reply.content).toBe(WORDING.expired('/asylum'));
    expect(reply.flags & 64).toBe(64);
  });
});

describe('"More"', () => {
  it("shows a shortened answer's passages in full, ephemeral, cut with where they continue", async () => {
    const long = knowledgeWithLongPassage();
    try {
      const { fake } = await start({
        assistant: await createAssistant({ knowledgeDir: long.dir }),
      });
      const command = slashCommand(fake, LONG_QUESTION, { public: true });
      fake.interact(command);
      const answer = messageOf(await fake.waitFor(callbackOf(command)));
      expect(answer.flags & 64).toBe(0);
      const more = answer.components
        .flatMap((row: { components: { label: string; custom_id: string }[] }) => row.components)
        .find((b: { label: string }) => b.label === WORDING.more);
      expect(more.custom_id.length).toBeLessThanOrEqual(100);
      const click = buttonClick(fake, more.custom_id, answer);
      fake.interact(click);
      const full = messageOf(await fake.waitFor(callbackOf(click)));
      expect(full.flags & 64).toBe(64);
      expect(full.content).toBe(WORDING.moreHeading);
      const [embed] = full.embeds;
      expect(embed.title).toBe(LONG_QUESTION);
      // The passage is over 9,000 characters: cut within one description, saying where it goes on.
      expect(embed.description.length).toBeLessThanOrEqual(4096);
      expect(embed.description).toMatch(
        /… \(continues at https:\/\/example\.org\/ruritania\?a=1&b=2\)$/,
      );
      expect(embed.fields[0].value).toContain('https://example.org/ruritania');
    } finally {
      long.remove();
    }
  });

  it('says plainly when the passages are gone (a restart without a shared store)', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY);
    fake.interact(command);
    const message = messageOf(await fake.waitFor(callbackOf(command)));
    const click = buttonClick(fake, 'asylum:more:forgottenkey', message);
    fake.interact(click);
    const reply = messageOf(await fake.waitFor(callbackOf(click)));
    expect(reply.content).toBe(WORDING.moreExpired('/asylum'));
    expect(reply.flags & 64).toBe(64);
  });
});

describe('mentions and DMs', () => {
  it('replies to a mention in a server channel, without pinging anyone', async () => {
    const { fake } = await start();
    fake.dispatch('MESSAGE_CREATE', chatter(fake, GERMANY));
    const question = mention(fake, `@everyone @here ${GERMANY}`);
    fake.dispatch('MESSAGE_CREATE', question);
    const reply = await fake.waitFor(postedIn(CHANNEL_ID));

    expect(reply.authorization).toBe(`Bot ${TOKEN}`);
    expect(reply.body.message_reference).toMatchObject({ message_id: question.id });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.embeds[0].title).toBe(GERMANY);
    expect(reply.body.embeds[0].description).toMatch(GERMANY_TEXT);
    // The message without a mention got no answer.
    expect(fake.requests.filter(postedIn(CHANNEL_ID))).toHaveLength(1);
  });

  it('answers a direct message', async () => {
    const { fake } = await start();
    const question = directMessage(fake, GERMANY);
    fake.dispatch('MESSAGE_CREATE', question);
    const reply = await fake.waitFor(postedIn(DM_CHANNEL_ID));
    expect(reply.body.message_reference).toMatchObject({ message_id: question.id });
    expect(reply.body.embeds[0].description).toMatch(GERMANY_TEXT);
    expect(reply.body.embeds[0].fields[0].value).toContain('https://example.org/germany');
  });

  it('reads a reply to one of its answers as a follow-up to that question', async () => {
    const { fake } = await start();
    const follow = 'how do I apply there?';
    fake.dispatch('MESSAGE_CREATE', mention(fake, GERMANY));
    const first = await fake.waitFor(postedIn(CHANNEL_ID));

    // The same words, not as a reply: a new conversation, so "there" means nothing.
    fake.dispatch('MESSAGE_CREATE', mention(fake, follow));
    await fake.waitFor((r) => postedIn(CHANNEL_ID)(r) && r !== first);
    const standalone = fake.requests.filter(postedIn(CHANNEL_ID))[1];
    expect(JSON.stringify(standalone?.body.embeds)).not.toContain('https://example.org/germany');

    fake.dispatch('MESSAGE_CREATE', mention(fake, follow, first.response.id));
    await fake.waitFor(() => fake.requests.filter(postedIn(CHANNEL_ID)).length === 3);
    const followUp = fake.requests.filter(postedIn(CHANNEL_ID))[2];
    expect(followUp?.body.embeds[0].title).toBe(follow);
    expect(followUp?.body.embeds[0].fields[0].value).toContain('https://example.org/germany');
  });

  it('reads a reply to a /asylum answer as a follow-up too', async () => {
    const { fake } = await start();
    const command = slashCommand(fake, GERMANY, { public: true });
    fake.interact(command);
    const callback = await fake.waitFor(callbackOf(command));
    const answerId = callback.response.resource.message.id;
    fake.dispatch('MESSAGE_CREATE', mention(fake, 'how do I apply there?', answerId));
    const reply = await fake.waitFor(postedIn(CHANNEL_ID));
    expect(reply.body.embeds[0].fields[0].value).toContain('https://example.org/germany');
  });
});

describe('limits, failures and rate limits', () => {
  const huge: Answer = {
    question: `${'Why '.repeat(100)}?`,
    notices: [],
    text: Array.from({ length: 400 }, (_, i) => `Sentence ${i} about the law [${(i % 40) + 1}].`)
      .join(' ')
      .repeat(2),
    citations: Array.from({ length: 40 }, (_, i) => ({
      n: i + 1,
      id: `passage-${i}`,
      passages: [`passage-${i}`],
      title: `Source ${i} ${'t'.repeat(300)}`,
      url: `https://example.org/${i}`,
      publisher: 'Publisher',
      published: '2025',
      outdated: i % 2 === 0,
    })),
    abstained: false,
    kind: 'answer',
    confidence: 1,
    followUps: ['One?', 'Two?', 'Three?'],
    disclaimer: 'Legal information, not legal advice.',
  };

  it('splits a very long answer across messages within embed limits', async () => {
    const { fake } = await start({ assistant: { ask: () => huge, suggest: () => [] } });
    const command = slashCommand(fake, 'long');
    fake.interact(command);
    await fake.waitFor(callbackOf(command));
    await fake.waitFor(
      (r) => webhookOf(command)(r) && r.method === 'POST' && r.body.components?.length > 0,
    );
    const sent = fake.requests.filter(
      (r) => callbackOf(command)(r) || (webhookOf(command)(r) && r.method === 'POST'),
    );
    expect(sent.length).toBeGreaterThan(2);
    for (const request of sent) expect(problemsOf(messageOf(request))).toEqual([]);
    const embeds = sent.flatMap((r) => messageOf(r).embeds);
    const fields = embeds.flatMap((e: { fields?: { value: string }[] }) => e.fields ?? []);
    expect(fields).toHaveLength(40);
    expect(fields[0]?.value).toContain('⚠️ may be out of date');
    expect(fields[1]?.value).not.toContain('out of date');
    expect(embeds.map((e: { description?: string }) => e.description ?? '').join(' ')).toContain(
      'Sentence 399 about the law [40].',
    );
  });

  it('apologizes privately when Discord rejects the answer, and keeps running', async () => {
    const { fake, logs } = await start();
    fake.failNext('POST', /\/callback$/);
    const command = slashCommand(fake, `${GERMANY} marker-rest-error`);
    fake.interact(command);
    const apology = await fake.waitFor((r) => callbackOf(command)(r) && (r.status ?? 500) < 300);
    expect(messageOf(apology).content).toBe(WORDING.apology);
    expect(messageOf(apology).flags & 64).toBe(64);
    expect(logs.join('')).toContain('could not answer');
    expect(logs.join('')).not.toContain('marker-rest-error');

    // A client error (what a rejected listener becomes) is logged, not fatal.
    running?.bot.client.emit('error', new Error('gateway hiccup'));
    expect(logs.join('')).toContain('gateway hiccup');

    const again = slashCommand(fake, GERMANY);
    fake.interact(again);
    const answer = messageOf(await fake.waitFor(callbackOf(again)));
    expect(answer.embeds[0].description).toMatch(GERMANY_TEXT);
  });

  it('apologizes in the channel when a reply to a mention fails', async () => {
    const { fake } = await start();
    fake.failNext('POST', /\/channels\/\d+\/messages$/);
    fake.dispatch('MESSAGE_CREATE', mention(fake, GERMANY));
    const apology = await fake.waitFor((r) => postedIn(CHANNEL_ID)(r) && r.status === 200);
    expect(apology.body.content).toBe(WORDING.apology);
  });

  it('asks people to slow down past their rate limit', async () => {
    const { fake } = await start({ env: { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' } });
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const command = slashCommand(fake, GERMANY);
      fake.interact(command);
      replies.push(messageOf(await fake.waitFor(callbackOf(command))));
    }
    expect(replies[1].embeds[0].description).toMatch(GERMANY_TEXT);
    expect(replies[2]).toMatchObject({ content: WORDING.slowDown, flags: 64 });

    // Other people are not slowed down by one person's questions.
    const other = slashCommand(fake, GERMANY, { user: OTHER_USER });
    fake.interact(other);
    expect(messageOf(await fake.waitFor(callbackOf(other))).embeds[0].title).toBe(GERMANY);

    fake.dispatch('MESSAGE_CREATE', mention(fake, GERMANY));
    const reply = await fake.waitFor(postedIn(CHANNEL_ID));
    expect(reply.body.content).toBe(WORDING.slowDown);
  });
});

describe('privacy and shutdown', () => {
  const MARKER = 'zebra-quokka-7731';

  async function askWithMarker(env: NodeJS.ProcessEnv = {}) {
    const { fake, logs } = await start({ env });
    const command = slashCommand(fake, `${GERMANY} ${MARKER}`);
    fake.interact(command);
    await fake.waitFor(callbackOf(command));
    fake.dispatch('MESSAGE_CREATE', directMessage(fake, `${GERMANY} ${MARKER}`));
    await fake.waitFor(postedIn(DM_CHANNEL_ID));
    await running?.bot.stop();
    return logs.join('');
  }

  it('logs no question text, raw user id or token by default', async () => {
    const logs = await askWithMarker();
    expect(logs).toContain('"answered"');
    expect(logs).toContain('"via":"dm"');
    expect(logs).not.toContain(MARKER);
    expect(logs).not.toContain(ASKER.id);
    expect(logs).not.toContain(TOKEN);
  });

  it('logs question text only when LOG_QUESTIONS=true', async () => {
    const logs = await askWithMarker({ LOG_QUESTIONS: 'true' });
    expect(logs).toContain(MARKER);
    expect(logs).not.toContain(ASKER.id);
  });

  it('lets an answer in progress finish when stopping, then disconnects', async () => {
    let asked: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const slow: Core & Suggester = {
      ask: (question, options) => {
        asked();
        return new Promise((resolve) =>
          setTimeout(() => resolve(assistant.ask(question, options)), 300),
        );
      },
      suggest: () => [],
    };
    const { fake, bot } = await start({ assistant: slow, deferAfterMs: 10_000 });
    const command = slashCommand(fake, GERMANY);
    fake.interact(command);
    await started;
    await bot.stop();
    expect(fake.requests.some(callbackOf(command))).toBe(true);
    expect(bot.client.isReady()).toBe(false);
  });
});
