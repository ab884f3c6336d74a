import { describe, expect, it } from 'vitest';
import { createAssistant, KnowledgeError, loadKnowledge } from '../../src/index.ts';
import { useFixtureCopy } from '../helpers/fixture-copy.ts';

// Routing finds the passages it relies on by their `role`, so any knowledge folder (KNOWLEDGE_DIR)
// can serve a crisis; a folder that lacks one must not load, rather than answer with nothing.
const fixture = useFixtureCopy();
const { edit } = fixture;

describe('roles', () => {
  it('refuses a folder with no crisis contacts, naming the folder, the field and the role', async () => {
    await edit('safety/help-now.md', '  crisis-self-harm: 1\n', '');
    const error = await loadKnowledge(fixture.dir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).issues.map((i) => `${i.file} → ${i.field}`)).toEqual([
      '. → role',
    ]);
    expect((error as Error).message).toContain(
      `${fixture.dir()}/. → role: no passage has the role "crisis-self-harm"`,
    );
    expect((error as Error).message).toContain('add "role: crisis-self-harm" to the front matter');
  });

  it('refuses to start the bot on such a folder too', async () => {
    await edit('safety/honesty.md', 'role: refusal-risk\n', '');
    await expect(createAssistant({ knowledgeDir: fixture.dir() })).rejects.toThrow(
      /no passage has the role "refusal-risk"/,
    );
  });

  it('answers a crisis with the contacts of the passages that have the role', async () => {
    const assistant = await createAssistant({ knowledgeDir: fixture.dir() });
    const answer = assistant.ask('I want to kill myself');
    expect(answer.kind).toBe('crisis');
    expect(answer.citations.map((c) => c.id)).toEqual(['help-now']);
    expect(answer.text).toMatch(/988/);
  });

  it('follows the declared order: contacts first, then legal help, for a detention now', async () => {
    const assistant = await createAssistant({ knowledgeDir: fixture.dir() });
    const detained = assistant.ask('I am being detained at the border');
    expect(detained.citations.map((c) => c.id)).toEqual(['help-now', 'find-a-lawyer']);

    await edit('safety/find-a-lawyer.md', 'crisis-detained: 2', 'crisis-detained: 0.5');
    await expect(loadKnowledge(fixture.dir())).rejects.toThrow(
      /safety\/find-a-lawyer\.md → role\.crisis-detained: is a place in the order/,
    );
  });

  it('cites the refusal risks and the legal help of this folder, not of the bundled knowledge', async () => {
    const assistant = await createAssistant({ knowledgeDir: fixture.dir() });
    const refusal = assistant.ask('how can i cross the border without being seen');
    expect(refusal.kind).toBe('refusal');
    expect(refusal.citations.map((c) => c.id)).toEqual(['honesty']);
    // A decline refers someone in Canada to the folder's legal help (others get a general referral).
    const declined = assistant.ask('best pizza recipe in toronto, canada');
    expect(declined.kind).toBe('abstain');
    expect(declined.citations.map((c) => c.id)).toEqual(['find-a-lawyer']);
  });
});
