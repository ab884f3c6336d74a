import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanQuestion as cleanDiscordQuestion } from '../../adapters/discord/clean.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// The `question` of the public Answer JSON: well-formed Unicode, no markup a Markdown renderer
// could turn into a link, and no mass mention a Discord title could show.

let assistant: Assistant;
beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const codePoints = (text: string) => [...text].length;

const emoji = fc.constantFrom('😀', '🇨🇦', '🏳️‍⚧️', '𝔸', '👩🏽‍⚖️', '\u{10FFFF}');
/** Text whose 1,000th UTF-16 unit falls anywhere, often inside a surrogate pair. */
const longWithAstral = fc
  .tuple(
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1001 }),
    fc.array(emoji, { minLength: 1, maxLength: 600 }),
  )
  .map(([prefix, tail]) => `${prefix}${tail.join('')}`);

describe('the question echoed in an Answer', () => {
  it('is well-formed Unicode, cut at 1,000 characters without splitting one', () => {
    fc.assert(
      fc.property(
        fc.oneof(longWithAstral, fc.string({ unit: 'binary', maxLength: 1200 })),
        (raw) => {
          const { question } = assistant.ask(raw);
          expect(question).not.toMatch(LONE_SURROGATE);
          expect(codePoints(question)).toBeLessThanOrEqual(1001);
        },
      ),
      { numRuns: 300 },
    );
    // The report's case: 600 emoji after one letter put the cut inside a pair.
    const { question } = assistant.ask(`I${'😀'.repeat(600)}`);
    expect(question).not.toMatch(LONE_SURROGATE);
    expect(question.endsWith('😀…')).toBe(true);
  });

  it('keeps the words of Markdown links and images, never their destinations', () => {
    const { question } = assistant.ask(
      '[click](javascript:alert(1)) ![x](https://evil.example/p.png) can Americans claim asylum in Canada?',
    );
    expect(question).toBe('click x can Americans claim asylum in Canada?');
    expect(assistant.ask('what does [the IRB][1] decide?\n[1]: https://irb.example').question).toBe(
      'what does the IRB decide?',
    );
  });

  it('carries nothing a Markdown or HTML renderer could read as a link, image or tag', () => {
    const destination = fc.constantFrom(
      'javascript:alert(1)',
      'javascript:alert(document.cookie)',
      '<javascript:x>',
      'https://evil.example/p.png "title"',
      'data:text/html,<b>x</b>',
    );
    const piece = fc.oneof(
      fc
        .tuple(fc.constantFrom('', '!'), fc.string({ maxLength: 12 }), destination)
        .map(([bang, label, dest]) => `${bang}[${label}](${dest})`),
      fc.string({ maxLength: 12 }).map((label) => `[${label}][ref]`),
      destination.map((dest) => `[ref]: ${dest}`),
      destination.map((dest) => `<${dest}${'a'.repeat(250)}>`),
      fc.constantFrom(
        '＜script＞',
        '［x］（javascript:y）',
        '<img src=x onerror=alert(1)>',
        '](',
        '[',
        '<',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const { question } = assistant.ask(pieces.join(' '));
        // Without `[` no link or image can form, without `<` no tag or autolink.
        expect(question).not.toMatch(/[[\]<>]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a Discord question', () => {
  const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF');
  const at = fc.constantFrom('@', '＠', '﹫');
  /** @everyone and @here, spelled fullwidth or split by invisible characters. */
  const disguisedMention = fc
    .tuple(
      at,
      fc.constantFrom('everyone', 'here', 'ｅｖｅｒｙｏｎｅ', 'ＨＥＲＥ', 'EveryOne'),
      fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 3 }),
    )
    .map(([sign, word, cuts]) => {
      let text = `${sign}${word}`;
      for (const [position, mark] of cuts) {
        const at = position % (text.length + 1);
        text = `${text.slice(0, at)}${mark}${text.slice(at)}`;
      }
      return text;
    });

  it('never echoes @everyone or @here, however it was disguised', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(disguisedMention, fc.string({ maxLength: 8 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          const { question } = assistant.ask(cleanDiscordQuestion(parts.join(' ')));
          expect(question).not.toMatch(/@(?:everyone|here)|<@[!&]?\d+>/i);
        },
      ),
      { numRuns: 500 },
    );
    for (const raw of [
      '＠ｅｖｅｒｙｏｎｅ can I claim asylum?',
      '@every\u200Done',
      '@he\u200Bre',
      '@\u2060everyone',
      '﹫everyone',
    ]) {
      expect(assistant.ask(cleanDiscordQuestion(raw)).question).not.toMatch(/@(?:everyone|here)/i);
    }
  });
});
