import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/** What every measurement process is given by bench/run.ts. */
export interface MeasurementArgs {
  quick: boolean;
  /** Corpus size, for the measurements that take one. */
  size: number;
  /** Where to write the JSON result (stdout when empty). */
  out: string;
}

export function measurementArgs(): MeasurementArgs {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      size: { type: 'string', default: '1000' },
      out: { type: 'string', default: '' },
    },
  });
  return { quick: values.quick, size: Number(values.size), out: values.out };
}

/**
 * Runs one measurement in this process and writes its JSON result where bench/run.ts reads it.
 * Progress goes to stderr, so stdout stays free for a result when run by hand.
 */
export async function runMeasurement<T>(measure: (args: MeasurementArgs) => Promise<T>) {
  const args = measurementArgs();
  const result = await measure(args);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (args.out) await writeFile(args.out, json);
  else process.stdout.write(json);
}

export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

/**
 * Runs `step` over `items` for up to `rounds` rounds, stopping early once `budgetMs` has passed
 * (after at least one full round): every loop in the benchmarks is bounded in count and time.
 */
export function rounds<T>(
  items: readonly T[],
  maxRounds: number,
  budgetMs: number,
  step: (item: T, round: number) => void,
): number {
  const start = performance.now();
  let done = 0;
  for (let round = 0; round < maxRounds; round++) {
    for (const item of items) step(item, round);
    done++;
    if (performance.now() - start > budgetMs) break;
  }
  return done;
}
