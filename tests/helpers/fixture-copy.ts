import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { VALID_FIXTURE } from './paths.ts';

/**
 * A fresh copy of the valid fixture knowledge for each test, to edit freely. `dir()` is the
 * copy's folder; `edit` replaces text in one of its files and fails the test if the text is not
 * there (so a fixture change cannot silently turn an edit into a no-op).
 */
export function useFixtureCopy() {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
    await cp(VALID_FIXTURE, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    async edit(file: string, from: string, to: string) {
      const text = await readFile(path.join(dir, file), 'utf8');
      expect(text).toContain(from);
      await writeFile(path.join(dir, file), text.replace(from, to));
    },
  };
}
