/**
 * Slack markup in message text: `<@U123>` and `<@U123|name>` (people), `<#C123|name>`
 * (channels), `<!here>`, `<!subteam^S1|@team>` (special mentions), `<https://…|label>` and
 * `<mailto:…>` (links). In Slack's text a literal `<` is always sent as `&lt;`, so every `<` here
 * opens markup.
 */
const MARKUP = /<([^<>]*)>/g;

function replaceMarkup(inner: string): string {
  const [target = '', label] = inner.split('|', 2);
  if (/^[@#!]/.test(target)) return ' ';
  return label ?? target.replace(/^mailto:/, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The question as the person typed it, from Slack message or command text: mentions of people,
 * channels and groups removed (they say nothing about asylum, and must not reach search or
 * logs), links reduced to their labels, Slack's `&amp;` `&lt;` `&gt;` decoded, spaces collapsed.
 */
export function questionFromSlack(text: string): string {
  return decodeEntities(text.replace(MARKUP, (_, inner: string) => replaceMarkup(inner)))
    .replace(/\s+/g, ' ')
    .trim();
}
