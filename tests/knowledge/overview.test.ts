import { beforeAll, describe, expect, it } from 'vitest';
import { type Assistant, createAssistant, knowledgeOverview } from '../../src/index.ts';

let assistant: Assistant;

beforeAll(async () => {
  assistant = await createAssistant();
});

describe('knowledgeOverview', () => {
  it('gives the newest and oldest review dates of the bundled knowledge', () => {
    const passages = assistant.passages();
    const overview = knowledgeOverview(passages);
    const dates = passages.map((p) => p.reviewed);
    expect(overview.passages).toBe(passages.length);
    expect(dates).toContain(overview.lastReviewed);
    expect(dates).toContain(overview.oldestReview);
    expect(dates.every((d) => d <= String(overview.lastReviewed))).toBe(true);
    expect(dates.every((d) => d >= String(overview.oldestReview))).toBe(true);
  });

  it('offers the starter passages, in their places, as the questions to try', () => {
    const { starters } = knowledgeOverview(assistant.passages());
    // The same first questions the bot offers when a message matches nothing.
    expect(starters.slice(0, 3)).toEqual(assistant.ask('').followUps);
  });

  it('has nothing to date without passages', () => {
    expect(knowledgeOverview([])).toEqual({
      starters: [],
      lastReviewed: null,
      oldestReview: null,
      passages: 0,
    });
  });
});
