/**
 * Messages that are not questions for the knowledge: a greeting, thanks, a request for help, a
 * goodbye, and questions about the bot itself (what it is, what it keeps of a message, where its
 * answers come from) or a verdict on its last answer. Only a message that is nothing else counts
 * ("hi, can I claim in Canada?" is a question), so the bot never answers a question with
 * pleasantries; a message of several such sentences ("hi! are you a bot?") is the most telling of
 * them. Without these, "do you save what I type?" was answered from a crisis line's passage and
 * "who made you?" from the one on misrepresentation, and "delete everything i said pls" with 911.
 * A request to forget the conversation (`forget`) is also a command: the caller drops what it
 * keeps of the conversation (see `Turn.forgotten`).
 */
export const SMALL_TALK_KINDS = [
  'greeting',
  'thanks',
  'help',
  'goodbye',
  'about',
  'privacy',
  'sources',
  'feedback',
  'acknowledgement',
  'forget',
] as const;
export type SmallTalk = (typeof SMALL_TALK_KINDS)[number];

const POLITE = '(?:ok(?:ay)?|great|perfect|cool|awesome|wonderful|oh|well|and|so|hi|hey|hello)';
/** The bot, as people address it. "This" alone is too vague: "does this keep my claim open?" */
const BOT = '(?:you|u|ya|this bot|the bot|this chat ?bot|this chat|this app|this thing)';
const WHAT_IT_IS =
  '(?:lawyer|attorney|bot|robot|ai|human|person|human being|chat ?bot|machine|program|computer|paralegal|legal advi[cs]or|chat ?gpt)';
const MESSAGES =
  '(?:what i (?:type|say|write|ask|send|tell (?:you|u))|my (?:messages?|questions?|data|info|information|chats?|name|identity|details|answers)|our (?:chats?|conversation|messages)|this (?:chat|conversation)|these (?:messages|chats|questions)|(?:any )?(?:logs|records|data|history|chat history)|anything|everything|any of (?:this|it)|it|that|this|me)';
/** What was typed to the bot, without the pronouns that may point at a passage's subject ("who can see it?"). */
const TYPED =
  '(?:what i (?:type|say|write|ask|send)|my (?:messages?|questions?|chats?)|our (?:chats?|conversation|messages)|this (?:chat|conversation)|these (?:messages|chats|questions))';
const RECIPIENTS =
  '(?:anyone|anybody|the government|the us government|ice|the police|the cops|immigration|cbsa|ircc|third parties|others|slack|discord)';
const UNHELPFUL =
  '(?:useless|unhelpful|wrong|incorrect|irrelevant|garbage|trash|bad|stupid|dumb|confusing|nonsense|off topic|no help|not (?:helpful|useful|right|correct|true|it|what i (?:asked|meant|wanted|need(?:ed)?|was asking)))';
const HELPFUL = '(?:helpful|useful|great|perfect|amazing|awesome|clear|informative|super helpful)';
const THAT =
  "(?:that|this|it|you|u|your answer|that answer|this answer|the answer)(?:'s|'re| is| was| are| were)?";
const VERY = '(?:(?:so|really|totally|completely|pretty|kinda|very|super|just|quite|extremely) )*';
const PLEASE =
  "(?:please|pls|plz|now|and|then|also|can you|could you|can u|would you|will you|i want you to|i need you to|i would like you to|i'd like you to)";
const ERASE = '(?:delete|erase|clear|forget|wipe|remove|scrub|purge)';
/**
 * What was said here, as a thing to forget: only the conversation and the person's own words or
 * data, never "my claim" or "my record" ("how do I delete my refugee claim?" asks the knowledge).
 */
const SAID =
  "(?:(?:all|everything|all of) )?(?:everything|it all|all of it|what i (?:said|typed|wrote|told you|asked|sent|shared)|(?:everything|all) i(?:'ve| have)? (?:said|typed|wrote|written|told you|asked|sent|shared)|my (?:messages?|questions?|data|info|information|history|chat history|chats?|conversation|details)|(?:this|our|the|that) (?:chat|conversation|thread|history|chat history|session)|our (?:messages|talk)|(?:our|this|that) (?:whole )?(?:chat|conversation))";

