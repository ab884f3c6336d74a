import { beforeAll, describe, expect, it } from 'vitest';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// Ranking and declining through the public ask(), on the six-passage fixture (no training
// phrasings: the shipped scorer must work on any knowledge folder).
let assistant: Assistant;
beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});
const cited = (question: string) => {
  const answer = assistant.ask(question);
  return answer.abstained ? 'abstained' : answer.citations[0]?.id;
};

describe('ask() ranks and declines', () => {
  it('answers a question told after a long story, however long the story', () => {
    const question = 'Can I get a work permit while I wait for my hearing?';
    const story = [
      'My wife and I left Ohio last month after our neighbours threatened us.',
      'We sold the house, our savings are running low and the kids miss their school.',
      'My grandmother was Irish, and my brother says Mexico would have been easier.',
    ];
    expect(cited(question)).toBe('work-permit');
    expect(cited(`${story.join(' ')} ${question}`)).toBe('work-permit');
    const short = assistant.ask(question).confidence;
    const long = assistant.ask(`${story.join(' ')} ${question}`).confidence;
    expect(long).toBeGreaterThan(short / 2);
  });

  it('forgives typos', () => {
    expect(cited('can i get a wrok permit while i wait')).toBe('work-permit');
  });

  // On the fixture, "americans" and "asylum" weigh more in BM25 than a fuzzy "mexco": the query
  // searches a misspelt country as the country it names.
  it('forgives a typo in a country name', () => {
    expect(cited('can americans get asylum in mexco')).toBe('mexico');
    expect(cited('can americans get asylum in germnay')).toBe('germany');
  });

  it('answers about the country asked, not another', () => {
    expect(cited('Can Americans claim asylum in Germany?')).toBe('germany');
    expect(cited('Can Americans claim asylum in Mexico?')).toBe('mexico');
  });

  // The fixture lists no questions to decline: the scorer must not read that as "far from every
  // decline" and answer with confidence.
  it('declines a question about a country the knowledge lacks', () => {
    expect(cited('can americans claim asylum in japan')).toBe('abstained');
    expect(cited('does sweden give asylum to americans')).toBe('abstained');
  });

  it('keeps confidence between 0 and 1, higher for an answer than for a decline', () => {
    const answered = assistant.ask('Can Americans claim asylum in Mexico?');
    const declined = assistant.ask('how cold is the weather in germany in january');
    for (const answer of [answered, declined]) {
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    }
    expect(answered.confidence).toBeGreaterThan(declined.confidence);
  });
});

describe('a message that names nothing the knowledge uses', () => {
  it('is declined, though passages are near it in meaning; a typo of a known word is not such a message', async () => {
    const bundled = await createAssistant();
    // Each was answered before, from the STCA, Guideline 9 and a crisis line (confidence 0.71–0.80).
    for (const message of ['tl;dr', 'eli5', 'can you dm me'])
      expect(bundled.ask(message).abstained, message).toBe(true);
    expect(bundled.ask('refugge clam at the bordr').abstained).toBe(false);
  }, 60_000);
});
