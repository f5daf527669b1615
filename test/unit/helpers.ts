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
