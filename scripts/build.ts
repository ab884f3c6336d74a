import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.ts';
import {
  knowledgeTexts,
  loadMeaning,
  PREBUILT_VECTORS_FILE,
  progressLines,
  writePrebuiltVectors,
} from '../src/meaning/index.ts';
import { createRetriever } from '../src/retrieval/index.ts';
import { writeSnapshot } from '../src/snapshot.ts';

/**
 * `npm run build`: compiles src/ and adapters/ to JavaScript in dist/ (tsconfig.build.json), then
 * copies the bundled knowledge beside it, to dist/knowledge: the built code finds it where the
 * sources find knowledge/, one folder up from src/. `node dist/adapters/repl/ask.js "…"` then runs
 * without tsx. KNOWLEDGE_DIR still points the built bot at another folder.
 *
 * The copied knowledge gets a snapshot (src/snapshot.ts): validated and indexed once here, so the
 * built bot starts without doing either, for as long as nobody edits dist/knowledge. Beside it go
 * the sentence encoder's vectors of the knowledge's texts (PREBUILT_VECTORS_FILE, from the cache
 * when it has them), so that the built bot does not encode them either; they stay valid for every
 * text an edit leaves unchanged. SENTENCE_ENCODER=off builds without them.
 */
rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync('knowledge', 'dist/knowledge', { recursive: true });
const knowledge = await loadKnowledge('dist/knowledge');
const retriever = createRetriever(knowledge.passages, knowledge.synonyms);
const snapshot = await writeSnapshot(knowledge, retriever.save());
console.log(`Built dist/ (JavaScript, knowledge and its index in ${snapshot}).`);
const meaning = loadMeaning({
  onError: (error) =>
    console.warn(
      `Built without the knowledge's sentence vectors: ${error instanceof Error ? error.message : String(error)}`,
    ),
  onProgress: progressLines((line) => console.log(line)),
});
if (meaning) {
  const texts = knowledgeTexts(knowledge);
  const file = path.join('dist/knowledge', PREBUILT_VECTORS_FILE);
  writePrebuiltVectors(file, texts, meaning.knowledgeVectors(texts));
  console.log(`Sentence vectors of ${texts.length} knowledge texts in ${file}.`);
}
