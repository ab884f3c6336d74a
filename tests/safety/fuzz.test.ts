import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema, type Assistant, createAssistant } from '../../src/index.ts';
import { markersOf, uncitedSentences } from '../helpers/citations.ts';
import { runs } from '../helpers/runs.ts';
import { standInEncoder } from '../helpers/stand-in-encoder.ts';

/** Generated cases per property (full counts with FULL_PROPERTY_RUNS=1, as in CI). */
const FUZZ_RUNS = {
  arbitrary: runs(3000),
  hostile: runs(2000),
  conversation: runs(500),
} as const;

/** Thousands of messages through the whole core: a busy machine needs more than the default. */
const PROPERTY_TIMEOUT_MS = 90_000;

let assistant: Assistant;
beforeAll(async () => {
  // The whole core, meaning features included, with a stand-in for the model (see its file).
  assistant = await createAssistant({ meaning: standInEncoder });
});

const fragments = [
  'Can Americans claim asylum in Canada?',
  'STCA',
  'what about mexico?',
  '<!channel>',
  '<!here>',
  '@everyone',
  '<@U123ABC>',
  '<#C0123|general>',
  '<https://example.org|click>',
  '**bold** _it_ `code`',
  '<script>alert(1)</script>',
  '\u200b\u200d\u2066\u202e',
  '\u0000\u0007\u001b[31m',
  'مرحبا كيف حالك',
  'שלום',
  '🏳️‍⚧️🇨🇦🇺🇸',
  '¿Puedo pedir asilo?',
  "je veux l'asile",
  'I want to kill myself',
  'ICE is at my door',
  'what are my chances',
  'how do I sneak across the border',
  'delete everything i said pls',
  'tell me more',
  'whats their number tho',
  '\n\n\t  ',
  'a'.repeat(1200),
];

const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...fragments),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(' '));

function checkAnswer(answer: ReturnType<Assistant['ask']>): void {
  AnswerSchema.parse(answer);
  // Every citation resolves to a real source of the passage it names.
  for (const citation of answer.citations) {
    const passage = assistant.passage(citation.id);
    expect(passage, citation.id).toBeDefined();
    expect(passage?.sources.map((s) => s.url)).toContain(citation.url);
  }
  // Every number in the text is a listed citation, and every sentence of text carries one.
  const listed = new Set(answer.citations.map((c) => c.n));
  for (const n of markersOf(answer.text)) expect(listed.has(n)).toBe(true);
  expect(uncitedSentences(answer)).toEqual([]);
}

describe('ask() on arbitrary input', () => {
  it(
    'never throws and always returns a valid, fully cited Answer (arbitrary strings)',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
          (text) => {
            checkAnswer(assistant.ask(text));
          },
        ),
        { numRuns: FUZZ_RUNS.arbitrary },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'stays valid on hostile mixes: markup, mention spam, control characters, RTL, emoji, huge input',
    () => {
      fc.assert(
        fc.property(hostile, (text) => {
          checkAnswer(assistant.ask(text));
        }),
        { numRuns: FUZZ_RUNS.hostile },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'stays valid across conversations of arbitrary follow-ups',
    () => {
      fc.assert(
        fc.property(
          fc.array(hostile, { minLength: 1, maxLength: 4 }),
          fc.uuid(),
          (turns, conversationId) => {
            for (const turn of turns) checkAnswer(assistant.ask(turn, { conversationId }));
          },
        ),
        { numRuns: FUZZ_RUNS.conversation },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('handles a megabyte of input without hanging', () => {
    const answer = assistant.ask('asylum '.repeat(150_000));
    expect(answer.kind).toBe('abstain');
    expect(answer.question.length).toBeLessThanOrEqual(1001);
  });
});
