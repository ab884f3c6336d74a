import type { Citation } from '../answer.ts';
import type { Passage } from '../knowledge/schema.ts';

/**
 * Numbers sources in the order an answer first uses them, so `[1]` is always the first source
 * read, and the same source (the same address) used twice keeps one number.
 */
export class CitationList {
  readonly #byKey = new Map<string, Citation>();
  readonly #today: string;

  constructor(today: string) {
    this.#today = today;
  }

  /** Returns the number for source `index` of `passage`, adding it if new. */
  number(passage: Passage, index: number): number {
    const source = passage.sources[index] ?? passage.sources[0];
    if (!source)
      throw new Error(`Passage ${passage.id} has no sources; the loader should have refused it`);
    // Two passages citing the same page share its number: a reader sees each source once.
    const key = source.url;
    const outdated = passage.reviewBy !== undefined && passage.reviewBy < this.#today;
    const existing = this.#byKey.get(key);
    if (existing) {
      if (!existing.passages.includes(passage.id)) existing.passages.push(passage.id);
      existing.outdated ||= outdated;
      return existing.n;
    }
    const citation: Citation = {
      n: this.#byKey.size + 1,
      id: passage.id,
      passages: [passage.id],
      title: source.title,
      url: source.url,
      publisher: source.publisher,
      published: source.published ?? null,
      outdated,
    };
    this.#byKey.set(key, citation);
    return citation.n;
  }

  list(): Citation[] {
    return [...this.#byKey.values()];
  }
}

/** `The rule applies.` + 2 → `The rule applies [2].` */
export function withMarker(sentence: string, n: number): string {
  const end = /[.!?…]+$/.exec(sentence);
  // After a closing quote or bracket the marker goes last, so it never lands inside a quotation.
  if (!end) return `${sentence} [${n}]`;
  return `${sentence.slice(0, end.index)} [${n}]${end[0]}`;
}
