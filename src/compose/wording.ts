/** Every answer carries this, on every surface. */
export const DISCLAIMER =
  'This is general legal information, not legal advice. For advice on your own situation, talk to a lawyer or a legal clinic.';

/** The opening of an abstention: the one sentence the bot says without a source, about itself. */
export const NO_SOURCED_ANSWER = "I don't have a sourced answer to that, so I won't guess.";

/** Passage whose opening sentence points people to legal help when the bot cannot answer. */
export const LEGAL_HELP_PASSAGE_ID = 'finding-legal-help';

/** Questions offered when nothing in a question matches: the ones most people start with. */
export const STARTER_PASSAGE_IDS = [
  'can-americans-claim-asylum-in-canada',
  'stca-does-not-apply-to-us-citizens',
  'alternatives-to-asylum',
] as const;
