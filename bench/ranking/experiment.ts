import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { keyStems, keyWordsUsed } from '../../evaluation/paraphrase.ts';
import {
  chooseThreshold as chooseRule,
  type Decision,
  decisionsAt,
} from '../../evaluation/threshold.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { loadMeaning } from '../../src/meaning/index.ts';
import { passageDocument } from '../../src/retrieval/meaning.ts';
import {
  type Example,
  fitListwise,
  fitLogistic,
  type Group,
  type Linear,
  probability,
} from '../../src/retrieval/model.ts';
import { answerFeaturesOf, CARRIED, CONFIDENCE_SIGNS } from '../../src/retrieval/scorer.ts';
import type { Message } from './dump.ts';

/**
 * The ranking experiment's second half: reads bench/ranking/dump.ts's candidates and vectors,
 * computes meaning features of several kinds, and for each variant (features, candidate pool,
 * training weights) reports 5-fold cross-validation over the phrasings (all, the paraphrase-like
 * ones that share no key word with their passage's title and listed questions, long ones; the
 * confidence's AUC; declines at the out-of-fold threshold) and the dev split (hit@1 by subset,
 * decisions at the dev-chosen threshold and at the out-of-fold one). Never reads test.yaml.
 */
const { values } = parseArgs({
  options: {
    dump: { type: 'string', default: '/tmp/ranking-dump.json' },
    only: { type: 'string' },
    iterations: { type: 'string', default: '800' },
    /** Out-of-fold probabilities of the passage classifier, written by classifier.ts beside this. */
    cls: { type: 'string' },
  },
});
const ITER = Number(values.iterations);

const dump = JSON.parse(readFileSync(values.dump, 'utf8')) as {
  features: string[];
  messages: Message[];
  vectors: [string, number[]][];
};
const LEX: string[] = dump.features;
const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const { passages } = knowledge;
const { utterances, declines } = knowledge.phrasings;
const P = passages.length;
const positionOf = new Map(passages.map((p, i) => [p.id, i]));
const encoder = loadMeaning({ onError: (e) => console.error(String(e)) });
if (!encoder) throw new Error('encoder off');

const questionVectors = new Map(dump.vectors.map(([t, v]) => [t, Float32Array.from(v)]));
const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
const normalized = (v: Float32Array) => {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
};

// Phrasing rows: passage, fold (-1: title or listed question, always there), kind.
const rows: { owner: number; fold: number; listed: boolean }[] = [];
const rowTexts: string[] = [];
passages.forEach((p, i) => {
  for (const t of [p.title, ...p.questions]) {
    rows.push({ owner: i, fold: -1, listed: true });
    rowTexts.push(t);
  }
});
utterances.forEach((u, i) => {
  const owner = positionOf.get(u.passage);
  if (owner === undefined) return;
  rows.push({ owner, fold: i % 5, listed: false });
  rowTexts.push(u.text);
});
const rowVectors = encoder.knowledgeVectors(rowTexts);
const docVectors = encoder.knowledgeVectors(passages.map(passageDocument));
const declineVectors = encoder.knowledgeVectors(declines);
const declineFold = declines.map((_, i) => i % 5);
// Centroids of each passage's phrasings with fold f left out (index 5: none left out).
const centroids: Float32Array[][] = [];
for (let f = 0; f <= 5; f++) {
  const sums = passages.map(() => new Float32Array(512));
  rows.forEach((r, i) => {
    if (r.fold === f) return;
    const v = rowVectors[i] as Float32Array;
    const s = sums[r.owner] as Float32Array;
    for (let k = 0; k < 512; k++) s[k] = (s[k] as number) + (v[k] as number);
  });
  centroids.push(sums.map(normalized));
}

