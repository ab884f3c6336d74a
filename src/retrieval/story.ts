const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export interface Asked {
  /** The sentences that ask (end in "?"), or the whole message when none or all of them do. */
  ask: string;
  /** The rest: the asker's situation, which says what the question is about without being it. */
  story: string;
}

/**
 * People often tell their story before they ask ("We have some savings… Will we be allowed to
 * work while we wait?"). The story's incidental words (savings, husband, Florida) are not what is
 * asked, and weighed like the question they would make a well-covered question look unanswered.
 */
export function splitStory(message: string): Asked {
  const sentences = [...segmenter.segment(message)].map((s) => s.segment.trim()).filter(Boolean);
  const asking = sentences.filter((s) => s.endsWith('?'));
  if (asking.length === 0 || asking.length === sentences.length) return { ask: message, story: '' };
  return {
    ask: asking.join(' '),
    story: sentences.filter((s) => !s.endsWith('?')).join(' '),
  };
}
