import { ChannelType, SnowflakeUtil } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepDmChannels } from '../../adapters/discord/cache.ts';
import type { Suggester } from '../../adapters/discord/handlers.ts';
import type { Core } from '../../adapters/shared/conversation-service.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { ASKER, directMessage, slashCommand } from '../discord/events.ts';
import { GUILD_ID } from '../discord/fake-discord.ts';
import { isMessageRequest, type Running, startBot, stopBot } from '../discord/harness.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// The Discord bot under the attack run's load (issue 16): what discord.js keeps about the people
// who ask, and what happens to questions received while the bot stops. A real discord.js client
// against the fake Discord on 127.0.0.1.

let assistant: Assistant;
let running: Running | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await stopBot(running);
  running = undefined;
});

const PEOPLE = 150;
const person = (i: number) => ({
  ...ASKER,
  id: String(700_000_000_000_000_000n + BigInt(i)),
  username: `person${i}`,
  global_name: `Person ${i}`,
});

const messagesSent = (r: Running) => r.fake.requests.filter(isMessageRequest).length;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('what discord.js keeps about the people who ask', () => {
  it('keeps no user or member but the bot itself, however many people ask', async () => {
    running = await startBot({ assistant, env: { RATE_LIMIT_BURST: '1000' } });
    const r = running;
    for (let i = 0; i < PEOPLE; i += 1) {
      r.fake.interact(slashCommand(r.fake, 'Can I claim asylum?', { user: person(i) }));
    }
    await until(() => messagesSent(r) >= PEOPLE, `${PEOPLE} answers`);
    const { client } = r.bot;
    expect([...client.users.cache.keys()]).toEqual([client.user?.id]);
    const members = client.guilds.cache.get(GUILD_ID)?.members.cache;
    expect([...(members?.keys() ?? [])].filter((id) => id !== client.user?.id)).toEqual([]);
  });

  it('forgets DM channels once they are quiet', async () => {
    running = await startBot({ assistant, env: { RATE_LIMIT_BURST: '1000' } });
    const r = running;
    for (let i = 0; i < 50; i += 1) {
      const dm = directMessage(r.fake, 'Can I claim asylum?');
      r.fake.dispatch('MESSAGE_CREATE', {
        ...dm,
        author: person(i),
        channel_id: String(800_000_000_000_000_000n + BigInt(i)),
      });
    }
    await until(() => messagesSent(r) >= 50, '50 DM answers');
    const { client } = r.bot;
    const dmChannels = () => client.channels.cache.filter((c) => c.type === ChannelType.DM).size;
    expect(client.users.cache.size).toBe(1);
    expect(dmChannels()).toBe(50);
    // A channel written in just now stays (a reply may still be on its way); quiet ones go. The
    // fake's message ids are years old as snowflakes, so all the others are quiet.
    const fresh = client.channels.cache.find((c) => c.type === ChannelType.DM);
    if (fresh?.type === ChannelType.DM) fresh.lastMessageId = SnowflakeUtil.generate().toString();
    expect(sweepDmChannels(client, 60_000)).toBe(49);
    expect(dmChannels()).toBe(1);
  });
});

describe('stopping', () => {
  /** The core, but every answer waits until `release()`. */
  function heldAssistant(): Core & Suggester & { release: () => void } {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return {
      ask: async (question: string, options?: Parameters<Assistant['ask']>[1]) => {
        await gate;
        return assistant.ask(question, options);
      },
      suggest: (typed: string, limit?: number) => assistant.suggest(typed, limit),
      release: () => release(),
    };
  }

  it('answers questions received before and during the drain', async () => {
    const held = heldAssistant();
    running = await startBot({
      assistant: held,
      env: { RATE_LIMIT_BURST: '1000' },
      deferAfterMs: 60_000,
    });
    const r = running;
    for (let i = 0; i < 10; i += 1) {
      r.fake.interact(slashCommand(r.fake, 'Can I claim asylum?', { user: person(i) }));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = r.bot.stop();
    for (let i = 10; i < 20; i += 1) {
      r.fake.interact(slashCommand(r.fake, 'Can I claim asylum?', { user: person(i) }));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    held.release();
    expect(await stopped).toEqual({ unanswered: 0 });
    expect(messagesSent(r)).toBe(20);
  });

  it('says how many it could not answer before the drain ended', async () => {
    const held = heldAssistant();
    running = await startBot({
      assistant: held,
      env: { RATE_LIMIT_BURST: '1000' },
      deferAfterMs: 60_000,
      stopTimeoutMs: 300,
    });
    const r = running;
    for (let i = 0; i < 5; i += 1) {
      r.fake.interact(slashCommand(r.fake, 'Can I claim asylum?', { user: person(i) }));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await r.bot.stop()).toEqual({ unanswered: 5 });
    held.release();
  });
});
