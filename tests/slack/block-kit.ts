/**
 * What Slack would reject or regret in a message: Block Kit limits (as documented at
 * https://docs.slack.dev/reference/block-kit) and live mentions. Used by the fake Slack, which
 * answers `invalid_blocks` like the real one, and by the renderer's property tests.
 */

type Json = Record<string, unknown>;

/** Anything that would notify people: `<!channel>`, `<!here>`, `<!everyone>`, groups, users. */
export const LIVE_MENTION = /<!(?:channel|here|everyone|subteam)|<@/i;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textProblems(where: string, text: unknown, max: number): string[] {
  if (!isObject(text)) return [`${where}: missing text object`];
  if (text.type !== 'mrkdwn' && text.type !== 'plain_text') return [`${where}: bad text type`];
  if (typeof text.text !== 'string' || !text.text.trim()) return [`${where}: empty text`];
  const problems: string[] = [];
  if (text.text.length > max) problems.push(`${where}: ${text.text.length} > ${max} characters`);
  // In mrkdwn, `<` only ever opens a link we made; anything else is markup from text.
  if (text.type === 'mrkdwn' && /<(?!https?:\/\/)/.test(text.text)) {
    problems.push(`${where}: markup other than a link`);
  }
  return problems;
}

function buttonProblems(where: string, element: Json): string[] {
  const problems = textProblems(`${where}.text`, element.text, 75);
  if (isObject(element.text) && element.text.type !== 'plain_text') {
    problems.push(`${where}: button text must be plain_text`);
  }
  if (typeof element.action_id !== 'string' || element.action_id.length > 255) {
    problems.push(`${where}: bad action_id`);
  }
  if (
    element.value !== undefined &&
    (typeof element.value !== 'string' || element.value.length > 2000)
  ) {
    problems.push(`${where}: value longer than 2000 characters`);
  }
  return problems;
}

function blockProblems(where: string, block: unknown): string[] {
  if (!isObject(block)) return [`${where}: not an object`];
  switch (block.type) {
    case 'section':
      return textProblems(`${where}.text`, block.text, 3000);
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length < 1 || elements.length > 10) {
        return [`${where}: ${elements.length} elements (1 to 10 allowed)`];
      }
      return elements.flatMap((element, i) =>
        textProblems(`${where}.elements[${i}]`, element, 3000),
      );
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length < 1 || elements.length > 25) {
        return [`${where}: ${elements.length} elements (1 to 25 allowed)`];
      }
      return elements.flatMap((element, i) =>
        isObject(element) && element.type === 'button'
          ? buttonProblems(`${where}.elements[${i}]`, element)
          : [`${where}.elements[${i}]: not a button`],
      );
    }
    case 'header': {
      const problems = textProblems(`${where}.text`, block.text, 150);
      if (isObject(block.text) && block.text.type !== 'plain_text') {
        problems.push(`${where}: header text must be plain_text`);
      }
      return problems;
    }
    case 'divider':
      return [];
    default:
      return [`${where}: unexpected block type ${String(block.type)}`];
  }
}

/** Every problem with a Home tab view for `views.publish` (100 blocks at most), or none. */
export function homeViewProblems(view: unknown): string[] {
  if (!isObject(view)) return ['view: not an object'];
  if (view.type !== 'home') return [`view: type ${String(view.type)}, not home`];
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const problems = blocks.length > 100 ? [`blocks: ${blocks.length} > 100`] : [];
  if (!blocks.length) problems.push('blocks: none');
  problems.push(...blocks.flatMap((block, i) => blockProblems(`blocks[${i}]`, block)));
  if (JSON.stringify(view).length > 250_000) problems.push('view: larger than 250 kB');
  if (LIVE_MENTION.test(JSON.stringify(view))) problems.push('a live mention');
  return problems;
}

/** Every problem with a message (`text` and `blocks`), or none. */
export function messageProblems(message: Json): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || !message.text.trim()) {
    problems.push('text: the fallback text is missing or empty');
  } else if (message.text.length > 40_000) {
    problems.push('text: longer than 40,000 characters');
  } else if (/<(?!https?:\/\/)/.test(message.text)) {
    problems.push('text: markup other than a link');
  }
  if (message.blocks !== undefined) {
    const blocks = Array.isArray(message.blocks) ? message.blocks : [];
    if (blocks.length > 50) problems.push(`blocks: ${blocks.length} > 50`);
    problems.push(...blocks.flatMap((block, i) => blockProblems(`blocks[${i}]`, block)));
    const actionIds = blocks.flatMap((block) =>
      isObject(block) && Array.isArray(block.elements)
        ? block.elements
            .filter(isObject)
            .map((e) => e.action_id)
            .filter(Boolean)
        : [],
    );
    if (new Set(actionIds).size !== actionIds.length) problems.push('blocks: duplicate action_id');
  }
  if (LIVE_MENTION.test(JSON.stringify(message))) problems.push('a live mention');
  return problems;
}
