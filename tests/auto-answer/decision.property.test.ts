import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoAnswerDecision } from '../../adapters/shared/auto-answer.ts';
import { ANSWER_KINDS, type Answer } from '../../src/answer.ts';
import { runs } from '../helpers/runs.ts';

const answers = fc.record({
  question: fc.string(),
  notices: fc.array(fc.string(), { maxLength: 2 }),
  text: fc.oneof(fc.constant(''), fc.constant('  '), fc.string()),
  citations: fc.constant([]),
  abstained: fc.boolean(),
  kind: fc.constantFrom(...ANSWER_KINDS),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  followUps: fc.constant([]),
  disclaimer: fc.constant('Legal information, not legal advice.'),
}) satisfies fc.Arbitrary<Answer>;
const thresholds = fc.double({ min: 0, max: 1, noNaN: true });

describe('autoAnswerDecision', () => {
  it('always posts a crisis answer, whatever the threshold', () => {
    fc.assert(
      fc.property(answers, thresholds, (answer, threshold) => {
        expect(autoAnswerDecision({ ...answer, kind: 'crisis' }, threshold)).toEqual({
          post: true,
          reason: 'crisis',
        });
      }),
      { numRuns: runs(500) },
    );
  });

  it('never posts a decline, small talk, a refusal or an empty answer', () => {
    fc.assert(
      fc.property(answers, thresholds, (answer, threshold) => {
        const silent =
          ['abstain', 'smalltalk', 'refusal'].includes(answer.kind) ||
          (answer.kind !== 'crisis' && (answer.abstained || !answer.text.trim()));
        if (silent) expect(autoAnswerDecision(answer, threshold).post).toBe(false);
      }),
      { numRuns: runs(1_000) },
    );
  });

  it('posts anything else only from the threshold on, and a stricter threshold never posts more', () => {
    fc.assert(
      fc.property(answers, thresholds, thresholds, (answer, a, b) => {
        const [lower, higher] = a <= b ? [a, b] : [b, a];
        const strict = autoAnswerDecision(answer, higher);
        if (strict.post) expect(autoAnswerDecision(answer, lower).post).toBe(true);
        if (strict.post && answer.kind !== 'crisis') {
          expect(answer.confidence).toBeGreaterThanOrEqual(higher);
        }
      }),
      { numRuns: runs(1_000) },
    );
  });
});
