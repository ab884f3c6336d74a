import { z } from 'zod';

/**
 * The kind of question a turn is, for reporting by subset. test.yaml labels every question;
 * questions.yaml (dev) leaves it out and it is derived (see subsetOf in evaluate.ts).
 */
export const SUBSETS = ['long', 'paraphrase', 'decline', 'misconception', 'plain'] as const;
const Subset = z.enum(SUBSETS);

const Turn = z.union([
  z.strictObject({
    q: z.string().min(1),
    expect: z.array(z.string()).min(1),
    topic: z.string().optional(),
    style: z.string().optional(),
    subset: Subset.optional(),
  }),
  z.strictObject({
    q: z.string().min(1),
    abstain: z.literal(true),
    style: z.string().optional(),
    subset: Subset.optional(),
  }),
]);

/**
 * `tests/eval/questions.yaml` (dev) and `tests/eval/test.yaml` (test): questions as people ask
 * them, and what should answer them.
 */
export const EvalSetSchema = z.strictObject({
  questions: z.array(Turn),
  conversations: z.array(z.array(Turn).min(2)),
});

export type Subset = z.infer<typeof Subset>;
export type EvalTurn = z.infer<typeof Turn>;
export type EvalSet = z.infer<typeof EvalSetSchema>;
