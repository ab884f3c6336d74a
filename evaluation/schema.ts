import { z } from 'zod';

/**
 * What a question tests, so scores can be reported per kind (tests/eval/README.md defines each).
 * Optional: the dev split (questions.yaml) predates it and uses `style` instead.
 */
export const Subset = z.enum(['long', 'paraphrase', 'decline', 'misconception', 'plain']);

const Turn = z.union([
  z.strictObject({
    q: z.string().min(1),
    expect: z.array(z.string()).min(1),
    topic: z.string().optional(),
    style: z.string().optional(),
    subset: Subset.exclude(['decline']).optional(),
  }),
  z.strictObject({
    q: z.string().min(1),
    abstain: z.literal(true),
    style: z.string().optional(),
    subset: Subset.extract(['decline']).optional(),
  }),
]);

/**
 * An evaluation split (`tests/eval/questions.yaml`, dev; `tests/eval/test.yaml`, test): questions as
 * people ask them, and what should answer them. The data stays with the tests; this folder holds
 * the code that reads and scores it.
 */
export const EvalSetSchema = z.strictObject({
  questions: z.array(Turn),
  conversations: z.array(z.array(Turn).min(2)),
});

export type EvalSubset = z.infer<typeof Subset>;
export type EvalTurn = z.infer<typeof Turn>;
export type EvalSet = z.infer<typeof EvalSetSchema>;
