import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  devPhrasingFiles,
  heldOutFromTraining,
  trainedQuestionCount,
} from '../../evaluation/dev-phrasings.ts';
import { DEV_EVAL_FILE, loadEvalSet, TEST_EVAL_FILE } from '../../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/index.ts';

const phrasingsFile = (name: string) => path.join(BUNDLED_KNOWLEDGE_DIR, 'phrasings', name);

describe('dev questions as training phrasings', () => {
  it('are what `npm run train:dev-phrasings` makes of the dev split as it stands', async () => {
    const [text, set, questions, declines] = await Promise.all([
      readFile(DEV_EVAL_FILE, 'utf8'),
      loadEvalSet(),
      readFile(phrasingsFile('dev-questions.yaml'), 'utf8'),
      readFile(phrasingsFile('declines-dev.yaml'), 'utf8'),
    ]);
    // Out of date: run `npm run train:dev-phrasings`, then `npm run train`.
    expect({ questions, declines }).toEqual(devPhrasingFiles(text, set));
  });

  it('leave the held-out questions and every test question out of training', async () => {
    const [text, set, test, questions, declines] = await Promise.all([
      readFile(DEV_EVAL_FILE, 'utf8'),
      loadEvalSet(),
      loadEvalSet(TEST_EVAL_FILE),
      readFile(phrasingsFile('dev-questions.yaml'), 'utf8'),
      readFile(phrasingsFile('declines-dev.yaml'), 'utf8'),
    ]);
    const trained = new Set([
      ...Object.values(parse(questions) as Record<string, string[]>).flat(),
      ...(parse(declines) as string[]),
    ]);
    const held = heldOutFromTraining(text, set).questions;
    expect(trainedQuestionCount(text, set)).toBeLessThan(set.questions.length);
    expect(held.length).toBeGreaterThanOrEqual(100);
    // Long questions only: a short one ("how long does it take") may well be asked twice.
    const long = (q: string) => q.length > 60;
    expect(held.filter((t) => long(t.q) && trained.has(t.q)).map((t) => t.q)).toEqual([]);
    const testQuestions = [...test.questions, ...test.conversations.flat()];
    expect(testQuestions.filter((t) => trained.has(t.q)).map((t) => t.q)).toEqual([]);
  });
});
