import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { subsetOf } from '../../evaluation/evaluate.ts';
import { loadEvalSet } from '../../evaluation/load.ts';
import { chooseThreshold } from '../../evaluation/threshold.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import type { Phrasings } from '../../src/knowledge/phrasings.ts';
import { FEATURES } from '../../src/retrieval/features.ts';
import { createRetriever } from '../../src/retrieval/index.ts';
import { passageDocument } from '../../src/retrieval/meaning.ts';
import {
  fitListwise,
  fitLogistic,
  type Group,
  type Linear,
  probability,
} from '../../src/retrieval/model.ts';
import { ANSWER_FEATURES, answerFeaturesOf } from '../../src/retrieval/scorer.ts';

/**
 * The encoder experiment (issue 12): does the Universal Sentence Encoder, as features beside the
 * lexical ones, rank and decline better? Trains each variant as scripts/train.ts does (listwise
 * ranker, logistic confidence; features of a phrasing measured with its fold left out) and
 * reports (a) 5-fold cross-validation over the training phrasings, for choosing between variants
 * without touching dev, and (b) the dev split by subset, threshold chosen on dev as train.ts does.
 * Never reads test.yaml. Needs the vectors from `tsx bench/encoder/cache.ts` first.
 *
 *   tsx bench/encoder/cache.ts && tsx bench/encoder/features.ts
 */
const { values } = parseArgs({
  options: { cache: { type: 'string', default: '/tmp/encoder-cache.json' } },
});
const FOLDS = 5;
const raw = JSON.parse(readFileSync(values.cache, 'utf8')) as Record<string, number[]>;
const vectors = new Map<string, Float64Array>();
const vec = (text: string): Float64Array => {
  let found = vectors.get(text);
  if (!found) {
    const values = raw[text];
    if (!values)
      throw new Error(`No vector for ${JSON.stringify(text)}: run bench/encoder/cache.ts.`);
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
    found = Float64Array.from(values, (v) => v / norm);
    vectors.set(text, found);
  }
  return found;
};
const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const dev = await loadEvalSet();
const { passages } = knowledge;
const { utterances, declines } = knowledge.phrasings;
const positionOf = new Map(passages.map((p, i) => [p.id, i]));
const docVectors = passages.map((p) => vec(passageDocument(p)));

/** The encoder's view of the knowledge, given the phrasings it may learn from. */
function encoderContext(phrasings: Phrasings) {
  const phrasingVectors = passages.map((p) => [p.title, ...p.questions].map(vec));
  for (const u of phrasings.utterances) {
    const at = positionOf.get(u.passage);
    if (at !== undefined) phrasingVectors[at]?.push(vec(u.text));
  }
  const declineVectors = phrasings.declines.map(vec);
  return (text: string) => {
    const q = vec(text);
    const nearest = phrasingVectors.map((list) => Math.max(...list.map((v) => dot(q, v))));
    const doc = docVectors.map((v) => dot(q, v));
    const top = Math.max(...nearest);
    const decline = Math.max(0, ...declineVectors.map((v) => dot(q, v)));
    return { nearest, doc, top, decline };
  };
}

const LEXICAL = [...FEATURES];
const ENCODER = ['encNearest', 'encDoc', 'encGap'] as const;
const PER_QUERY = ['encTop', 'encDecline'] as const;
// The confidence's own features (src/retrieval/scorer.ts), after its share and margin.
const LEXICAL_CARRIED: string[] = ANSWER_FEATURES.slice(2);

interface Variant {
  name: string;
  /** Candidate ids and each one's full feature row (lexical then encoder then per-query). */
  ranker: string[];
  carried: string[];
  /** Where candidates come from. */
  pool: 'lexical' | 'union' | 'encoder';
}
const VARIANTS: Variant[] = [
  { name: 'lexical (current)', ranker: LEXICAL, carried: LEXICAL_CARRIED, pool: 'lexical' },
  {
    name: 'lexical + encoder',
    ranker: [...LEXICAL, ...ENCODER],
    carried: [...LEXICAL_CARRIED, 'encNearest', ...PER_QUERY],
    pool: 'lexical',
  },
  {
    name: 'lexical + encoder, union pool',
    ranker: [...LEXICAL, ...ENCODER],
    carried: [...LEXICAL_CARRIED, 'encNearest', ...PER_QUERY],
    pool: 'union',
  },
  {
    name: 'encoder alone',
    ranker: [...ENCODER],
    carried: ['encNearest', ...PER_QUERY],
    pool: 'encoder',
  },
];

