import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.ts';

/** The core must not know about any platform: dependencies point from adapters inward only. */
const FORBIDDEN_IN_CORE = [
  /^\.\.?\/.*adapters\//,
  /^@slack\//,
  /^discord\.js$/,
  /^(node:)?readline(\/|$)/,
];

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [
    ...source.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);
}

describe('architecture', () => {
  const coreFiles = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(ROOT, 'src', file));

  it('finds the core files it checks', () => {
    expect(coreFiles.length).toBeGreaterThan(5);
  });

  it('keeps src/ free of adapters, Slack, Discord and readline', () => {
    const offending = coreFiles.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => FORBIDDEN_IN_CORE.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('leaves reading intents to the core: adapters import no safety rule or intent model', () => {
    // The kind of an answer and its notices come from the core; an adapter that read intents
    // itself would answer a crisis differently on one surface.
    const adapterFiles = readdirSync(path.join(ROOT, 'adapters'), {
      recursive: true,
      encoding: 'utf8',
    })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(ROOT, 'adapters', file));
    const offending = adapterFiles.flatMap((file) =>
      importsOf(file)
        .filter((specifier) =>
          /src\/safety\/(crisis|intent|intents|classifier|intent-examples)\.ts$/.test(specifier),
        )
        .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`),
    );
    expect(adapterFiles.length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });

  it('the import scanner sees the imports it must catch', () => {
    // Guards the guard: if the regular expression stopped matching, the test above would pass vacuously.
    expect(importsOf(path.join(ROOT, 'adapters/repl/repl.ts'))).toContain('node:readline');
  });
});
