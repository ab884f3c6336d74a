import type { Answer, Citation, Passage } from '../../src/index.ts';
import { WORDING } from './wording.ts';

/** One numbered source as every surface shows it. */
export interface SourceView {
  n: number;
  title: string;
  url: string;
  publisher: string;
  /** The publication date, or "undated". */
  date: string;
  /** Set when a passage behind it is past its review date. */
  outdated: boolean;
  /** The passages whose sentences cite it (to show them in full). */
  passages: string[];
}

/**
 * An Answer with the presentation decided once for every surface: what comes first, what the
 * sources and follow-ups say, and which buttons it gets. Renderers (Slack Block Kit, Discord
 * embeds, the terminal) only format it. Any Answer kind is laid out the same way.
 */
export interface AnswerView {
  question: string;
  /** Crisis answers are shown with more weight where a surface can (bold in the terminal). */
  urgent: boolean;
  /** Sentences in the bot's voice, shown before the text. */
  notices: string[];
  /** Cited Markdown with `[n]` markers; may be empty. */
  text: string;
  sources: SourceView[];
  followUpsHeading: string;
  /** At most three, blank ones dropped, whitespace collapsed. */
  followUps: string[];
  disclaimer: string;
  /** 👍/👎 count per cited passage: with nothing cited there is nothing to count. */
  votable: boolean;
  /** The passages a vote counts for. */
  passageIds: string[];
  /** The text leaves out sentences of its passages: a surface offers them in full ("More"). */
  truncated: boolean;
  /** The core read the message as a goodbye ("exit", "bye"): a terminal may close after it. */
  goodbye: boolean;
}

const MAX_FOLLOW_UPS = 3;

function sourceView(citation: Citation): SourceView {
  return {
    n: citation.n,
    title: citation.title.trim(),
    url: citation.url,
    publisher: citation.publisher.trim(),
    date: citation.published ?? WORDING.undated,
    outdated: citation.outdated,
    passages: citation.passages,
  };
}

export function answerView(answer: Answer): AnswerView {
  return {
    question: answer.question.replace(/\s+/g, ' ').trim(),
    urgent: answer.kind === 'crisis',
    notices: answer.notices.filter((notice) => notice.trim()),
    text: answer.text,
    sources: answer.citations.map(sourceView),
    followUpsHeading: answer.abstained
      ? WORDING.followUpsHeadingAbstained
      : WORDING.followUpsHeading,
    followUps: answer.followUps
      .map((question) => question.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .slice(0, MAX_FOLLOW_UPS),
    disclaimer: answer.disclaimer.trim(),
    votable: answer.citations.length > 0,
    passageIds: [...new Set(answer.citations.flatMap((citation) => citation.passages))],
    truncated: answer.truncated === true,
    goodbye: answer.smallTalk === 'goodbye',
  };
}

/** One passage in full, as behind a shortened answer's "More" button. */
export interface PassageView {
  title: string;
  /** The passage's body, Markdown, with `[n]` markers numbering its own sources. */
  body: string;
  /** Its sources, numbered as its body's markers. */
  sources: SourceView[];
  /** Where the passage's text continues when a surface must cut it: its first source. */
  continuesAt: string;
}

/** The passages behind an answer, in full, for "More". */
export interface PassagesView {
  heading: string;
  passages: PassageView[];
}

export function passagesView(passages: readonly Passage[]): PassagesView {
  return {
    heading: WORDING.moreHeading,
    passages: passages.map((passage) => ({
      title: passage.title.trim(),
      body: passage.body.trim(),
      sources: passage.sources.map((source, i) => ({
        n: i + 1,
        title: source.title.trim(),
        url: source.url,
        publisher: source.publisher.trim(),
        date: source.published ?? WORDING.undated,
        outdated: false,
        passages: [passage.id],
      })),
      continuesAt: passage.sources[0]?.url ?? '',
    })),
  };
}
