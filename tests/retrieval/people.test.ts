import { describe, expect, it } from 'vitest';
import { isGivenName, namesUnknownPerson } from '../../src/retrieval/people.ts';
import { words } from '../../src/retrieval/text.ts';

/** The knowledge of these tests: a case it tells (Hannah Kreager) and everyday words. */
const KNOWN = new Set(['hannah', 'kreager', 'canada', 'claim', 'said', 'refugee', 'asylum']);
// "hanna" is a typo of Hannah, as the feature context's one-edit check finds.
const knows = (word: string) => KNOWN.has(word) || word === 'hanna';
const names = (text: string) => namesUnknownPerson(words(text), knows);

describe('isGivenName', () => {
  it('holds given names that are nothing else', () => {
    expect(isGivenName('kimberly')).toBe(true);
    expect(isGivenName('chelsea')).toBe(true);
  });

  it('leaves out names that are English words or places the knowledge reads as places', () => {
    for (const word of ['will', 'grace', 'mark', 'helena']) expect(isGivenName(word)).toBe(false);
  });
});

describe('namesUnknownPerson', () => {
  it('reads a given name and a surname the knowledge never uses as a person', () => {
    expect(names('what happened to kimberly rivera, the army resister')).toBe(true);
    expect(names('did chelsea manning ever try to claim in canada')).toBe(true);
  });

  it('does not read a person the knowledge names, or a typo of one, as unknown', () => {
    expect(names('has hannah kreager won her claim')).toBe(false);
    expect(names('hanna kreager asylum claim decided yet')).toBe(false);
  });

  it("does not read a name in the asker's own story as a person asked about", () => {
    expect(names('my friend kayla said i could claim in canada')).toBe(false);
    expect(names('my ex derek is threatening me, can i claim asylum')).toBe(false);
  });

  it('does not read a US place named like a person ("florida") that the knowledge uses', () => {
    expect(names('i live in florida, can i claim asylum in canada')).toBe(false);
    expect(namesUnknownPerson(words('florida keys'), (word) => word === 'florida')).toBe(false);
  });

  it('does not read everyday words that are also names as a person', () => {
    expect(names('will grace period apply to my claim')).toBe(false);
  });
});
