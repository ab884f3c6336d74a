/**
 * What a worker thread needs to run this folder's TypeScript sources. Under tsx or vitest (this
 * file is .ts) a worker file is .ts and needs tsx's loader: `--import tsx` does not apply its
 * hooks inside a worker on Node 20 ("Unknown file extension .ts"), so tsx-preload.mjs registers
 * them through tsx's API, which does. Built (.js), a worker needs nothing.
 */
export function typeScriptLoader(): string[] {
  if (!import.meta.url.endsWith('.ts')) return [];
  return ['--import', new URL('./tsx-preload.mjs', import.meta.url).href];
}
