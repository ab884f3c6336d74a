import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { keyStems, keyWordsUsed } from '../../evaluation/paraphrase.ts';
import { BUNDLED_KNOWLEDGE_DIR, type Knowledge, loadKnowledge } from '../../src/index.ts';
import { PhrasingsFileSchema } from '../../src/knowledge/phrasings.ts';

// The everyday phrasings exist to teach the scorers messages whose only link to their passage is
// meaning (DESIGN.md, "Generalising beyond dev"): most of them must obey the test split's paraphrase
// rule, and every passage must have a few that do. The first batch (about one per passage) was
// written more loosely, hence a share rather than all.
const MIN_SHARE_OBEYING = 0.8;
const MIN_OBEYING_PER_PASSAGE = 3;

let knowledge: Knowledge;
let everyday: Map<string, string[]>;
beforeAll(async () => {
  knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const source = await readFile(
    path.join(BUNDLED_KNOWLEDGE_DIR, 'phrasings', 'everyday.yaml'),
    'utf8',
  );
  const file = PhrasingsFileSchema.parse(parseYaml(source));
  everyday = new Map(
    Object.entries(file).map(([id, list]) => [
      id,
      list.map((utterance) => (typeof utterance === 'string' ? utterance : utterance.text)),
    ]),
  );
});

function obeying(id: string): { obey: number; total: number } {
  const passage = knowledge.passages.find((p) => p.id === id);
  if (!passage) throw new Error(`everyday.yaml names no passage "${id}"`);
  const stems = keyStems(passage);
  const list = everyday.get(id) ?? [];
  return {
    obey: list.filter((q) => keyWordsUsed(q, stems).length === 0).length,
    total: list.length,
  };
}

describe('everyday phrasings', () => {
  it('mostly use none of their passage key words', () => {
    let obey = 0;
    let total = 0;
    for (const id of everyday.keys()) {
      const counts = obeying(id);
      obey += counts.obey;
      total += counts.total;
    }
    expect(obey / total).toBeGreaterThanOrEqual(MIN_SHARE_OBEYING);
  });

  it('give every passage a few that use none of its key words', () => {
    const short = knowledge.passages
      .filter((p) => (everyday.has(p.id) ? obeying(p.id).obey : 0) < MIN_OBEYING_PER_PASSAGE)
      .map((p) => p.id);
    expect(short).toEqual([]);
  });
});
