import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../src/index.ts';

/**
 * `npx tsx scripts/phrasing-counts.ts`: how much training data each topic has, so thin passages
 * show up before they cost the ranker. Counts every utterance by the passage that answers it
 * (a near miss counts for the passage it belongs to); a long story is 300 characters or more.
 */
const LONG_STORY = 300;
const TARGET = 25;

const dir = process.env.KNOWLEDGE_DIR?.trim() || BUNDLED_KNOWLEDGE_DIR;
const knowledge = await loadKnowledge(dir);

const perPassage = new Map<string, { all: number; long: number }>();
for (const passage of knowledge.passages) perPassage.set(passage.id, { all: 0, long: 0 });
for (const { text, passage } of knowledge.phrasings.utterances) {
  const count = perPassage.get(passage);
  if (!count) continue;
  count.all += 1;
  if (text.length >= LONG_STORY) count.long += 1;
}

const topics = [...new Set(knowledge.passages.map((passage) => passage.topic))].sort();
console.log('topic                passages  below-25  min  median  utterances  long-stories');
for (const topic of topics) {
  const counts = knowledge.passages
    .filter((passage) => passage.topic === topic)
    .map((passage) => perPassage.get(passage.id) ?? { all: 0, long: 0 });
  const sizes = counts.map((count) => count.all).sort((a, b) => a - b);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const long = counts.reduce((sum, count) => sum + count.long, 0);
  console.log(
    [
      topic.padEnd(20),
      String(sizes.length).padStart(8),
      String(sizes.filter((size) => size < TARGET).length).padStart(9),
      String(sizes[0] ?? 0).padStart(4),
      String(sizes[Math.floor(sizes.length / 2)] ?? 0).padStart(7),
      String(total).padStart(11),
      String(long).padStart(13),
    ].join(' '),
  );
}
console.log(
  `all: ${knowledge.passages.length} passages, ${knowledge.phrasings.utterances.length} utterances, ${knowledge.phrasings.declines.length} declines`,
);
