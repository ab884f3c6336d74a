import type { Sentence } from './schema.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** `… in 2018 [2].` — an editor's marker naming the passage source a sentence relies on. */
const END_MARKER = /\s*\[(\d+)\]\s*([.!?…]*["”’)]*)\s*$/;
const ANY_MARKER = /\[(\d+)\]/;

export interface SplitResult {
  paragraphs: Sentence[][];
  /** Problems an editor must fix, such as a marker in the middle of a sentence. */
  problems: string[];
}

/**
 * Splits a passage body into paragraphs of sentences and reads each sentence's source marker.
 * Sentences without a marker rely on the first source.
 */
export function splitBody(body: string, sourceCount: number): SplitResult {
  const problems: string[] = [];
  const paragraphs: Sentence[][] = [];
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const sentences: Sentence[] = [];
    for (const { segment } of segmenter.segment(text)) {
      const raw = segment.trim();
      if (!raw) continue;
      let source = 0;
      let sentence = raw;
      const end = END_MARKER.exec(raw);
      if (end) {
        source = Number(end[1]) - 1;
        sentence = `${raw.slice(0, end.index)}${end[2] ?? ''}`;
      }
      if (ANY_MARKER.test(sentence)) {
        problems.push(
          `source marker inside a sentence ("${clip(raw)}"): put it just before the final full stop`,
        );
      }
      if (source < 0 || source >= sourceCount) {
        problems.push(
          `"${clip(raw)}" cites source [${source + 1}] but the passage has ${sourceCount} source${sourceCount === 1 ? '' : 's'}`,
        );
        source = 0;
      }
      // A bare marker segment means the splitter broke the sentence before it: attach it back.
      if (!/[\p{L}\p{N}]/u.test(sentence) && sentences.length > 0) {
        const previous = sentences[sentences.length - 1] as Sentence;
        previous.source = source;
        continue;
      }
      sentences.push({ text: sentence, source });
    }
    if (sentences.length) paragraphs.push(sentences);
  }
  return { paragraphs, problems };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
