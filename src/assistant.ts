import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer } from './answer.ts';
import {
  AnswerBuilder,
  addDetentionSteps,
  addRetrievedAnswer,
  type ComposeContext,
  DEFAULT_MAX_WORDS,
} from './compose/answer.ts';
import { askingWords, wordCount } from './compose/focus.ts';
import {
  canadianReferral,
  crisisWhereaboutsOf,
  detentionWhereaboutsOf,
  nearestFirst,
  whereaboutsOf,
} from './compose/referral.ts';
import { ENGLISH_ONLY, NOTICE, SMALL_TALK, topicNames } from './compose/wording.ts';
import { readAgainst, subjectWords } from './conversation/context.ts';
import { looksLikeFollowUp } from './conversation/follow-up.ts';
import {
  createConversationMemory,
  type LastAnswer,
  type MemoryOptions,
} from './conversation/memory.ts';
import { asksForMore } from './conversation/more.ts';
import { smallTalkOf } from './conversation/smalltalk.ts';
import { type Knowledge, loadKnowledge } from './knowledge/load.ts';
import { passagesByRole, type Role } from './knowledge/roles.ts';
import type { Passage } from './knowledge/schema.ts';
import { loadMeaning, PREBUILT_VECTORS_FILE } from './meaning/index.ts';
import { knowledgeOverview, newestSourceDate } from './overview.ts';
import {
  createRetriever,
  type Hit,
  type Retriever,
  type SavedIndex,
  type Tuning,
} from './retrieval/index.ts';
import {
  createMeaningIndex,
  type MeaningIndex,
  type SentenceEncoder,
} from './retrieval/meaning.ts';
import { createSynonymExpander } from './retrieval/synonyms.ts';
import { askingSentences } from './safety/asks.ts';
import { cleanQuestion, echo, MAX_QUESTION_CHARS } from './safety/clean.ts';
import { withoutCrisis } from './safety/crisis.ts';
import { createIntentReader, type IntentReader } from './safety/intents.ts';
import { detectLanguage } from './safety/language.ts';
import { readSnapshot } from './snapshot.ts';
import { createSuggester } from './suggest.ts';

/** The knowledge that ships with the bot. */
export const BUNDLED_KNOWLEDGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'knowledge',
);

export interface AssistantOptions {
  /** Folder of passages (default: the bundled `knowledge/`). */
  knowledgeDir?: string;
  /**
   * Minimum confidence (the scorer's probability that the best passage answers) to answer rather
   * than abstain; default: the trained scorer's threshold, chosen on the dev split.
   */
  threshold?: number;
  /** Conversation memory limits, for follow-up questions. */
  memory?: MemoryOptions;
  /** Today's date (for review-date checks); injectable for tests. */
  today?: () => string;
  /** Ranking and coverage knobs (default: the values tuned on the evaluation set). */
  tuning?: Tuning;
  /**
   * Told about a bug inside `ask()` (which still answers, with the apology Answer), so that it is
   * seen instead of passing for an ordinary decline, and about a sentence encoder that failed
   * (that question, or from then on, is ranked by words alone). It receives the error only, never
   * the question. A hook that throws is ignored.
   */
  onError?: (error: unknown) => void;
  /** About how many words an answer's text has (default 120); the full passages stay one step away. */
  maxWords?: number;
  /**
   * The sentence encoder whose features join the lexical ones in ranking and declining (default
   * for createAssistant: the bundled one, src/meaning/, unless switched off; null: lexical only).
   */
  meaning?: SentenceEncoder | null;
  /**
   * Told how many of the knowledge's texts the sentence encoder has encoded, on a start that finds
   * them neither cached nor built (about 100 s of CPU for the bundled knowledge, once).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Read the knowledge's sentence vectors at the first message the words alone are unsure of
   * (`ENCODE_BELOW`), not at creation: for a process that answers once and exits, where an answer
   * the words settle never needs them and reading them is a good part of the start. A bot that
   * keeps running leaves it off, so no person's question waits for it (or, on a first start, for
   * the knowledge to be encoded).
   */
  meaningOnDemand?: boolean;
}

