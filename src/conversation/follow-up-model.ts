import { z } from 'zod';
import { type Linear, LinearSchema } from '../retrieval/model.ts';
import trained from './follow-up-model.json' with { type: 'json' };

/**
 * The choice between reading a follow-up alone and reading it against the conversation: a linear
 * score over each candidate passage's features (context.ts), fitted listwise (the softmax over a
 * turn's candidates puts its weight on the right one), trained on the older dev
 * conversations and those in scripts/data/follow-up-conversations.yaml by
 * `npm run train:follow-ups` (scripts/train-follow-ups.ts) and saved as plain JSON.
 */
export const FollowUpModelSchema = z.strictObject({
  model: LinearSchema,
  /** How the model was made and how well it did on conversations it was not trained on. */
  trainedOn: z.string(),
});

export type FollowUpModel = z.infer<typeof FollowUpModelSchema>;

let cached: Linear | undefined;
let untrainedWeighNothing = false;

/**
 * For the trainer: the saved model is read over the features the code measures now, whatever it
 * was trained on. A new feature weighs nothing; a feature the code no longer measures is left
 * out. It reads the conversations with (nearly) the saved model's choices, as ask() makes them;
 * without this, either change made every follow-up fail inside the trainer, which then trained
 * on conversations answered with the apology.
 */
export function letUntrainedFeaturesWeighNothing(): void {
  untrainedWeighNothing = true;
}

/** The saved model, parsed when first needed, not on import, so that the trainer can replace a stale one. */
function saved(): Linear {
  cached ??= FollowUpModelSchema.parse(trained).model;
  return cached;
}

/** The features the saved model was trained on, in its order. */
export function savedFollowUpFeatures(): string[] {
  return [...saved().features];
}

/** The model over `features`: those it was not trained on weigh nothing, those it lacks are left out. */
function overFeatures(model: Linear, features: readonly string[]): Linear {
  const at = features.map((name) => model.features.indexOf(name));
  const pick = (values: readonly number[], missing: number) =>
    at.map((i) => (i === -1 ? missing : (values[i] ?? missing)));
  return {
    ...model,
    features: [...features],
    mean: pick(model.mean, 0),
    scale: pick(model.scale, 1),
    weights: pick(model.weights, 0),
  };
}

/**
 * The trained model, checked against the features the code measures (see {@link saved}).
 */
export function followUpModel(features: readonly string[]): Linear {
  const model = saved();
  if (model.features.join() === features.join()) return model;
  if (untrainedWeighNothing) return overFeatures(model, features);
  throw new Error(
    'src/conversation/follow-up-model.json was trained on other features than the code measures: run `npm run train:follow-ups`.',
  );
}
