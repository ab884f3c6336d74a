import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEvalSet } from '../../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { loadEncoder } from '../../src/meaning/encoder.ts';
import { passageDocument } from '../../src/retrieval/meaning.ts';

/**
 * Embeds every text the encoder experiment (bench/encoder/features.ts) compares, once, into a
 * cache file (text → vector), so the experiment itself runs synchronously and repeatably.
 * Reads the bundled knowledge, its phrasings and the dev split only (never test.yaml).
 */
const { values } = parseArgs({
  options: { cache: { type: 'string', default: '/tmp/encoder-cache.json' } },
});
const CACHE = values.cache;

const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const dev = await loadEvalSet();
const texts = new Set<string>();
for (const p of knowledge.passages) {
  texts.add(passageDocument(p));
  texts.add(p.title);
  for (const q of p.questions) texts.add(q);
}
for (const u of knowledge.phrasings.utterances) texts.add(u.text);
for (const d of knowledge.phrasings.declines) texts.add(d);
for (const t of dev.questions) texts.add(t.q);
for (const c of dev.conversations) for (const t of c) texts.add(t.q);
const cache: Record<string, number[]> = existsSync(CACHE)
  ? JSON.parse(readFileSync(CACHE, 'utf8'))
  : {};
const todo = [...texts].filter((t) => !cache[t]);
console.log(`${texts.size} texts, ${todo.length} to embed`);
const encoder = await loadEncoder();
const started = performance.now();
for (let i = 0; i < todo.length; i += 320) {
  const batch = todo.slice(i, i + 320);
  const vectors = await encoder.knowledgeVectors(batch);
  batch.forEach((t, j) => {
    cache[t] = Array.from(vectors[j] ?? [], (v) => Math.round(v * 1e5) / 1e5);
  });
  console.log(i + batch.length, ((performance.now() - started) / 1000).toFixed(1), 's');
}
writeFileSync(CACHE, JSON.stringify(cache));
console.log(`wrote ${CACHE}`);
