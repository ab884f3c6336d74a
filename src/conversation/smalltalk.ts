/**
 * Messages that are not questions: a greeting, thanks, a request for help, a goodbye. Only a
 * message that is nothing else counts ("hi, can I claim in Canada?" is a question), so the bot
 * never answers a question with pleasantries.
 */
export type SmallTalk = 'greeting' | 'thanks' | 'help' | 'goodbye';

const POLITE = '(?:ok(?:ay)?|great|perfect|cool|awesome|wonderful|oh|well|and|so)';
const PATTERNS: readonly [SmallTalk, RegExp][] = [
  [
    'greeting',
    /^(?:hi+|hello+|hey+|hiya|howdy|yo|greetings|hola|bonjour|salut|good (?:morning|afternoon|evening|day))(?: (?:there|bot|all|everyone|folks|friend))?$/,
  ],
  [
    'thanks',
    new RegExp(
      `^(?:${POLITE} )?(?:thanks?|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it|many thanks)(?: (?:so|very) much| a lot| a ton)?(?: (?:for (?:the|your) (?:help|answer|answers|info|information)))?$`,
    ),
  ],
  [
    'help',
    /^(?:help|help me|help please|please help|\?+|menu|commands|options|start|what can you do|what do you do|what can i ask(?: you)?|what do you know(?: about)?|what can you help (?:me )?with|how does this work|how do i use (?:this|you))$/,
  ],
  [
    'goodbye',
    new RegExp(
      `^(?:${POLITE} )?(?:bye+|goodbye|bye bye|see (?:you|ya)|cya|exit|quit|stop|done|i'?m done|that'?s all|that is all|good night|later)$`,
    ),
  ],
];

/** Which kind of small talk a whole message is, or null when it is (or contains) a question. */
export function smallTalkOf(text: string): SmallTalk | null {
  const t = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'? ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\p{L}) ?[?]+$/u, '');
  if (!t || t.length > 60) return null;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(t)) return kind;
  return null;
}
