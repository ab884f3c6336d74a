import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerView, passagesView } from '../../adapters/shared/answer-view.ts';
import { helpText, WORDING } from '../../adapters/shared/wording.ts';
import { questionFromSlack } from '../../adapters/slack/clean.ts';
import { escapeMrkdwn, splitMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import {
  ACTION,
  type Block,
  type RenderOptions,
  renderNotice,
  renderPassages,
  renderAnswer as renderView,
} from '../../adapters/slack/render.ts';
import { type Answer, AnswerSchema, type Citation } from '../../src/index.ts';
import { runs } from '../helpers/runs.ts';
import { messageProblems } from './block-kit.ts';

/** The renderer formats the service's neutral view of an Answer. */
const renderAnswer = (answer: Answer, options?: RenderOptions) =>
  renderView(answerView(answer), options);

const citation = (fields: Partial<Citation> = {}): Citation => ({
  n: 1,
  id: 'claim-in-canada',
  passages: [fields.id ?? 'claim-in-canada'],
  title: 'Asking for refugee protection in Canada',
  url: 'https://canada.ca/en/refugees/claim.html',
  publisher: 'IRCC',
  published: '2025-06',
  outdated: false,
  ...fields,
});

const answer = (fields: Partial<Answer> = {}): Answer => ({
  question: 'Can Americans claim asylum in Canada?',
  notices: [],
  text: 'Americans can make a refugee claim in Canada [1]. Few succeed [2].',
  citations: [citation(), citation({ n: 2, id: 'odds', url: 'https://example.org/odds' })],
  abstained: false,
  kind: 'answer',
  confidence: 1,
  followUps: ['Does the Safe Third Country Agreement apply to US citizens?'],
  disclaimer: 'This is general legal information, not legal advice.',
  ...fields,
});

function texts(blocks: Block[], type: Block['type']): string[] {
  return blocks
    .filter((block) => block.type === type)
    .flatMap((block) =>
      block.type === 'section'
        ? [block.text?.text ?? '']
        : block.type === 'context'
          ? block.elements.map((e) => ('text' in e ? e.text : ''))
          : [],
    );
}

function buttons(blocks: Block[]) {
  return blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
}

describe('renderAnswer', () => {
  it('lays out text, linked sources with publisher and date, disclaimer and buttons', () => {
    const message = renderAnswer(answer(), { key: 'k1', shareable: true });
    expect(message.text).toBe('Americans can make a refugee claim in Canada [1]. Few succeed [2].');
    expect(texts(message.blocks, 'section')).toEqual([message.text]);
    expect(texts(message.blocks, 'context')).toEqual([
      '*Sources*',
      '<https://canada.ca/en/refugees/claim.html|[1] Asking for refugee protection in Canada> · IRCC, 2025-06',
      '<https://example.org/odds|[2] Asking for refugee protection in Canada> · IRCC, 2025-06',
      'This is general legal information, not legal advice.',
      'You could also ask:',
    ]);
    expect(buttons(message.blocks).map((b) => 'action_id' in b && b.action_id)).toEqual([
      ACTION.followUp(0),
      ACTION.feedbackUp,
      ACTION.feedbackDown,
      ACTION.share,
    ]);
    expect(messageProblems({ ...message })).toEqual([]);
  });

  it('marks outdated and undated sources', () => {
    const message = renderAnswer(
      answer({ citations: [citation({ outdated: true, published: null })] }),
    );
    expect(texts(message.blocks, 'context')).toContain(
      '<https://canada.ca/en/refugees/claim.html|[1] Asking for refugee protection in Canada> · IRCC, undated · ⚠️ _may be out of date_',
    );
  });

  it('restates the question on request, escaped', () => {
    const message = renderAnswer(answer({ question: 'Is <!here> & <@U1> safe?' }), {
      restate: true,
    });
    expect(texts(message.blocks, 'section')[0]).toBe(
      '*Question:* Is &lt;!here&gt; &amp; &lt;@U1&gt; safe?',
    );
  });

  it('escapes passage text, and converts the little Markdown there is', () => {
    const message = renderAnswer(
      answer({
        text: 'Write to <!channel> & <@U1> [1].\n\nSee **form A** at [the IRB](https://irb.gc.ca/a?x=1&y=2) [1].',
      }),
    );
    expect(texts(message.blocks, 'section')).toEqual([
      'Write to &lt;!channel&gt; &amp; &lt;@U1&gt; [1].\n\nSee *form A* at <https://irb.gc.ca/a?x=1&amp;y=2|the IRB> [1].',
    ]);
    expect(message.text).toBe(
      'Write to &lt;!channel&gt; &amp; &lt;@U1&gt; [1]. See **form A** at [the IRB](https://irb.gc.ca/a?x=1&amp;y=2) [1].',
    );
  });

  it('renders every kind the same way, without feedback buttons when nothing is cited', () => {
    const kinds = AnswerSchema.shape.kind.options;
    const rendered = kinds.map((kind) => renderAnswer(answer({ kind })));
    for (const message of rendered) expect(message).toEqual(rendered[0]);

    const abstention = renderAnswer(
      answer({
        kind: 'abstain',
        abstained: true,
        notices: ["I don't have a sourced answer to that, so I won't guess."],
        text: '',
        citations: [],
      }),
    );
    expect(abstention.text).toBe("I don't have a sourced answer to that, so I won't guess.");
    expect(buttons(abstention.blocks).map((b) => 'action_id' in b && b.action_id)).toEqual([
      ACTION.followUp(0),
    ]);
  });

  it('shows notices before the cited text', () => {
    const message = renderAnswer(answer({ notices: ['I answer in English only.'] }));
    expect(texts(message.blocks, 'section')).toEqual([
      'I answer in English only.\n\nAmericans can make a refugee claim in Canada [1]. Few succeed [2].',
    ]);
  });

  it('splits a long answer at paragraph breaks, keeping every sentence', () => {
    const paragraph = (i: number) =>
      `${`Paragraph ${i} sentence with a citation [1]. `.repeat(20)}`;
    const text = Array.from({ length: 8 }, (_, i) => paragraph(i).trim()).join('\n\n');
    const sections = texts(renderAnswer(answer({ text })).blocks, 'section');
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.every((s) => s.length <= 3000)).toBe(true);
    expect(sections.join('\n\n')).toBe(text);
  });

  it('shortens an answer too long for one message, and says so', () => {
    // 150,000 characters once escaped: more than 50 sections' worth.
    const message = renderAnswer(answer({ text: `${'Fish & chips [1]. '.repeat(8000)}` }));
    const sections = texts(message.blocks, 'section');
    expect(sections).toHaveLength(40);
    expect(sections.at(-1)).toMatch(/Shortened: the whole answer does not fit/);
    expect(messageProblems({ ...message })).toEqual([]);
  });
});

