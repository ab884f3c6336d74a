import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KnowledgeIssue } from '../errors.ts';

/** The folder of training phrasings, inside the knowledge folder. Optional. */
export const PHRASINGS_DIR = 'phrasings';
/** In that folder, the questions the bot must decline. */
export const DECLINES_FILE = 'declines.yaml';
/** Also lists of questions to decline: `declines-<source>.yaml` (declines-dev.yaml, generated). */
const isDeclinesFile = (name: string) =>
  name === DECLINES_FILE || /^declines-[\w-]+\.yaml$/.test(name);

const text = z.string().trim().min(3, 'must be a question of at least 3 characters');

/**
 * One way of asking: a plain string belongs to the passage it is listed under; a near miss,
 * listed beside the passage it could be confused with, names the passage that answers it.
 */
const UtteranceSchema = z.union([
  text,
  z.strictObject({
    text,
    belongs: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a passage id'),
  }),
]);

/** `phrasings/<topic>.yaml`: passage id → the ways people ask what it answers. */
export const PhrasingsFileSchema = z.record(
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a passage id'),
  z.array(UtteranceSchema).min(1, 'needs at least one phrasing'),
);
/** `phrasings/declines.yaml`: questions sharing the domain's words that no passage answers. */
export const DeclinesFileSchema = z.array(text);

/** One training utterance and the passage that answers it. */
export interface Utterance {
  text: string;
  passage: string;
}

/**
 * Training data for ranking and declining: how people ask (slang, typos, stories, anger),
 * beyond the curated questions autocomplete shows, and questions to decline.
 */
export interface Phrasings {
  utterances: Utterance[];
  declines: string[];
}

export const NO_PHRASINGS: Phrasings = { utterances: [], declines: [] };

/**
 * Reads `<dir>/phrasings/*.yaml`. A knowledge folder without them is valid. Problems (bad YAML,
 * an unknown passage id, an empty list) are added to `issues` with file and field.
 */
export async function loadPhrasings(
  dir: string,
  passageIds: ReadonlySet<string>,
  issues: KnowledgeIssue[],
): Promise<Phrasings> {
  const files = await listPhrasingFiles(dir);
  const phrasings: Phrasings = { utterances: [], declines: [] };
  const sources = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
  files.forEach((file, i) => {
    let data: unknown;
    try {
      data = parseYaml(sources[i] ?? '');
    } catch (error) {
      const message = String((error as Error).message ?? error).split('\n')[0];
      issues.push({ file, field: 'file', message: `is not valid YAML (${message})` });
      return;
    }
    if (isDeclinesFile(path.basename(file))) {
      const result = DeclinesFileSchema.safeParse(data ?? []);
      if (!result.success) issues.push(...issuesOf(file, result.error));
      else phrasings.declines.push(...result.data);
      return;
    }
    const result = PhrasingsFileSchema.safeParse(data ?? {});
    if (!result.success) {
      issues.push(...issuesOf(file, result.error));
      return;
    }
    for (const [id, list] of Object.entries(result.data)) {
      if (!passageIds.has(id))
        issues.push({ file, field: id, message: 'is not the id of any passage' });
      list.forEach((utterance, n) => {
        if (typeof utterance === 'string') {
          phrasings.utterances.push({ text: utterance, passage: id });
        } else if (!passageIds.has(utterance.belongs)) {
          issues.push({
            file,
            field: `${id}.${n}.belongs`,
            message: `"${utterance.belongs}" is not the id of any passage`,
          });
        } else {
          phrasings.utterances.push({ text: utterance.text, passage: utterance.belongs });
        }
      });
    }
  });
  return phrasings;
}

/** The phrasing files, relative to the knowledge folder, sorted; none when there is no folder. */
export async function listPhrasingFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(path.join(dir, PHRASINGS_DIR));
    return names
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => path.join(PHRASINGS_DIR, name));
  } catch {
    return [];
  }
}

function issuesOf(file: string, error: z.ZodError): KnowledgeIssue[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.join('.') : 'file',
    message: issue.message,
  }));
}
