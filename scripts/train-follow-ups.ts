import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEV_EVAL_FILE, entriesBeforeComment, loadEvalSet } from '../evaluation/load.ts';
import type { EvalTurn } from '../evaluation/schema.ts';
import {
  FOLLOW_UP_FEATURES,
  type FollowUpCandidate,
  followUpCandidates,
} from '../src/conversation/context.ts';
import {
  type FollowUpModel,
  letUntrainedFeaturesWeighNothing,
  savedFollowUpFeatures,
} from '../src/conversation/follow-up-model.ts';
import type { LastAnswer } from '../src/conversation/memory.ts';
import { createAssistant } from '../src/index.ts';
import type { Hit } from '../src/retrieval/index.ts';
import {
  type Example,
  fitListwise,
  fitLogistic,
  type Group,
  type Linear,
  probability,
} from '../src/retrieval/model.ts';
import { followUpReading } from './follow-up-reading.ts';
import { writeModel } from './write-model.ts';

/**
 * Trains the choice between reading a follow-up alone and against the conversation
 * (src/conversation/follow-up-model.json) on the dev conversations (tests/eval/questions.yaml) and
 * those written for training only (scripts/data/follow-up-conversations.yaml): each follow-up
 * turn's candidate passages, labelled by whether they answer it. The dev conversations
 * after the "# Held out" comment are never trained on; their score is printed to show whether the
 * choice generalises. Every dev question asked after an unrelated answer is added too, with a
 * lower weight: a message that says what it means stands alone.
 *
 * The L2 penalty is chosen by cross-validation over the trained conversations (5 folds, a
 * conversation stays in one fold). `--dry-run` prints the figures without writing the model.
 *
 * `--experiment` fits listwise with and without the features `--without` names (comma-separated;
 * by default the last one measured, the newest) and prints each fit's figures, writing nothing.
 * `--per-candidate` adds the same two fits as per-candidate regressions: those take about a
 * quarter of an hour each (the listwise fit was chosen over them), so they are asked for by name.
 */
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    /** Compare variants of the fit (per-candidate or listwise, with or without features). */
    experiment: { type: 'boolean', default: false },
    without: { type: 'string' },
    'per-candidate': { type: 'boolean', default: false },
    'context-candidates': { type: 'string' },
    out: {
      type: 'string',
      default: path.join(
        path.dirname(fileURLToPath(import.meta.url)),
        '../src/conversation/follow-up-model.json',
      ),
    },
  },
});

if (values.without !== undefined && !values.experiment) {
  console.error('--without names what --experiment compares without: add --experiment.');
  process.exit(2);
}
/** What `--experiment` leaves out, checked before the minutes of replaying the conversations. */
const left = values.experiment ? experimentFeatures(values.without) : [];

/** Conversations written for training only (see the file), trained on beside the dev ones. */
const TRAINING_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'data/follow-up-conversations.yaml',
);

const FOLDS = 5;
/** How much one dev question asked after an unrelated answer counts, against a follow-up turn. */
const STANDALONE_WEIGHT = 0.3;
const L2_GRID = [0.001, 0.01, 0.03, 0.1, 0.3, 1, 3];

// The conversations are read with the saved model's choices, as ask() makes them, new features
// weighing nothing until this run has trained them and removed ones left out.
letUntrainedFeaturesWeighNothing();
{
  const saved = savedFollowUpFeatures();
  const added = FOLLOW_UP_FEATURES.filter((name) => !saved.includes(name));
  const removed = saved.filter((name) => !(FOLLOW_UP_FEATURES as readonly string[]).includes(name));
  if (added.length)
    console.log(`Read with the saved model, not yet trained on: ${added.join(', ')} (weight 0).`);
  if (removed.length)
    console.log(
      `Read with the saved model less what the code no longer measures: ${removed.join(', ')}.`,
    );
}
const dev = await loadEvalSet();
const assistant = await createAssistant();
const { retriever, byId, options } = await followUpReading(
  values['context-candidates'] ? Number(values['context-candidates']) : undefined,
);

/** A follow-up to choose a reading for: its candidates, or none when it is read alone. */
interface Turn {
  conversation: number;
  /** A conversation of the labelled dev blocks (written in the test split's style). */
  labelled?: boolean;
  expect: string[];
  alone: Hit[];
  candidates?: FollowUpCandidate[];
  weight: number;
}

const candidatesOf = (text: string, last: LastAnswer) => {
  const alone = retriever.search(text);
  return { alone, candidates: followUpCandidates(text, last, { ...options, alone })?.candidates };
};

