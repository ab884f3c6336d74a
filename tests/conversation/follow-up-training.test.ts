import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_EVAL_FILE, loadEvalSet } from '../../evaluation/load.ts';
import { FOLLOW_UP_FEATURES } from '../../src/conversation/context.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { runScript } from '../helpers/run.ts';

// The conversations written for training the follow-up choice (scripts/train-follow-ups.ts):
// they must name real passages, and must not be dev questions, which would make the held-out
// dev conversations and the labelled blocks measure what the model was trained on.
const TRAINING_FILE = path.join(
  import.meta.dirname,
  '../../scripts/data/follow-up-conversations.yaml',
);

describe('conversations written to train the follow-up choice', () => {
  it('expect bundled passages and share no message with the dev split', async () => {
    const [training, dev, knowledge] = await Promise.all([
      loadEvalSet(TRAINING_FILE),
      loadEvalSet(DEV_EVAL_FILE),
      loadKnowledge(BUNDLED_KNOWLEDGE_DIR),
    ]);
    const ids = new Set(knowledge.passages.map((p) => p.id));
    const turns = training.conversations.flat();
    expect(turns.length).toBeGreaterThan(100);
    const unknown = turns.flatMap((turn) => ('expect' in turn ? turn.expect : []));
    expect(unknown.filter((id) => !ids.has(id))).toEqual([]);
    const normal = (q: string) =>
      q
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const devMessages = new Set(
      [...dev.questions, ...dev.conversations.flat()].map((turn) => normal(turn.q)),
    );
    expect(turns.filter((turn) => devMessages.has(normal(turn.q))).map((t) => t.q)).toEqual([]);
  });
});

const MODEL_FILE = path.join(import.meta.dirname, '../../src/conversation/follow-up-model.json');

describe('npm run train:follow-ups -- --experiment', () => {
  it('refuses a feature it does not measure at once, naming the ones it does, and writes nothing', async () => {
    // A misspelt name would compare a fit with itself after minutes of replaying conversations.
    const saved = await readFile(MODEL_FILE, 'utf8');
    const { code, stderr } = await runScript('train:follow-ups', {
      args: ['--experiment', '--without', `nextOfShown,${FOLLOW_UP_FEATURES[0]}s`],
    });
    expect(code).toBe(2);
    expect(stderr).toContain(`no follow-up feature named ${FOLLOW_UP_FEATURES[0]}s`);
    expect(stderr).toContain(FOLLOW_UP_FEATURES.join(', '));
    expect(await readFile(MODEL_FILE, 'utf8')).toBe(saved);
  });

  it('refuses --without without --experiment, rather than train and write a model', async () => {
    // Written elsewhere if the check were gone: a failing test must not rewrite the shipped model.
    const dir = await mkdtemp(path.join(tmpdir(), 'follow-up-model-'));
    const out = path.join(dir, 'model.json');
    try {
      const { code, stderr } = await runScript('train:follow-ups', {
        args: ['--without', 'nextOfShown', '--out', out],
      });
      expect(code).toBe(2);
      expect(stderr).toContain('add --experiment');
      expect(existsSync(out)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
