import type { SentenceEncoder } from '../../src/retrieval/meaning.ts';

/**
 * A fast, deterministic stand-in for the sentence encoder: letter trigrams hashed into 512
 * numbers, unit length. Property tests run thousands of messages through the whole core,
 * meaning features included, where the real model would take minutes; the real model's own
 * handling of arbitrary text is fuzzed in tests/meaning/.
 */
export const standInEncoder: SentenceEncoder = {
  knowledgeVectors: (texts) => texts.map(trigramVector),
  questionVector: trigramVector,
};

function trigramVector(text: string): Float32Array {
  const vector = new Float32Array(512);
  const padded = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= padded.length && i < 12_000; i++) {
    let hash = 2166136261;
    for (let j = i; j < i + 3; j++) hash = Math.imul(hash ^ padded.charCodeAt(j), 16777619);
    vector[(hash >>> 0) % 512] = (vector[(hash >>> 0) % 512] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
