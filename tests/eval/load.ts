import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type EvalSet, EvalSetSchema } from './schema.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The dev split: tune on it. */
export const EVAL_FILE = path.join(HERE, 'questions.yaml');
/** The frozen test split: read once per change, never tuned on (see tests/eval/README.md). */
export const TEST_FILE = path.join(HERE, 'test.yaml');

export async function loadEvalSet(file = EVAL_FILE): Promise<EvalSet> {
  const result = EvalSetSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`${file} is invalid:\n${problems}`);
  }
  return result.data;
}

/** The test split, or undefined while it does not exist yet. */
export async function loadTestSet(file = TEST_FILE): Promise<EvalSet | undefined> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  return exists ? loadEvalSet(file) : undefined;
}
