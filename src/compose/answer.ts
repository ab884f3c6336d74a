import type { Answer } from '../answer.ts';
import type { Passage } from '../knowledge/schema.ts';
import type { Hit } from '../retrieval/index.ts';
import { CitationList, withMarker } from './cite.ts';
import { DISCLAIMER, LEGAL_HELP_PASSAGE_ID, NO_SOURCED_ANSWER } from './wording.ts';

export interface ComposeContext {
  passages: ReadonlyMap<string, Passage>;
  /** Today's date, YYYY-MM-DD: citations of passages past their review date are flagged. */
  today: string;
}

/** Other passages may add at most this many sentences to the best passage's answer. */
const MAX_EXTRA_SENTENCES = 2;

/**
 * Builds a cited answer from ranked hits: the best passage in full (passages are short and
 * written answer-first, and cutting one could drop the sentence that hedges a claim), then the
 * opening sentence of another strong passage when it covers part of the question the best one
 * does not. Every sentence carries the number of the source it came from.
 */
export function composeAnswer(question: string, hits: Hit[], context: ComposeContext): Answer {
  const [top, ...rest] = hits;
  const best = top && context.passages.get(top.id);
  if (!top || !best) throw new Error('composeAnswer needs at least one hit that names a passage');

  const citations = new CitationList(context.today);
  const paragraphs = best.paragraphs.map((sentences) =>
    sentences.map((s) => withMarker(s.text, citations.number(best, s.source))).join(' '),
  );

  const used = new Set([best.id]);
  const covered = new Set(top.matched);
  const extras: string[] = [];
  for (const hit of rest) {
    if (extras.length >= MAX_EXTRA_SENTENCES) break;
    const passage = context.passages.get(hit.id);
    const addsSomething = hit.matched.some((word) => !covered.has(word));
    if (
      !passage ||
      !addsSomething ||
      hit.score < top.score * 0.15 ||
      hit.coverage < top.coverage * 0.6
    ) {
      continue;
    }
    const opening = passage.paragraphs[0]?.[0];
    if (!opening) continue;
    extras.push(withMarker(opening.text, citations.number(passage, opening.source)));
    used.add(passage.id);
    for (const word of hit.matched) covered.add(word);
  }
  if (extras.length) paragraphs.push(extras.join(' '));

  return {
    question,
    text: paragraphs.join('\n\n'),
    citations: citations.list(),
    abstained: false,
    kind: 'answer',
    confidence: round(top.coverage),
    followUps: followUps(question, hits, used, best, context),
    disclaimer: DISCLAIMER,
  };
}

/**
 * Says plainly that the knowledge has no answer, offers questions it can answer, and points to
 * legal help, citing the legal-help passage when the knowledge has one.
 */
export function composeAbstention(
  question: string,
  suggestions: string[],
  confidence: number,
  context: ComposeContext,
): Answer {
  const citations = new CitationList(context.today);
  const sentences = [NO_SOURCED_ANSWER];
  const help = context.passages.get(LEGAL_HELP_PASSAGE_ID);
  const opening = help?.paragraphs[0]?.[0];
  if (help && opening)
    sentences.push(withMarker(opening.text, citations.number(help, opening.source)));
  return {
    question,
    text: sentences.join(' '),
    citations: citations.list(),
    abstained: true,
    kind: 'abstain',
    confidence: round(confidence),
    followUps: suggestions.slice(0, 3),
    disclaimer: DISCLAIMER,
  };
}

function followUps(
  question: string,
  hits: Hit[],
  used: Set<string>,
  best: Passage,
  context: ComposeContext,
): string[] {
  const asked = question.trim().toLowerCase();
  const candidates = [
    ...hits.map((hit) => context.passages.get(hit.id)),
    ...[...context.passages.values()].filter((p) => p.topic === best.topic),
  ];
  const titles: string[] = [];
  for (const passage of candidates) {
    if (!passage || used.has(passage.id) || passage.title.toLowerCase() === asked) continue;
    if (titles.includes(passage.title)) continue;
    titles.push(passage.title);
    if (titles.length === 3) break;
  }
  return titles;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