interface Raw {
  nearest: Float32Array;
  listed: Float32Array;
  top3: Float32Array;
  centroid: Float32Array;
  doc: Float32Array;
  decline: number;
  decline3: number;
  /** Of the 20 nearest phrasings and declines, whether each is a decline, nearest first. */
  neighbours: number[];
  /** Their similarities and owners (-1: a decline), nearest first. */
  poolSims: number[];
  poolOwners: number[];
  /** The asking sentences' reading alone (the first): closest decline, closest phrasing, neighbours. */
  askDecline: number;
  askTop: number;
  askNeighbours: number[];
  /** The whole message's reading alone (the last; the same as the ask for a short message). */
  wholeDecline: number;
  wholeTop: number;
  wholeNeighbours: number[];
  order: number[];
}
const W = 512;
const flat = (vs: readonly Float32Array[]) => {
  const out = new Float32Array(vs.length * W);
  vs.forEach((v, i) => {
    out.set(v, i * W);
  });
  return out;
};
const rowMatrix = flat(rowVectors);
const declineMatrix = flat(declineVectors);
const sims = (matrix: Float32Array, count: number, q: Float32Array) => {
  const out = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let s = 0;
    const o = r * W;
    for (let k = 0; k < W; k++) s += (matrix[o + k] as number) * (q[k] as number);
    out[r] = s;
  }
  return out;
};
const t0 = Date.now();
const rawFile = `${values.dump}.raws.json`;
const keyOf = (m: Message) => `${m.fold}|${m.text}`;
const cachedList = existsSync(rawFile)
  ? (JSON.parse(readFileSync(rawFile, 'utf8')) as (Record<string, unknown> & { key: string })[])
  : [];
const cachedRaws = new Map(
  cachedList.map((r) => [
    r.key,
    {
      ...(r as unknown as Raw),
      nearest: Float32Array.from(r.nearest as number[]),
      listed: Float32Array.from(r.listed as number[]),
      top3: Float32Array.from(r.top3 as number[]),
      centroid: Float32Array.from(r.centroid as number[]),
      doc: Float32Array.from(r.doc as number[]),
    } as Raw,
  ]),
);
const raws: Raw[] = dump.messages.map((m) => {
  const cached = cachedRaws.get(keyOf(m));
  if (cached) return cached;
  const nearest = new Float32Array(P).fill(-1);
  const listed = new Float32Array(P).fill(-1);
  const top3 = new Float32Array(P).fill(-1);
  const centroid = new Float32Array(P).fill(-1);
  const doc = new Float32Array(P).fill(-1);
  let decline = -1;
  let decline3 = -1;
  const fold = m.fold >= 0 ? m.fold : 5;
  let pool: { s: number; d: number; o: number }[] = [];
  const perReading: { decline: number; top: number; neighbours: number[] }[] = [];
  for (const reading of m.readings) {
    let own: { s: number; d: number }[] = [];
    let ownTop = -1;
    const q = questionVectors.get(reading);
    if (!q) throw new Error(`no vector: ${reading}`);
    const best: number[][] = passages.map(() => []);
    const rs = sims(rowMatrix, rows.length, q);
    rows.forEach((r, i) => {
      if (r.fold === m.fold && m.fold >= 0) return;
      const s = rs[i] as number;
      if (s > (nearest[r.owner] as number)) nearest[r.owner] = s;
      if (r.listed && s > (listed[r.owner] as number)) listed[r.owner] = s;
      (best[r.owner] as number[]).push(s);
      pool.push({ s, d: 0, o: r.owner });
      own.push({ s, d: 0 });
      if (s > ownTop) ownTop = s;
    });
    best.forEach((b, p) => {
      b.sort((x, y) => y - x);
      const t = b.slice(0, 3);
      const mean = t.reduce((a, x) => a + x, 0) / (t.length || 1);
      if (mean > (top3[p] as number)) top3[p] = mean;
      const c = dot(q, centroids[fold]?.[p] as Float32Array);
      if (c > (centroid[p] as number)) centroid[p] = c;
      const d = dot(q, docVectors[p] as Float32Array);
      if (d > (doc[p] as number)) doc[p] = d;
    });
    const ds: number[] = [];
    const dsAll = sims(declineMatrix, declineVectors.length, q);
    dsAll.forEach((s, i) => {
      if (m.fold >= 0 && declineFold[i] === m.fold) return;
      ds.push(s);
      pool.push({ s, d: 1, o: -1 });
      own.push({ s, d: 1 });
    });
    own.sort((a, b) => b.s - a.s);
    own = own.slice(0, 20);
    ds.sort((x, y) => y - x);
    decline = Math.max(decline, ds[0] ?? -1);
    decline3 = Math.max(decline3, ((ds[0] ?? 0) + (ds[1] ?? 0) + (ds[2] ?? 0)) / 3);
    pool.sort((a, b) => b.s - a.s);
    pool = pool.slice(0, 20);
    perReading.push({
      decline: Math.max(...ds.slice(0, 1), -1),
      top: ownTop,
      neighbours: own.map((x) => x.d),
    });
  }
  const askReading = perReading[0] as (typeof perReading)[number];
  const wholeReading = perReading[perReading.length - 1] as (typeof perReading)[number];
  const order = [...nearest.keys()].sort((a, b) => (nearest[b] as number) - (nearest[a] as number));
  return {
    nearest,
    listed,
    top3,
    centroid,
    doc,
    decline,
    decline3,
    neighbours: pool.map((x) => x.d),
    poolSims: pool.map((x) => x.s),
    poolOwners: pool.map((x) => x.o),
    askDecline: askReading.decline,
    askTop: askReading.top,
    askNeighbours: askReading.neighbours,
    wholeDecline: wholeReading.decline,
    wholeTop: wholeReading.top,
    wholeNeighbours: wholeReading.neighbours,
    order,
  };
});
if (raws.length !== cachedRaws.size || dump.messages.some((m) => !cachedRaws.has(keyOf(m))))
  writeFileSync(
    rawFile,
    JSON.stringify(
      raws.map((r, i) => ({
        ...r,
        key: keyOf(dump.messages[i] as Message),
        nearest: [...r.nearest],
        listed: [...r.listed],
        top3: [...r.top3],
        centroid: [...r.centroid],
        doc: [...r.doc],
      })),
    ),
  );
