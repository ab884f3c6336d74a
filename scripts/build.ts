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
 *
 * Last, the built code trains its intent model once, which saves it in the cache folder
 * (src/safety/intent-model-store.ts): the built bot's first start then reads it instead.
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

// Run by plain node on the built JavaScript: the saved model is keyed by the code that trains it
// as the built bot runs it, which is not the TypeScript this script runs under tsx.
const warm = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '--eval',
    `const { loadKnowledge } = await import('./dist/src/knowledge/load.js');
     const { createIntentReader } = await import('./dist/src/safety/intents.js');
     createIntentReader((await loadKnowledge('dist/knowledge')).passages);`,
  ],
  { stdio: 'inherit' },
);
if (warm.status !== 0) process.exit(warm.status ?? 1);
console.log('Trained the intent model of the built code (kept in the cache folder).');
