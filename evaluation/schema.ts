import { z } from 'zod';

const Turn = z.union([
  z.strictObject({
    q: z.string().min(1),
    expect: z.array(z.string()).min(1),
    topic: z.string().optional(),
    style: z.string().optional(),
  }),
  z.strictObject({ q: z.string().min(1), abstain: z.literal(true), style: z.string().optional() }),
]);

/**
 * `tests/eval/questions.yaml`: questions as people ask them, and what should answer them. The data
 * stays with the tests; this folder holds the code that reads and scores it.
 */
export const EvalSetSchema = z.strictObject({
  questions: z.array(Turn),
  conversations: z.array(z.array(Turn).min(2)),
});

export type EvalTurn = z.infer<typeof Turn>;
export type EvalSet = z.infer<typeof EvalSetSchema>;