console.error(`meaning measured in ${Date.now() - t0} ms`);

// Paraphrase-like phrasings: no key word of the passage's title or listed questions (the dev and
// test splits' rule, evaluation/paraphrase.ts).
const keyWords = passages.map(keyStems);
const isParaphrase = (m: Message) => {
  const at = positionOf.get(m.expect[0] ?? '');
  if (at === undefined) return false;
  return keyWordsUsed(m.text, keyWords[at] as Set<string>).length === 0;
};

type Computed = Record<string, number>;
interface Variant {
  name: string;
  meaning: string[];
  answerMeaning: string[];
  /** Meaning-only candidates added: the closest this many. */
  pool: number;
  /** Extra lexical features carried to the confidence, or replace. */
  carried?: string[];
  /** Training example weight for an utterance (confidence; ranker). */
  weightOf?: (m: Message) => number;
  rankWeightOf?: (m: Message) => number;
  declineWeight?: number;
  l2?: number;
  lexicalDrop?: string[];
  /** Features the confidence reads that the ranker does not. */
  answerOnly?: string[];
  /** Signs the confidence's weights must keep (CONFIDENCE_SIGNS, src/retrieval/scorer.ts). */
  signs?: Record<string, 1 | -1>;
}

const share = (neighbours: number[], k: number) =>
  neighbours.slice(0, k).reduce((a, b) => a + b, 0) / k;
/** The declines' share of the 20 nearest texts, each weighed by exp(similarity / tau). */
function softShare(raw: Raw, tau: number): number {
  const top = raw.poolSims[0] ?? 0;
  let all = 0;
  let decl = 0;
  raw.poolSims.forEach((s, i) => {
    const w = Math.exp((s - top) / tau);
    all += w;
    if (raw.poolOwners[i] === -1) decl += w;
  });
  return all ? decl / all : 0;
}

