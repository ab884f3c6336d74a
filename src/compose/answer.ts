import type { Answer, AnswerKind } from '../answer.ts';
import type { Passage } from '../knowledge/schema.ts';
import type { Hit } from '../retrieval/index.ts';
import { CitationList, withMarker } from './cite.ts';
import { DISCLAIMER } from './wording.ts';

export interface ComposeContext {
  passages: ReadonlyMap<string, Passage>;
  /** Today's date, YYYY-MM-DD: citations of passages past their review date are flagged. */
  today: string;
}

/** Other passages may add at most this many sentences to the best passage's answer. */
const MAX_EXTRA_SENTENCES = 2;

/**
 * An answer under construction: paragraphs of cited sentences, numbered in order of use.
 * Every composer goes through it, so no sentence can reach `text` without its source number.
 */
export class AnswerBuilder {
  readonly #citations: CitationList;
  readonly #paragraphs: string[] = [];
  readonly #used = new Set<string>();

  constructor(readonly context: ComposeContext) {
    this.#citations = new CitationList(context.today);
  }

  /** Adds a whole passage, paragraph by paragraph. */
  passage(passage: Passage): this {
    for (const sentences of passage.paragraphs) {
      this.#paragraphs.push(
        sentences
          .map((s) => withMarker(s.text, this.#citations.number(passage, s.source)))
          .join(' '),
      );
    }
    this.#used.add(passage.id);
    return this;
  }

  /** Adds the opening sentence of each passage (the one that answers its title), as one paragraph. */
  openings(passages: readonly Passage[]): this {
    const sentences: string[] = [];
    for (const passage of passages) {
      const opening = passage.paragraphs[0]?.[0];
      if (!opening || this.#used.has(passage.id)) continue;
      sentences.push(withMarker(opening.text, this.#citations.number(passage, opening.source)));
      this.#used.add(passage.id);
    }
    if (sentences.length) this.#paragraphs.push(sentences.join(' '));
    return this;
  }

  uses(id: string): boolean {
    return this.#used.has(id);
  }

  build(fields: {
    question: string;
    kind: AnswerKind;
    notices?: string[];
    confidence: number;
    followUps: string[];
  }): Answer {
    return {
      question: fields.question,
      notices: fields.notices ?? [],
      text: this.#paragraphs.join('\n\n'),
      citations: this.#citations.list(),
      abstained: fields.kind === 'abstain',
      kind: fields.kind,
      confidence: round(fields.confidence),
      followUps: fields.followUps
        .filter((q) => q.trim().toLowerCase() !== fields.question.trim().toLowerCase())
        .slice(0, 3),
      disclaimer: DISCLAIMER,
    };
  }
}

/**
 * Adds the best passage in full (passages are short and answer-first, and cutting one could drop
 * the sentence that hedges a claim), then the opening sentence of another strong passage when it
 * covers part of the question the best one does not. Returns the follow-up questions to offer.
 */
export function addRetrievedAnswer(builder: AnswerBuilder, hits: Hit[]): string[] {
  const { passages } = builder.context;
  const [top, ...rest] = hits;
  const best = top && passages.get(top.id);
  if (!top || !best) return [];
  builder.passage(best);

  const covered = new Set(top.matched);
  const extras: Passage[] = [];
  for (const hit of rest) {
    if (extras.length >= MAX_EXTRA_SENTENCES) break;
    const passage = passages.get(hit.id);
    const addsSomething = hit.matched.some((word) => !covered.has(word));
    if (
      !passage ||
      !addsSomething ||
      hit.score < top.score * 0.15 ||
      hit.coverage < top.coverage * 0.6
    )
      continue;
    extras.push(passage);
    for (const word of hit.matched) covered.add(word);
  }
  builder.openings(extras);

  const candidates = [
    ...hits.map((hit) => passages.get(hit.id)),
    ...[...passages.values()].filter((p) => p.topic === best.topic),
  ];
  const titles: string[] = [];
  for (const passage of candidates) {
    if (!passage || builder.uses(passage.id) || titles.includes(passage.title)) continue;
    titles.push(passage.title);
    if (titles.length === 4) break; // one spare, in case one equals the question
  }
  return titles;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