type Row = { id: string; x: Record<string, number> };
/** Every candidate of a message with every feature, for a given pool. */
function rowsOf(
  text: string,
  lexical: ReturnType<typeof createRetriever>,
  encode: ReturnType<typeof encoderContext>,
  pool: Variant['pool'],
  context?: string,
): Row[] {
  const found = pool === 'encoder' ? [] : lexical.features(text, { limit: 20, context });
  const e = encode(context ? `${context} ${text}` : text);
  const byEncoder = e.nearest
    .map((score, position) => ({ score, position }))
    .sort((a, b) => b.score - a.score)
    .slice(0, pool === 'encoder' ? 20 : 5)
    .map(({ position }) => passages[position]?.id ?? '');
  const ids = [
    ...found.map((f) => f.id),
    ...(pool === 'lexical' ? [] : byEncoder.filter((id) => !found.some((f) => f.id === id))),
  ];
  return ids.map((id) => {
    const position = positionOf.get(id) ?? 0;
    const lexicalRow = found.find((f) => f.id === id)?.features;
    const x: Record<string, number> = {};
    LEXICAL.forEach((name, j) => {
      x[name] = lexicalRow?.[j] ?? 0;
    });
    x.encNearest = e.nearest[position] ?? 0;
    x.encDoc = e.doc[position] ?? 0;
    x.encGap = (e.nearest[position] ?? 0) - e.top;
    x.encTop = e.top;
    x.encDecline = e.decline;
    return { id, x };
  });
}

const retrieverWith = (phrasings: Phrasings) =>
  createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
    phrasings,
    model: null,
  });

// Training messages, each with its rows for every pool, measured with its own fold left out.
type Training = { fold: number; passage?: string; rows: Record<Variant['pool'], Row[]> };
const training: Training[] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const kept: Phrasings = {
    utterances: utterances.filter((_, i) => i % FOLDS !== fold),
    declines: declines.filter((_, i) => i % FOLDS !== fold),
  };
  const lexical = retrieverWith(kept);
  const encode = encoderContext(kept);
  const add = (text: string, passage?: string) => {
    training.push({
      fold,
      passage,
      rows: {
        lexical: rowsOf(text, lexical, encode, 'lexical'),
        union: rowsOf(text, lexical, encode, 'union'),
        encoder: rowsOf(text, lexical, encode, 'encoder'),
      },
    });
  };
  utterances.forEach((u, i) => {
    if (i % FOLDS === fold) add(u.text, u.passage);
  });
  declines.forEach((d, i) => {
    if (i % FOLDS === fold) add(d);
  });
}

const matrix = (rows: Row[], names: readonly string[]) =>
  rows.map((r) => names.map((n) => r.x[n] ?? 0));

/** The confidence's features of each candidate: the ranker's view, then the carried features. */
function answerRows(ranker: Linear, rows: Row[], variant: Variant): number[][] {
  const names = [...variant.ranker, ...variant.carried];
  const carried = variant.carried.map((_, k) => variant.ranker.length + k);
  return answerFeaturesOf(ranker, matrix(rows, names), carried);
}

function fitVariant(variant: Variant, items: Training[]) {
  const groups: Group[] = items.map((t) => {
    const rows = t.rows[variant.pool];
    return {
      candidates: matrix(rows, variant.ranker),
      positive: t.passage ? rows.findIndex((r) => r.id === t.passage) : -1,
    };
  });
  const ranker = fitListwise(groups, variant.ranker);
  const declineCount = items.filter((t) => !t.passage).length;
  const declineWeight = (0.5 * (items.length - declineCount)) / Math.max(1, declineCount);
  const examples = items
    .filter((t) => t.rows[variant.pool].length > 0)
    .map((t) => {
      const rows = t.rows[variant.pool];
      const answer = answerRows(ranker, rows, variant);
      const first = answer.reduce((b, r, i) => ((r[0] ?? 0) > (answer[b]?.[0] ?? 0) ? i : b), 0);
      return {
        x: answer[first] ?? [],
        y: (rows[first]?.id === t.passage ? 1 : 0) as 0 | 1,
        weight: t.passage ? 1 : declineWeight,
      };
    });
  const answer = fitLogistic(examples, ['share', 'margin', ...variant.carried]);
  const decide = (rows: Row[]) => {
    if (rows.length === 0) return { ranked: [] as string[], confidence: 0 };
    const a = answerRows(ranker, rows, variant);
    const order = a.map((r, i) => ({ i, s: r[0] ?? 0 })).sort((x, y) => y.s - x.s);
    const first = order[0]?.i ?? 0;
    return {
      ranked: order.map((o) => rows[o.i]?.id ?? ''),
      confidence: probability(answer, a[first] ?? []),
    };
  };
  return { ranker, answer, decide };
}

