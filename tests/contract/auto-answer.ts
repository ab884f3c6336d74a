import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_MIN_CONFIDENCE } from '../../adapters/shared/auto-answer.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import type { AutoDriver, AutoStartOptions } from './auto-driver.ts';

const GERMANY = 'Can Americans claim asylum in Germany?';
const GERMANY_TEXT = /Americans can apply for asylum in Germany/;
const WORK = 'Can I work while my refugee claim is pending?';
const OUT_OF_SCOPE = 'What is the best pizza in Toronto?';
const CRISIS = 'I want to kill myself';

/**
 * What auto-answer must do on every surface that has it, written once: answer a new post in a
 * listed place only when sure (a crisis always), in its thread, once, never to bots or itself,
 * and leave edits, replies and other places alone.
 */
export function autoAnswerContract(makeDriver: () => AutoDriver): void {
  const probe = makeDriver();
  let assistant: Assistant;
  let driver: AutoDriver | undefined;

  beforeAll(async () => {
    assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
  });
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });
  const start = async (options: Partial<AutoStartOptions> = {}) => {
    driver = makeDriver();
    await driver.start({ core: assistant, ...options });
    return driver;
  };

  describe(`${probe.name} auto-answer`, () => {
    it('answers a new post it is sure of, once, in its thread, with its sources', async () => {
      expect(assistant.ask(GERMANY).confidence).toBeGreaterThanOrEqual(DEFAULT_AUTO_MIN_CONFIDENCE);
      const d = await start();
      const post = await d.post(GERMANY);
      await d.settle();
      const replies = d.repliesIn(post);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(GERMANY_TEXT);
      expect(replies[0]).toContain('https://example.org/germany');
      expect(replies[0]).toContain('not legal advice');
    });

    it('stays silent on a post it cannot answer: no decline, no apology, nothing', async () => {
      const d = await start();
      await d.post(OUT_OF_SCOPE);
      await d.post('hello');
      await d.settle();
      expect(d.everything()).toEqual([]);
      expect(d.logs()).toContain('stayed silent');
    });

    it('needs more confidence unasked than when asked: the same question, mentioned, is answered', async () => {
      const confidence = assistant.ask(GERMANY).confidence;
      const d = await start({ minConfidence: Math.min(1, confidence + 0.001) });
      const unasked = await d.post(GERMANY);
      const asked = await d.postMentioning(GERMANY);
      await d.settle();
      expect(d.repliesIn(unasked)).toEqual([]);
      expect(d.repliesIn(asked).join('')).toMatch(GERMANY_TEXT);
    });

    it('answers a crisis with the emergency contacts, however strict the threshold, even past the rate limit', async () => {
      const d = await start({ minConfidence: 1, rateLimit: { burst: 1, perMinute: 1 } });
      await d.post(OUT_OF_SCOPE);
      const crisis = await d.post(CRISIS);
      const again = await d.post(`${CRISIS} tonight`);
      await d.settle();
      expect(d.repliesIn(crisis).join('')).toContain('https://example.org/help-now');
      expect(d.repliesIn(again).join('')).toContain('https://example.org/help-now');
    });

    it('stays silent past the rate limit instead of saying "slow down"', async () => {
      const d = await start({ rateLimit: { burst: 1, perMinute: 1 } });
      const first = await d.post(GERMANY);
      const second = await d.post(WORK);
      await d.settle();
      expect(d.repliesIn(first)).toHaveLength(1);
      expect(d.repliesIn(second)).toEqual([]);
    });

    it('answers a thread once, however often the post is delivered', async () => {
      const d = await start();
      const post = await d.post(GERMANY);
      await d.redeliver(post);
      await d.redeliver(post);
      await d.settle();
      expect(d.repliesIn(post)).toHaveLength(1);
    });

    it('never answers other bots or itself', async () => {
      const d = await start();
      const bot = await d.post(GERMANY, { author: 'other bot' });
      const self = await d.post(GERMANY, { author: 'this bot' });
      // A person's reply under a bot's post is a reply, not a new post.
      await d.reply(bot, WORK);
      await d.settle();
      expect(d.repliesIn(bot)).toEqual([]);
      expect(d.repliesIn(self)).toEqual([]);
      expect(d.everything()).toEqual([]);
    });

    it('ignores edits and replies in the thread, unless a reply mentions the bot', async () => {
      const d = await start();
      const post = await d.post(OUT_OF_SCOPE);
      await d.edit(post, GERMANY);
      await d.reply(post, WORK);
      await d.settle();
      expect(d.everything()).toEqual([]);
      await d.reply(post, GERMANY, { mention: true });
      await d.settle();
      const replies = d.repliesIn(post);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(GERMANY_TEXT);
      expect(d.everything()).toHaveLength(1);
    });

    it('does not answer replies after its own answer, unless mentioned', async () => {
      const d = await start();
      const post = await d.post(GERMANY);
      await d.reply(post, WORK);
      await d.settle();
      expect(d.repliesIn(post)).toHaveLength(1);
      expect(d.everything()).toHaveLength(1);
    });

    it('ignores places that are not listed', async () => {
      const d = await start();
      await d.post(GERMANY, { listed: false });
      await d.post(CRISIS, { listed: false });
      await d.settle();
      expect(d.everything()).toEqual([]);
    });

    it('never echoes a mass mention from the post', async () => {
      const d = await start();
      const post = await d.post(`@everyone @here <!channel> <!here> ${GERMANY}`);
      await d.settle();
      const [reply = ''] = d.repliesIn(post);
      expect(reply).toMatch(GERMANY_TEXT);
      expect(reply).not.toMatch(/@everyone|@here|<!channel>|<!here>/);
    });

    it('logs no question text when it answers or stays silent', async () => {
      const d = await start();
      await d.post(`${GERMANY} marker-auto-1`);
      await d.post(`${OUT_OF_SCOPE} marker-auto-2`);
      await d.settle();
      expect(d.logs()).not.toContain('marker-auto');
    });
  });
}
