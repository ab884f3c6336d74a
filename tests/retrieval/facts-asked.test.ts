import { describe, expect, it } from 'vitest';
import { factMissing } from '../../src/retrieval/facts-asked.ts';

const FEE = 'Registration costs €278 and takes about nine months.';
const NO_FEE = 'You send the forms by post; it takes about nine months.';

describe('factMissing', () => {
  it('is 0 when the question asks for no specific fact', () => {
    expect(factMissing('can americans register their irish grandparent', NO_FEE)).toBe(0);
  });

  it('reads an amount asked of a text that names none as missing', () => {
    expect(factMissing('how much is the fee for the register', NO_FEE)).toBe(1);
    expect(factMissing('how much is the fee for the register', FEE)).toBe(0);
  });

  it('reads a duration as given by a number of months or a deadline', () => {
    expect(factMissing('how long does it take', NO_FEE)).toBe(0);
    expect(factMissing('how long does it take', 'You post the forms to Dublin.')).toBe(1);
  });

  it('reads a rate as given by a percentage or a word for how often', () => {
    expect(factMissing('what is the approval rate', 'About 40% are approved.')).toBe(0);
    expect(factMissing('what is the approval rate', 'Few applications succeed.')).toBe(0);
    expect(factMissing('what is the approval rate', 'You apply on paper.')).toBe(1);
  });

  it('counts a year asked beside a count as a fact the text must name', () => {
    const text = 'In 2018, 20 claims by Americans were accepted.';
    expect(factMissing('how many americans were accepted in 2018', text)).toBe(0);
    expect(factMissing('how many americans were accepted in 2022', text)).toBe(0.5);
  });

  it('does not read a year in a story as a fact asked', () => {
    expect(factMissing('i came in 2019, can i still claim', 'You must claim within a year.')).toBe(
      0,
    );
  });

  it('does not read "no-cost" help as asking for an amount', () => {
    expect(factMissing('is there no-cost legal help in bc', 'Legal Aid BC helps.')).toBe(0);
  });
});

describe('factMissing, asking what someone charges', () => {
  it('reads "how much do they charge" as asking for an amount', () => {
    expect(factMissing('how much would a lawyer charge me', NO_FEE)).toBe(1);
    expect(factMissing('what do lawyers charge for this', FEE)).toBe(0);
  });

  it('reads how much income or savings is needed as asking for an amount', () => {
    const enough = 'Temporary residency is for people with enough income or savings.';
    expect(factMissing('how much monthly income do i need for residency', enough)).toBe(1);
    expect(factMissing('whats the minimum income for the visa', 'About €2,760 a month.')).toBe(0);
  });

  it('does not read a criminal charge as an amount', () => {
    expect(factMissing('will they charge me with a crime', NO_FEE)).toBe(0);
  });
});

describe('factMissing, asking how to reach someone', () => {
  const WITH_NUMBER =
    'The page gives its phone number as 604-408-2172 and its address in Vancouver.';
  const WITHOUT = 'Help comes through a certificate or the Refugee Law Office in Toronto.';

  it('reads a phone number, an address or office hours asked of a text that gives none as missing', () => {
    for (const question of [
      "what's the phone number for the refugee law office",
      'what are their office hours',
      'whats their address',
    ]) {
      expect(factMissing(question, WITHOUT)).toBe(1);
      expect(factMissing(question, WITH_NUMBER)).toBe(0);
    }
  });

  it('does not read a phone, or a number of people, as asking for a way to reach someone', () => {
    expect(factMissing('can they search my phone at the border', WITHOUT)).toBe(0);
    expect(factMissing('what number of americans were accepted', '12 were accepted.')).toBe(0);
  });
});
