import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Knowledge, listMarkdown, SYNONYMS_FILE } from './knowledge/load.ts';
import type { Passage, SynonymGroups } from './knowledge/schema.ts';
import type { SavedIndex } from './retrieval/index.ts';

/**
 * A snapshot is the knowledge of a folder, validated and indexed, saved beside it by
 * `npm run build`, so that the built bot starts without parsing and indexing every passage. It is
 * used only while it matches the folder byte for byte: after any edit the folder is loaded and
 * validated in full, as without a snapshot.
 */
export const SNAPSHOT_FILE = '.snapshot.json';
/** Changes whenever the saved shape or the index's terms change, so old snapshots are ignored. */
const FORMAT = 2;

interface Snapshot {
  format: number;
  fingerprint: string;
  passages: Passage[];
  synonyms: SynonymGroups;
  index: SavedIndex;
}

/** A digest of every file the loader reads in `dir`: their names and contents. */
async function fingerprint(dir: string): Promise<string> {
  const files = [...(await listMarkdown(dir)), SYNONYMS_FILE];
  const contents = await Promise.all(
    files.map((file) => readFile(path.join(dir, file)).catch(() => Buffer.alloc(0))),
  );
  const hash = createHash('sha256');
  files.forEach((file, i) => {
    hash.update(`${file}\0`);
    hash.update(contents[i] ?? Buffer.alloc(0));
    hash.update('\0');
  });
  return hash.digest('hex');
}

export async function writeSnapshot(knowledge: Knowledge, index: SavedIndex): Promise<string> {
  const snapshot: Snapshot = {
    format: FORMAT,
    fingerprint: await fingerprint(knowledge.dir),
    passages: knowledge.passages,
    synonyms: knowledge.synonyms,
    index,
  };
  const file = path.join(knowledge.dir, SNAPSHOT_FILE);
  await writeFile(file, JSON.stringify(snapshot));
  return file;
}

/** The snapshot in `dir`, when there is one and it still matches the folder; else undefined. */
export async function readSnapshot(
  dir: string,
): Promise<{ knowledge: Knowledge; index: SavedIndex } | undefined> {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
  } catch {
    return undefined; // none, or unreadable: load the folder itself
  }
  if (snapshot?.format !== FORMAT || snapshot.fingerprint !== (await fingerprint(dir)))
    return undefined;
  return {
    knowledge: { dir, passages: snapshot.passages, synonyms: snapshot.synonyms },
    index: snapshot.index,
  };
}
