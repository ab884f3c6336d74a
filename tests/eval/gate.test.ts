import { describe, expect, it } from 'vitest';
import { evaluate, passesGate } from '../../evaluation/evaluate.ts';
import { loadEvalSet } from '../../evaluation/load.ts';
import { assistantFor } from '../../src/assistant.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { DEFAULT_TUNING } from '../../src/retrieval/index.ts';

// The same gate CI runs with `npm run eval -- --gate`, shown to go red when quality drops.
describe('the quality gate', () => {
  it('passes on the bundled knowledge, and fails when retrieval is made worse', async () => {
    const [knowledge, set] = await Promise.all([
      loadKnowledge(BUNDLED_KNOWLEDGE_DIR),
      loadEvalSet(),
    ]);
    expect(passesGate(evaluate(set, assistantFor(knowledge)))).toBe(true);

    // Without the curated questions' boost and with every synonym ignored, ranking falls apart.
    const worse = assistantFor(knowledge, {
      tuning: {
        ...DEFAULT_TUNING,
        boost: { title: 1, questions: 0.1, body: 1, topic: 1 },
        weight: { ...DEFAULT_TUNING.weight, synonym: 0 },
      },
    });
    expect(passesGate(evaluate(set, worse))).toBe(false);

    // An assistant that abstains on everything fails on hit@3 however "safe" it looks.
    const silent = assistantFor(knowledge, { threshold: { coverage: 2, questionCoverage: 2 } });
    expect(passesGate(evaluate(set, silent))).toBe(false);
  });
});
