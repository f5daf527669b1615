// Every cost that the input controls has a budget, named here once so the
// core, the server and the CLI enforce the same numbers and the README can
// list them. Over a budget, the core reports a `limit-exceeded` finding that
// names the limit, and does no more of that work.
//
// Each budget has a comment saying what it bounds and why the number is
// what it is; a test checks that the README's Safety section lists them all.

export interface Limit {
  /** The name shown in the finding's message and listed in the README. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export const LIMITS = {
  /** Largest sidecar read at all (UTF-16 code units). A hand-written sidecar of 5,000 claims is about 1 MB. */
  sidecarChars: { name: 'sidecar size', value: 8 * 1024 * 1024, unit: 'characters' },
  // Messages the server sends. Every message has a size budget: one
  // publishDiagnostics once grew past V8's longest string and the server exited.
  /** Diagnostics published per file; the rest are counted in one `limit-exceeded` diagnostic. Errors are kept first. */
  diagnosticsPerFile: { name: 'diagnostics per file', value: 1000, unit: 'diagnostics' },
  /** Length of one diagnostic message (a message quotes names and text from the files). */
  messageChars: { name: 'message length', value: 1000, unit: 'characters' },
  /** A name, id or alias quoted in a message or a hover card. */
  nameChars: { name: 'name length', value: 200, unit: 'characters' },
  /** Names listed in one message or hover line (candidates, aliases, sources); the rest are counted: "and N more". */
  namesListed: { name: 'names listed', value: 10, unit: 'names' },
  /** A hover card, as Markdown. A description or note is clipped well before this. */
  hoverChars: { name: 'hover length', value: 10000, unit: 'characters' },
  /** Completion items per request; the list is marked incomplete so the editor asks again as the user types. */
  completionItems: { name: 'completion items', value: 1000, unit: 'items' },
  /** Code actions per request. */
  codeActions: { name: 'code actions', value: 100, unit: 'actions' },
  /** Document symbols (outline entries, at every level) per file. */
  documentSymbols: { name: 'document symbols', value: 5000, unit: 'symbols' },
  /** Locations answered to references and highlights. */
  locations: { name: 'locations', value: 10000, unit: 'locations' },
  /** Code lenses per article (one per paragraph with claims). */
  codeLenses: { name: 'code lenses', value: 1000, unit: 'lenses' },
  /** Workspace symbols per query: editors filter and rank further; more is noise. */
  workspaceSymbols: { name: 'workspace symbols', value: 500, unit: 'symbols' },
  // Anchoring. Finding a quote costs about (occurrences × context) and,
  // when it is not there verbatim, an approximate search (quote length² per
  // candidate place); both were unbounded (a crash at ~120,000 occurrences, a
  // 38 s stall for a long quote inside a run of one character).
  /** Occurrences of one quote looked at. Over it the quote is not placed: a prefix/suffix or occurrence must choose among fewer. A real article repeats a phrase tens of times. */
  anchorOccurrences: { name: 'occurrences of a quote', value: 10_000, unit: 'occurrences' },
  /** Work of one quote's approximate search, per character of the article (at least 16 million comparisons, about 30 ms). */
  approximateSearch: { name: 'approximate search', value: 32, unit: 'comparisons per article character' },
  // Reading a sidecar. Each bounds work whose size the YAML text chooses.
  // A real sidecar stays far below every one: the largest generated bench
  // sidecar (5,000 claims, 300 people) has 134,000 YAML tokens, nesting 5 deep
  // and no aliases. Over a budget, the rest of that part is not read.
  /** Lexical tokens (words, punctuation, spaces, line breaks) read from one sidecar; reading stops there. About 1.5 MB of a hand-written sidecar (the samples have one token per 6 characters) or 9,000 claims like the bench's; yaml parses about 400,000 a second. */
  yamlTokens: { name: 'YAML tokens', value: 250_000, unit: 'tokens' },
  /** Collections inside collections. A sidecar needs 4 (sidecar → entities → entity → aliases); deeper ones are read as empty, which keeps yaml's recursive composer far from the stack limit. */
  yamlDepth: { name: 'nesting depth', value: 64, unit: 'levels' },
  /** YAML aliases (`*name`). Marginalia reads no value through an alias (each is a schema error where a value is read), so thousands are not a hand-written sidecar. */
  yamlAliases: { name: 'YAML aliases', value: 1_000, unit: 'aliases' },
  /** Nodes the aliases stand for, counted without expanding them ("billion laughs": ten aliases of ten aliases of … stand for 10^9 nodes). */
  aliasExpansion: { name: 'alias expansion', value: 100_000, unit: 'nodes' },
  /** A key (an id or a field name). YAML itself allows implicit keys of at most 1,024 characters. */
  keyChars: { name: 'key length', value: 1_024, unit: 'characters' },
  /** One text value (a quote, a description, a note): a long paragraph is 2,000 characters, a long chapter 100,000. */
  valueChars: { name: 'text length', value: 100_000, unit: 'characters' },
  /** Sources in one sidecar. */
  sources: { name: 'sources', value: 5_000, unit: 'sources' },
  /** Entities in one sidecar: a book's index of names has a few hundred to a few thousand. */
  entities: { name: 'entities', value: 5_000, unit: 'entities' },
  /** Aliases of one entity (spellings, transliterations, titles). */
  aliasesPerEntity: { name: 'aliases per entity', value: 100, unit: 'aliases' },
  /** Aliases of all entities together: every name is searched for in the article. */
  aliasesTotal: { name: 'aliases in total', value: 20_000, unit: 'aliases' },
  /** Roles of one entity (`roles`): a long public career has a dozen titles. */
  rolesPerEntity: { name: 'roles per entity', value: 50, unit: 'roles' },
  /** Relation targets of one entity (`relations`, every key together): a large family has a few dozen. The resolver reads them for each candidate of a shared name. */
  relationsPerEntity: { name: 'relations per entity', value: 100, unit: 'relations' },
  /** Claims in one sidecar: twice the 5,000 of the largest bench sidecar. */
  claims: { name: 'claims', value: 10_000, unit: 'claims' },
  /** Sources cited by one claim. */
  sourcesPerClaim: { name: 'sources per claim', value: 100, unit: 'sources' },
  /** Mention pins in one sidecar. */
  mentionPins: { name: 'mention pins', value: 10_000, unit: 'pins' },
  /** Notes in one sidecar. */
  notes: { name: 'notes', value: 10_000, unit: 'notes' },
  /** Syntax and schema problems listed for one sidecar; the rest are counted in one finding. A text of stray brackets has one per character. */
  sidecarProblems: { name: 'problems listed', value: 1_000, unit: 'problems' },
  // Names looked for in the article. At each word that starts some name,
  // the matcher walks the name's words: the walk is as long as the longest
  // name, so names are bounded in characters and in words. (How many names
  // there are is bounded by `entities` and `aliasesTotal`; how many entities
  // share a name costs nothing per mention: candidate lists are shared, and
  // what is worked out from one is worked out once.)
  /** A name or alias looked for in the article; a longer one is not looked for. Real names are under 100 characters. */
  matchedNameChars: { name: 'matched name length', value: 256, unit: 'characters' },
  /** Words and punctuation marks of one name or alias ("Mazar-e-Sharif" has 5); a name with more is not looked for. */
  nameTokens: { name: 'words per name', value: 16, unit: 'words and marks' },
  /** Mentions found in one article; the rest of the article is not searched for names. A book-length article names its main figure a few thousand times. */
  mentions: { name: 'mentions per article', value: 100_000, unit: 'mentions' },
  /** Candidates weighed for one shared name; with more, those the article is most about (headline, lead, most named). Every finder reads each one, so this bounds the work per mention whatever the sidecar: an article rarely names more than a few members of one family, and the cost of a keystroke on a long article grows with this number (about 40 ms at 8 for the 1 MB bench article's 1,000 shared names of 20 candidates each, twice that at 16). */
  candidatesPerMention: { name: 'candidates weighed per mention', value: 8, unit: 'candidates' },
  /** Mentions looked at on each side of a shared name for context (its paragraph only): bounds the work per mention in a paragraph of thousands of names. */
  contextMentions: { name: 'mentions read around a shared name', value: 16, unit: 'mentions' },
  /** Words read after a name's first word while matching, per character of the article (at least a million, a few milliseconds). Real articles need under 0.3 (a text of nothing but "Mazar-e-Sharif"); a crafted one (a 16-word name whose first 15 words the article repeats) needs 7.5 and took 7 s at 20 MB. */
  nameMatchSteps: { name: 'name matching', value: 1, unit: 'word read per article character' },
  /**
   * A Markdown block (a paragraph, a heading, a table cell) whose inline markup is parsed; a piece of the article holding a
   * longer one is read as written, markup and all. The parser's inline pass is quadratic on crafted runs (80 KB of `[a](`
   * took 3 s, 120 KB of `a* ` 1.7 s) and recurses once per level of nested emphasis (10,000 `*` on each side of a word
   * overflowed the stack); a long real paragraph is 2,000 characters.
   */
  markdownInlineChars: { name: 'Markdown block with inline markup', value: 20_000, unit: 'characters' },
  // Writes. Every edit to a sidecar is checked by parsing the edited text
  // once (verifyEdit.ts); fixes that differ only in an id share one check, so
  // the checks of a request do not grow with candidates, but a request over
  // many findings would still parse the sidecar once per finding and fix kind.
  /** Checked edits (one parse of the edited sidecar each) per code action request; further fixes are not offered. A finding needs at most 3 (add a source, attribute, mark as opinion). */
  editChecks: { name: 'checked edits per request', value: 12, unit: 'checks' },
  /** Largest sidecar whose quick fixes are checked before they are offered. One YAML parse costs about 1 ms per 1,000 characters (a 1,000-entity sidecar, 70,000 characters: about 70 ms), and a request may need four; above this size, when the editor resolves code actions, titles are sent at once and the chosen fix is checked when it is applied. */
  eagerFixChars: { name: 'sidecar size for fixes checked when offered', value: 16_000, unit: 'characters' },
  // Reviewing uncertain mentions (core/reviewMentions.ts). The client asks for
  // one mention at a time; these bound an answer to a client that asks for all.
  /** Uncertain mentions described in one answer (sentence, candidates, evidence each); the rest are counted. An article with more is reviewed in several passes. */
  reviewedMentions: { name: 'mentions per review answer', value: 100, unit: 'mentions' },
  /** Candidates offered for one reviewed mention (as many as the pin quick fixes); the rest are counted, to be pinned by hand. */
  reviewedCandidates: { name: 'candidates per reviewed mention', value: 100, unit: 'candidates' },
} as const satisfies Record<string, Limit>;

/** The message of a `limit-exceeded` finding: which limit, its value, and what was skipped. */
export function limitMessage(limit: Limit, what: string): string {
  return `Over the ${limit.name} limit (${limit.value.toLocaleString('en-US')} ${limit.unit}): ${what}`;
}

/** The first `max` characters of a text and "…" when longer, never splitting a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
