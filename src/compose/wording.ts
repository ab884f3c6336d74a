import type { Language } from '../safety/language.ts';

/**
 * Everything the bot says in its own voice. These sentences are about the bot or the request,
 * never facts about the law: facts only ever come from cited passages.
 */

/** Every answer carries this, on every surface. */
export const DISCLAIMER =
  'This is general legal information, not legal advice. For advice on your own situation, talk to a lawyer or a legal clinic.';

export const NOTICE = {
  noSourcedAnswer: "I don't have a sourced answer to that, so I won't guess.",
  empty:
    'Ask me a question about seeking asylum or refuge abroad as an American, for example: "Can Americans claim asylum in Canada?"',
  tooLong: (chars: number, max: number) =>
    `Your message is ${chars.toLocaleString('en-US')} characters long; please ask in under ${max.toLocaleString('en-US')} characters, one question at a time.`,
  crisis: 'If you are in danger or thinking about harming yourself, please reach out for help now:',
  /**
   * A crisis the model read, uncertain, in a message that also asks a question: the answer
   * leads, and the contacts follow it in the same answer.
   */
  crisisAfterAnswer:
    'If you are in danger or thinking about harming yourself, please reach out for help now: the emergency and crisis lines follow the answer below.',
  /**
   * A crisis the model read, uncertain, beside a question the knowledge does not answer: the
   * decline, then the contacts.
   */
  crisisAfterDecline:
    'If you are in danger or thinking about harming yourself, please reach out for help now: the emergency and crisis lines are below.',
  detained: 'If you or someone with you is being detained or is in danger right now, get help now:',
  advice:
    "I can't tell you how your own case will turn out: that depends on your facts and needs a lawyer who knows them. Here is the general information, with its sources.",
  refusal:
    "I can't help with misleading officials or crossing a border unseen. Here is what the sources say about the risks.",
  /** "Tell me more" once every passage of the answer, and its next steps, were given in full. */
  noMore:
    'That is all I have on this: every passage behind the answer, and the next steps they name, in full. Ask another question, or try one of these:',
  /** After a decline: the questions offered are the nearest the knowledge answers. */
  nearby: 'Below are the nearest questions I can answer.',
  /** A referral in the bot's voice where the knowledge has no sourced one for the place. */
  referUS:
    'For your own situation in the US, an immigration lawyer or a nonprofit legal aid organization near you can help.',
  referAnywhere:
    'For your own situation, an immigration lawyer or a legal aid organization where you live can help.',
} as const;

/** Short replies in the bot's voice to a message that is not a question (see smalltalk.ts). */
export const SMALL_TALK = {
  greeting:
    'Hello. I answer questions about seeking asylum or refuge abroad as an American, above all in Canada, from curated sources that I cite. Ask me a question, or try one of these:',
  thanks: "You're welcome. Ask me another question whenever you need to.",
  help: (topics: readonly string[]) =>
    `I answer questions about seeking asylum or refuge abroad as an American, and cite a source for every sentence. I know about ${listOf(topics)}. I give general information, not legal advice. Ask in your own words, or try one of these:`,
  goodbye: 'Take care. For advice on your own situation, talk to a lawyer or a legal clinic.',
  about:
    "I'm a bot, not a lawyer or a person. I answer questions about seeking asylum or refuge abroad as an American from curated passages, and cite a source for every sentence. That is general information, not legal advice: for your own case, talk to a lawyer or a legal clinic.",
  privacy:
    'I don\'t keep what you type, and I don\'t log questions unless whoever runs me turns that on. To read a follow-up, I remember for 30 minutes which passages my last answer quoted, not your words; say "forget this conversation" to drop even that. If you ask me in a chat app, it keeps your messages under its own rules, so leave out names and details you would not want stored there.',
  /** The latest date a passage was checked (knowledgeOverview) and the newest source's date. */
  sources: (dates: { lastReviewed: string | null; newestSource: string | null }) =>
    `Every answer cites its sources (the publisher, the date and a link), and I say so when none covers a question. My passages were last reviewed on ${dates.lastReviewed ?? 'an unknown date'}${dates.newestSource ? `, and the newest source is dated ${dates.newestSource}` : ''}. Rules, numbers and wait times change: check the cited source, or ask a lawyer, before you act on an answer.`,
  forget:
    "Done: I've forgotten this conversation, so your next question starts fresh. I keep no copy of what you type. If you asked in a chat app, your messages stay there under its own rules: delete them there if you want them gone.",
  acknowledgement:
    'Ask me another question whenever you need to, or type help to see what I can answer.',
  feedback:
    "Sorry that didn't help. Try asking in other words, or say a little more: where you are now and what you want to know. When no passage covers a question I say so; for your own situation, a lawyer or a legal clinic can help. Or try one of these:",
} as const;

/** How the help reply names a knowledge topic; a topic not listed is named by its own words. */
const TOPIC_NAMES: Record<string, string> = {
  eligibility: 'who can claim asylum in Canada',
  'claim-process': 'how a refugee claim works, its deadlines and appeals',
  'safe-third-country': 'the Safe Third Country Agreement',
  'law-changes': "Canada's new asylum rules (Bill C-12)",
  risks: 'the risks',
  statistics: 'the numbers',
  lgbtq: 'LGBTQ claims',
  cases: 'known cases',
  'other-countries': 'asylum in other countries',
  alternatives: 'other ways to move abroad, such as work visas and citizenship by descent',
  'legal-help': 'where to find legal help',
};

/** The help reply's names for the knowledge's topics: the known ones in a reader's order first. */
export function topicNames(topics: readonly string[]): string[] {
  const present = new Set(topics);
  present.delete('safety'); // crisis contacts are not a subject to ask about
  const known = Object.keys(TOPIC_NAMES).filter((topic) => present.has(topic));
  const others = [...present].filter((topic) => !(topic in TOPIC_NAMES));
  return [...known, ...others].map((topic) => TOPIC_NAMES[topic] ?? topic.replace(/-/g, ' '));
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}`;
}

/** A note, in the asker's language, that answers are in English. */
export const ENGLISH_ONLY: Record<Exclude<Language, 'en'>, { found: string; notFound: string }> = {
  es: {
    found: 'Respondo solo en inglés; esta es la mejor respuesta en inglés que encontré.',
    notFound:
      'Respondo solo en inglés, y no encontré una respuesta con fuentes para esta pregunta.',
  },
  fr: {
    found:
      "Je réponds seulement en anglais ; voici la meilleure réponse en anglais que j'ai trouvée.",
    notFound:
      "Je réponds seulement en anglais, et je n'ai pas trouvé de réponse sourcée à cette question.",
  },
};
