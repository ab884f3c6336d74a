import { keyStems, keyWordsUsed } from '../evaluation/paraphrase.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../src/index.ts';

/**
 * `npx tsx bench/paraphrase-counts.ts [target]`: how many training phrasings of each passage obey
 * the paraphrase rule of tests/eval/README.md (no content word of the passage's title or listed
 * questions, by stem; evaluation/paraphrase.ts), counting a near miss for the passage it belongs
 * to. Prints min and median per topic and overall, then the passages below `target` (default 9)
 * with their key stems, fewest first, so a writer knows which words to avoid.
 */
const target = Number(process.argv[2] ?? 9);
const dir = process.env.KNOWLEDGE_DIR?.trim() || BUNDLED_KNOWLEDGE_DIR;
const knowledge = await loadKnowledge(dir);

const stems = new Map(knowledge.passages.map((passage) => [passage.id, keyStems(passage)]));
const obeying = new Map(knowledge.passages.map((passage) => [passage.id, 0]));
let total = 0;
for (const { text, passage } of knowledge.phrasings.utterances) {
  const key = stems.get(passage);
  if (!key || keyWordsUsed(text, key).length > 0) continue;
  obeying.set(passage, (obeying.get(passage) ?? 0) + 1);
  total += 1;
}

const median = (sizes: number[]): number => sizes[Math.floor(sizes.length / 2)] ?? 0;
const topics = [...new Set(knowledge.passages.map((passage) => passage.topic))].sort();
console.log('topic                passages  below  min  median');
for (const topic of topics) {
  const sizes = knowledge.passages
    .filter((passage) => passage.topic === topic)
    .map((passage) => obeying.get(passage.id) ?? 0)
    .sort((a, b) => a - b);
  console.log(
    [
      topic.padEnd(20),
      String(sizes.length).padStart(8),
      String(sizes.filter((size) => size < target).length).padStart(6),
      String(sizes[0] ?? 0).padStart(4),
      String(median(sizes)).padStart(7),
    ].join(' '),
  );
}
const all = [...obeying.values()].sort((a, b) => a - b);
console.log(
  `all: ${knowledge.passages.length} passages, ${knowledge.phrasings.utterances.length} utterances, ${total} obey the rule; min ${all[0] ?? 0}, median ${median(all)}, below ${target}: ${all.filter((size) => size < target).length}`,
);
const below = knowledge.passages
  .filter((passage) => (obeying.get(passage.id) ?? 0) < target)
  .sort((a, b) => (obeying.get(a.id) ?? 0) - (obeying.get(b.id) ?? 0));
for (const passage of below) {
  console.log(
    `${String(obeying.get(passage.id)).padStart(2)} ${passage.topic}/${passage.id}: ${[...(stems.get(passage.id) ?? [])].join(' ')}`,
  );
}
