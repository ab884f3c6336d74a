/** Small statistics helpers shared by the benchmarks. Times are in microseconds unless named. */

/** The q-quantile (0..1) of samples, by linear interpolation between closest ranks. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]) => quantile(samples, 0.95);
export const p99 = (samples: readonly number[]) => quantile(samples, 0.99);

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: round(median(samples)),
    p95: round(p95(samples)),
    p99: round(p99(samples)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/** Rounds to 3 significant decimals for readable JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const ratio = (a: number, b: number) => round(b === 0 ? Number.NaN : a / b, 2);

/** Microseconds since an arbitrary origin, with sub-microsecond resolution. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1_000;
}

/** Runs `fn` once and returns how long it took, in microseconds. */
export function timeUs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1_000;
}

/** Runs the garbage collector when node was started with --expose-gc; otherwise does nothing. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Heap in use, in MiB, after a full collection. */
export function heapUsedMiB(): number {
  collectGarbage();
  return round(process.memoryUsage().heapUsed / 2 ** 20, 1);
}
