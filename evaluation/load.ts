import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type EvalSet, EvalSetSchema } from './schema.ts';

export const EVAL_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'tests',
  'eval',
  'questions.yaml',
);

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