function meaningValues(raw: Raw, p: number): Computed {
  const top = raw.nearest[raw.order[0] as number] as number;
  const second = raw.nearest[raw.order[1] as number] as number;
  const bestCentroid = Math.max(...raw.centroid);
  const bestTop3 = Math.max(...raw.top3);
  const nearest = raw.nearest[p] as number;
  return {
    meaningNearest: nearest,
    meaningDoc: raw.doc[p] as number,
    meaningGap: nearest - top,
    meaningTop: top,
    meaningDecline: raw.decline,
    meaningDecline3: raw.decline3,
    meaningListed: raw.listed[p] as number,
    meaningTop3: raw.top3[p] as number,
    meaningTop3Gap: (raw.top3[p] as number) - bestTop3,
    meaningCentroid: raw.centroid[p] as number,
    meaningCentroidGap: (raw.centroid[p] as number) - bestCentroid,
    meaningSecondGap: top - second,
    meaningLead: nearest - (p === raw.order[0] ? second : top),
    meaningRank: 1 / (1 + raw.order.indexOf(p)),
    meaningTopVsDecline: top - raw.decline,
    declineShare5: raw.neighbours.slice(0, 5).reduce((a, b) => a + b, 0) / 5,
    declineShare10: raw.neighbours.slice(0, 10).reduce((a, b) => a + b, 0) / 10,
    declineShare20: raw.neighbours.slice(0, 20).reduce((a, b) => a + b, 0) / 20,
    meaningAgree: p === raw.order[0] ? 1 : 0,
    askDeclineShare10: share(raw.askNeighbours, 10),
    wholeDeclineShare10: share(raw.wholeNeighbours, 10),
    askDecline: raw.askDecline,
    askTopVsDecline: raw.askTop - raw.askDecline,
    nearestVsDecline: nearest - raw.decline,
    /** Distinct passages among the 10 nearest phrasings (declines aside): a spread-out crowd. */
    spread10: new Set(raw.poolOwners.slice(0, 10).filter((o) => o >= 0)).size,
    /** The candidate's own phrasings among the 10 nearest texts. */
    ownShare10: raw.poolOwners.slice(0, 10).filter((o) => o === p).length / 10,
    softDeclineShare: softShare(raw, 0.05),
    softDeclineShare2: softShare(raw, 0.02),
    softDeclineShare10: softShare(raw, 0.1),
    declineOverTop: Math.max(0, raw.decline - top),
    meaningLeadPos: Math.max(0, nearest - (p === raw.order[0] ? second : top)),
  };
}

interface Built {
  groups: (Group & { m: Message; ids: string[] })[];
}
const cls: Record<string, number[]> = values.cls
  ? (JSON.parse(readFileSync(values.cls, 'utf8')) as Record<string, number[]>)
  : {};
