import { describe, expect, it } from 'vitest';
import { asksPrediction } from '../../src/retrieval/prediction.ts';

describe('asksPrediction', () => {
  it('reads a question about what a court, a government or a country will do as a prediction', () => {
    for (const question of [
      'is the federal court going to throw out bill c-12',
      'do u think canada will scrap the one-year rule after the election',
      'Will the Federal Court end up striking down the one-year rule?',
      'is portugal going to end the digital nomad visa',
      'what are the odds the government changes the stca again',
    ])
      expect(asksPrediction(question), question).toBe(true);
  });

  it('does not read what the asker will face, or what has happened, as a prediction', () => {
    for (const question of [
      'will i lose my claim if i go back to the us for a funeral',
      'do you think i will win my hearing',
      'will the us take my passport away if i claim refugee in canada',
      'is there any chance the government could challenge the decision',
      'what did the federal court rule on the stca in 2023',
      'does it stop deportation',
      'will canada stop me at the border',
      'do you think canada is safe for trans people',
      'will the court rule in my favour',
      'im american born will the safe country rule stop me at the border',
    ])
      expect(asksPrediction(question), question).toBe(false);
  });
});
