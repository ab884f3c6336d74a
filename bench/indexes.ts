import MiniSearch, { type Options } from 'minisearch';
import type { Passage } from '../src/knowledge/schema.ts';

/** The fields the project indexes, read from a passage the way src/retrieval/index.ts reads them. */
export const FIELDS = ['title', 'questions', 'body', 'topic'];

export function extractField(passage: Passage, field: string): string {
  if (field === 'questions') return passage.questions.join('\n');
  if (field === 'body')
    return passage.paragraphs
      .flat()
      .map((s) => s.text)
      .join(' ');
  if (field === 'topic') return passage.topic.replace(/-/g, ' ');
  return String(passage[field as keyof Passage] ?? '');
}

/** Raw MiniSearch: the same fields, everything else default (tokenizer, lowercasing, OR query). */
export const RAW_OPTIONS: Options<Passage> = { fields: FIELDS, extractField };

export function buildRawIndex(passages: readonly Passage[]): MiniSearch<Passage> {
  const index = new MiniSearch<Passage>(RAW_OPTIONS);
  index.addAll(passages);
  return index;
}

/**
 * Runs `build` and returns the MiniSearch indexes it filled (through addAll), so the benchmarks
 * can measure the project's own index, which createRetriever keeps private: its serialized size,
 * its load time and the exact queries it runs. Only for benchmarks: it patches the prototype for
 * the duration of `build` and restores it.
 */
export function captureIndexes<T>(build: () => T): { value: T; indexes: MiniSearch[] } {
  const indexes: MiniSearch[] = [];
  const addAll = MiniSearch.prototype.addAll;
  MiniSearch.prototype.addAll = function (this: MiniSearch, documents) {
    indexes.push(this);
    return addAll.call(this, documents);
  };
  try {
    return { value: build(), indexes };
  } finally {
    MiniSearch.prototype.addAll = addAll;
  }
}

/** The options an index was created with, to load its serialized form with MiniSearch.loadJSON. */
export function optionsOf(index: MiniSearch): Options {
  return (index as unknown as { _options: Options })._options;
}
