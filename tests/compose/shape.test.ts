import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_FILE, loadEvalSet } from '../../evaluation/load.ts';
import { type Answer, type Assistant, createAssistant } from '../../src/index.ts';
import { sentencesOf, uncitedSentences } from '../helpers/citations.ts';

/**
 * The shape of every answer to the evaluation questions: short, led by the answer, never saying
 * yes and then no. Runs over the dev split; the lead runs it once over the test split with
 * `SHAPE_EVAL_FILE=tests/eval/test.yaml npx vitest run tests/compose/shape.test.ts`.
 */
const file = process.env.SHAPE_EVAL_FILE || EVAL_FILE;

// A yes/no opener, as passages write them ("Yes:", "No,", "In most cases, yes:", "Usually not, …").
const OPENER =
  /^(?:(?:generally|usually|mostly|often|in most cases|in many cases|probably),?\s+)?(yes|no|not|usually not|mostly not|probably not)\b[^.?!]{0,60}?[:,]/i;
const words = (text: string) =>
  text
    .replace(/\[\d+\]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

let assistant: Assistant;
let answers: Answer[];
beforeAll(async () => {
  assistant = await createAssistant();
  const set = await loadEvalSet(file);
  answers = [
    ...set.questions.map((turn) => assistant.ask(turn.q)),
    ...set.conversations.flatMap((turns, i) =>
      turns.map((turn) => assistant.ask(turn.q, { conversationId: `shape-${i}` })),
    ),
  ];
  // Every dev answer (about 800 since the 2026-12-02 block), each with the sentence encoder.
}, 300_000);

describe(`answers to every question of ${file.split('/').at(-1)}`, () => {
  it('are about 120 words at the median by default, each sentence still cited', () => {
    const counts = answers.map((a) => words(a.text)).sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    expect(median).toBeLessThanOrEqual(120);
    for (const answer of answers) expect(uncitedSentences(answer), answer.question).toEqual([]);
  });

  it('never carry a yes/no opener after their first sentence, so never two contradictory ones', () => {
    for (const answer of answers) {
      const later = sentencesOf(answer.text)
        .slice(1)
        .filter((sentence) => OPENER.test(sentence));
      expect(later, answer.question).toEqual([]);
    }
  });

  it('name the passages they quote, so the full text is one step away', () => {
    for (const answer of answers.filter((a) => a.citations.length > 0)) {
      expect(answer.passages?.length, answer.question).toBeGreaterThan(0);
      for (const id of answer.passages ?? []) expect(assistant.passage(id), id).toBeDefined();
      const cited = new Set(answer.citations.flatMap((c) => c.passages));
      expect(new Set(answer.passages)).toEqual(cited);
    }
  });
});

describe('the length setting', () => {
  it('shortens an answer, keeps its lead sentence whole, and says it was cut', async () => {
    const question = 'Can Americans claim asylum in Canada?';
    const long = assistant.ask(question, { maxWords: 1000 });
    const short = assistant.ask(question, { maxWords: 30 });
    expect(words(short.text)).toBeLessThan(words(long.text));
    expect(sentencesOf(long.text)[0]).toBe(sentencesOf(short.text)[0]);
    expect(short.truncated).toBe(true);
    const terse = await createAssistant({ maxWords: 30 });
    expect(terse.ask(question).text).toBe(short.text);
  });

  it('answers a yes/no question with the yes or no first, and a how question without one', () => {
    expect(assistant.ask('Can Americans claim asylum in Canada?').text).toMatch(/^Yes:/);
    const how = assistant.ask('how does an American make a refugee claim at the border');
    expect(sentencesOf(how.text)[0]).not.toMatch(OPENER);
  });
});
