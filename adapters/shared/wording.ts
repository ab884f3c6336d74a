/**
 * What the bots say in their own voice, on every surface: sentences about the bot or the request,
 * never facts (facts come only from the core's cited passages). One table, so Slack, Discord and
 * any new surface say the same thing in the same words.
 */
export const WORDING = {
  apology:
    "Sorry, something went wrong on my side and I couldn't answer. Please try again in a moment.",
  slowDown: "You're asking faster than I can keep up with. Please wait a minute, then ask again.",
  thanks: 'Thanks for the feedback: it helps the editors see which sources need a look.',
  alreadyVoted: 'Thanks, your feedback on this answer is already counted.',
  expired: (command: string) =>
    `This button has expired (answers keep their buttons for a day, and not across a restart). Ask again with \`${command}\`.`,
  moreExpired: (command: string) =>
    `The full passages behind this answer are no longer available here (answers keep their buttons for a day, and not across a restart). The source links under the answer still work, or ask again with \`${command}\`.`,
  shareExpired: (command: string) =>
    `This answer can no longer be shared (answers can be shared for 30 minutes). Ask again with \`${command}\`.`,
  /** Labels the renderers share. */
  followUpsHeading: 'You could also ask',
  followUpsHeadingAbstained: 'Questions I can answer',
  undated: 'undated',
  outdated: 'may be out of date',
  share: 'Share in channel',
  /** "More": the passages behind a shortened answer, in full. */
  more: 'More',
  moreHeading: 'The passages behind this answer, in full (only you can see this):',
  /** Where a passage cut to fit a message continues. */
  continuesAt: (url: string) => `continues at ${url}`,
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  questionLabel: 'Question',
} as const;

const EXAMPLES = [
  'Can Americans claim asylum in Canada?',
  'Does the Safe Third Country Agreement apply to US citizens?',
  'Can I work while my refugee claim is pending?',
];

/** How to ask on a chat surface: added to the core's reply to "help". */
export function usageText(command: string): string {
  return `Ask with \`${command} <your question>\`, mention me in a channel (I answer in a thread) or send me a direct message. Answers to \`${command}\` are private until you share them.`;
}

/**
 * What an empty question gets on a chat surface, in Markdown both Slack and Discord
 * render. `command` is the surface's slash command.
 */
export function helpText(command: string): string {
  const examples = EXAMPLES.map((q) => `• \`${command} ${q}\``).join('\n');
  return [
    'Ask me about seeking asylum or refuge abroad as an American. I answer from curated sources and cite every sentence.',
    `For example:\n${examples}`,
    `You can also mention me in a channel (I answer in a thread) or send me a direct message. Answers to \`${command}\` are private until you share them.`,
    '_This is general legal information, not legal advice._',
  ].join('\n\n');
}
