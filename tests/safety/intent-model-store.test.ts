import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trainIntentModel } from '../../src/safety/classifier.ts';
import {
  cachedIntentModel,
  intentModelKey,
  readIntentWeights,
} from '../../src/safety/intent-model-store.ts';

const EXAMPLES = {
  crisis: ['i want to die', 'i am going to hurt myself'],
  detained: ['ice is at my door', 'police are outside my house'],
  advice: ['what are my chances', 'will i win my case'],
  deception: ['how do i lie to the officer', 'how can i sneak across'],
  none: ['what is the one year rule', 'how do i claim asylum', 'what are the chances in general'],
};
const MESSAGES = [
  'what are my real chances of winning',
  'how can i sneak over the border',
  'what is the rule for claims',
  'they are at the door',
];

const dirs: string[] = [];
const cacheDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'intent-model-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the saved intent model', () => {
  it('reads back a model that classifies exactly as the one trained', () => {
    const dir = cacheDir();
    const trained = trainIntentModel(EXAMPLES);
    cachedIntentModel(EXAMPLES, dir); // trains and saves
    expect(readIntentWeights(dir, intentModelKey(EXAMPLES))).toBeDefined();
    const read = cachedIntentModel(EXAMPLES, dir);
    for (const message of MESSAGES)
      expect(read.classify(message)).toEqual(trained.classify(message));
  });

  it('is not reused for other examples', () => {
    const dir = cacheDir();
    cachedIntentModel(EXAMPLES, dir);
    const other = { ...EXAMPLES, advice: [...EXAMPLES.advice, 'should i claim'] };
    expect(intentModelKey(other)).not.toBe(intentModelKey(EXAMPLES));
    expect(readIntentWeights(dir, intentModelKey(other))).toBeUndefined();
  });

  it('trains again over a damaged or foreign file instead of failing', () => {
    const dir = cacheDir();
    cachedIntentModel(EXAMPLES, dir);
    const [name] = readdirSync(dir);
    const file = path.join(dir, name as string);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    for (const damaged of [
      '{"format":1',
      JSON.stringify({ ...saved, key: 'another' }),
      JSON.stringify({ ...saved, features: saved.features.slice(1) }),
    ]) {
      writeFileSync(file, damaged);
      expect(readIntentWeights(dir, intentModelKey(EXAMPLES))).toBeUndefined();
      const model = cachedIntentModel(EXAMPLES, dir);
      expect(model.classify(MESSAGES[0] as string).intent).toBe('advice');
      // …and saved the model again.
      expect(readIntentWeights(dir, intentModelKey(EXAMPLES))).toBeDefined();
    }
  });

  it('still answers when the cache folder cannot be written', () => {
    const dir = cacheDir();
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(cachedIntentModel(EXAMPLES, blocked).classify(MESSAGES[1] as string).intent).toBe(
      'deception',
    );
  });
});
