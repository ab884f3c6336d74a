import { access, readFile } from 'node:fs/promises';
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

/** The test split, or undefined when the file does not exist (another knowledge's checkout). */
export async function loadTestSet(file = TEST_EVAL_FILE): Promise<EvalSet | undefined> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  return exists ? loadEvalSet(file) : undefined;
}

/** What begins each entry of an eval file's sections, at their indentation. */
const ENTRY = { questions: /^ {2}- q:/gm, conversations: /^ {2}- - q:/gm } as const;

/**
 * How many entries of a section of an eval file's text come before the first comment that starts
 * with `comment` ("# Held out"); undefined when the section has no such comment.
 */
export function entriesBeforeComment(
  text: string,
  section: keyof typeof ENTRY,
  comment: string,
): number | undefined {
  const split = text.indexOf('\nconversations:');
  const body =
    section === 'questions'
      ? text.slice(0, split === -1 ? undefined : split)
      : split === -1
        ? ''
        : text.slice(split);
  const at = body.indexOf(comment);
  if (at === -1) return undefined;
  return body.slice(0, at).match(ENTRY[section])?.length ?? 0;
}
