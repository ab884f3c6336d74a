import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The valid fixture with these phrasing files added. */
async function withPhrasings(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'phrasings-'));
  folders.push(dir);
  await cp(VALID_FIXTURE, dir, { recursive: true });
  await mkdir(path.join(dir, 'phrasings'));
  for (const [name, text] of Object.entries(files))
    await writeFile(path.join(dir, 'phrasings', name), text);
  return dir;
}

describe('training phrasings', () => {
  it('are optional: a knowledge folder without them loads with none', async () => {
    const knowledge = await loadKnowledge(VALID_FIXTURE);
    expect(knowledge.phrasings).toEqual({ utterances: [], declines: [] });
  });

  it('load each utterance with its passage, a near miss with the passage it belongs to', async () => {
    const dir = await withPhrasings({
      'canada.yaml': [
        'work-permit:',
        '  - can i get a job while i wait',
        '  - text: do i need a visa for germany',
        '    belongs: germany',
      ].join('\n'),
      'declines.yaml': '- how cold is winnipeg in january\n',
    });
    const { phrasings } = await loadKnowledge(dir);
    expect(phrasings.utterances).toEqual([
      { text: 'can i get a job while i wait', passage: 'work-permit' },
      { text: 'do i need a visa for germany', passage: 'germany' },
    ]);
    expect(phrasings.declines).toEqual(['how cold is winnipeg in january']);
  });

  it('read every declines-<source>.yaml as questions to decline too', async () => {
    const dir = await withPhrasings({
      'declines.yaml': '- how cold is winnipeg in january\n',
      'declines-dev.yaml': '- can i bring my cat\n',
    });
    const { phrasings } = await loadKnowledge(dir);
    expect(phrasings.utterances).toEqual([]);
    expect(phrasings.declines.sort()).toEqual([
      'can i bring my cat',
      'how cold is winnipeg in january',
    ]);
  });

  it('refuse to load with file and field named: unknown ids, empty lists, bad YAML', async () => {
    const dir = await withPhrasings({
      'a.yaml': 'no-such-passage:\n  - where do i claim\n',
      'b.yaml': 'work-permit:\n  - text: hm, what\n    belongs: nowhere\n',
      'c.yaml': 'stca: []\n',
      'd.yaml': 'stca: [unclosed\n',
      'declines.yaml': 'not: a list\n',
    });
    const error = await loadKnowledge(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    const issues = (error as KnowledgeError).issues.map((i) => `${i.file} → ${i.field}`);
    expect(issues.sort()).toEqual([
      'phrasings/a.yaml → no-such-passage',
      'phrasings/b.yaml → work-permit.0.belongs',
      'phrasings/c.yaml → stca',
      'phrasings/d.yaml → file',
      'phrasings/declines.yaml → file',
    ]);
  });
});
