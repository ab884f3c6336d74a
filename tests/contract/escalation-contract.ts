import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_WORDING as SAY } from '../../adapters/shared/escalation.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import type { StartOptions, SurfaceDriver } from './driver.ts';

const GERMANY = 'Can Americans claim asylum in Germany?';

/**
 * "Talk to a person", the same on every chat surface: no button without a moderators' channel;
 * nothing reaches the moderators before the person confirms, and their question only if they
 * choose to include it.
 */
export function escalationContract(makeDriver: () => SurfaceDriver): void {
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
  const notices = (d: SurfaceDriver) => d.moderatorNotices?.() ?? [];

  describe(`${makeDriver().name}: talk to a person`, () => {
    it('shows no "Talk to a person" without a moderators channel', async () => {
      const d = await start();
      expect((await d.ask(GERMANY)).shown).not.toContain(SAY.button);
    });

    it('posts to the moderators only once the person confirms, without their question', async () => {
      const d = await start({ escalation: true });
      const answer = await d.ask(GERMANY);
      expect(answer.shown).toContain(SAY.button);
      const prompt = await d.click(answer, 'escalate');
      expect(prompt.private).toBe(true);
      expect(prompt.shown).toContain(SAY.prompt);
      expect(notices(d)).toEqual([]);
      expect((await d.click(prompt, 'confirm')).shown).toContain(SAY.sent);
      const [notice, ...more] = notices(d);
      expect(more).toEqual([]);
      expect(notice).toContain(SAY.noticeHeading);
      expect(notice).not.toContain('Germany');
    });

    it('includes the question when the person chooses to', async () => {
      const d = await start({ escalation: true });
      const prompt = await d.click(await d.ask(GERMANY), 'escalate');
      expect((await d.click(prompt, 'confirmWithQuestion')).shown).toContain(SAY.sentWithQuestion);
      expect(notices(d)[0]).toContain(GERMANY);
    });
  });
}
