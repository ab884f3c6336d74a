import { describe, expect, it } from 'vitest';
import { evaluate, passesGate } from '../../evaluation/evaluate.ts';
import { loadEvalSet, loadTestSet } from '../../evaluation/load.ts';
import { assistantFor } from '../../src/assistant.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { loadMeaning } from '../../src/meaning/index.ts';

// The same gate CI runs with `npm run eval -- --gate` (on the test split), shown to go red when
// quality drops. On the assistant as it ships: with the sentence encoder, unless it is off.
describe('the quality gate', () => {
  it('passes on the bundled knowledge, and fails when answering or declining is broken', async () => {
    const [knowledge, test] = await Promise.all([
      loadKnowledge(BUNDLED_KNOWLEDGE_DIR),
      loadTestSet(),
    ]);
    const set = test ?? (await loadEvalSet());
    const meaning = loadMeaning() ?? null;
    expect(passesGate(evaluate(set, assistantFor(knowledge, { meaning })))).toBe(true);

    // An assistant that abstains on everything fails on hit@3 however "safe" it looks.
    const silent = assistantFor(knowledge, { meaning, threshold: 2 });
    expect(passesGate(evaluate(set, silent))).toBe(false);

    // One that never declines answers every question outside the knowledge: it fails too.
    const reckless = assistantFor(knowledge, { meaning, threshold: 0 });
    expect(passesGate(evaluate(set, reckless))).toBe(false);
  }, 300_000);
});