export interface AskOptions {
  /** Questions with the same id form one conversation: short follow-ups are read in context. */
  conversationId?: string;
  /** About how many words this answer's text has (default: the assistant's `maxWords`). */
  maxWords?: number;
  /**
   * The conversation's last answer as a caller keeps it (a store shared by replicas), read in
   * place of the assistant's own memory, which only knows the questions this process answered.
   * One with no passages says the conversation was forgotten: nothing is read against it.
   */
  context?: LastAnswer;
  /** Told what this question leaves behind, so a caller can keep it: see {@link Turn}. */
  onTurn?: (turn: Turn) => void;
}

/** What one question leaves behind: passage ids and topics, never the question's words. */
export interface Turn {
  /** What a follow-up in this conversation is read against; absent when nothing is remembered. */
  context?: LastAnswer;
  /** For a decline: the topic of the nearest passage, when any came near. */
  nearestTopic?: string;
  /**
   * The person asked to forget the conversation ("delete everything I said"): the assistant has
   * dropped its own memory of it, and a caller that keeps the context elsewhere drops it too.
   */
  forgotten?: boolean;
}

export interface Assistant {
  /** Answers one question from the knowledge, with citations, or abstains. Never throws. */
  ask(question: string, options?: AskOptions): Answer;
  /** The passage behind a citation, by id. */
  passage(id: string): Passage | undefined;
  /** Every passage, in file order. */
  passages(): readonly Passage[];
  /** Forgets a conversation. */
  forget(conversationId: string): void;
  /** Curated questions matching what someone has typed so far (for autocomplete), at most `limit`. */
  suggest(typed: string, limit?: number): string[];
  /**
   * Loads the knowledge folder again. A valid set replaces the old one at once; an invalid one
   * rejects with a KnowledgeError and the old knowledge keeps serving.
   */
  reload(): Promise<void>;
}

/** Everything derived from one load of the knowledge; swapped as a whole on reload. */
interface Index {
  passages: readonly Passage[];
  byId: ReadonlyMap<string, Passage>;
  byRole: ReadonlyMap<Role, readonly Passage[]>;
  retriever: Retriever;
  suggest: (typed: string, limit: number) => string[];
  subjects: ReadonlySet<string>;
  /** How close two passages are in meaning (see MeaningIndex.related); undefined without it. */
  related: (a: string, b: string) => number | undefined;
  intents: IntentReader;
  /** The words of the synonyms table's other spellings for what a question says. */
  synonymsOf: (question: string) => string[];
}

const synonymWords =
  (expand: ReturnType<typeof createSynonymExpander>) =>
  (question: string): string[] =>
    // A word that asks for a kind of fact ("apply") counts only through that kind (focus.ts): so
    // do its synonyms ("application").
    expand(question)
      .filter((expansion) => !askingWords(question).includes(expansion.word))
      .flatMap((expansion) => expansion.words);

function indexOf(knowledge: Knowledge, options: AssistantOptions, saved?: SavedIndex): Index {
  const { tuning } = options;
  const meaning = meaningIndexOf(knowledge, options);
  return {
    passages: knowledge.passages,
    byId: new Map(knowledge.passages.map((passage) => [passage.id, passage])),
    byRole: passagesByRole(knowledge.passages),
    retriever: createRetriever(knowledge.passages, knowledge.synonyms, tuning, saved, {
      phrasings: knowledge.phrasings,
      ...(meaning ? { meaning } : {}),
    }),
    suggest: createSuggester(knowledge.passages),
    subjects: subjectWords(knowledge.passages),
    related: (a, b) => meaning?.related?.(a, b),
    intents: createIntentReader(knowledge.passages),
    synonymsOf: synonymWords(createSynonymExpander(knowledge.synonyms)),
  };
}

/**
 * Loads and validates the knowledge, indexes it and returns an assistant. Rejects with a
 * KnowledgeError that names every invalid file and field.
 *
 * @example
 * const assistant = await createAssistant();
 * const answer = assistant.ask('Can Americans claim asylum in Canada?');
 */
export async function createAssistant(options: AssistantOptions = {}): Promise<Assistant> {
  const dir = options.knowledgeDir ?? BUNDLED_KNOWLEDGE_DIR;
  // A built bot finds its knowledge already validated and indexed (see snapshot.ts).
  // First, so the encoder's worker loads its model while this thread loads the knowledge.
  const meaning =
    options.meaning !== undefined
      ? options.meaning
      : loadMeaning({
          // A built bot finds its knowledge's vectors beside the snapshot.
          prebuilt: path.join(dir, PREBUILT_VECTORS_FILE),
          onError: options.onError,
          onProgress: options.onProgress,
        });
  const snapshot = await readSnapshot(dir);
  const withMeaning = { ...options, meaning: meaning ?? null };
  if (snapshot) return assistantFor(snapshot.knowledge, withMeaning, snapshot.index);
  return assistantFor(await loadKnowledge(dir), withMeaning);
}

