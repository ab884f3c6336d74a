import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_EVAL_FILE, loadEvalSet, TEST_EVAL_FILE } from '../../evaluation/load.ts';
import { keyStems, keyWordsUsed } from '../../evaluation/paraphrase.ts';
import type { EvalSet, EvalTurn } from '../../evaluation/schema.ts';
import { BUNDLED_KNOWLEDGE_DIR, type Knowledge, loadKnowledge } from '../../src/index.ts';

// The shape of both splits and the make-up the test split promises (tests/eval/README.md).
// Deliberately no retrieval here: this checks the data, it never computes or prints a score.

/** Minimums the frozen test split must meet (issue 12). Shares are of all turns. */
const TEST_MINIMUMS = {
  questions: 250,
  longShare: 0.35,
  paraphraseShare: 0.2,
  declines: 60,
  misconceptions: 15,
  followUps: 30,
} as const;
const LONG_CHARS = { min: 300, max: 900 } as const;

function allTurns(set: EvalSet): EvalTurn[] {
  return [...set.questions, ...set.conversations.flat()];
}

function followUps(set: EvalSet): EvalTurn[] {
  return set.conversations.flatMap((conversation) => conversation.slice(1));
}

function count(turns: EvalTurn[], subset: string): number {
  return turns.filter((turn) => turn.subset === subset).length;
}

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
});

describe.each([
  ['dev', DEV_EVAL_FILE],
  ['test', TEST_EVAL_FILE],
])('the %s split', (_name, file) => {
  it('parses, and every expected id is a bundled passage whose topic it names', async () => {
    const set = await loadEvalSet(file);
    const topicById = new Map(knowledge.passages.map((p) => [p.id, p.topic]));
    const problems: string[] = [];
    for (const turn of allTurns(set)) {
      if (!('expect' in turn)) continue;
      for (const id of turn.expect) {
        if (!topicById.has(id)) problems.push(`unknown passage "${id}" in: ${turn.q}`);
      }
      const first = topicById.get(turn.expect[0] ?? '');
      if (turn.topic !== undefined && first !== undefined && turn.topic !== first) {
        problems.push(`topic "${turn.topic}" is not "${first}" (of ${turn.expect[0]}): ${turn.q}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the dev split', () => {
  let set: EvalSet;
  beforeAll(async () => {
    set = await loadEvalSet(DEV_EVAL_FILE);
  });

  // Older dev turns carry no subset; a turn that does must obey the subset's definition, so that
  // dev scores by subset mean what the test split's mean.
  it('declines exactly the labelled turns marked to abstain', () => {
    const mislabelled = allTurns(set)
      .filter((turn) => turn.subset !== undefined)
      .filter((turn) => 'abstain' in turn !== (turn.subset === 'decline'));
    expect(mislabelled.map((turn) => turn.q)).toEqual([]);
  });

  it('keeps messages labelled long between 300 and 900 characters', () => {
    const outOfRange = allTurns(set)
      .filter(
        (turn) => turn.subset === 'long' || (turn.subset === 'decline' && turn.style === 'long'),
      )
      .filter((turn) => turn.q.length < LONG_CHARS.min || turn.q.length > LONG_CHARS.max);
    expect(outOfRange.map((turn) => `${turn.q.length}: ${turn.q.slice(0, 60)}`)).toEqual([]);
  });

  it("uses none of the first expected passage's key words in a turn labelled paraphrase", () => {
    const byId = new Map(knowledge.passages.map((p) => [p.id, p]));
    const problems: string[] = [];
    for (const turn of allTurns(set)) {
      if (turn.subset !== 'paraphrase' || !('expect' in turn)) continue;
      const passage = byId.get(turn.expect[0] ?? '');
      if (!passage) continue; // reported by the expected-id check above
      const used = keyWordsUsed(turn.q, keyStems(passage));
      if (used.length > 0) problems.push(`${used.join(', ')} (of ${passage.id}): ${turn.q}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the paraphrase rule', () => {
  // The check above can fail: a question that repeats a title word is caught, by stem.
  it('catches a key word in another form and lets the shared words through', () => {
    const stems = keyStems({
      title: 'What is a removal order?',
      questions: ['will i be deported from canada'],
    });
    expect(keyWordsUsed('Deportation orders for Americans in Canada', stems)).toEqual([
      'deportation',
      'orders',
    ]);
    expect(keyWordsUsed('they kicked me out, can americans claim asylum', stems)).toEqual([]);
    expect(keyWordsUsed('getting deported', stems)).toEqual(['deported']);
  });
});

describe('the test split', () => {
  let set: EvalSet;
  beforeAll(async () => {
    set = await loadEvalSet(TEST_EVAL_FILE);
  });

  it('labels every turn with a subset, and declines exactly the turns marked to abstain', () => {
    const unlabelled = allTurns(set).filter((turn) => turn.subset === undefined);
    expect(unlabelled.map((turn) => turn.q)).toEqual([]);
    const mislabelled = allTurns(set).filter(
      (turn) => 'abstain' in turn !== (turn.subset === 'decline'),
    );
    expect(mislabelled.map((turn) => turn.q)).toEqual([]);
  });

  it('keeps long messages between 300 and 900 characters', () => {
    const outOfRange = allTurns(set)
      .filter((turn) => turn.subset === 'long')
      .filter((turn) => turn.q.length < LONG_CHARS.min || turn.q.length > LONG_CHARS.max);
    expect(outOfRange.map((turn) => `${turn.q.length}: ${turn.q.slice(0, 60)}`)).toEqual([]);
  });

  it('meets the minimum make-up of issue 12', () => {
    const turns = allTurns(set);
    expect(set.questions.length).toBeGreaterThanOrEqual(TEST_MINIMUMS.questions);
    expect(count(turns, 'long') / turns.length).toBeGreaterThanOrEqual(TEST_MINIMUMS.longShare);
    expect(count(turns, 'paraphrase') / turns.length).toBeGreaterThanOrEqual(
      TEST_MINIMUMS.paraphraseShare,
    );
    expect(count(turns, 'decline')).toBeGreaterThanOrEqual(TEST_MINIMUMS.declines);
    expect(count(turns, 'misconception')).toBeGreaterThanOrEqual(TEST_MINIMUMS.misconceptions);
    expect(followUps(set).length).toBeGreaterThanOrEqual(TEST_MINIMUMS.followUps);
  });

  it('shares no question with the dev split', async () => {
    const normalise = (q: string) =>
      q
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const dev = new Set(allTurns(await loadEvalSet(DEV_EVAL_FILE)).map((t) => normalise(t.q)));
    // A bare follow-up ("how long do i have?") is meant to recur: only its context differs.
    const shared = set.questions.filter((turn) => dev.has(normalise(turn.q)));
    expect(shared.map((turn) => turn.q)).toEqual([]);
  });
});