describe('renderHelp', () => {
  it('gives example questions for /asylum', () => {
    const help = renderNotice(helpText('/asylum'));
    expect(help.text).toContain('• `/asylum Can Americans claim asylum in Canada?`');
    expect(messageProblems({ ...help })).toEqual([]);
  });
});

describe('questionFromSlack', () => {
  it('strips mentions and markup, keeps link labels, decodes entities', () => {
    expect(
      questionFromSlack(
        '<@UBOT> Can I <#C1|general> go <!here> <!subteam^S1|@lawyers> to <https://canada.ca|Canada>? &lt;3 &amp; <mailto:a@b.org|mail>',
      ),
    ).toBe('Can I go to Canada? <3 & mail');
    expect(questionFromSlack('  <@UBOT>  ')).toBe('');
    expect(questionFromSlack('see <https://canada.ca>')).toBe('see https://canada.ca');
  });
});

// Property tests: whatever the core puts in an Answer, the message is one Slack accepts and that
// pings nobody. Over 3,000 generated cases in all.

const NASTY = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|bob>',
  '<!subteam^S1>',
  '<!subteam^S1|@team>',
  '<#C1|general>',
  '<https://evil.example|click>',
  '@here',
  '@channel',
  '&',
  '&amp;',
  '&lt;!channel&gt;',
  '<',
  '>',
  '|',
  '**',
  '*',
  '_',
  '`',
  '[x](https://e.org/<!here>)',
  '[1]',
  '\u0000',
  '\u0007',
  '\u202e',
  '\u200f',
  'שלום עולם',
  'مرحبا',
  '🇨🇦',
  '👩‍👩‍👧',
  '\n',
  '\n\n',
  ' ',
  '# ',
  '- ',
];

