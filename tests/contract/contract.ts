import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_WORDING } from '../../adapters/shared/escalation.ts';
import { FeedbackCounter } from '../../adapters/shared/feedback.ts';
import { WORDING } from '../../adapters/shared/wording.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import type { StartOptions, SurfaceDriver } from './driver.ts';

const GERMANY = 'Can Americans claim asylum in Germany?';
const GERMANY_TEXT = /Americans can apply for asylum in Germany/;
const GERMANY_SOURCE = 'https://example.org/germany';

/**
 * What every surface must do, written once. A new surface passes this suite through a thin
 * driver over its platform's fake, or it is not done. Cases a platform cannot have (private
 * answers and buttons in a terminal) are skipped for it, and say so.
 */
export function surfaceContract(makeDriver: () => SurfaceDriver): void {
  const probe = makeDriver();
  const { supports } = probe;
  let assistant: Assistant;
  let driver: SurfaceDriver | undefined;

  beforeAll(async () => {
    assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
  });
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });
  const start = async (options: Partial<StartOptions> = {}) => {
    driver = makeDriver();
    await driver.start({ core: assistant, ...options });
    return driver;
  };

  describe(`${probe.name} surface contract`, () => {
    it('answers with the cited text and its numbered sources', async () => {
      const d = await start();
      const sent = await d.ask(GERMANY);
      expect(sent.shown).toMatch(GERMANY_TEXT);
      expect(sent.shown).toMatch(/\[1\]/);
      expect(sent.shown).toContain(GERMANY_SOURCE);
      expect(sent.shown).toContain('not legal advice');
    });

    it.runIf(supports.privacy)('answers the main command privately by default', async () => {
      const d = await start();
      expect((await d.ask(GERMANY)).private).toBe(true);
    });

    it.runIf(supports.buttons)(
      'shares a private answer in the channel with its button',
      async () => {
        const d = await start();
        const shared = await d.click(await d.ask(GERMANY), 'share');
        expect(shared.private).toBe(false);
        expect(shared.shown).toMatch(GERMANY_TEXT);
        expect(shared.shown).toContain(GERMANY);
      },
    );

    it('reads a reply in the conversation as a follow-up', async () => {
      const d = await start();
      const first = await d.mention(GERMANY);
      const followUp = await d.replyTo(first, 'how do I apply there?');
      expect(followUp.shown).toContain(GERMANY_SOURCE);
    });

    it('forgets the conversation when asked: a reply after that is read alone', async () => {
      const d = await start();
      const first = await d.mention(GERMANY);
      const forgot = await d.replyTo(first, 'delete everything i said pls');
      expect(forgot.shown).toContain('forgotten this conversation');
      expect(forgot.shown).not.toContain('988');
      const next = await d.replyTo(first, 'how do I apply there?');
      expect(next.shown).not.toContain(GERMANY_SOURCE);
    });

    it.runIf(supports.buttons)('asks a suggested question from its button', async () => {
      const d = await start();
      const [suggested] = assistant.ask(GERMANY).followUps;
      const followUp = await d.click(await d.ask(GERMANY), 'followUp');
      expect(followUp.shown).toContain(suggested);
    });

    it.runIf(supports.buttons)(
      'shows the passages behind a shortened answer in full, privately, with "More"',
      async () => {
        // A deployment that keeps answers very short: every answer leaves sentences out.
        const core = {
          ...assistant,
          ask: (q: string, o?: object) => assistant.ask(q, { ...o, maxWords: 5 }),
        };
        const d = await start({ core });
        const answer = await d.mention(GERMANY);
        expect(answer.shown).toContain(WORDING.more);
        const more = await d.click(answer, 'more');
        expect(more.private).toBe(true);
        expect(more.shown).toContain(assistant.passage('germany')?.body.slice(-40));
        expect(more.shown).toContain(GERMANY_SOURCE);
      },
    );

    it('answers "help" with help, in the conversation, not with a decline', async () => {
      const d = await start();
      for (const sent of [await d.direct('help'), await d.mention('help')]) {
        expect(sent.shown).toContain('Can Americans claim asylum in Canada?');
        expect(sent.shown).not.toContain("I don't have a sourced answer");
      }
    });

    it.runIf(supports.buttons)('counts one vote per person per answer', async () => {
      const feedback = new FeedbackCounter();
      const d = await start({ feedback });
      const answer = await d.ask(GERMANY);
      expect((await d.click(answer, 'up')).shown).toContain(WORDING.thanks);
      expect((await d.click(answer, 'down')).shown).toContain(WORDING.alreadyVoted);
      await d.click(answer, 'down', 'someone-else');
      expect(feedback.get('germany')).toEqual({ up: 1, down: 1 });
    });

    it('never sends a live mass mention, whatever the question says', async () => {
      const d = await start();
      const loud = `@everyone @here <!channel> <!here> <@&123456789012345678> ${GERMANY}`;
      for (const sent of [await d.ask(loud), await d.mention(loud), await d.direct(loud)]) {
        expect(d.pingsAnyone(sent)).toBe(false);
      }
    });

    it('logs no question text by default', async () => {
      const d = await start();
      await d.ask(`${GERMANY} marker-contract-7a1`);
      await d.direct('marker-contract-7a2 help me please');
      expect(d.logs()).not.toContain('marker-contract');
    });

    it.runIf(supports.rateLimit)('asks people to slow down past their rate limit', async () => {
      const d = await start({ rateLimit: { burst: 1, perMinute: 1 } });
      expect((await d.ask(GERMANY)).shown).toMatch(GERMANY_TEXT);
      expect((await d.ask(GERMANY)).shown).toContain(WORDING.slowDown);
    });

    it('apologizes when the core fails, and says nothing it does not know', async () => {
      const d = await start({
        core: {
          ask: () => {
            throw new Error('core bug');
          },
          suggest: () => [],
        },
      });
      const sent = await d.ask(GERMANY);
      expect(sent.shown).toContain(WORDING.apology);
      expect(d.logs()).not.toContain(GERMANY);
    });

    // "Talk to a person", on the surfaces that have a moderators' channel.
    const escalates = probe.moderatorNotices !== undefined;
    const notices = (d: SurfaceDriver) => d.moderatorNotices?.() ?? [];

    it.runIf(escalates)('shows no "Talk to a person" without a moderators channel', async () => {
      const d = await start();
      expect((await d.ask(GERMANY)).shown).not.toContain(ESCALATION_WORDING.button);
    });

    it.runIf(escalates)(
      'tells the moderators only once the person confirms, without their question',
      async () => {
        const d = await start({ escalation: true });
        const answer = await d.ask(GERMANY);
        expect(answer.shown).toContain(ESCALATION_WORDING.button);
        const prompt = await d.click(answer, 'escalate');
        expect(prompt.private).toBe(true);
        expect(prompt.shown).toContain(ESCALATION_WORDING.prompt);
        expect(notices(d)).toEqual([]);
        expect((await d.click(prompt, 'confirm')).shown).toContain(ESCALATION_WORDING.sent);
        const [notice, ...more] = notices(d);
        expect(more).toEqual([]);
        expect(notice).toContain(ESCALATION_WORDING.noticeHeading);
        expect(notice).not.toContain('Germany');
      },
    );

    it.runIf(escalates)('includes the question when the person chooses to', async () => {
      const d = await start({ escalation: true });
      const prompt = await d.click(await d.ask(GERMANY), 'escalate');
      const done = await d.click(prompt, 'confirmWithQuestion');
      expect(done.shown).toContain(ESCALATION_WORDING.sentWithQuestion);
      expect(notices(d)[0]).toContain(GERMANY);
    });

    it('finishes the answer in progress when stopped', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let asked: () => void = () => {};
      const inProgress = new Promise<void>((resolve) => {
        asked = resolve;
      });
      const d = await start({
        core: {
          ask: async (question, options) => {
            asked();
            await gate;
            return assistant.ask(question, options);
          },
          suggest: () => [],
        },
      });
      d.askInBackground(GERMANY);
      const answered = d.nextSent();
      await inProgress;
      const stopped = d.stop();
      release();
      expect((await answered).shown).toMatch(GERMANY_TEXT);
      await stopped;
    });
  });
}