function build(v: Variant): Built {
  v.meaning = [...new Set([...v.meaning, ...v.answerMeaning])];
  const rankAt = LEX.indexOf('rank');
  const keep = LEX.map((name, j) => (v.lexicalDrop?.includes(name) ? -1 : j)).filter((j) => j >= 0);
  const groups = dump.messages.map((m, k) => {
    const raw = raws[k] as Raw;
    const allowed = new Set(raw.order.slice(0, v.pool));
    const cands = m.candidates.filter((c) => {
      const lexical = (c.lexical[rankAt] ?? 0) > 0;
      return lexical || allowed.has(positionOf.get(c.id) ?? -1);
    });
    const rowsOf = cands.map((c) => {
      const values = meaningValues(raw, positionOf.get(c.id) ?? 0);
      const weak = 1 - (c.lexical[LEX.indexOf('askCoverage')] ?? 0);
      values.weakNearest = (values.meaningNearest ?? 0) * weak;
      values.weakGap = (values.meaningGap ?? 0) * weak;
      values.weakDoc = (values.meaningDoc ?? 0) * weak;
      values.weakTop = (values.meaningTop ?? 0) * weak;
      values.askCoverageSq = (c.lexical[LEX.indexOf('askCoverage')] ?? 0) ** 2;
      values.meaningNearestSq = (values.meaningNearest ?? 0) ** 2;
      values.nearestXdecline = (values.meaningNearest ?? 0) * (values.meaningDecline ?? 0);
      const probs = cls[keyOf(m)];
      if (probs) {
        const at = positionOf.get(c.id) ?? 0;
        const log = (p: number) => Math.log(p + 1e-4);
        const best = log(Math.max(...probs.slice(0, P)));
        values.clsLog = log(probs[at] ?? 0);
        values.clsLogGap = values.clsLog - best;
        values.clsDecline = probs[P] ?? 0;
        values.clsDeclineLog = log(probs[P] ?? 0) - best;
      }
      return [
        ...keep.map((j) => c.lexical[j] ?? 0),
        ...v.meaning.map((n) => values[n] ?? 0),
        ...(v.answerOnly ?? []).map((n) => values[n] ?? 0),
      ];
    });
    return {
      m,
      ids: cands.map((c) => c.id),
      candidates: rowsOf,
      positive: m.kind === 'decline' ? -1 : cands.findIndex((c) => m.expect.includes(c.id)),
    };
  });
  return { groups };
}

const rankers = new Map<string, Linear>();
function fitVariant(v: Variant, groups: Built['groups']) {
  const rankerFeatures = [...LEX.filter((n) => !v.lexicalDrop?.includes(n)), ...v.meaning];
  const train = groups.filter((g) => g.m.kind !== 'dev' && g.candidates.length);
  // Variants that differ only in the confidence share the ranker: the listwise fit is most of a
  // variant's time.
  const rankerKey = `${rankerFeatures.join()}|${v.pool}|${v.rankWeightOf?.toString()}|${train.length}|${train[0]?.m.fold}|${train
    .map((g) => g.m.fold)
    .filter((f, i, a) => a.indexOf(f) === i)
    .join()}`;
  const ranker =
    rankers.get(rankerKey) ??
    fitListwise(
      train.map((g) => ({ ...g, weight: v.rankWeightOf?.(g.m) ?? 1 })),
      rankerFeatures,
      { iterations: ITER },
    );
  rankers.set(rankerKey, ranker);
  const rowFeatures = [...rankerFeatures, ...(v.answerOnly ?? [])];
  const answerFeatures = [
    'share',
    'margin',
    ...(v.carried ?? CARRIED).filter((n) => rankerFeatures.includes(n)),
    ...v.answerMeaning,
    ...(v.answerOnly ?? []),
  ];
  const carried = answerFeatures.slice(2).map((n) => rowFeatures.indexOf(n));
  const nDecl = train.filter((g) => g.m.kind === 'decline').length;
  const declineWeight = ((v.declineWeight ?? 0.5) * (train.length - nDecl)) / Math.max(1, nDecl);
  const examples: Example[] = train.map((g) => {
    const rows = answerFeaturesOf(ranker, g.candidates, carried);
    const first = rows.reduce((b, r, i) => ((r[0] ?? 0) > (rows[b]?.[0] ?? 0) ? i : b), 0);
    return {
      x: rows[first] ?? [],
      y: first === g.positive ? 1 : 0,
      weight: g.m.kind === 'decline' ? declineWeight : (v.weightOf?.(g.m) ?? 1),
    };
  });
  const answer = fitLogistic(examples, answerFeatures, {
    l2: v.l2 ?? 0.01,
    iterations: ITER,
    ...(v.signs ? { signs: v.signs } : {}),
  });
  return { ranker, answer, carried };
}

