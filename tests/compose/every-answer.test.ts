import { describe, expect, it } from 'vitest';
import { lengthsOf } from '../../evaluation/evaluate.ts';
import { loadEvalSet, loadTestSet } from '../../evaluation/load.ts';
import type { EvalSet } from '../../evaluation/schema.ts';
import { openerOf } from '../../src/compose/openers.ts';
import { type Answer, type Assistant, createAssistant, wordCount } from '../../src/index.ts';

/** Every answer of a split: each question alone, and each conversation's turns in order. */
function answersOf(set: EvalSet, assistant: Assistant): { q: string; answer: Answer }[] {
  const singles = set.questions.map((turn) => ({ q: turn.q, answer: assistant.ask(turn.q) }));
  const turns = set.conversations.flatMap((conversation, i) =>
    conversation.map((turn) => ({
      q: turn.q,
      answer: assistant.ask(turn.q, { conversationId: `every-answer-${i}` }),
    })),
  );
  return [...singles, ...turns];
}

/** Sentences of an answer's text: each ends with its `[n]` marker. */
const sentencesOf = (text: string) => text.split(/(?<=\[\d+\][.!?]?)\s+/).filter(Boolean);

/**
 * What is wrong with an answer's openers, or null: a yes/no opener ("Yes:", "Usually not,")
 * answers the question only at the start of the answer, so a second one, after the first
 * sentence, is either repeated or contradicts the lead.
 */
function openerProblem(text: string): string | null {
  const openers = sentencesOf(text).map((sentence, i) => ({ i, opener: openerOf(sentence) }));
  const later = openers.filter(({ i, opener }) => i > 0 && opener !== null);
  if (later.length === 0) return null;
  const polarities = new Set(openers.flatMap(({ opener }) => (opener ? [opener.polarity] : [])));
  return polarities.size > 1 ? 'contradictory openers' : 'an opener after the first sentence';
}

describe('every dev and test answer', () => {
  it('the opener check flags a stitched answer that says yes and then no', () => {
    expect(openerProblem('Yes: you can claim [1]. No: it is rare [2].')).toBe(
      'contradictory openers',
    );
    expect(openerProblem('Yes: you can claim [1]. Usually not, for Americans [2].')).toBe(
      'contradictory openers',
    );
    expect(openerProblem('Yes: you can claim [1]. Yes: anyone can [2].')).toBe(
      'an opener after the first sentence',
    );
    expect(openerProblem('Yes: you can claim [1]. It is rare [2].')).toBeNull();
  });

  it('has at most one yes/no opener, at its start, and a median of at most 120 words', async () => {
    const assistant = await createAssistant();
    const dev = answersOf(await loadEvalSet(), assistant);
    // The frozen test split is read through the loader to check this invariant only: its
    // questions are never printed, so a failure there is fixed in composition, not per question.
    const test = await loadTestSet();
    const testAnswers = test ? answersOf(test, assistant) : [];

    const devProblems = dev.flatMap(({ q, answer }) => {
      const problem = openerProblem(answer.text);
      return problem ? [`${problem}: ${JSON.stringify(q)}`] : [];
    });
    expect(devProblems).toEqual([]);
    const testProblems = testAnswers.filter(({ answer }) => openerProblem(answer.text)).length;
    expect(testProblems, 'test answers with a second yes/no opener (questions not shown)').toBe(0);

    for (const answers of [dev, testAnswers]) {
      const lengths = lengthsOf(
        answers.map(({ answer }) => wordCount(answer.text)).filter(Boolean),
      );
      if (lengths.answers > 0) expect(lengths.median).toBeLessThanOrEqual(120);
    }
  }, 300_000);
});