export function assistantFor(
  knowledge: Knowledge,
  options: AssistantOptions = {},
  saved?: SavedIndex,
): Assistant {
  const confident = (hit: Hit | undefined): hit is Hit =>
    hit !== undefined && hit.confidence >= (options.threshold ?? index.retriever.threshold);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const memory = createConversationMemory(options.memory);
  const defaultMaxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  let index = indexOf(knowledge, options, saved);

  const find = (ids: readonly string[]) =>
    ids.map((id) => index.byId.get(id)).filter((p) => p !== undefined);
  /** The passages routing relies on for a role, in their declared order (the loader checks they exist). */
  const withRole = (role: Role) => index.byRole.get(role) ?? [];
  const titlesOf = (passages: readonly Passage[]) => passages.map((p) => p.title);
  const starters = () => {
    const featured = withRole('starter');
    return titlesOf((featured.length ? featured : index.passages).slice(0, 3));
  };

  /** What a decline offers instead: the questions of the passages nearest the message, or the starters. */
  const nearbyQuestions = (hits: readonly Hit[]) => {
    const suggestions = titlesOf(find(hits.map((hit) => hit.id)));
    return suggestions.length ? suggestions : starters();
  };

  /**
   * For a decline, the topic of the nearest passage: not confident, but the nearest hit is still
   * the first. Only one that shares words with the message came near: the sentence encoder puts
   * some passage first for anything at all ("the capital of Mongolia"), which says nothing about
   * what people ask for.
   */
  const nearestTopicOf = (hits: readonly Hit[]) => {
    const nearest = hits.find((hit) => hit.matched.length > 0);
    return nearest ? index.byId.get(nearest.id)?.topic : undefined;
  };

  /** Retrieval, reading a follow-up against the conversation's last answer. */
  const retrieve = (text: string, last: LastAnswer | undefined, knownWordsOnly = false) =>
    readAgainst(text, last, {
      search: (query, options) => index.retriever.search(query, options),
      confident,
      passage: (id) => index.byId.get(id),
      subjects: index.subjects,
      related: index.related,
      knownWordsOnly,
    });
  /**
   * What "tell me more" gives next in full: the passage the answer led with, then the others it
   * quoted, then the next steps they list; none once all of them were given.
   */
  const moreOf = (last: LastAnswer): string | undefined => {
    const given = new Set(last.shownInFull ?? []);
    const quoted = last.passages.map((id) => index.byId.get(id)).filter((p) => p !== undefined);
    return [...quoted.map((p) => p.id), ...quoted.flatMap((p) => p.next ?? [])].find(
      (id) => !given.has(id) && index.byId.has(id),
    );
  };
  /** What a follow-up to `answer` is read against, if anything. */
  const contextOf = (answer: Answer): LastAnswer | undefined => {
    const [first] = answer.passages ?? [];
    const topic = first && index.byId.get(first)?.topic;
    return first && topic ? { passages: answer.passages ?? [], topic } : undefined;
  };

  /**
   * A referral that fits where the person is: in Canada, the sourced legal-help passage (their
   * province's when named), whose opening the answer adds; elsewhere, a notice in the bot's voice.
   */
  const referralFor = (text: string): { passage?: Passage; notices: string[] } => {
    const where = whereaboutsOf(text);
    if (where === 'CA')
      return {
        passage: canadianReferral(text, index.passages, withRole('legal-help')[0]),
        notices: [],
      };
    return { notices: [where === 'US' ? NOTICE.referUS : NOTICE.referAnywhere] };
  };
  /** Words the referral's opening takes, kept free so that an answer with it stays short. */
  const wordsOfOpening = (passage: Passage | undefined) =>
    wordCount(passage?.paragraphs[0]?.[0]?.text ?? '');

  /** How a retrieved answer to `text` is cut and worded: its length, and what was just shown. */
  const shapingFor = (text: string, last: LastAnswer | undefined, maxWords: number) => ({
    question: text,
    maxWords,
    shown: new Set(last?.passages ?? []),
    synonyms: index.synonymsOf(text),
  });

  /**
   * For danger the model alone reads beside a question: the answer to the question, then the
   * contacts for someone in danger, when the knowledge answers it; when it does not, a decline
   * of the question (its nearest answerable questions offered), then the contacts. Undefined
   * (nothing added) when the message asks nothing apart from the danger: the contacts lead.
   */
  const questionBesideContacts = (
    text: string,
    last: LastAnswer | undefined,
    builder: AnswerBuilder,
    maxWords: number,
    turn: Turn,
  ): Omit<Parameters<AnswerBuilder['build']>[0], 'question'> | undefined => {
    const asked = askingSentences(text);
    if (!asked) return undefined;
    const { hits, answerable, inContext } = retrieve(text, last, detectLanguage(text) !== 'en');
    // The question must be something apart from the crisis: what it asks, read alone, is no
    // crisis the rules read, nor one the model reads at the story threshold (asksInCrisis);
    // or it is a follow-up of the answer just given, which the model, reading it without the
    // conversation, took for danger ("and my wife?" after an answer about health cover read as
    // a crisis from "my" and "wife"). The contacts still follow.
    const followsUp = last !== undefined && (inContext || looksLikeFollowUp(text));
    if (!followsUp && index.intents.asksInCrisis(text)) return undefined;
    const contacts = nearestFirst(withRole('crisis-danger'), crisisWhereaboutsOf(text));
    const confidence = hits[0]?.confidence ?? 0;
    if (!answerable || !hits[0]) {
      // "How much of my medicine can I carry into Canada?" read as danger from "pills": the
      // contacts alone would read as the answer; saying the question has no sourced answer, and
      // what nearby does, is honest, and the contacts stay.
      builder.openings(contacts);
      turn.nearestTopic = nearestTopicOf(hits);
      return {
        kind: 'crisis',
        notices: [NOTICE.crisisAfterDecline, NOTICE.noSourcedAnswer, NOTICE.nearby],
        confidence,
        followUps: nearbyQuestions(hits),
        abstained: true,
      };
    }
    // The contacts' openings must fit too; the answer keeps at least half of its usual length.
    const reserved = contacts.reduce((sum, passage) => sum + wordsOfOpening(passage), 0);
    const followUps = addRetrievedAnswer(
      builder,
      hits,
      shapingFor(text, last, Math.max(Math.round(maxWords / 2), maxWords - reserved)),
    );
    builder.openings(contacts);
    return {
      kind: 'crisis',
      notices: [NOTICE.crisisAfterAnswer],
      confidence,
      followUps,
    };
  };

  const answer = (
    raw: string,
    last: LastAnswer | undefined,
    turn: Turn,
    maxWords = defaultMaxWords,
  ): Answer => {
    const clean = cleanQuestion(raw);
    const question = echo(clean);
    const context: ComposeContext = { passages: index.byId, today: today() };
    const builder = new AnswerBuilder(context);
    const refer = (text: string) => {
      const referral = referralFor(text);
      if (referral.passage) builder.openings([referral.passage]);
      return referral.notices;
    };

    // Safety first, on the whole message, even one too long to answer.
    const read = index.intents.readCrisis(clean.text);
    // "Delete everything I said" is a command, not danger, unless the rules are certain of it: the
    // model alone read it as a crisis and sent 911.
    const reading =
      read && !read.certain && smallTalkOf(clean.text) === 'forget' ? undefined : read;
    // Danger the model alone reads, in a message that asks a question of its own: the answer to
    // it first, or its decline when the knowledge does not answer it, then the contacts (a story
    // that mentions past threats and asks about the law; "how many pills can I bring across").
    // What the rules read, a detention, or a message that asks nothing apart from the danger,
    // keeps the contacts first.
    if (reading && !reading.certain && reading.crisis !== 'detained' && !clean.tooLong) {
      const led = questionBesideContacts(clean.text, last, builder, maxWords, turn);
      if (led) return builder.build({ ...led, question });
    }
    const crisis = reading?.crisis;
    if (crisis) {
      if (crisis === 'detained')
        addDetentionSteps(builder, withRole('crisis-detained'), detentionWhereaboutsOf(clean.text));
      else
        builder.openings(
          nearestFirst(withRole(`crisis-${crisis}`), crisisWhereaboutsOf(clean.text)),
        );
      // Only a question asked beside the crisis is answered too: not the crisis message itself.
      const rest = clean.tooLong ? '' : withoutCrisis(clean.text);
      const reading = rest && rest !== clean.text ? retrieve(rest, last) : undefined;
      const best = reading?.answerable ? index.byId.get(reading.hits[0]?.id ?? '') : undefined;
      if (best && best.topic !== 'safety') builder.openings([best]);
      const notice = crisis === 'detained' ? NOTICE.detained : NOTICE.crisis;
      return builder.build({
        question,
        kind: 'crisis',
        notices: [notice],
        confidence: 1,
        followUps: [],
      });
    }
    if (!clean.text) {
      return builder.build({
        question,
        kind: 'abstain',
        notices: [NOTICE.empty],
        confidence: 0,
        followUps: starters(),
      });
    }
    if (clean.tooLong) {
      const notice = NOTICE.tooLong(clean.chars, MAX_QUESTION_CHARS);
      return builder.build({
        question,
        kind: 'abstain',
        notices: [notice],
        confidence: 0,
        followUps: starters(),
      });
    }
    // "Tell me more" in a conversation: the passage the last answer led with, in full (what the
    // surfaces' More button shows), and asked again the next one (moreOf). Asked with nothing
    // before it, it is a request for help.
    const wantsMore = asksForMore(clean.text);
    if (wantsMore && last) {
      const more = moreOf(last);
      if (!more) {
        // Every passage the answer quoted, and every next step, was given in full already.
        return builder.build({
          question,
          kind: 'smalltalk',
          notices: [NOTICE.noMore],
          confidence: 0,
          followUps: starters(),
          smallTalk: 'help',
        });
      }
      const followUps = addRetrievedAnswer(builder, [leadOf(more)], {
        question: '',
        maxWords: Number.POSITIVE_INFINITY,
      });
      // What a follow-up now reads against leads with the passage just read in full.
      turn.context = {
        passages: [more, ...last.passages.filter((id) => id !== more)],
        topic: index.byId.get(more)?.topic ?? last.topic,
        shownInFull: [...(last.shownInFull ?? []), more],
      };
      // The passage was chosen for an earlier question; it is shown again, not re-ranked.
      return builder.build({ question, kind: 'answer', notices: [], confidence: 1, followUps });
    }
    const smallTalk = wantsMore ? 'help' : smallTalkOf(clean.text);
    if (smallTalk) {
      const reply =
        smallTalk === 'help'
          ? SMALL_TALK.help(topicNames(index.passages.map((p) => p.topic)))
          : smallTalk === 'sources'
            ? SMALL_TALK.sources({
                lastReviewed: knowledgeOverview(index.passages).lastReviewed,
                newestSource: newestSourceDate(index.passages),
              })
            : SMALL_TALK[smallTalk];
      if (smallTalk === 'forget') turn.forgotten = true;
      const offers = smallTalk === 'greeting' || smallTalk === 'help' || smallTalk === 'feedback';
      return builder.build({
        question,
        kind: 'smalltalk',
        notices: [reply],
        confidence: 0,
        followUps: offers ? starters() : [],
        smallTalk,
      });
    }
    if (index.intents.deception(clean.text)) {
      const risks = withRole('refusal-risk');
      builder.openings(risks);
      return builder.build({
        question,
        kind: 'refusal',
        notices: [NOTICE.refusal],
        confidence: 1,
        followUps: titlesOf(risks),
      });
    }

    const language = detectLanguage(clean.text);
    const { hits, answerable } = retrieve(clean.text, last, language !== 'en');
    const confidence = hits[0]?.confidence ?? 0;
    const shaping = shapingFor(clean.text, last, maxWords);

    if (index.intents.advice(clean.text)) {
      const reserved = wordsOfOpening(referralFor(clean.text).passage);
      const followUps = answerable
        ? addRetrievedAnswer(builder, hits, { ...shaping, maxWords: maxWords - reserved })
        : starters();
      const referral = refer(clean.text);
      if (!answerable) turn.nearestTopic = nearestTopicOf(hits);
      return builder.build({
        question,
        kind: 'advice',
        notices: [NOTICE.advice, ...referral],
        confidence,
        followUps,
        // A request for a prediction the knowledge has nothing on is declined, with the notice.
        abstained: !answerable,
      });
    }
    if (!answerable) {
      turn.nearestTopic = nearestTopicOf(hits);
      const notice = language === 'en' ? NOTICE.noSourcedAnswer : ENGLISH_ONLY[language].notFound;
      return builder.build({
        question,
        kind: 'abstain',
        notices: [notice, NOTICE.nearby, ...refer(clean.text)],
        confidence,
        followUps: nearbyQuestions(hits),
      });
    }
    const followUps = addRetrievedAnswer(builder, hits, shaping);
    const notices = language === 'en' ? [] : [ENGLISH_ONLY[language].found];
    return builder.build({ question, kind: 'answer', notices, confidence, followUps });
  };

  return {
    ask(question, { conversationId, maxWords, context, onTurn } = {}) {
      try {
        const remembered = context ?? (conversationId ? memory.get(conversationId) : undefined);
        const last = remembered?.passages.length ? remembered : undefined;
        const turn: Turn = {};
        const reply = answer(question, last, turn, maxWords);
        // A crisis answer is followed up too, led by contacts or not: "can i call it from
        // seattle?" after the crisis lines asks about the line just given.
        const answered =
          reply.kind === 'answer' ||
          reply.kind === 'advice' ||
          (reply.kind === 'crisis' && !reply.abstained);
        if (answered) {
          turn.context ??= contextOf(reply);
          if (conversationId && turn.context) memory.set(conversationId, turn.context);
        }
        if (turn.forgotten && conversationId) memory.delete(conversationId);
        try {
          onTurn?.(turn);
        } catch {
          // The caller's bookkeeping must not turn an answer into an apology.
        }
        return reply;
      } catch (error) {
        report(options.onError, error);
        // A bug must never take a surface down: say so plainly, with nothing invented.
        const builder = new AnswerBuilder({ passages: index.byId, today: today() });
        builder.openings(withRole('legal-help').slice(0, 1));
        return builder.build({
          question: '',
          kind: 'abstain',
          notices: [NOTICE.noSourcedAnswer],
          confidence: 0,
          followUps: starters(),
        });
      }
    },
    passage: (id) => index.byId.get(id),
    passages: () => index.passages,
    forget: (conversationId) => memory.delete(conversationId),
    suggest: (typed, limit = 25) => index.suggest(typed, limit),
    async reload() {
      index = indexOf(await loadKnowledge(knowledge.dir), options);
    },
  };
}