/** Area under the ROC curve: how well the confidence tells right answers from the rest. */
function auc(points: { score: number; positive: boolean }[]): number {
  const pos = points.filter((p) => p.positive);
  const neg = points.filter((p) => !p.positive);
  let wins = 0;
  for (const p of pos)
    for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / Math.max(1, pos.length * neg.length);
}

const pct = (v: number) => `${(v * 100).toFixed(1)}`.padStart(6);
const full = retrieverWith(knowledge.phrasings);
const encodeFull = encoderContext(knowledge.phrasings);
console.log(
  'variant                          | CV phrasings: hit@1  AUC | dev: hit@1 hit@3   acc  declP  declR | long hit@1 | plain hit@1',
);
for (const variant of VARIANTS) {
  // (a) cross-validation over the phrasings: fit on four folds, judge the fifth.
  let cvHits = 0;
  let cvAnswerable = 0;
  const cvPoints: { score: number; positive: boolean }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fitVariant(
      variant,
      training.filter((t) => t.fold !== fold),
    );
    for (const t of training.filter((t) => t.fold === fold)) {
      const { ranked, confidence } = model.decide(t.rows[variant.pool]);
      const right = t.passage !== undefined && ranked[0] === t.passage;
      if (t.passage) {
        cvAnswerable++;
        if (right) cvHits++;
      }
      cvPoints.push({ score: confidence, positive: right });
    }
  }
  // (b) the dev split, with a model fitted on every fold.
  const model = fitVariant(variant, training);
  const results = dev.questions.map((turn) => {
    const rows = rowsOf(turn.q, full, encodeFull, variant.pool);
    const { ranked, confidence } = model.decide(rows);
    const expected = 'expect' in turn ? turn.expect : undefined;
    return { subset: subsetOf(turn), expected, ranked, confidence };
  });
  // The threshold by the rule npm run train ships (evaluation/threshold.ts), chosen here on dev.
  const best = chooseThreshold(
    results.map((r) => ({
      confidence: r.confidence,
      first: r.expected?.includes(r.ranked[0] ?? '') ?? false,
      answerable: r.expected !== undefined,
    })),
  );
  const judged = results.map((r) => {
    const answered = r.confidence >= best.threshold && r.expected !== undefined;
    return {
      ...r,
      first: answered && (r.expected?.includes(r.ranked[0] ?? '') ?? false),
      top3: answered && r.ranked.slice(0, 3).some((id) => r.expected?.includes(id)),
    };
  });
  const hit = (subset?: string) => {
    const rows = judged.filter((r) => r.expected && (!subset || r.subset === subset));
    return [
      rows.filter((r) => r.first).length / rows.length,
      rows.filter((r) => r.top3).length / rows.length,
    ];
  };
  const [h1 = 0, h3 = 0] = hit();
  console.log(
    `${variant.name.padEnd(32)} | ${pct(cvHits / cvAnswerable)} ${auc(cvPoints).toFixed(3)}      | ${pct(h1)} ${pct(h3)} ${pct(best.accuracy)} ${pct(best.precision)} ${pct(best.recall)} | ${pct(hit('long')[0] ?? 0)}     | ${pct(hit('plain')[0] ?? 0)}   (threshold ${best.threshold.toFixed(2)})`,
  );
  console.log(
    `    ranker: ${variant.ranker.map((n, j) => `${n} ${(model.ranker.weights[j] ?? 0).toFixed(2)}`).join(', ')}`,
  );
}
