import { Client } from 'discord.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { followUpButtonId, voteButtonId } from '../../adapters/discord/buttons.ts';
import { cleanQuestion } from '../../adapters/discord/clean.ts';
import { type AnswerButtonIds, renderAnswer as renderView } from '../../adapters/discord/render.ts';
import { answerView } from '../../adapters/shared/answer-view.ts';
import { ANSWER_KINDS } from '../../src/answer.ts';
import type { Answer } from '../../src/index.ts';
import { runs } from '../helpers/runs.ts';
import { problemsOf, wireBody } from './limits.ts';

/** The renderer formats the service's neutral view of an Answer. */
const renderAnswer = (answer: Answer, ids?: AnswerButtonIds) => renderView(answerView(answer), ids);

// Runs per property: 3,100 generated answers at full count (FULL_PROPERTY_RUNS=1, as in CI).
const RUNS = {
  limits: runs(1_500),
  buttons: runs(1_000),
  lossless: runs(600),
  clean: runs(1_000),
};

/** Pieces people and passages really contain, and the ones that break naive renderers. */
const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '@everyone',
      '@here',
      '<@123>',
      '<@!123>',
      '<@&456>',
      '<#789>',
      '@every@everyoneone',
      '<@<@1>1>',
      'مرحبا بالعالم',
      'שלום',
      '\u202Eevil\u202C',
      '👩‍👩‍👧‍👦',
      '🇨🇦',
      '\u0000\u0007\u001b[31m',
      '\n\n',
      '\t',
      ' ',
      '. ',
      '[1]',
      '**bold** _it_ `code`',
      '\u200b',
    ),
  },
);
const text = (maxParts: number) =>
  fc.array(fragment, { maxLength: maxParts }).map((parts) => parts.join(''));
/** Usually ordinary, sometimes far past any Discord limit. */
const nasty = (maxParts: number) =>
  fc.oneof(
    { weight: 5, arbitrary: text(maxParts) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(text(6), fc.integer({ min: 50, max: 1_500 }))
        .map(([piece, times]) => `${piece}x `.repeat(times)),
    },
  );

const citation = fc
  .record({
    n: fc.integer({ min: 1, max: 999 }),
    id: fc.string({ minLength: 1, maxLength: 60 }),
    title: nasty(10),
    url: fc.oneof(
      fc.webUrl(),
      fc.integer({ min: 0, max: 3_000 }).map((n) => `https://example.org/${'a'.repeat(n)}`),
    ),
    publisher: nasty(6),
    published: fc.option(fc.constantFrom('2025', '2025-06', '2025-06-30')),
    outdated: fc.boolean(),
  })
  .map((c) => ({ ...c, passages: [c.id] }));

/** Many short sources: enough to need more than 25 fields, small enough to fit one message. */
const shortCitation = fc
  .record({
    n: fc.integer({ min: 1, max: 99 }),
    id: fc.constantFrom('a', 'b', 'c'),
    title: text(2),
    url: fc.constant('https://example.org/s'),
    publisher: text(1),
    published: fc.constant(null),
    outdated: fc.boolean(),
  })
  .map((c) => ({ ...c, passages: [c.id] }));

const answer: fc.Arbitrary<Answer> = fc.record({
  question: nasty(12),
  notices: fc.array(nasty(8), { maxLength: 3 }),
  text: fc.oneof(
    nasty(40),
    // Long, answer-like text: sentences with markers, paragraphs.
    fc
      .array(fc.tuple(text(8), fc.integer({ min: 1, max: 60 })), { maxLength: 400 })
      .map((sentences) => sentences.map(([s, n]) => `${s} [${n}].`).join(' ')),
  ),
  citations: fc.oneof(
    fc.array(citation, { maxLength: 5 }),
    fc.array(citation, { minLength: 20, maxLength: 80 }),
    fc.array(shortCitation, { minLength: 26, maxLength: 120 }),
  ),
  abstained: fc.boolean(),
  kind: fc.constantFrom(...ANSWER_KINDS),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  followUps: fc.array(nasty(10), { maxLength: 3 }),
  disclaimer: nasty(20),
});

const key = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_'), minLength: 11, maxLength: 11 });
const ids = (k: string) => ({
  followUp: (i: number) => followUpButtonId(k, i),
  vote: (v: 'up' | 'down') => voteButtonId(k, v),
});

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the Discord renderer, for arbitrary answers', () => {
  const offline = new Client({ intents: [] });
  afterAll(() => offline.destroy());

  it('keeps every message within Discord limits, and no message can ping anyone', () => {
    fc.assert(
      fc.property(answer, key, (a, k) => {
        for (const message of renderAnswer(a, ids(k))) {
          expect(message.allowedMentions).toEqual({ parse: [], repliedUser: false });
          expect(problemsOf(wireBody(offline, message))).toEqual([]);
        }
      }),
      { numRuns: RUNS.limits },
    );
  });

  it('puts at most three follow-ups and two feedback buttons on the last message only', () => {
    fc.assert(
      fc.property(answer, key, (a, k) => {
        const messages = renderAnswer(a, ids(k));
        const rows = messages.flatMap((m, i) => m.components.map((row) => ({ row, i })));
        expect(rows.every(({ i }) => i === messages.length - 1)).toBe(true);
        expect(rows.length).toBeLessThanOrEqual(2);
        const buttons = rows.flatMap(({ row }) => row.components);
        const asks = buttons.filter((b) => b.custom_id.includes(':ask:'));
        const votes = buttons.filter((b) => b.custom_id.includes(':vote:'));
        expect(asks.length).toBe(a.followUps.filter((q) => q.trim()).length);
        expect(votes.length).toBe(a.citations.length ? 2 : 0);
        for (const b of buttons) {
          expect(b.custom_id.length).toBeLessThanOrEqual(100);
          expect((b.label ?? '').length).toBeLessThanOrEqual(80);
        }
      }),
      { numRuns: RUNS.buttons },
    );
  });

  it('splits long text across embeds and messages without losing any of it', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const messages = renderAnswer(a);
        const descriptions = messages.flatMap((m) => m.embeds.map((e) => e.description ?? ''));
        const expected = collapse([...a.notices, a.text].filter((s) => s.trim()).join(' '));
        const rendered = collapse(descriptions.join(' '));
        // An answer with nothing at all in it still needs a non-empty message.
        expect(expected ? rendered : rendered.replace(/^…$/, '')).toBe(expected);
        const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
        expect(fields.length).toBe(a.citations.length);
      }),
      { numRuns: RUNS.lossless },
    );
  });

  it('cleans questions so that no mention survives, however it is nested', () => {
    fc.assert(
      fc.property(nasty(30), (raw) => {
        const cleaned = cleanQuestion(raw);
        expect(cleaned).not.toMatch(/<@[!&]?\d+>|<#\d+>|@everyone|@here/i);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: none may survive cleaning
        expect(cleaned).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(cleaned).toBe(cleaned.trim());
      }),
      { numRuns: RUNS.clean },
    );
  });
});