/** The context each turn of a conversation is read against, as the assistant kept it. */
function conversationTurns(turns: EvalTurn[], conversation: number): Turn[] {
  const labelled = turns.some((turn) => turn.subset !== undefined);
  const id = `train-${conversation}`;
  let last: LastAnswer | undefined;
  const found: Turn[] = [];
  turns.forEach((turn, i) => {
    if (i > 0 && last && 'expect' in turn)
      found.push({
        conversation,
        labelled,
        expect: turn.expect,
        weight: 1,
        ...candidatesOf(turn.q, last),
      });
    assistant.ask(turn.q, {
      conversationId: id,
      onTurn: (t) => {
        last = t.context;
      },
    });
  });
  assistant.forget(id);
  return found;
}

const heldOutFrom = await firstHeldOutConversation();
const turns = dev.conversations.flatMap((c, i) => conversationTurns(c, i));
const written = (await loadEvalSet(TRAINING_FILE)).conversations;
for (const id of written.flat().flatMap((turn) => ('expect' in turn ? turn.expect : [])))
  if (!byId.has(id)) throw new Error(`${TRAINING_FILE}: no passage "${id}"`);
// Numbered after the dev ones, so that the folds of cross-validation keep each one whole.
const extra = written.flatMap((c, i) => conversationTurns(c, dev.conversations.length + i));
const trained = [...turns.filter((t) => t.conversation < heldOutFrom), ...extra];
const heldOut = turns.filter((t) => t.conversation >= heldOutFrom);

// Dev questions asked after the answer to another, unrelated one: they must stand alone.
const singles = dev.questions.filter(
  (q): q is Extract<EvalTurn, { expect: string[] }> => 'expect' in q,
);
const standalone: Turn[] = singles.flatMap((question, i) => {
  const before = singles[(i * 7 + 3) % singles.length];
  if (!before || before.expect[0] === question.expect[0]) return [];
  let last: LastAnswer | undefined;
  assistant.ask(before.q, {
    onTurn: (t) => {
      last = t.context;
    },
  });
  if (!last || last.topic === byId.get(question.expect[0] ?? '')?.topic) return [];
  return [
    {
      conversation: -1,
      expect: question.expect,
      weight: STANDALONE_WEIGHT,
      ...candidatesOf(question.q, last),
    },
  ];
});

/** How a model is fitted: which features it may weigh, per candidate or listwise. */
interface Fit {
  name: string;
  listwise: boolean;
  /** Features left out (read as 0, so they weigh nothing). */
  without: readonly string[];
}
const masked = (fit: Fit, x: readonly number[]) =>
  fit.without.length
    ? x.map((v, j) => (fit.without.includes(FOLLOW_UP_FEATURES[j] ?? '') ? 0 : v))
    : [...x];

const examplesOf = (fit: Fit, list: readonly Turn[]): Example[] =>
  list.flatMap((turn) =>
    (turn.candidates ?? []).map((c) => ({
      x: masked(fit, c.features),
      y: turn.expect.includes(c.hit.id) ? 1 : 0,
      weight: turn.weight,
    })),
  );
/** Each turn's candidates as one group, the right one the first expected passage among them. */
const groupsOf = (fit: Fit, list: readonly Turn[]): Group[] =>
  list.flatMap((turn) => {
    const candidates = turn.candidates ?? [];
    const at = turn.expect
      .map((id) => candidates.findIndex((c) => c.hit.id === id))
      .find((i) => i !== -1);
    if (at === undefined) return [];
    return [
      {
        candidates: candidates.map((c) => masked(fit, c.features)),
        positive: at,
        weight: turn.weight,
      },
    ];
  });

/** Whether the reading the model chooses leads with a passage that answers the turn. */
function right(model: Linear, turn: Turn): boolean {
  const candidates = turn.candidates;
  if (!candidates?.length) return turn.expect.includes(turn.alone[0]?.id ?? '');
  const best = candidates.reduce((a, b) =>
    probability(model, b.features) > probability(model, a.features) ? b : a,
  );
  return turn.expect.includes(best.hit.id);
}
const accuracy = (model: Linear, list: readonly Turn[]) =>
  list.filter((t) => right(model, t)).length / (list.length || 1);
const fitOn = (fit: Fit, list: readonly Turn[], l2: number) =>
  fit.listwise
    ? fitListwise(groupsOf(fit, [...list, ...standalone]), FOLLOW_UP_FEATURES, { l2 })
    : fitLogistic(examplesOf(fit, [...list, ...standalone]), FOLLOW_UP_FEATURES, { l2 });