function predict(
  model: { ranker: Linear; answer: Linear; carried: number[] },
  g: Built['groups'][number],
) {
  if (!g.candidates.length) return { ids: [] as string[], confidence: 0 };
  const rows = answerFeaturesOf(model.ranker, g.candidates, model.carried);
  const order = rows.map((_, i) => i).sort((a, b) => (rows[b]?.[0] ?? 0) - (rows[a]?.[0] ?? 0));
  const first = order[0] ?? 0;
  return {
    ids: order.map((i) => g.ids[i] as string),
    confidence: probability(model.answer, rows[first] ?? []),
  };
}

interface Outcome {
  m: Message;
  ids: string[];
  confidence: number;
}
const right1 = (o: Outcome) => o.m.expect.includes(o.ids[0] ?? '');
const right3 = (o: Outcome) => o.ids.slice(0, 3).some((id) => o.m.expect.includes(id));

/** The decisions over outcomes, by the shipped threshold rule (evaluation/threshold.ts). */
const asDecisions = (outcomes: Outcome[]): Decision[] =>
  outcomes.map((o) => ({
    confidence: o.confidence,
    first: right1(o),
    answerable: o.m.expect.length > 0,
  }));
const decisions = (outcomes: Outcome[], threshold: number) =>
  decisionsAt(asDecisions(outcomes), threshold);
const chooseThreshold = (outcomes: Outcome[]) => chooseRule(asDecisions(outcomes)).threshold;
function auc(outcomes: Outcome[]) {
  // Positive: answerable and right first; negative: should be declined.
  const pos = outcomes.filter((o) => o.m.expect.length && right1(o)).map((o) => o.confidence);
  const neg = outcomes.filter((o) => !o.m.expect.length).map((o) => o.confidence);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / Math.max(1, pos.length * neg.length);
}
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

