import { analyze, prepareArticle, prepareSidecar, type AnalysisOptions } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/model';

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

export function analyzeTexts(article: string, sidecar: string, options?: AnalysisOptions): Analysis {
  return analyze(prepareArticle(article), prepareSidecar(sidecar), options);
}

/** Finds `|` in a text: returns the text without it and the offset. */
/** Each mention of a name several entities share, as text→entity, with `?` when uncertain. */
export function sharedNameChoices(article: string, sidecar: string): string[] {
  return analyzeTexts(article, sidecar)
    .mentions.filter((m) => m.candidates.length > 1)
    .map((m) => `${m.text}→${m.entityId}${m.certain ? '' : '?'}`);
}

export function cursor(textWithBar: string): { text: string; offset: number } {
  const offset = textWithBar.indexOf('|');
  if (offset < 0) throw new Error('no cursor marker');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), offset };
}

export const MASSOUD_ENTITIES = joinLines(
  'entities:',
  '  son:',
  '    name: Ahmad Massoud',
  '    type: person',
  '    aliases: [Massoud]',
  '    description: Afghan politician, son of Ahmad Shah Massoud.',
  '  father:',
  '    name: Ahmad Shah Massoud',
  '    type: person',
  '    aliases: [Massoud]',
  '    description: Afghan commander (1953–2001), father of Ahmad Massoud.',
  '  foundation:',
  '    name: Massoud Foundation',
  '    type: organization',
);

/**
 * Runs `run` while counting the calls to a compiled core module's export (the
 * core calls its imports through the module object, so a count taken here
 * sees every call), then restores it. For tests that assert work not done.
 */
export function countingCalls<T>(modulePath: string, name: string, run: () => T): { result: T; calls: unknown[][] } {
  const module = require(modulePath) as Record<string, (...args: unknown[]) => unknown>;
  const original = module[name]!;
  const calls: unknown[][] = [];
  module[name] = (...args: unknown[]) => (calls.push(args), original(...args));
  try {
    return { result: run(), calls };
  } finally {
    module[name] = original;
  }
}
