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
  detained: 'If you or someone with you is being detained or is in danger right now, get help now:',
  advice:
    "I can't tell you how your own case will turn out: that depends on your facts and needs a lawyer who knows them. Here is the general information, with its sources.",
  refusal:
    "I can't help with misleading officials or crossing a border unseen. Here is what the sources say about the risks.",
} as const;

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