/**
 * The knowledge as sentence vectors, when an encoder is given. An encoder that fails here (its
 * worker hung or died) leaves the bot ranking by words, as it did before the encoder: said to
 * onError, never a failed start.
 */
function meaningIndexOf(
  knowledge: Knowledge,
  { meaning, onError, meaningOnDemand }: AssistantOptions,
): MeaningIndex | undefined {
  // The meaning scorer learned how close a message comes to a passage's training phrasings: on a
  // folder with none (only titles and listed questions) nothing comes as close, and it would
  // decline what the lexical scorer, made for any folder, answers.
  if (!meaning || knowledge.phrasings.utterances.length === 0) return undefined;
  let built: MeaningIndex | undefined;
  let tried = false;
  const get = () => {
    if (!tried) {
      tried = true;
      try {
        built = createMeaningIndex(meaning, knowledge.passages, knowledge.phrasings, (error) =>
          report(onError, error),
        );
      } catch (error) {
        // Ranked by words alone from now on, with confidences moved to the meaning threshold.
        report(onError, error);
      }
    }
    return built;
  };
  if (!meaningOnDemand) return get();
  return {
    measure: (readings) => get()?.measure(readings),
    featuresOf: (measured, position) => (get() as MeaningIndex).featuresOf(measured, position),
    related: (a, b) => get()?.related?.(a, b),
  };
}

/** Tells a caller's error hook, which must never break what called it. */
function report(onError: ((error: unknown) => void) | undefined, error: unknown) {
  try {
    onError?.(error);
  } catch {
    // Reporting must not stop an answer or the apology that replaces one.
  }
}

/** A passage already chosen, as the composer takes a hit: nothing matched, nothing to rank. */
function leadOf(id: string): Hit {
  return {
    id,
    score: 1,
    coverage: 1,
    matched: [],
    questionCoverage: 1,
    askCoverage: 1,
    confidence: 1,
  };
}
