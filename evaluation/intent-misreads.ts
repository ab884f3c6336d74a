import type { Passage } from '../src/knowledge/schema.ts';
import type { Intent } from '../src/safety/classifier.ts';
import type { IntentReader } from '../src/safety/intents.ts';
import type { EvalSet } from './schema.ts';

/** Which way the assistant would route a message: safety first, as it does. */
export function route(reader: IntentReader, text: string): Intent {
  const crisis = reader.crisis(text);
  if (crisis) return crisis === 'detained' ? 'detained' : 'crisis';
  if (reader.deception(text)) return 'deception';
  if (reader.advice(text)) return 'advice';
  return 'none';
}

/** An ordinary question of an evaluation split that the intent reader routes somewhere. */
export interface Misread {
  text: string;
  got: Exclude<Intent, 'none'>;
}

export interface OrdinaryReading {
  /** How many turns expect no safety passage (an ordinary answer or a decline). */
  ordinary: number;
  misread: Misread[];
}

/**
 * The turns of an evaluation split whose answer is not a safety passage, and those the reader
 * routes to an intent all the same. Crisis, detention and deception replace the answer, so each
 * of those is a wrong answer; advice adds a notice to it. Only ever run on the dev split: a test
 * question read here would be tuned on.
 */
export function ordinaryMisreads(
  set: EvalSet,
  passages: readonly Passage[],
  reader: IntentReader,
): OrdinaryReading {
  const safety = new Set(passages.filter((p) => p.topic === 'safety').map((p) => p.id));
  const turns = [...set.questions, ...set.conversations.flat()].filter(
    (turn) => 'abstain' in turn || !turn.expect.some((id) => safety.has(id)),
  );
  const misread = turns.flatMap((turn): Misread[] => {
    const got = route(reader, turn.q);
    return got === 'none' ? [] : [{ text: turn.q, got }];
  });
  return { ordinary: turns.length, misread };
}
