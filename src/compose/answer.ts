import type { Answer, AnswerKind } from '../answer.ts';
import type { Passage, Sentence } from '../knowledge/schema.ts';
import type { Hit } from '../retrieval/index.ts';
import { CitationList, withMarker } from './cite.ts';
import { questionStems, relevance, wordCount } from './focus.ts';
import { isYesNoQuestion, withoutOpener } from './openers.ts';
import type { Whereabouts } from './referral.ts';
import { DISCLAIMER } from './wording.ts';

export interface ComposeContext {
  passages: ReadonlyMap<string, Passage>;
  /** Today's date, YYYY-MM-DD: citations of passages past their review date are flagged. */
  today: string;
}

/** About how long a chat answer is by default: a screenful on a phone. */
export const DEFAULT_MAX_WORDS = 120;

/** What an answer is shaped to: the question asked, a length, and what the reader has seen. */
export interface Shaping {
  /** The question as asked: the lead answers it, and other sentences must bear on it. */
  question: string;
  /** About how many words the text may have; the lead sentence is always whole. */
  maxWords: number;
  /**
   * Passages the previous answer of the conversation showed. A follow-up that lands on one of
   * them gets the sentences that bear on the new question, not the same answer again.
   */
  shown?: ReadonlySet<string>;
  /**
   * Other words for what the question says, from the knowledge's synonyms table ("granted" for
   * "won"): a sentence that uses them bears on the question too.
   */
  synonyms?: readonly string[];
}

/** Fewer words than this, and a sentence leans on the next one. */
const SHORT_SENTENCE = 6;

/** A sentence that refers to the one before it ("These percentages rest on…"). */
const LEANS_BACK = /^(?:this|that|it|they|these|those|such)\b|\b(?:these|those|such|the same)\b/i;

/** Other passages may add at most this many sentences to the best passage's answer. */
const MAX_EXTRA_SENTENCES = 2;

interface Pick {
  sentence: Sentence;
  /** The sentence as shown: without an opener where none belongs. */
  text: string;
  paragraph: number;
}

/**
 * An answer under construction: paragraphs of cited sentences, numbered in order of use.
 * Every composer goes through it, so no sentence can reach `text` without its source number.
 * Only the first sentence of an answer may keep a passage's yes/no opener.
 */
export class AnswerBuilder {
  readonly #citations: CitationList;
  readonly #paragraphs: string[] = [];
  readonly #used = new Set<string>();
  readonly #order: string[] = [];
  #partial = false;

  constructor(readonly context: ComposeContext) {
    this.#citations = new CitationList(context.today);
  }

  #use(passage: Passage, shown: number): void {
    if (!this.#used.has(passage.id)) this.#order.push(passage.id);
    this.#used.add(passage.id);
    if (shown < passage.paragraphs.flat().length) this.#partial = true;
  }

  #cite(passage: Passage, sentence: Sentence, text = sentence.text): string {
    return withMarker(text, this.#citations.number(passage, sentence.source));
  }

  /** Adds a whole passage, paragraph by paragraph. */
  passage(passage: Passage): this {
    for (const sentences of passage.paragraphs)
      this.#paragraphs.push(sentences.map((s) => this.#cite(passage, s)).join(' '));
    this.#use(passage, Number.POSITIVE_INFINITY);
    return this;
  }

