import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_FEATURES } from '../../src/conversation/context.ts';
import {
  followUpModel,
  letUntrainedFeaturesWeighNothing,
} from '../../src/conversation/follow-up-model.ts';

// Its own file: the switch is for the trainer and lasts for the process.
describe('a feature the saved follow-up model was not trained on', () => {
  it('fails by default, and weighs nothing once the trainer allows it', () => {
    const features = [...FOLLOW_UP_FEATURES, 'notTrainedYet'];
    expect(() => followUpModel(features)).toThrow(/npm run train:follow-ups/);
    // Nor is one the code no longer measures dropped silently outside the trainer.
    expect(() => followUpModel(FOLLOW_UP_FEATURES.slice(1))).toThrow(/npm run train:follow-ups/);
    letUntrainedFeaturesWeighNothing();
    const saved = followUpModel(FOLLOW_UP_FEATURES);
    const padded = followUpModel(features);
    expect(padded.features).toEqual(features);
    expect(padded.weights.at(-1)).toBe(0);
    expect(padded.weights.slice(0, -1)).toEqual(saved.weights);
  });

  it('leaves out a feature the code no longer measures once the trainer allows it', () => {
    const fewer = FOLLOW_UP_FEATURES.slice(1);
    letUntrainedFeaturesWeighNothing();
    const saved = followUpModel(FOLLOW_UP_FEATURES);
    const read = followUpModel(fewer);
    expect(read.features).toEqual(fewer);
    expect(read.weights).toEqual(saved.weights.slice(1));
  });
});