const PATTERNS: readonly [SmallTalk, RegExp][] = [
  [
    'greeting',
    /^(?:hi+|hello+|hey+|hiya|howdy|yo|greetings|hola|bonjour|salut|good (?:morning|afternoon|evening|day))(?: (?:there|bot|all|everyone|folks|friend))?$/,
  ],
  [
    'greeting',
    /^(?:(?:hi+|hello+|hey+) )?(?:are you (?:there|awake|on|working|alive)|(?:anyone|anybody)(?: (?:there|here|home|around))?|is (?:this|it) (?:on|working)|test(?:ing)?(?: 1 2 3| 123)?)$/,
  ],
  [
    'thanks',
    new RegExp(
      `^(?:${POLITE} )?(?:thanks?|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it|many thanks)(?: (?:so|very) much| a lot| a ton)?(?: (?:for (?:the|your) (?:help|answer|answers|info|information)))?$`,
    ),
  ],
  ['thanks', new RegExp(`^(?:${POLITE} )?(?:${THAT} )?${VERY}${HELPFUL}(?: answer)?$`)],
  ['thanks', /^(?:good|nice|great) (?:bot|job|one|answer)$/],
  [
    'acknowledgement',
    /^(?:ok(?:ay)?|k|kk|okie|alright|all right|got it|gotcha|i see|i get it|understood|makes sense|that makes sense|fair enough|fair|right|sure|cool|noted|interesting|hm+|hmm+|huh|ah+|oh+|ohh+ ok(?:ay)?|oh ok(?:ay)?|ah ok(?:ay)?|sorry|my bad|never ?mind|nvm|forget it|no worries|wow|damn|dang|yikes|ugh)$/,
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
  [
    'about',
    new RegExp(
      `^(?:${POLITE} )?(?:(?:(?:are|r|is) ${BOT}|is this) (?:(?:a|an|actually|really|even|real|live|actual) )*${WHAT_IT_IS}(?: or (?:(?:a|an|real|live) )*${WHAT_IT_IS})?|(?:who|what) (?:are|r) (?:you|u)|what(?:'s| is) your name|do (?:you|u) have a name|(?:who|what) is this(?: bot| thing)?|who (?:made|built|created|wrote|programmed|designed|runs|owns|operates|trained|is behind) ${BOT}|(?:am i|are we) (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:real |live )?${WHAT_IT_IS})$`,
    ),
  ],
  [
    'privacy',
    new RegExp(
      `^(?:${POLITE} )?(?:(?:do|will|does|can|did|are|is) ${BOT} (?:going to |gonna )?(?:(?:save|store|keep|log|record|track|share|sell|remember|monitor|collect|saving|storing|keeping|logging|recording|tracking|sharing)(?: ${MESSAGES})?|(?:see|read|send) ${TYPED}|report (?:me|us|${TYPED}))(?: (?:with|to) ${RECIPIENTS})?|is (?:this chat|this bot|this conversation|this app|my (?:questions?|messages?|chats?)|talking to (?:you|u)|what i (?:type|write|say)) (?:private|confidential|anonymous|secure|encrypted|monitored|recorded|logged|saved|stored|tracked)|(?:what|wat) (?:do|will|does) ${BOT} do with ${MESSAGES}|who (?:can|will|could) (?:see|read) ${TYPED}|(?:your )?(?:privacy|privacy policy|data policy))$`,
    ),
  ],
  [
    'sources',
    /^(?:(?:what|which) (?:are )?(?:your|the) sources|what sources (?:do|did) (?:you|u) (?:use|cite|have)|where (?:do|does) (?:you|u) get (?:your|this|the|that|these) (?:info|information|facts|data|answers|stuff)(?: from)?|where (?:does|do) (?:your|this|the|that) (?:info|information|facts|data|answers|stuff) come from|how (?:up to date|current|recent|old|accurate|reliable|trustworthy) (?:is|are) (?:this|you|u|it|your (?:info|information|answers|sources|data|knowledge)|this (?:info|information|bot|data))|(?:when|how often) (?:were|was|are|is) (?:you|u|this|this bot|your (?:info|information|knowledge|data)) (?:last )?updated|(?:is|are) (?:this|your) (?:(?:info|information|answers|data|knowledge|sources) )?(?:up to date|current|accurate|reliable|still valid)|can i (?:trust|rely on) (?:you|u|this|your answers|this (?:info|information|bot)))$/,
  ],
  [
    'forget',
    new RegExp(
      `^(?:${PLEASE} )*(?:${ERASE} ${SAID}|start (?:over|again|fresh|afresh)|(?:reset|restart)(?: (?:the |this |our )?(?:chat|conversation))?|(?:new|fresh) (?:conversation|chat|start)|clear(?: (?:the )?(?:chat|screen))?|forget all (?:that|this|of it)|forget everything)(?: (?:please|pls|plz|now|too|as well|for me|right now|asap|thanks|thank you|thx|ty))*$`,
    ),
  ],
  ['feedback', /^bad (?:bot|answer|job)$/],
  [
    'feedback',
    new RegExp(
      `^(?:(?:${POLITE}|no|nope|nah|wow|ugh|um+|hmm+) )*(?:(?:${THAT} )?${VERY}${UNHELPFUL}(?: answer)?|(?:that|this|it|you|u) (?:does ?n'?t|did ?n'?t|does not|did not) (?:help|answer (?:my|the) question|answer it|make sense))$`,
    ),
  ],
];

/**
 * When a message holds several kinds ("hi! are you a bot?"), the one the reply is about: what
 * the person asks of the bot before a greeting or thanks around it.
 */
const PRIORITY: readonly SmallTalk[] = [
  'forget',
  'privacy',
  'about',
  'sources',
  'feedback',
  'help',
  'goodbye',
  'thanks',
  'greeting',
  'acknowledgement',
];

/** Which kind of small talk a whole message is, or null when it is (or contains) a question. */
export function smallTalkOf(text: string): SmallTalk | null {
  if (text.length > MAX_CHARACTERS) return null;
  const whole = kindOf(text);
  if (whole) return whole;
  // Each sentence or clause on its own ("hi, are you a bot?", "thanks! bye").
  const parts = text.split(/[?.!,;:]+/).filter((part) => /[\p{L}\p{N}]/u.test(part));
  if (parts.length < 2) return null;
  const kinds = parts.map(kindOf);
  if (kinds.some((kind) => kind === null)) return null;
  return PRIORITY.find((kind) => kinds.includes(kind)) ?? null;
}

/** A message longer than this says more than small talk. */
const MAX_CHARACTERS = 160;
/** One sentence longer than this (normalised) is not small talk. */
const MAX_SENTENCE = 70;

/** Contractions typed without their apostrophe ("whats your name", "thats not what i asked"). */
const CONTRACTIONS: Readonly<Record<string, string>> = {
  whats: "what's",
  thats: "that's",
  im: "i'm",
  youre: "you're",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  wasnt: "wasn't",
};

function kindOf(text: string): SmallTalk | null {
  const t = chatForm(text);
  if (!t || t.length > MAX_SENTENCE) return null;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(t)) return kind;
  return null;
}

/**
 * A chat message as the rules here and in more.ts read it: lower case, straight apostrophes,
 * words and digits only (a question mark kept inside, dropped at the end), contractions typed
 * without their apostrophe restored.
 */
export function chatForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'? ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\p{L}) ?[?]+$/u, '')
    .replace(/\b[a-z]+\b/g, (word) => CONTRACTIONS[word] ?? word);
}
