import { styleText } from 'node:util';
import type { Passage } from '../../src/index.ts';
import type { AnswerView } from '../shared/answer-view.ts';
import type { Reply } from '../shared/conversation-service.ts';
import { WORDING } from '../shared/wording.ts';

type Style = Parameters<typeof styleText>[0];

/** Renders for a terminal; colours only when writing to a TTY that supports them. */
export interface TerminalStyle {
  color: boolean;
}

function paint(style: TerminalStyle, format: Style, text: string): string {
  return style.color ? styleText(format, text) : text;
}

/** An answer as plain text: the cited text, numbered sources, suggested questions, disclaimer. */
export function renderAnswer(answer: AnswerView, style: TerminalStyle): string {
  const lines = answer.notices.map((notice) =>
    paint(style, answer.urgent ? 'bold' : 'italic', notice),
  );
  if (answer.text)
    lines.push(answer.text.replace(/\[(\d+)\]/g, (marker) => paint(style, 'cyan', marker)));
  if (answer.truncated && answer.sources.length)
    lines.push(
      paint(style, 'dim', 'Shortened: type :source N to read the passages behind [N] in full.'),
    );
  lines.push('');
  if (answer.sources.length) {
    lines.push(paint(style, 'bold', 'Sources'));
    for (const c of answer.sources) {
      const stale = c.outdated ? paint(style, 'yellow', ` (${WORDING.outdated})`) : '';
      lines.push(
        `  ${paint(style, 'cyan', `[${c.n}]`)} ${c.title}, ${c.publisher}, ${c.date}${stale}`,
      );
      lines.push(`      ${paint(style, 'underline', c.url)}`);
    }
    lines.push('');
  }
  if (answer.followUps.length) {
    lines.push(paint(style, 'bold', answer.followUpsHeading));
    answer.followUps.forEach((question, i) => {
      lines.push(`  ${i + 1}. ${question}`);
    });
    lines.push('');
  }
  lines.push(paint(style, 'dim', answer.disclaimer));
  return lines.join('\n');
}

/** Whatever the conversation service asks to print. */
export function renderReply(reply: Reply, style: TerminalStyle): string {
  if (reply.type === 'notice') return reply.text;
  if (reply.type === 'passages')
    return reply.view.passages
      .map((p) =>
        [
          paint(style, 'bold', p.title),
          '',
          p.body,
          '',
          paint(style, 'bold', 'Sources'),
          ...p.sources.map(
            (s) => `  [${s.n}] ${s.title}, ${s.publisher}, ${s.date}\n      ${s.url}`,
          ),
        ].join('\n'),
      )
      .join('\n\n');
  return renderAnswer(reply.view, style);
}

/** A whole passage, for `:source N`: what the cited sentences were taken from. */
export function renderPassage(passage: Passage, style: TerminalStyle): string {
  const lines = [
    paint(style, 'bold', passage.title),
    '',
    passage.body,
    '',
    paint(style, 'bold', 'Sources'),
  ];
  passage.sources.forEach((source, i) => {
    const date = source.published ? `, ${source.published}` : ', undated';
    lines.push(`  [${i + 1}] ${source.title}, ${source.publisher}${date}`);
    lines.push(`      ${source.url}`);
  });
  const review = passage.reviewBy ? `, to be reviewed by ${passage.reviewBy}` : '';
  lines.push(
    '',
    paint(
      style,
      'dim',
      `Passage ${passage.id} (${passage.file}); reviewed ${passage.reviewed}${review}.`,
    ),
  );
  return lines.join('\n');
}