const piece = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 12 }));
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  // Huge: up to tens of thousands of characters, which escaping can multiply by five.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.integer({ min: 50, max: 1500 }))
      .map(([parts, times]) => parts.join('').repeat(times)),
  },
);
const shortText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

const arbitraryCitation = fc
  .record({
    n: fc.integer({ min: 1, max: 999 }),
    id: shortText,
    title: text,
    url: fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom('https://e.org/<!here>', 'https://e.org/a|b>c', 'javascript:alert(1)'),
    ),
    publisher: text,
    published: fc.option(shortText, { nil: null }),
    outdated: fc.boolean(),
  })
  .map((c) => ({ ...c, passages: [c.id] }));

const arbitraryAnswer: fc.Arbitrary<Answer> = fc.record({
  question: text,
  notices: fc.array(text, { maxLength: 3 }),
  text,
  citations: fc.array(arbitraryCitation, { maxLength: 25 }),
  abstained: fc.boolean(),
  kind: fc.constantFrom(...AnswerSchema.shape.kind.options),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  followUps: fc.array(text, { maxLength: 3 }),
  disclaimer: text,
});

const options = fc.record({
  restate: fc.boolean(),
  shareKey: fc.option(fc.uuid(), { nil: undefined }),
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('renderAnswer, for any Answer', () => {
  it('produces valid Block Kit with a fallback text and no live mention', () => {
    fc.assert(
      fc.property(arbitraryAnswer, options, (generated, renderOptions) => {
        const message = renderAnswer(generated, renderOptions);
        expect(messageProblems({ ...message })).toEqual([]);
        expect(message.blocks.length).toBeLessThanOrEqual(50);
        expect(message.text.trim()).not.toBe('');
        // Well-formed in, well-formed out: no character is cut in half.
        if (!LONE_SURROGATE.test(JSON.stringify(generated))) {
          expect(LONE_SURROGATE.test(JSON.stringify(message))).toBe(false);
        }
      }),
      { numRuns: runs(1500) },
    );
  });

  it('gives every citation marker of a normal-length answer a place in the sections', () => {
    fc.assert(
      fc.property(arbitraryAnswer, (generated) => {
        fc.pre(generated.text.length < 20_000);
        const sections = texts(renderAnswer(generated).blocks, 'section').join(' ');
        for (const marker of generated.text.match(/\[\d+\]/g) ?? []) {
          expect(sections).toContain(marker);
        }
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('splitMrkdwn, for any escaped text and size', () => {
  it('keeps all the text, within the size, never cutting an entity', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 8, max: 3000 }), (raw, max) => {
        const mrkdwn = escapeMrkdwn(raw);
        const pieces = splitMrkdwn(mrkdwn, max);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(max);
          expect(p.trim()).not.toBe('');
          expect(p).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
        const squash = (s: string) => s.replace(/\s+/g, '');
        expect(squash(pieces.join(''))).toBe(squash(mrkdwn));
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('"More": passages in full', () => {
  it('cuts what would pass 50 blocks, saying where the passage continues', () => {
    const paragraph = (i: number) => `${`Paragraph ${i} of a very long passage. `.repeat(70)}`;
    const body = Array.from({ length: 60 }, (_, i) => paragraph(i)).join('\n\n');
    const passage = {
      title: 'A very long passage?',
      body,
      sources: [
        {
          title: 'Guide',
          publisher: 'Ministry',
          url: 'https://example.org/guide',
          published: null,
        },
      ],
    };
    const message = renderPassages(passagesView([passage, passage] as never));
    expect(messageProblems({ ...message })).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain(
      `${WORDING.continuesAt('<https://example.org/guide|https://example.org/guide>')}`,
    );
  });
});