function run(v: Variant) {
  const { groups } = build(v);
  const training = groups.filter((g) => g.m.kind !== 'dev');
  const oof: Outcome[] = [];
  for (let f = 0; f < 5; f++) {
    const model = fitVariant(
      v,
      training.filter((g) => g.m.fold !== f),
    );
    for (const g of training.filter((g) => g.m.fold === f))
      oof.push({ m: g.m, ...predict(model, g) });
  }
  const model = fitVariant(v, training);
  if (process.env.MISSES) {
    const t = chooseThreshold(oof);
    for (const g of groups.filter((g) => g.m.kind === 'dev')) {
      const o = predict(model, g);
      const answerable = g.m.expect.length > 0;
      const declined = o.confidence < t;
      if (answerable === !declined) continue;
      const rows = answerFeaturesOf(model.ranker, g.candidates, model.carried);
      const first = g.ids.indexOf(o.ids[0] ?? '');
      const x = rows[first] ?? [];
      const k = dump.messages.indexOf(g.m);
      const raw = raws[k] as Raw;
      const pos = positionOf.get(o.ids[0] ?? '') ?? 0;
      const mv = meaningValues(raw, pos);
      console.log(
        `${answerable ? 'WRONGLY DECLINED' : 'DECLINE MISSED'}${g.m.block ? ' [block]' : ''} c=${o.confidence.toFixed(3)} first=${o.ids[0]} ${answerable ? `(right: ${g.m.expect.includes(o.ids[0] ?? '')})` : ''} ${g.m.subset}\n   ${g.m.text.slice(0, 240)}\n   ${model.answer.features.map((n, j) => `${n}=${(x[j] ?? 0).toFixed(2)}`).join(' ')}\n   askDS=${mv.askDeclineShare10} wholeDS=${mv.wholeDeclineShare10} spread=${mv.spread10} own=${mv.ownShare10} topVsDecl=${mv.meaningTopVsDecline?.toFixed(3)} soft=${mv.softDeclineShare?.toFixed(2)}`,
      );
    }
  }
  const devOut = groups
    .filter((g) => g.m.kind === 'dev')
    .map((g) => ({ m: g.m, ...predict(model, g) }));
  const utt = oof.filter((o) => o.m.kind === 'utterance');
  const para = utt.filter((o) => isParaphrase(o.m));
  const long = utt.filter((o) => o.m.subset === 'long');
  const paraGroups = training.filter((g) => g.m.kind === 'utterance' && isParaphrase(g.m));
  const inPool = paraGroups.filter((g) => g.positive >= 0).length / paraGroups.length;
  const encoderFirst =
    paraGroups.filter((g) => {
      const k = dump.messages.indexOf(g.m);
      return g.m.expect.includes(passages[raws[k]?.order[0] ?? 0]?.id ?? '');
    }).length / paraGroups.length;
  const tOof = chooseThreshold(oof);
  const oofDec = decisions(oof, tOof);
  const hit = (list: Outcome[]) => list.filter(right1).length / Math.max(1, list.length);
  const tDev = chooseThreshold(devOut);
  const report = (label: string, list: Outcome[]) => {
    const answerable = list.filter((o) => o.m.expect.length);
    const bySubset = [...new Set(answerable.map((o) => o.m.subset))]
      .map((s) => `${s} ${pct(hit(answerable.filter((o) => o.m.subset === s)))}`)
      .join(' ');
    const atDev = decisions(list, tDev);
    // The target's own measure, free of any threshold choice: the most declines caught with
    // their precision at least 90%, over every threshold.
    const best = Array.from({ length: 199 }, (_, i) => decisions(list, (i + 1) / 200))
      .filter((d) => d.precision >= 0.9)
      .reduce((a, b) => (b.recall > a.recall ? b : a), { recall: 0, threshold: 0 } as {
        recall: number;
        threshold: number;
      });
    const atOof = decisions(list, tOof);
    return [
      `  ${label} hit@1 ${pct(hit(answerable))} hit@3 ${pct(answerable.filter(right3).length / answerable.length)} [${bySubset}] AUC ${auc(list).toFixed(3)}`,
      `  ${label} R@P90 ${pct(best.recall)} (t=${best.threshold.toFixed(3)}) t=${tDev.toFixed(2)} acc ${pct(atDev.accuracy)} P ${pct(atDev.precision)} R ${pct(atDev.recall)} | at oof t=${tOof.toFixed(2)} acc ${pct(atOof.accuracy)} P ${pct(atOof.precision)} R ${pct(atOof.recall)}`,
    ];
  };
  console.log(
    [
      `== ${v.name}`,
      `  CV   hit@1 ${pct(hit(utt))} para(${para.length}) ${pct(hit(para))} long ${pct(hit(long))} AUC ${auc(oof).toFixed(3)} | oof t=${tOof.toFixed(2)} acc ${pct(oofDec.accuracy)} P ${pct(oofDec.precision)} R ${pct(oofDec.recall)}`,
      `  para pool recall ${pct(inPool)} hit@3 ${pct(para.filter(right3).length / para.length)} encoder-alone hit@1 ${pct(encoderFirst)}`,
      ...report('dev  ', devOut),
      ...report(
        'old  ',
        devOut.filter((o) => !o.m.block),
      ),
      ...report(
        'block',
        devOut.filter((o) => o.m.block),
      ),
    ].join('\n'),
  );
  return { model, devOut };
}

const SHIPPED_M = ['meaningNearest', 'meaningDoc', 'meaningGap', 'meaningTop', 'meaningDecline'];
const SHIPPED_A = ['meaningNearest', 'meaningTop', 'meaningDecline'];
const subsetWeight = (para: number, long: number) => (m: Message) =>
  isParaphrase(m) ? para : m.subset === 'long' ? long : 1;
