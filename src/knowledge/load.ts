import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from '../errors.ts';
import { loadPhrasings, type Phrasings } from './phrasings.ts';
import { missingRoles } from './roles.ts';
import { FrontMatterSchema, type Passage, type SynonymGroups, SynonymsSchema } from './schema.ts';
import { countWords, splitBody } from './sentences.ts';

export interface Knowledge {
  dir: string;
  passages: Passage[];
  synonyms: SynonymGroups;
  /** Training phrasings and declines (phrasings/*.yaml), for ranking and declining. */
  phrasings: Phrasings;
}

export const SYNONYMS_FILE = 'synonyms.yaml';

/**
 * Reads and validates every passage under `dir`. Either everything is valid and returned, or a
 * KnowledgeError lists every problem: it never half-loads.
 */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  const issues: KnowledgeIssue[] = [];
  let files: string[];
  try {
    files = await listMarkdown(dir);
  } catch (error) {
    throw new KnowledgeError(dir, [
      { file: '.', field: 'file', message: `cannot read the folder (${(error as Error).message})` },
    ]);
  }
  if (files.length === 0) {
    issues.push({
      file: '.',
      field: 'file',
      message: 'no passages found (expected <topic>/<id>.md files)',
    });
  }

  // Imported here, not with the module: a built bot that starts from its snapshot never parses
  // front matter, and gray-matter's YAML parser is a tenth of such a start.
  const { default: parseFrontMatter } = await import('gray-matter');
  const passages: Passage[] = [];
  const seen = new Map<string, string>();
  // Read at once: one after another, most of loading would be waiting on the disk.
  const sources = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
  for (const [i, file] of files.entries()) {
    const passage = parsePassage(parseFrontMatter, file, sources[i] ?? '', issues);
    if (!passage) continue;
    const earlier = seen.get(passage.id);
    if (earlier) {
      issues.push({
        file,
        field: 'id',
        message: `duplicate id "${passage.id}", also used in ${earlier}`,
      });
      continue;
    }
    seen.set(passage.id, file);
    passages.push(passage);
  }

  issues.push(...unknownNext(passages, seen));
  // Checked over the passages that loaded: a crisis passage with a bad field is missing too.
  if (files.length > 0) issues.push(...missingRoles(passages));
  const synonyms = await loadSynonyms(dir, issues);
  const phrasings = await loadPhrasings(dir, new Set(seen.keys()), issues);
  if (issues.length) throw new KnowledgeError(dir, issues);
  return { dir, passages, synonyms, phrasings };
}

function parsePassage(
  frontMatter: typeof matter,
  file: string,
  source: string,
  issues: KnowledgeIssue[],
): Passage | undefined {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // The `yaml` engine keeps dates as the strings the editor wrote; js-yaml would turn them into Dates.
    parsed = frontMatter(source, { engines: { yaml: (text) => parseYaml(text) ?? {} } });
  } catch (error) {
    issues.push({
      file,
      field: 'front matter',
      message: `is not valid YAML (${firstLine(error)})`,
    });
    return undefined;
  }
  if (!source.trimStart().startsWith('---')) {
    issues.push({
      file,
      field: 'front matter',
      message: 'is missing: start the file with a --- block',
    });
    return undefined;
  }

  const result = FrontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    issues.push(...zodIssues(file, result.error));
    return undefined;
  }
  const data = result.data;
  const before = issues.length;
  const expectedId = path.basename(file, '.md');
  if (data.id !== expectedId) {
    issues.push({
      file,
      field: 'id',
      message: `"${data.id}" must match the file name "${expectedId}"`,
    });
  }
  const folder = path.dirname(file);
  if (folder !== '.' && data.topic !== folder) {
    issues.push({
      file,
      field: 'topic',
      message: `"${data.topic}" must match the folder "${folder}"`,
    });
  }
  if (data.reviewBy && data.reviewBy < data.reviewed) {
    issues.push({
      file,
      field: 'reviewBy',
      message: `${data.reviewBy} is before reviewed (${data.reviewed})`,
    });
  }

  const body = parsed.content.trim();
  const { paragraphs, problems } = splitBody(body, data.sources.length);
  for (const message of problems) issues.push({ file, field: 'body', message });
  if (paragraphs.length === 0) issues.push({ file, field: 'body', message: 'is empty' });

  if (issues.length > before) return undefined;
  return { ...data, file, body, paragraphs, wordCount: countWords(body) };
}

async function loadSynonyms(dir: string, issues: KnowledgeIssue[]): Promise<SynonymGroups> {
  let text: string;
  try {
    text = await readFile(path.join(dir, SYNONYMS_FILE), 'utf8');
  } catch {
    return []; // Synonyms are optional: an organisation's own knowledge may not need any.
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    issues.push({
      file: SYNONYMS_FILE,
      field: 'file',
      message: `is not valid YAML (${firstLine(error)})`,
    });
    return [];
  }
  const result = SynonymsSchema.safeParse(data ?? []);
  if (!result.success) {
    issues.push(...zodIssues(SYNONYMS_FILE, result.error));
    return [];
  }
  return result.data;
}

/** The passage files under `dir`, relative to it, sorted. */
export async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => path.basename(file) !== 'README.md')
    .sort();
}

function zodIssues(file: string, error: z.ZodError): KnowledgeIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        file,
        field: issue.keys.join(', '),
        message: 'is not a known field (check the spelling)',
      };
    }
    const field = issue.path.length ? issue.path.join('.') : 'front matter';
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return { file, field, message: missing ? 'is required' : issue.message };
  });
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0] ?? '';
}

/**
 * One issue for each `next` entry, or `ifRefused`, that names no passage of the folder, or the
 * passage itself.
 */
function unknownNext(
  passages: readonly Passage[],
  ids: ReadonlyMap<string, string>,
): KnowledgeIssue[] {
  return passages.flatMap((passage) =>
    [
      ...(passage.next ?? []).map((id, i) => ({ id, field: `next.${i}` })),
      ...(passage.ifRefused ? [{ id: passage.ifRefused, field: 'ifRefused' }] : []),
    ].flatMap(({ id, field }) => {
      if (id === passage.id)
        return [{ file: passage.file, field, message: 'names the passage itself' }];
      if (!ids.has(id))
        return [{ file: passage.file, field, message: `no passage has the id "${id}"` }];
      return [];
    }),
  );
}