  /** Adds chosen sentences of one passage, keeping its paragraph breaks. */
  sentences(passage: Passage, picks: readonly Pick[]): this {
    let paragraph: number | undefined;
    let current: string[] = [];
    const flush = () => {
      if (current.length) this.#paragraphs.push(current.join(' '));
      current = [];
    };
    for (const pick of picks) {
      if (paragraph !== undefined && pick.paragraph !== paragraph) flush();
      paragraph = pick.paragraph;
      current.push(this.#cite(passage, pick.sentence, pick.text));
    }
    flush();
    this.#use(passage, picks.length);
    return this;
  }

  /**
   * Adds the opening sentence of each passage (the one that answers its title), as one
   * paragraph. After the first sentence of the answer, a plain opener is dropped, and a passage
   * whose opener carries a condition gives its next sentence instead.
   */
  openings(passages: readonly Passage[]): this {
    const sentences: string[] = [];
    for (const passage of passages) {
      if (this.#used.has(passage.id)) continue;
      const first = this.isEmpty() && sentences.length === 0;
      const pick = (passage.paragraphs[0] ?? [])
        .map((sentence) => ({
          sentence,
          text: first ? sentence.text : withoutOpener(sentence.text),
        }))
        .find((candidate) => candidate.text !== null);
      if (!pick || pick.text === null) continue;
      sentences.push(this.#cite(passage, pick.sentence, pick.text));
      this.#use(passage, 1);
    }
    if (sentences.length) this.#paragraphs.push(sentences.join(' '));
    return this;
  }

  uses(id: string): boolean {
    return this.#used.has(id);
  }

  isEmpty(): boolean {
    return this.#paragraphs.length === 0;
  }

  build(fields: {
    question: string;
    kind: AnswerKind;
    notices?: string[];
    confidence: number;
    followUps: string[];
    smallTalk?: Answer['smallTalk'];
    /** The knowledge does not cover the question (default: only for kind `abstain`). */
    abstained?: boolean;
  }): Answer {
    return {
      question: fields.question,
      notices: fields.notices ?? [],
      text: this.#paragraphs.join('\n\n'),
      citations: this.#citations.list(),
      abstained: fields.abstained ?? fields.kind === 'abstain',
      kind: fields.kind,
      confidence: round(fields.confidence),
      followUps: fields.followUps
        .filter((q) => q.trim().toLowerCase() !== fields.question.trim().toLowerCase())
        .slice(0, 3),
      disclaimer: DISCLAIMER,
      passages: [...this.#order],
      truncated: this.#partial,
      ...(fields.smallTalk ? { smallTalk: fields.smallTalk } : {}),
    };
  }
}

/**
 * The answer from retrieved passages. The first sentence answers the question asked, from the
 * best passage: its opening sentence (passages are answer-first), or, when the reader has just
 * seen that passage, its sentence that bears most on the new question. Another strong passage
 * adds its one sentence that bears on a part of the question the best one does not cover. The
 * rest of the best passage follows, in order, while the answer stays under `maxWords`; the
 * passages in full are one step away (`passages`, `truncated`). Returns follow-up questions.
 */
export function addRetrievedAnswer(
  builder: AnswerBuilder,
  hits: Hit[],
  shaping: Shaping,
): string[] {
  const { passages } = builder.context;
  const [top, ...rest] = hits;
  const best = top && passages.get(top.id);
  if (!top || !best) return [];
  const stems = questionStems([shaping.question, ...(shaping.synonyms ?? [])].join(' '));
  const sentences = best.paragraphs.flatMap((paragraph, p) =>
    paragraph.map((sentence) => ({ sentence, paragraph: p })),
  );

  let lead = 0;
  const followsUp = shaping.shown?.has(best.id) ?? false;
  if (followsUp) {
    // The reader has seen the opening sentence: lead with the one that bears most on the new
    // question, the opening only when nothing else does.
    let bestScore = 0;
    sentences.forEach(({ sentence }, i) => {
      // A short sentence ("The deadlines are short.") announces the next one: it cannot lead.
      if (wordCount(sentence.text) < SHORT_SENTENCE) return;
      const score = relevance(sentence.text, shaping.question, stems) - (i === 0 ? 0.5 : 0);
      if (score > bestScore) [lead, bestScore] = [i, score];
    });
  }
  const first = sentences[lead];
  if (!first) return [];
  const keepsOpener = lead === 0 && isYesNoQuestion(shaping.question);
  const leadPick: Pick = {
    ...first,
    text: keepsOpener
      ? first.sentence.text
      : (withoutOpener(first.sentence.text) ?? first.sentence.text),
  };
  let words = wordCount(leadPick.text);

  // Other passages: one sentence each, that bears on what the best passage leaves uncovered.
  const covered = new Set(top.matched);
  const extras: { passage: Passage; pick: Pick }[] = [];
  // A follow-up on the passage just shown asks about it: other passages would change the subject.
  for (const hit of followsUp ? [] : rest) {
    if (extras.length >= MAX_EXTRA_SENTENCES) break;
    const passage = passages.get(hit.id);
    const uncovered = hit.matched.filter((word) => !covered.has(word));
    if (
      !passage ||
      uncovered.length === 0 ||
      hit.score < top.score * 0.15 ||
      hit.coverage < top.coverage * 0.6
    )
      continue;
    const pick = bestSentence(passage, shaping.question, questionStems(uncovered.join(' ')));
    if (!pick || words + wordCount(pick.text) > shaping.maxWords) continue;
    extras.push({ passage, pick });
    words += wordCount(pick.text);
    for (const word of hit.matched) covered.add(word);
  }

  // Then the rest of the best passage, in order, while it fits; after a follow-up on the passage
  // just shown, only what bears on the new question: the reader has seen the rest.
  const picks = [leadPick];
  let cut = false;
  for (const next of sentences.slice(lead + 1)) {
    const text = withoutOpener(next.sentence.text);
    if (text === null) continue;
    if (followsUp) {
      const bears = relevance(next.sentence.text, shaping.question, stems) > 0;
      const after = picks.at(-1)?.sentence === sentences[sentences.indexOf(next) - 1]?.sentence;
      // "These percentages…" means nothing without the sentence before it.
      if (!bears || (LEANS_BACK.test(next.sentence.text) && !after)) continue;
    }
    if (words + wordCount(text) > shaping.maxWords) {
      cut = true;
      break;
    }
    picks.push({ ...next, text });
    words += wordCount(text);
  }
  // A short last sentence usually announces the one cut after it ("Timing matters too."): drop it.
  const last = picks.at(-1);
  if (cut && picks.length > 1 && last && wordCount(last.text) < SHORT_SENTENCE) picks.pop();
  builder.sentences(best, picks);
  for (const { passage, pick } of extras) builder.sentences(passage, [pick]);

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

/** What someone being detained needs first, after emergency contacts: a lawyer, and their rights. */
const WHAT_TO_DO_NOW = questionStems('lawyer legal representative rights sign understand soon now');

/**
 * A detention happening now, led by what to do now: the sentence on a lawyer, one's rights and
 * not signing from the passage that fits where the person is (ICE at a door in Texas is not CBSA
 * at the border), then the emergency contacts (passages of general jurisdiction, by their
 * opening), then one more step from another fitting passage. Nothing on how detention works or
 * unrelated help lines.
 */
export function addDetentionSteps(
  builder: AnswerBuilder,
  passages: readonly Passage[],
  where: Whereabouts = 'unknown',
): void {
  const fitting = passages.filter(
    (p) => where === 'unknown' || p.jurisdiction === where || p.jurisdiction === 'general',
  );
  const emergency = fitting.filter((p) => p.jurisdiction === 'general');
  const steps = fitting
    .filter((p) => p.jurisdiction !== 'general')
    .map((passage) => {
      const pick = bestSentence(passage, '', WHAT_TO_DO_NOW);
      return { passage, pick, score: pick ? relevance(pick.sentence.text, '', WHAT_TO_DO_NOW) : 0 };
    })
    .filter((step): step is { passage: Passage; pick: Pick; score: number } => !!step.pick);
  // The lead comes from the first fitting passage in the role's order: its place says which fits best.
  const [lead, ...rest] = steps;
  if (lead) builder.sentences(lead.passage, [lead.pick]);
  builder.openings(emergency);
  const next = rest.reduce<(typeof rest)[number] | undefined>(
    (best, step) => (step.score > (best?.score ?? 0) ? step : best),
    undefined,
  );
  if (next) builder.sentences(next.passage, [next.pick]);
}

/** The sentence of a passage that bears most on the words given, without an opener; earliest wins ties. */
function bestSentence(
  passage: Passage,
  question: string,
  stems: ReadonlySet<string>,
): Pick | undefined {
  let found: Pick | undefined;
  let bestScore = 0;
  passage.paragraphs.forEach((paragraph, p) => {
    for (const sentence of paragraph) {
      const text = withoutOpener(sentence.text);
      if (text === null) continue;
      if (relevance(sentence.text, '', stems) === 0) continue;
      const score = relevance(sentence.text, question, stems);
      if (score > bestScore) {
        bestScore = score;
        found = { sentence, text, paragraph: p };
      }
    }
  });
  return found;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
