import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, KnowledgeError, loadKnowledge } from '../../src/index.ts';
import { createRetriever } from '../../src/retrieval/index.ts';
import { SNAPSHOT_FILE, writeSnapshot } from '../../src/snapshot.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// `npm run build` saves the knowledge validated and indexed beside it; the built bot starts from
// that snapshot while it matches the folder, and from the folder itself after any edit.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'snapshot-'));
  await cp(VALID_FIXTURE, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUESTIONS = [
  'Can Americans claim asylum in Mexico?',
  'what does the safe third country agreement mean for me',
  'can i get a work visa while i wait',
  'asylum in mexco',
  'weather in toronto',
];
const MEXICO = () => path.join(dir, 'elsewhere/mexico.md');

async function snapshot(): Promise<void> {
  const knowledge = await loadKnowledge(dir);
  await writeSnapshot(knowledge, createRetriever(knowledge.passages, knowledge.synonyms).save());
}

/** Edits the snapshot's copy of the Mexico passage, leaving its fingerprint as it was. */
async function tamperWithSnapshot(): Promise<void> {
  const file = path.join(dir, SNAPSHOT_FILE);
  const saved = await readFile(file, 'utf8');
  await writeFile(file, saved.replaceAll('thirty working days', 'SNAPSHOT working days'));
}

describe('knowledge snapshot', () => {
  it('answers exactly as the folder itself does', async () => {
    const fromFolder = await createAssistant({ knowledgeDir: dir });
    await snapshot();
    const fromSnapshot = await createAssistant({ knowledgeDir: dir });
    for (const question of QUESTIONS) {
      expect(fromSnapshot.ask(question)).toEqual(fromFolder.ask(question));
    }
  });

  it('is used while it matches the folder', async () => {
    await snapshot();
    await tamperWithSnapshot();
    const assistant = await createAssistant({ knowledgeDir: dir });
    expect(assistant.ask(QUESTIONS[0] as string).text).toContain('SNAPSHOT working days');
  });

  it('is ignored once a passage is edited', async () => {
    await snapshot();
    await tamperWithSnapshot();
    const file = await readFile(MEXICO(), 'utf8');
    await writeFile(MEXICO(), file.replace('thirty working days', 'forty-two working days'));
    const text = (await createAssistant({ knowledgeDir: dir })).ask(QUESTIONS[0] as string).text;
    expect(text).toContain('forty-two working days');
    expect(text).not.toContain('SNAPSHOT');
  });

  it('never lets invalid knowledge start', async () => {
    await snapshot();
    const file = await readFile(MEXICO(), 'utf8');
    await writeFile(MEXICO(), file.replace('url: https://example.org/mexico\n', 'url: nope\n'));
    const error = await createAssistant({ knowledgeDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toContain('elsewhere/mexico.md');
  });

  it('is ignored when unreadable', async () => {
    await snapshot();
    await writeFile(path.join(dir, SNAPSHOT_FILE), '{ not json');
    const assistant = await createAssistant({ knowledgeDir: dir });
    expect(assistant.ask(QUESTIONS[0] as string).kind).toBe('answer');
  });
});
