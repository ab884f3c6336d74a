import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type EvalSet, EvalSetSchema } from './schema.ts';

/** The evaluation data stays with the tests; this folder holds the code that reads and scores it. */
const HERE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'eval');

/** The dev split: tune on this one only. */
export const DEV_EVAL_FILE = path.join(HERE, 'questions.yaml');
/** The frozen test split: read once per change and reported, never tuned on (see README.md). */
export const TEST_EVAL_FILE = path.join(HERE, 'test.yaml');
/** @deprecated kept for existing callers; the same file as DEV_EVAL_FILE. */
export const EVAL_FILE = DEV_EVAL_FILE;

/** Reads and validates an evaluation split; the dev split unless another file is named. */
export async function loadEvalSet(file = DEV_EVAL_FILE): Promise<EvalSet> {
  const result = EvalSetSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`${file} is invalid:\n${problems}`);
  }
  return result.data;
}
