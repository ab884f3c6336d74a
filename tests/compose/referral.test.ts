import { beforeAll, describe, expect, it } from 'vitest';
import { type Assistant, createAssistant } from '../../src/index.ts';

let assistant: Assistant;
beforeAll(async () => {
  assistant = await createAssistant();
});

const cites = (question: string) => assistant.ask(question).citations.map((c) => c.publisher);

describe('a decline that fits the person', () => {
  it('offers the nearest questions it can answer, and cites no Canadian legal aid to someone elsewhere', () => {
    for (const question of [
      'can a us citizen get asylum in the UK?',
      'how do i renew my texas drivers license',
    ]) {
      const answer = assistant.ask(question);
      expect(answer.kind, question).toBe('abstain');
      expect(answer.followUps.length, question).toBeGreaterThan(0);
      expect(answer.notices.join(' '), question).toMatch(/nearest questions I can answer/);
      expect(cites(question).join(' '), question).not.toMatch(/Legal Aid Ontario/);
    }
    expect(assistant.ask('how do i renew my texas drivers license').notices.join(' ')).toMatch(
      /in the US/,
    );
  });

  it("refers someone in a province to that province's legal aid, found by topic and title", () => {
    const bc = assistant.ask('what are my chances of winning my refugee claim in vancouver');
    expect(bc.kind).toBe('advice');
    expect(bc.passages).toContain('legal-aid-bc-refugee');
    const ontario = assistant.ask('what are my chances of winning my refugee claim in toronto');
    expect(ontario.passages).toContain('legal-aid-ontario-refugee');
    const texas = assistant.ask('what are my odds as a gay man from texas');
    expect(texas.passages).not.toContain('finding-legal-help');
    expect(texas.notices.join(' ')).toMatch(/in the US/);
  });
});
