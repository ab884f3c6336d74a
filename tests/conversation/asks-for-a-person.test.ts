import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asksForAPerson } from '../../adapters/shared/escalation.ts';
import { runs } from '../helpers/runs.ts';

describe('asksForAPerson', () => {
  it('reads short requests for a person', () => {
    for (const text of [
      'help me',
      'Help me!',
      'please help me',
      'help me please',
      'talk to a person',
      'I need a human.',
      'I want to talk to a moderator',
    ]) {
      expect(asksForAPerson(text), text).toBe(true);
    }
  });

  it('leaves questions and crisis messages to the core', () => {
    for (const text of [
      'help',
      'help me apply for asylum in Canada',
      'help me, I am in danger',
      'can a person claim asylum?',
      '',
    ]) {
      expect(asksForAPerson(text), text).toBe(false);
    }
  });

  it('never takes a message with a question after "help me" for a request', () => {
    const words = fc.stringMatching(/^[a-z]{2,12}( [a-z]{2,12}){0,6}$/);
    fc.assert(
      fc.property(words, (rest) => {
        fc.pre(rest !== 'please');
        expect(asksForAPerson(`help me ${rest}`)).toBe(false);
      }),
      { numRuns: runs(500) },
    );
  });
});
