import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdHasher, isoWeek } from '../../adapters/shared/store/index.ts';

const DAY = 86_400_000;

describe('isoWeek', () => {
  it('names the ISO weeks around new year correctly', () => {
    expect(isoWeek(new Date('2020-12-31T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeek(new Date('2021-01-03T23:59:59Z'))).toBe('2020-W53');
    expect(isoWeek(new Date('2021-01-04T00:00:00Z'))).toBe('2021-W01');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2026-12-01T00:00:00Z'))).toBe('2026-W49');
  });

  it('gives the seven days from a Monday one week, and the next Monday the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => {
        // 1970-01-05 was a Monday.
        const monday = Date.UTC(1970, 0, 5) + n * 7 * DAY;
        const week = isoWeek(new Date(monday));
        for (let d = 1; d < 7; d++) expect(isoWeek(new Date(monday + d * DAY))).toBe(week);
        const next = isoWeek(new Date(monday + 7 * DAY));
        expect(next > week).toBe(true);
        // The week belongs to the year of its Thursday.
        expect(week.slice(0, 4)).toBe(String(new Date(monday + 3 * DAY).getUTCFullYear()));
      }),
    );
  });
});

describe('createIdHasher', () => {
  it('keys an id the same way for the same salt, differently for another, never in clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6 }), (id) => {
        const a = createIdHasher('salt-of-this-deployment')(id);
        expect(createIdHasher('salt-of-this-deployment')(id)).toBe(a);
        expect(createIdHasher('salt-of-another-deployment')(id)).not.toBe(a);
        expect(a).toMatch(/^[\w-]{22}$/);
        expect(a).not.toContain(id);
      }),
    );
  });
});
