import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, KnowledgeError } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
  await cp(VALID_FIXTURE, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MEXICO = () => path.join(dir, 'elsewhere/mexico.md');

describe('reload', () => {
  it('replaces the knowledge with a valid new set', async () => {
    const assistant = await createAssistant({ knowledgeDir: dir });
    const file = await readFile(MEXICO(), 'utf8');
    await writeFile(
      MEXICO(),
      file.replace('within thirty working days', 'within forty-two working days'),
    );
    await assistant.reload();
    expect(assistant.ask('Can Americans claim asylum in Mexico?').text).toContain(
      'forty-two working days',
    );
  });

  it('rejects an invalid set with file and field, and keeps serving the old one', async () => {
    const assistant = await createAssistant({ knowledgeDir: dir });
    const file = await readFile(MEXICO(), 'utf8');
    await writeFile(
      MEXICO(),
      file.replace('url: https://example.org/mexico\n', 'url: not-a-url\n'),
    );
    const error = await assistant.reload().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toContain('elsewhere/mexico.md → sources.0.url');
    const answer = assistant.ask('Can Americans claim asylum in Mexico?');
    expect(answer.citations[0]).toMatchObject({ id: 'mexico', url: 'https://example.org/mexico' });
    expect(answer.text).toContain('within thirty working days');
  });
});
