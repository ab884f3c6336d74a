/**
 * How many generated cases a property runs. `npm test` runs a fifth of each property's full count
 * (at least 100), to stay quick; CI (`.ci/run`) sets FULL_PROPERTY_RUNS=1 for the full counts.
 */
export function runs(full: number): number {
  if (process.env.FULL_PROPERTY_RUNS === '1') return full;
  return Math.min(full, Math.max(100, Math.round(full / 5)));
}