const cvOf = (fit: Fit, l2: number) => {
  let correct = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fitOn(
      fit,
      trained.filter((t) => t.conversation % FOLDS !== fold),
      l2,
    );
    correct += trained.filter((t) => t.conversation % FOLDS === fold && right(model, t)).length;
  }
  return correct / (trained.length || 1);
};
const ceiling = (list: readonly Turn[]) =>
  list.filter((t) =>
    t.candidates?.length
      ? t.candidates.some((c) => t.expect.includes(c.hit.id))
      : t.expect.includes(t.alone[0]?.id ?? ''),
  ).length / (list.length || 1);
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const heldOlder = heldOut.filter((t) => !t.labelled);
const heldLabelled = heldOut.filter((t) => t.labelled);
console.log(
  `a candidate answers ${percent(ceiling(trained))} of trained turns, ${percent(ceiling(heldOlder))} of ${heldOlder.length} held-out older ones, ${percent(ceiling(heldLabelled))} of ${heldLabelled.length} labelled ones (the most any choice can get right)`,
);
/** Fits with the L2 penalty that cross-validates best (the largest of a tie). */
function chooseAndFit(fit: Fit, verbose: boolean) {
  const grid = L2_GRID.map((l2) => ({ l2, cv: cvOf(fit, l2) }));
  if (verbose)
    for (const { l2, cv } of grid) console.log(`l2 ${l2}: cross-validated ${percent(cv)}`);
  // Between penalties that do equally well the largest wins: the cross-validated figure is flat
  // over the grid on this little data, and the first of a tie would be the least regularised.
  const chosen = grid.reduce((a, b) => (b.cv >= a.cv ? b : a));
  return { chosen, model: fitOn(fit, trained, chosen.l2) };
}
if (values.experiment) {
  const without = `without ${left.join(', ')}`;
  const fits: Fit[] = [
    ...(values['per-candidate']
      ? [
          { name: `logistic, ${without}`, listwise: false, without: left },
          { name: 'logistic', listwise: false, without: [] },
        ]
      : []),
    { name: `listwise, ${without}`, listwise: true, without: left },
    { name: 'listwise', listwise: true, without: [] },
  ];
  for (const fit of fits) {
    const { chosen, model } = chooseAndFit(fit, false);
    console.log(
      `${fit.name.padEnd(40)} l2 ${chosen.l2} cv ${percent(chosen.cv)}; held older ${percent(accuracy(model, heldOlder))}, labelled ${percent(accuracy(model, heldLabelled))}, all held ${percent(accuracy(model, heldOut))}`,
    );
  }
  process.exit(0);
}
// Listwise: each turn's choice is between its own candidates, and what matters is what sets the
// right one apart from them. It did better than a per-candidate regression on the held-out
// conversations once the knowledge's `next` links were a feature (`--experiment` compares them).
const { chosen, model } = chooseAndFit({ name: 'listwise', listwise: true, without: [] }, true);
const alone = (list: readonly Turn[]) =>
  list.filter((t) => t.expect.includes(t.alone[0]?.id ?? '')).length / (list.length || 1);
const summary = [
  `${trained.length} follow-up turns of ${heldOutFrom} dev conversations and ${written.length} written for training`,
  `and ${standalone.length} dev questions after an unrelated answer (weight ${STANDALONE_WEIGHT});`,
  `l2 ${chosen.l2}; cross-validated ${percent(chosen.cv)} (read alone: ${percent(alone(trained))});`,
  `held out (${heldOut.length} turns, never trained on): ${percent(accuracy(model, heldOut))}`,
  `(read alone: ${percent(alone(heldOut))})`,
].join(' ');
console.log(summary);
for (const [i, name] of FOLLOW_UP_FEATURES.entries())
  console.log(`  ${name.padEnd(24)} ${(model.weights[i] ?? 0).toFixed(3)}`);

if (!values['dry-run']) {
  const saved: FollowUpModel = { model, trainedOn: summary };
  await writeModel(values.out, saved);
  console.log(`Wrote ${values.out}.`);
}

/** The index of the first conversation after the "# Held out" comment (all of them if none). */
async function firstHeldOutConversation(): Promise<number> {
  const text = await readFile(DEV_EVAL_FILE, 'utf8');
  return entriesBeforeComment(text, 'conversations', '# Held out') ?? dev.conversations.length;
}

/**
 * The features `--without` names, checked against those the code measures (a misspelt name would
 * otherwise compare a fit with itself); by default the newest.
 */
function experimentFeatures(names: string | undefined): string[] {
  const known: readonly string[] = FOLLOW_UP_FEATURES;
  const asked = names
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean) ?? [known.at(-1) ?? ''];
  const unknown = asked.filter((name) => !known.includes(name));
  if (unknown.length || asked.length === 0) {
    console.error(
      `--without: no follow-up feature named ${unknown.join(', ') || '(none given)'}; the features are ${known.join(', ')}.`,
    );
    process.exit(2);
  }
  return asked;
}
