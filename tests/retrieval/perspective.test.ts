import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { askedAsSelf } from '../../src/retrieval/perspective.ts';
import { runs } from '../helpers/runs.ts';

describe('askedAsSelf', () => {
  it.each([
    [
      'Can my son work in Canada while his claim is pending?',
      'Can I work in Canada while my claim is pending?',
    ],
    ['my wife is 40 and she wants to apply', "I'm 40 and I want to apply"],
    [
      "my daughter's hearing is next week, can she bring a friend?",
      'my hearing is next week, can I bring a friend?',
    ],
    // The relative acted on is "me", not "I".
    ['is there any free legal help for my dad', 'is there any free legal help for me'],
    ["I'm asking for my wife: can she work?", "I'm asking for me: can I work?"],
  ])('reads %j as %j', (asked, self) => {
    expect(askedAsSelf(asked)).toBe(self);
  });

  it('leaves a message that names no relative of the asker alone', () => {
    expect(askedAsSelf('can I work while my claim is pending?')).toBeUndefined();
    // "he" with no relative named could be anyone: the judge, an officer.
    expect(askedAsSelf('what if he refuses my claim?')).toBeUndefined();
    // The asker is in it besides the relative: asked for oneself it is another question.
    expect(askedAsSelf('my girlfriend is canadian, can she sponsor me?')).toBeUndefined();
    // Two people named: which would the asker be?
    expect(askedAsSelf('can my mom visit my sister in toronto?')).toBeUndefined();
  });

  it('never throws, and rewrites only messages that say "my" and a relative', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const self = askedAsSelf(text);
        if (!/\bmy\b/i.test(text)) expect(self).toBeUndefined();
      }),
      { numRuns: runs(500) },
    );
  });
});

// Over the bundled knowledge: its listed questions are in the first person.
describe('a question asked for a relative', () => {
  let assistant: Assistant;
  beforeAll(async () => {
    assistant = await createAssistant();
  });

  it('is answered as the same question asked for oneself', () => {
    // Declined before (0.09): "my son" and "while … pending" read near the questions to decline.
    const answer = assistant.ask(
      'Can my son work in Canada while his case for protection is pending?',
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.passages[0]).toBe('work-permit-for-refugee-claimants');
  });

  it('is still declined when the relative is what it is about', () => {
    expect(assistant.ask('my girlfriend is canadian, can she sponsor me?').abstained).toBe(true);
    expect(
      assistant.ask('can my son go to public school in toronto while our claim is pending?')
        .abstained,
    ).toBe(true);
  });
});
