// One rule per code `marginalia check` reports, with the help text SARIF
// viewers (GitHub code scanning) show beside a result. The codes of the
// analysis (core/model.ts DIAGNOSTIC_CODES) and the CLI's own.
import type { Severity } from '../core/model';

export interface Rule {
  readonly id: string;
  /** What the finding is, in a few words. */
  readonly short: string;
  /** What it means and what to do about it. */
  readonly help: string;
  readonly level: Severity;
}

export const RULES: readonly Rule[] = [
  { id: 'yaml-syntax', level: 'error', short: 'The sidecar is not valid YAML', help: 'The sidecar file is not valid YAML. Whatever is well formed is still read; fix the syntax error at the position given.' },
  { id: 'schema', level: 'error', short: 'The sidecar does not follow the sidecar format', help: 'A wrong type, an unknown key, a missing required field, an unknown entity type or claim kind (a warning for facts that contradict each other). See "The sidecar format" in the README, or client/schemas/annotations.schema.json.' },
  { id: 'unknown-source', level: 'error', short: 'A claim cites an undefined source', help: "A claim lists a source id that is not defined under 'sources'. Define the source or correct the id." },
  { id: 'unknown-entity', level: 'error', short: 'An undefined entity is named', help: "'attributed-to', a pin or a relation names an entity id that is not defined under 'entities'." },
  { id: 'duplicate-id', level: 'error', short: 'An id is defined twice', help: 'The same source, entity or claim id is defined twice in the sidecar; ids must be unique.' },
  { id: 'orphaned-annotation', level: 'warning', short: 'An annotated quote is not in the article', help: 'The quote of a claim, pin or note is not found in the article, not even approximately. The message shows the closest text; update the quote, or remove the annotation.' },
  { id: 'drifted-annotation', level: 'information', short: 'An annotated quote has changed in the article', help: "The quote is found only approximately: the article's text changed since it was annotated. Update the quote to the current text (the editor's quick fix does it)." },
  { id: 'ambiguous-anchor', level: 'warning', short: 'An annotated quote occurs several times', help: "The quote is found several times in the article and nothing chooses one: add a 'prefix', 'suffix' or 'occurrence'." },
  { id: 'unsourced-claim', level: 'warning', short: 'A fact claim has no source', help: "A 'fact' claim with no 'sources' and no 'attributed-to': cite a source, attribute it to an entity, or mark it as an opinion (kind: opinion)." },
  { id: 'ambiguous-mention', level: 'information', short: 'A shared name the context does not settle', help: "A name shared by several entities of the sidecar, and the text around it does not settle which one is meant. Pin it under 'mentions' to the entity meant." },
  { id: 'missing-article', level: 'error', short: 'A sidecar without its article', help: "No article beside the sidecar (NAME.md, NAME.markdown or NAME.txt) and no 'article:' key naming one; a warning when another sidecar names the same article and is used instead." },
  { id: 'unreadable-article', level: 'error', short: 'The article cannot be read', help: 'The article is missing, binary, outside the folders checked (after resolving links), or a directory, named pipe, socket or device. The message names the rule.' },
  { id: 'limit-exceeded', level: 'warning', short: 'An input is over a budget', help: 'An input is over one of the budgets (a huge or deeply nested sidecar, a quote found 10,000 times, an article over maxArticleBytes); the message names the limit and what was not done. The rest is analysed as usual.' },
  { id: 'misnamed-sidecar', level: 'warning', short: 'A file looks like a sidecar but is not read', help: "A file named like a sidecar but not exactly NAME.annotations.yaml (.yml, .annotation.yaml, other letter case) is not read. Rename it to the name given in the message." },
  { id: 'missing-file', level: 'error', short: 'A path given does not exist', help: 'A path given on the command line does not exist.' },
];

const BY_ID = new Map(RULES.map((rule, index) => [rule.id, { rule, index }]));

export function ruleIndex(id: string): number | undefined {
  return BY_ID.get(id)?.index;
}

export function ruleOf(id: string): Rule | undefined {
  return BY_ID.get(id)?.rule;
}
