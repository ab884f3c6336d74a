import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { defaultCacheDir } from '../cache-folder.ts';
import {
  INTENTS,
  type Intent,
  type IntentModel,
  type IntentWeights,
  intentModelFrom,
  TRAINING_FINGERPRINT,
  trainIntentWeights,
} from './classifier.ts';

/**
 * The trained intent model, kept in the cache folder by a digest of its examples and of the code
 * that trains it: training takes most of a second, which a one-shot `npm run ask` would pay at
 * every start. A file holds the model's weights and feature names (stems, stem pairs, letter
 * trigrams of the labelled phrasings and the knowledge's questions), never a person's message.
 * A file that is missing, unreadable or of other examples is ignored, and the model trained again.
 */
const FORMAT = 1;
const PREFIX = 'intents-';
/** The most saved models kept: one per knowledge folder and version of the examples in use. */
const MAX_FILES = 8;

const base64 = z.string().transform((text) => {
  const bytes = Buffer.from(text, 'base64');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
});
const SavedModel = z.object({
  format: z.literal(FORMAT),
  key: z.string(),
  features: z.array(z.string()),
  logistic: z.object({ weights: base64, bias: base64 }),
  bayes: z.object({ counts: base64, totals: base64 }),
});

const encode = (values: Float64Array) =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

/** Which examples, trained by which code: a model saved under another key is not reused. */
export function intentModelKey(examples: Readonly<Record<Intent, readonly string[]>>): string {
  return createHash('sha256')
    .update(JSON.stringify(examples))
    .update('\0')
    .update(TRAINING_FINGERPRINT)
    .digest('hex');
}

const fileOf = (dir: string, key: string) => path.join(dir, `${PREFIX}${key.slice(0, 32)}.json`);

/** The weights saved under `key` in `dir`, or undefined when there are none that fit. */
export function readIntentWeights(dir: string, key: string): IntentWeights | undefined {
  let saved: z.infer<typeof SavedModel>;
  try {
    saved = SavedModel.parse(JSON.parse(readFileSync(fileOf(dir, key), 'utf8')));
  } catch {
    return undefined;
  }
  const cells = INTENTS.length * saved.features.length;
  const fits =
    saved.key === key &&
    saved.logistic.weights.length === cells &&
    saved.bayes.counts.length === cells &&
    saved.logistic.bias.length === INTENTS.length &&
    saved.bayes.totals.length === INTENTS.length;
  return fits ? saved : undefined;
}

/**
 * Saves the weights under `key` atomically (another process may read meanwhile), and removes
 * the oldest saved models beyond MAX_FILES.
 */
export function writeIntentWeights(dir: string, key: string, weights: IntentWeights): void {
  mkdirSync(dir, { recursive: true });
  const file = fileOf(dir, key);
  const saved = {
    format: FORMAT,
    key,
    features: weights.features,
    logistic: { weights: encode(weights.logistic.weights), bias: encode(weights.logistic.bias) },
    bayes: { counts: encode(weights.bayes.counts), totals: encode(weights.bayes.totals) },
  };
  writeFileAtomic.sync(file, JSON.stringify(saved));
  const others = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .map((other) => ({ other, at: statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.at - a.at);
  for (const { other } of others.slice(MAX_FILES)) rmSync(other, { force: true });
}

/**
 * The model of `examples`: read from the cache folder when it was trained before by the same
 * code, else trained and saved there. A folder that cannot be written only costs the training
 * time again at the next start, so that failure is not reported.
 */
export function cachedIntentModel(
  examples: Readonly<Record<Intent, readonly string[]>>,
  dir: string = defaultCacheDir(),
): IntentModel {
  const key = intentModelKey(examples);
  const saved = readIntentWeights(dir, key);
  if (saved) return intentModelFrom(saved);
  const weights = trainIntentWeights(examples);
  try {
    writeIntentWeights(dir, key, weights);
  } catch {
    // See above: only time is lost.
  }
  return intentModelFrom(weights);
}
