import { z } from 'zod';

/** Linear weights over named, standardised features: (x - mean) / scale, weighed. */
export const LinearSchema = z.strictObject({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number().default(0),
});

/**
 * The scorer, trained by `npm run train` (scripts/train.ts) and saved as plain JSON: a ranker
 * (listwise: which candidate answers) and a logistic regression on the best candidate (how
 * likely it is to be right: the confidence, read against the threshold).
 */
export const ModelSchema = z.strictObject({
  ranker: LinearSchema,
  answer: LinearSchema,
  /** Answer when the best passage's confidence reaches this; decline below. Chosen on dev. */
  threshold: z.number().min(0).max(1),
  /** How the model was made, for the record. */
  trainedOn: z.string(),
});

export type Linear = z.infer<typeof LinearSchema>;
export type Model = z.infer<typeof ModelSchema>;

/** A logistic regression's probability. */
export function probability(model: Linear, x: readonly number[]): number {
  return 1 / (1 + Math.exp(-linearScore(model, x)));
}

export interface Example {
  x: number[];
  y: 0 | 1;
  /** How much this example counts (default 1). */
  weight?: number;
}

/**
 * Fits the weights by gradient descent on the weighted log loss with an L2 penalty: a convex
 * problem, so the result does not depend on luck.
 */
export function fitLogistic(
  examples: readonly Example[],
  features: readonly string[],
  options: {
    l2?: number;
    iterations?: number;
    rate?: number;
    /**
     * The sign each weight must keep, by feature name (1: never negative, -1: never positive;
     * unnamed: free). Projected after every step.
     */
    signs?: Readonly<Record<string, 1 | -1>>;
  } = {},
): Linear {
  const { l2 = 0.01, iterations = 2000, rate = 0.5, signs = {} } = options;
  const sign = features.map((name) => signs[name] ?? 0);
  const n = features.length;
  const totalWeight = examples.reduce((sum, e) => sum + (e.weight ?? 1), 0) || 1;
  const mean = features.map(
    (_, j) => examples.reduce((sum, e) => sum + (e.x[j] ?? 0) * (e.weight ?? 1), 0) / totalWeight,
  );
  const scale = features.map((_, j) => {
    const variance =
      examples.reduce(
        (sum, e) => sum + ((e.x[j] ?? 0) - (mean[j] ?? 0)) ** 2 * (e.weight ?? 1),
        0,
      ) / totalWeight;
    return Math.sqrt(variance) || 1;
  });
  const rows = examples.map((e) => e.x.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  const weights = new Array<number>(n).fill(0);
  let bias = 0;
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(n).fill(0);
    let gradientBias = 0;
    rows.forEach((row, i) => {
      const example = examples[i] as Example;
      let z = bias;
      for (let j = 0; j < n; j++) z += (weights[j] ?? 0) * (row[j] ?? 0);
      const error = (1 / (1 + Math.exp(-z)) - example.y) * (example.weight ?? 1);
      for (let j = 0; j < n; j++) gradient[j] = (gradient[j] ?? 0) + error * (row[j] ?? 0);
      gradientBias += error;
    });
    for (let j = 0; j < n; j++) {
      const next =
        (weights[j] ?? 0) - rate * ((gradient[j] ?? 0) / totalWeight + l2 * (weights[j] ?? 0));
      weights[j] = (sign[j] ?? 0) * next < 0 ? 0 : next;
    }
    bias -= (rate * gradientBias) / totalWeight;
  }
  return { features: [...features], mean, scale, weights, bias };
}

/** One message's candidates and which of them answers it. */
export interface Group {
  candidates: number[][];
  /** Index of the candidate that answers; -1 when none does (the group is then skipped). */
  positive: number;
  /** How much this message counts (default 1). */
  weight?: number;
}

/**
 * Fits ranking weights listwise: the softmax over one message's candidates should put its weight
 * on the one that answers (a conditional logit). Unlike a per-candidate regression, this learns
 * what sets the right passage apart from the others found for the same message.
 */
export function fitListwise(
  groups: readonly Group[],
  features: readonly string[],
  options: {
    l2?: number;
    iterations?: number;
    rate?: number;
    /** Features the ranker must not weigh (their weight stays 0): the confidence's alone. */
    unweighed?: readonly string[];
  } = {},
): Linear {
  const { l2 = 0.001, iterations = 1500, rate = 0.5, unweighed = [] } = options;
  const fixed = features.map((name) => unweighed.includes(name));
  const usable = groups.filter((g) => g.positive >= 0 && g.candidates.length > 1);
  const n = features.length;
  const all = usable.flatMap((g) => g.candidates);
  const mean = features.map((_, j) => all.reduce((s, x) => s + (x[j] ?? 0), 0) / (all.length || 1));
  const scale = features.map(
    (_, j) =>
      Math.sqrt(
        all.reduce((s, x) => s + ((x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / (all.length || 1),
      ) || 1,
  );
  // Each group's standardised rows in one typed array: the fit loops over them many times.
  const standard = usable.map((g) => {
    const data = new Float64Array(g.candidates.length * n);
    g.candidates.forEach((x, i) => {
      for (let j = 0; j < n; j++)
        data[i * n + j] = ((x[j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
    });
    return data;
  });
  const totalWeight = usable.reduce((sum, g) => sum + (g.weight ?? 1), 0) || 1;
  const weights = new Float64Array(n);
  const gradient = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    standard.forEach((data, g) => {
      const group = usable[g] as Group;
      const count = group.candidates.length;
      const scores = new Float64Array(count);
      let top = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        let score = 0;
        for (let j = 0; j < n; j++) score += (data[i * n + j] as number) * (weights[j] as number);
        scores[i] = score;
        if (score > top) top = score;
      }
      let total = 0;
      for (let i = 0; i < count; i++) {
        scores[i] = Math.exp((scores[i] as number) - top);
        total += scores[i] as number;
      }
      const groupWeight = group.weight ?? 1;
      for (let i = 0; i < count; i++) {
        const p = ((scores[i] as number) / total - (i === group.positive ? 1 : 0)) * groupWeight;
        for (let j = 0; j < n; j++)
          gradient[j] = (gradient[j] as number) + p * (data[i * n + j] as number);
      }
    });
    for (let j = 0; j < n; j++)
      if (!fixed[j])
        weights[j] =
          (weights[j] as number) -
          rate * ((gradient[j] as number) / totalWeight + l2 * (weights[j] as number));
  }
  return { features: [...features], mean, scale, weights: [...weights], bias: 0 };
}

/**
 * A linear score: the standardised features, weighed. A feature that is NaN is unknown (say, the
 * closest question to decline, on a knowledge folder that lists none) and counts as its average:
 * it moves the score neither way.
 */
export function linearScore(model: Linear, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    const value = x[i] ?? 0;
    if (Number.isNaN(value)) continue;
    z += (model.weights[i] ?? 0) * ((value - (model.mean[i] ?? 0)) / (model.scale[i] || 1));
  }
  return z;
}
