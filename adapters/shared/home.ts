import type { KnowledgeOverview } from '../../src/index.ts';

/** One part of an app's home page: a heading and Markdown (`*bold*`-free, `•` bullets). */
export interface HomeSection {
  heading: string;
  text: string;
}

/** A home page, decided once for every surface that has one (today Slack's App Home tab). */
export interface HomeView {
  title: string;
  sections: HomeSection[];
  startersHeading: string;
  /** Curated questions, each answered in a direct message when picked. */
  starters: string[];
  /** How current the knowledge is, from its review dates; absent without passages. */
  reviewed?: string;
  disclaimer: string;
}

/**
 * What the bot says about itself on its home page, in its own voice. The privacy summary follows
 * PRIVACY.md: keep them in step.
 */
export const HOME_WORDING = {
  title: 'Asylum answers for Americans',
  answers: {
    heading: 'What I answer',
    text: [
      'Questions about seeking asylum or refuge abroad as an American, above all in Canada: whether you can, how it works, the rules and the odds, and the other ways to move.',
      'Every sentence of an answer comes from a curated source and cites it. When my sources do not cover a question, I say so instead of guessing.',
    ].join('\n'),
  },
  doesNot: {
    heading: 'What I do not do',
    text: [
      '• Give legal advice or predict how your own case will go: I give the general rule and point you to legal help.',
      '• Help deceive officials or cross a border unseen.',
      '• Answer in languages other than English.',
      '• Replace emergency services: if you are in danger now, contact them first.',
    ].join('\n'),
  },
  privacy: {
    heading: 'Privacy',
    text: [
      '• Your questions are not logged (an operator can turn that on to debug; it is off by default).',
      '• To follow a conversation and make its buttons work, I keep short-lived notes (which sources I quoted, not your words) for at most a day. A private answer waiting to be shared keeps its question for 30 minutes; where moderators are set up, your last question is kept 15 minutes in case you ask for a person.',
      '• Answers to `/asylum` are private until you share them. Slack keeps the messages sent here, mine included, and workspace admins can read them.',
      '• If you ask to talk to a person, the moderators see your name and a link to the conversation, and your question only if you choose to include it.',
    ].join('\n'),
  },
  startersHeading: 'Try a question (I answer in a direct message)',
  reviewed: (last: string, oldest: string) =>
    last === oldest
      ? `My sources were last reviewed on ${last}.`
      : `My sources were last reviewed on ${last}; the oldest review is from ${oldest}. Laws change: check the date of each source.`,
  disclaimer: 'This is general legal information, not legal advice.',
} as const;

export function homeView(overview: KnowledgeOverview): HomeView {
  const { answers, doesNot, privacy } = HOME_WORDING;
  return {
    title: HOME_WORDING.title,
    sections: [answers, doesNot, privacy],
    startersHeading: HOME_WORDING.startersHeading,
    starters: overview.starters.map((q) => q.replace(/\s+/g, ' ').trim()).filter(Boolean),
    ...(overview.lastReviewed && overview.oldestReview
      ? { reviewed: HOME_WORDING.reviewed(overview.lastReviewed, overview.oldestReview) }
      : {}),
    disclaimer: HOME_WORDING.disclaimer,
  };
}
