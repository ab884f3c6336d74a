import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { knowledgeTexts, loadMeaning, progressLines } from '../../src/meaning/index.ts';

/**
 * vitest globalSetup: fills the sentence vector cache for the bundled knowledge once, before any
 * test file runs, so that each assistant a test (or a bot process a test starts) creates reads
 * the vectors instead of encoding about 5,000 texts. With SENTENCE_ENCODER=off it does nothing.
 * Minutes the first time on a fresh checkout; a second or so once the cache is filled.
 */
export default async function fillSentenceVectors(): Promise<void> {
  const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const warn = (error: unknown) =>
    process.stderr.write(
      `Sentence vectors not prepared for the tests: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  const meaning = loadMeaning({
    onError: warn,
    onProgress: progressLines((line) => process.stderr.write(`${line}\n`)),
  });
  try {
    meaning?.knowledgeVectors(knowledgeTexts(knowledge));
  } catch (error) {
    warn(error); // the tests still run: each assistant falls back as a bot would
  }
}
