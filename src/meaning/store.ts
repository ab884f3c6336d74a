import { hash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Vectors of knowledge texts, by a SHA-256 of the text, as one binary file per model: the cache
 * that spares encoding the knowledge at every start, and the file `npm run build` leaves beside
 * the built knowledge. A file holds no text, only digests and vectors, and only of knowledge
 * texts: a person's message is never given to a store.
 *
 * Layout (little-endian): the 8 bytes `SVECTOR1`; the model id's length (uint32) and the id
 * (UTF-8); dimensions and count (uint32 each); `count` digests of 32 bytes; `count × dimensions`
 * float32. A file that is short, long, of another model or size, or holds a number that is not
 * finite or a vector that is not of unit length is ignored as a whole, and recomputed.
 */
const MAGIC = Buffer.from('SVECTOR1');
/** The most vectors a cache file keeps: those of the texts asked for last come first. */
const MAX_ENTRIES = 30_000;

// crypto.hash (one call, no Hash object): a start digests thousands of short texts.
export const digestOf = (text: string): string => hash('sha256', text, 'hex');

/** The file's entries, or an empty map when it is missing, of another model or unreadable. */
export function readVectorFile(
  file: string,
  modelId: string,
  dimensions: number,
): Map<string, Float32Array> {
  const entries = new Map<string, Float32Array>();
  if (endianness() !== 'LE') return entries; // the layout is little-endian; recompute instead
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return entries;
  }
  if (bytes.length < MAGIC.length + 12 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return entries;
  let offset = MAGIC.length;
  const idLength = bytes.readUInt32LE(offset);
  offset += 4;
  if (offset + idLength + 8 > bytes.length) return entries;
  if (bytes.toString('utf8', offset, offset + idLength) !== modelId) return entries;
  offset += idLength;
  if (bytes.readUInt32LE(offset) !== dimensions) return entries;
  const count = bytes.readUInt32LE(offset + 4);
  offset += 8;
  if (bytes.length !== offset + count * 32 + count * dimensions * 4) return entries;
  const digestsAt = offset;
  const vectorsAt = offset + count * 32;
  const all = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + vectorsAt, bytes.byteOffset + bytes.length),
  );
  for (let i = 0; i < count; i++) {
    const vector = all.subarray(i * dimensions, (i + 1) * dimensions);
    if (!isUnit(vector)) return new Map();
    entries.set(bytes.toString('hex', digestsAt + i * 32, digestsAt + (i + 1) * 32), vector);
  }
  return entries;
}

/**
 * Writes the entries to `file` atomically (a temporary file renamed into place), so that a reader (another
 * test process, another replica) sees the old file or the new one, never half of one.
 */
export function writeVectorFile(
  file: string,
  modelId: string,
  dimensions: number,
  entries: ReadonlyMap<string, Float32Array>,
): void {
  const id = Buffer.from(modelId, 'utf8');
  const header = Buffer.alloc(MAGIC.length + 4 + id.length + 8);
  MAGIC.copy(header);
  header.writeUInt32LE(id.length, MAGIC.length);
  id.copy(header, MAGIC.length + 4);
  header.writeUInt32LE(dimensions, MAGIC.length + 4 + id.length);
  header.writeUInt32LE(entries.size, MAGIC.length + 8 + id.length);
  const digests = Buffer.alloc(entries.size * 32);
  const vectors = new Float32Array(entries.size * dimensions);
  let i = 0;
  for (const [digest, vector] of entries) {
    digests.write(digest, i * 32, 'hex');
    vectors.set(vector, i * dimensions);
    i++;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic.sync(file, Buffer.concat([header, digests, Buffer.from(vectors.buffer)]));
}

/**
 * Adds the file's entries that are not in `entries` (another process may have written since it
 * was read) and writes the whole, keeping `recent` first when the file would outgrow its cap.
 */
export function mergeIntoVectorFile(
  file: string,
  modelId: string,
  dimensions: number,
  entries: ReadonlyMap<string, Float32Array>,
  recent: ReadonlySet<string>,
): void {
  const merged = new Map<string, Float32Array>();
  const add = (digest: string, vector: Float32Array) => {
    if (merged.size < MAX_ENTRIES && !merged.has(digest)) merged.set(digest, vector);
  };
  for (const digest of recent) {
    const vector = entries.get(digest);
    if (vector) add(digest, vector);
  }
  for (const [digest, vector] of entries) add(digest, vector);
  for (const [digest, vector] of readVectorFile(file, modelId, dimensions)) add(digest, vector);
  writeVectorFile(file, modelId, dimensions, merged);
}

function isUnit(vector: Float32Array): boolean {
  // An indexed loop: a start checks millions of numbers, and an iterator is several times slower.
  let norm = 0;
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i] as number;
    norm += v * v;
  }
  // NaN or an infinity anywhere makes the norm NaN or infinite, and fails this.
  return Math.abs(norm - 1) < 1e-3;
}
