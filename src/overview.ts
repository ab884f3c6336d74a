import { passagesByRole } from './knowledge/roles.ts';
import type { Passage } from './knowledge/schema.ts';

/** What a surface can say about the knowledge as a whole (a Slack home tab, a help page). */
export interface KnowledgeOverview {
  /** The curated starter questions (titles of `starter` passages, in their places). */
  starters: string[];
  /** The most recent `reviewed` date of any passage (YYYY-MM-DD), or null with no passages. */
  lastReviewed: string | null;
  /** The oldest `reviewed` date: with `lastReviewed`, how current the knowledge is as a whole. */
  oldestReview: string | null;
  passages: number;
}

/**
 * The knowledge summed up from its passages: starter questions and review dates. Read from the
 * passages so that it follows a reload, and so that no surface works out review dates itself.
 *
 * @example
 * knowledgeOverview(assistant.passages()).lastReviewed // '2026-11-20'
 */
export function knowledgeOverview(
  passages: readonly Passage[],
  maxStarters = 5,
): KnowledgeOverview {
  const featured = passagesByRole(passages).get('starter') ?? [];
  const dates = passages.map((passage) => passage.reviewed).sort();
  return {
    starters: (featured.length ? featured : passages).slice(0, maxStarters).map((p) => p.title),
    lastReviewed: dates.at(-1) ?? null,
    oldestReview: dates[0] ?? null,
    passages: passages.length,
  };
}

/**
 * The newest date any passage's source gives (YYYY-MM-DD, YYYY-MM or YYYY), or null when none is
 * dated: with the overview's `lastReviewed`, how current the knowledge is.
 */
export function newestSourceDate(passages: readonly Passage[]): string | null {
  // Partial ISO dates compare as strings: "2026" sorts before "2026-06".
  const published = passages
    .flatMap((passage) => passage.sources.map((source) => source.published))
    .filter((date): date is string => typeof date === 'string')
    .sort();
  return published.at(-1) ?? null;
}
