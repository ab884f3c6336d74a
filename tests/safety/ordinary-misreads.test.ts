import { describe, expect, it } from 'vitest';
import { ordinaryMisreads } from '../../evaluation/intent-misreads.ts';
import { loadEvalSet } from '../../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { detectCrisis } from '../../src/safety/crisis.ts';
import { asksForAdvice, asksForDeception } from '../../src/safety/intent.ts';
import { createIntentReader, ordinaryQuestions } from '../../src/safety/intents.ts';

// Crisis lines, detention steps or a refusal in place of an answer: each misread of an ordinary
// question is a wrong answer. Read on the dev evaluation split only (never the test split).
describe('ordinary questions of the dev evaluation split', () => {
  it('are seldom read as a crisis, a detention or a request to deceive', async () => {
    const [knowledge, dev] = await Promise.all([
      loadKnowledge(BUNDLED_KNOWLEDGE_DIR),
      loadEvalSet(),
    ]);
    const { ordinary, misread } = ordinaryMisreads(
      dev,
      knowledge.passages,
      createIntentReader(knowledge),
    );
    const replaced = misread.filter((m) => m.got !== 'advice').length;
    // Session 6: 11 of 843 (1.3%); before the knowledge's phrasings were taught as ordinary, 19
    // crisis or detention readings alone.
    expect(replaced / ordinary).toBeLessThan(0.02);
  }, 60_000);

  it('come from the knowledge outside the safety topic, leaving what the rules read to the rules', async () => {
    const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
    const ordinary = ordinaryQuestions(knowledge);
    expect(ordinary.length).toBeGreaterThan(1000);
    const safety = knowledge.passages.filter((p) => p.topic === 'safety');
    for (const passage of safety) expect(ordinary).not.toContain(passage.title);
    expect(
      ordinary.filter((q) => detectCrisis(q) || asksForAdvice(q) || asksForDeception(q)),
    ).toEqual([]);
  });
});