const shipped = {
  meaning: [...SHIPPED_M, 'declineShare10'],
  answerMeaning: [...SHIPPED_A, 'declineShare10'],
  pool: 10,
  weightOf: subsetWeight(3, 2),
  rankWeightOf: subsetWeight(3, 2),
};
const plus = (name: string, answerOnly: string[], extra: Partial<Variant> = {}): Variant => ({
  name,
  ...shipped,
  answerOnly,
  ...extra,
});
const variants: Variant[] = [
  { name: 'shipped', ...shipped },
  plus('conf +softDS .05', ['softDeclineShare']),
  plus('conf +softDS .1', ['softDeclineShare10']),
  plus('dw 1', [], { declineWeight: 1 }),
  plus('dw 1.5', [], { declineWeight: 1.5 }),
  plus('dw 1 +softDS .05', ['softDeclineShare'], { declineWeight: 1 }),
  plus('dw 1 +DS20', ['declineShare20'], { declineWeight: 1 }),
  plus('dw 1 +declineOverTop', ['declineOverTop'], { declineWeight: 1 }),
  plus('dw 1 +softDS .05 +declineOverTop', ['softDeclineShare', 'declineOverTop'], {
    declineWeight: 1,
  }),
];
// CONFIDENCE_SIGNS (what `npm run train` fits with), in this experiment's feature names.
const SIGNS: Record<string, 1 | -1> = {
  ...CONFIDENCE_SIGNS,
  declineShare10: CONFIDENCE_SIGNS.meaningDeclineShare ?? -1,
  softDeclineShare: CONFIDENCE_SIGNS.meaningSoftDeclineShare ?? -1,
};
const shippedNow = plus('dw 1 +softDS .05 (shipped to session 13)', ['softDeclineShare'], {
  declineWeight: 1,
});
const shippedSigns = { ...shippedNow, signs: SIGNS, declineWeight: 2, l2: 0.001 };
variants.push(
  { ...shippedNow, name: 'signs', signs: SIGNS },
  { ...shippedNow, name: 'no signs, dw 2', declineWeight: 2 },
  { ...shippedSigns, name: 'signs dw 2 l2 .001 (shipped)' },
  { ...shippedNow, name: 'signs dw 3 l2 .001', signs: SIGNS, declineWeight: 3, l2: 0.001 },
  { ...shippedNow, name: 'signs dw 4 l2 .001', signs: SIGNS, declineWeight: 4, l2: 0.001 },
);
// The passage classifier's features (session 15): read from --cls (bench/ranking/classifier.ts);
// left out without it. Its ranking gain out of fold and on dev did not carry to test or to a
// block written blind (README, Quality), so none of them ships.
const SIGNS_CLS: Record<string, 1 | -1> = { ...SIGNS, clsDecline: -1, clsDeclineLog: -1 };
variants.push(
  {
    ...shippedSigns,
    name: 'cls rank+conf',
    meaning: [...shippedSigns.meaning, 'clsLog', 'clsLogGap'],
    signs: SIGNS_CLS,
  },
  {
    ...shippedSigns,
    name: 'cls rank+conf+decline',
    meaning: [...shippedSigns.meaning, 'clsLog', 'clsLogGap'],
    answerOnly: [...(shippedSigns.answerOnly ?? []), 'clsDecline', 'clsDeclineLog'],
    signs: SIGNS_CLS,
  },
  {
    ...shippedSigns,
    name: 'cls conf all four',
    answerOnly: [
      ...(shippedSigns.answerOnly ?? []),
      'clsLog',
      'clsLogGap',
      'clsDecline',
      'clsDeclineLog',
    ],
    signs: { ...SIGNS_CLS, clsLog: 1, clsLogGap: 1 },
  },
  {
    ...shippedSigns,
    name: 'cls conf decline only',
    answerOnly: [...(shippedSigns.answerOnly ?? []), 'clsDecline', 'clsDeclineLog'],
    signs: SIGNS_CLS,
  },
);
for (const v of variants) {
  if (v.name.startsWith('cls') && !values.cls) continue;
  if (values.only && !values.only.split(',').some((o) => v.name.includes(o))) continue;
  run(v);
}
process.exit(0);
