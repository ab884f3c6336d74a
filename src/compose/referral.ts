import type { Passage } from '../knowledge/schema.ts';

/**
 * Where a person seems to be, from the words of their message, to refer them to help that fits:
 * a provincial legal aid in Canada, not Legal Aid Ontario for someone in Texas.
 */
export type Whereabouts = 'US' | 'CA' | 'unknown';

const PROVINCES: Readonly<Record<string, RegExp>> = {
  ontario: /\b(ontario|toronto|ottawa|hamilton|windsor|kingston|london,? on)\b/,
  'british columbia': /\b(bc|b\.c\.|british columbia|vancouver|victoria|surrey|burnaby)\b/,
  quebec: /\b(quebec|québec|montreal|montréal|gatineau)\b/,
  alberta: /\b(alberta|calgary|edmonton)\b/,
  manitoba: /\b(manitoba|winnipeg)\b/,
  'nova scotia': /\b(nova scotia|halifax)\b/,
};
const CANADA = /\b(canada|canadian|province|irb|cbsa|ircc|rad|rpd|legal aid)\b/;
const UNITED_STATES =
  /\b(usa|u\.s\.|united states|america|stateside|uscis|ice|texas|florida|california|new york|ohio|georgia|alabama|tennessee|missouri|idaho|utah|arizona|louisiana|oklahoma|carolina|virginia|michigan|illinois|washington state|oregon|my state|the states|state law|immigration court)\b/;

export function whereaboutsOf(text: string): Whereabouts {
  const t = text.toLowerCase();
  const province = Object.values(PROVINCES).some((pattern) => pattern.test(t));
  if (province || CANADA.test(t)) return 'CA';
  if (UNITED_STATES.test(t) || /\bUS\b/.test(text)) return 'US';
  return 'unknown';
}

// Who is holding someone says where they are: "ICE is at my door, can I still claim in Canada?"
// is in the US, whatever country it names.
const US_AGENCY = /\b(ice|homeland security|dhs|border patrol|cbp|feds|federal agents?)\b/;
const CANADIAN_AGENCY = /\b(cbsa|rcmp|mounties|canada border services)\b/;

/** Where someone being detained is: the agency holding them first, then the places named. */
export function detentionWhereaboutsOf(text: string): Whereabouts {
  const t = text.toLowerCase();
  const us = US_AGENCY.test(t);
  const canadian = CANADIAN_AGENCY.test(t);
  if (us !== canadian) return us ? 'US' : 'CA';
  return whereaboutsOf(text);
}

/**
 * The sourced legal-help passage for someone in Canada: their province's legal aid when they
 * name one the knowledge has, else the general one. Picked by topic, jurisdiction and title, so
 * new passages of the knowledge are found without listing them here.
 */
export function canadianReferral(
  text: string,
  passages: readonly Passage[],
  general: Passage | undefined,
): Passage | undefined {
  const t = text.toLowerCase();
  const legalHelp = passages.filter((p) => p.topic === 'legal-help' && p.jurisdiction === 'CA');
  for (const [province, pattern] of Object.entries(PROVINCES)) {
    if (!pattern.test(t)) continue;
    const local = legalHelp.find((p) => p.title.toLowerCase().includes(province));
    if (local) return local;
  }
  return general;
}

/**
 * Which country's crisis lines someone needs: where they say they are ("in canada", a Canadian
 * city, a US state), not every country they name. Someone in Texas asking whether Canada would
 * take them is in the US. Unknown when they name places in both, or none.
 */
export function crisisWhereaboutsOf(text: string): Whereabouts {
  const t = text.toLowerCase();
  const canada =
    Object.values(PROVINCES).some((pattern) => pattern.test(t)) || /\bin canada\b/.test(t);
  const us = UNITED_STATES.test(t) || /\bUS\b/.test(text);
  return canada === us ? 'unknown' : canada ? 'CA' : 'US';
}

/**
 * Crisis contacts with those for the country the person is in first, each keeping its place
 * otherwise: "is there a suicide hotline in canada" leads with Canada's 9-8-8, not the US one,
 * and someone in Ohio gets the US line before Canada's. With no country named, as the knowledge
 * orders them.
 */
export function nearestFirst<P extends Pick<Passage, 'jurisdiction'>>(
  contacts: readonly P[],
  where: Whereabouts,
): P[] {
  if (where === 'unknown') return [...contacts];
  const elsewhere = (p: P) => p.jurisdiction !== where && p.jurisdiction !== 'general';
  return [...contacts.filter((p) => !elsewhere(p)), ...contacts.filter(elsewhere)];
}
