// The fuzz inputs: an invented article and a sidecar written for it (entities
// of the invented cast, claims, pins and notes quoting the article), in a
// random YAML style, then mutated at the byte, token or structure level.
// Everything is drawn from one seed, so an input is reproduced from its seed.
import { mutateArticle, mutateBytes, mutateTokens } from './mutate';
import { mutateTree } from './treeMutations';
import { Random } from './random';
import { CAST, nameSpans, sentenceSpans, writeArticle } from './world';
import { Emitter, map, scalar, seq, type EmitOptions, type ScalarStyle, type YMap, type YNode, type YPair } from './yamlTree';

export interface FuzzCase {
  readonly seed: number;
  readonly article: string;
  readonly sidecar: string;
  /** What was done to make it, for reports. */
  readonly label: string;
}

export interface GenerateOptions {
  /** Largest article, in UTF-16 units (a few are made this big; most are small). */
  readonly maxArticle: number;
}

export const DEFAULT_GENERATE: GenerateOptions = { maxArticle: 64 * 1024 };

type Style = { readonly scalar: () => ScalarStyle; readonly flowItems: number; readonly flowLists: number };

function pickStyle(rng: Random): Style {
  const mood = rng.pick(['plain', 'quoted', 'blocky', 'mixed'] as const);
  const styles: Record<typeof mood, readonly (readonly [ScalarStyle, number])[]> = {
    plain: [['plain', 1]],
    quoted: [['double', 2], ['single', 2], ['plain', 1]],
    blocky: [['literal', 2], ['folded', 2], ['plain', 1]],
    mixed: [['plain', 3], ['double', 1], ['single', 1], ['literal', 1], ['folded', 1]],
  };
  return { scalar: () => rng.weighted(styles[mood]), flowItems: rng.pick([0, 0.2, 0.8]), flowLists: rng.pick([0.2, 0.8]) };
}

class SidecarBuilder {
  private readonly style: Style;
  constructor(
    private readonly rng: Random,
    private readonly article: string,
  ) {
    this.style = pickStyle(rng);
  }

  text(value: string): YNode {
    return scalar(value, this.style.scalar());
  }

  list(values: string[]): YNode {
    return seq(values.map((v) => this.text(v)), this.rng.chance(this.style.flowLists));
  }

  item(fields: [string, YNode | undefined][]): YMap {
    const present = fields.filter((f): f is [string, YNode] => f[1] !== undefined);
    return map(present, this.rng.chance(this.style.flowItems));
  }

  build(): YMap {
    const rng = this.rng;
    const sourceIds = Array.from({ length: rng.between(0, 4) }, (_, i) => `${rng.pick(['alder-post', 'kelm-courier', 'ledger', 'trust-minutes'])}-${1900 + i * 7}`);
    const entities = rng.sample(CAST, rng.between(0, CAST.length));
    const pairs: [string, YNode][] = [];
    if (rng.chance(0.2)) pairs.push(['article', this.text(rng.pick(['fuzz.txt', 'other.md', '../fuzz.txt', 'fuzz.md']))]);
    if (sourceIds.length > 0 || rng.chance(0.2)) pairs.push(['sources', map(sourceIds.map((id) => [id, this.source()]), rng.chance(0.1))]);
    if (entities.length > 0 || rng.chance(0.2)) pairs.push(['entities', map(entities.map((e) => [e.id, this.entity(e)]), rng.chance(0.1))]);
    const claims = Array.from({ length: rng.between(0, 6) }, () => this.claim(sourceIds, entities.map((e) => e.id)));
    if (claims.length > 0 || rng.chance(0.3)) pairs.push(['claims', seq(claims, rng.chance(0.05))]);
    const pins = Array.from({ length: rng.between(0, 3) }, () => this.pin()).filter((p): p is YMap => p !== undefined);
    if (pins.length > 0) pairs.push(['mentions', seq(pins)]);
    const notes = Array.from({ length: rng.between(0, 3) }, () => this.note());
    if (notes.length > 0) pairs.push(['notes', seq(notes)]);
    const root = map(pairs);
    this.shareAnchors(root);
    return root;
  }

  private source(): YMap {
    const rng = this.rng;
    return this.item([
      ['title', this.text(rng.pick(['Harbour minutes: "quays sold"', 'The Alder Post, 3 May', 'Kelm Courier — interview', 'Ledger #4', 'it’s all here']))],
      ['url', rng.chance(0.5) ? this.text(rng.pick(['https://example.org/a?b=c#d', 'javascript:alert(1)', 'command:evil', 'http://x.test/a b'])) : undefined],
      ['publisher', rng.chance(0.4) ? this.text('Alder Press') : undefined],
      ['date', rng.chance(0.4) ? scalar(rng.pick(['1931-05-02', '2001', '2020-13-45']), 'plain') : undefined],
      ['note', rng.chance(0.2) ? this.text('Seen in the archive; page 3 is missing.') : undefined],
    ]);
  }

  private entity(e: (typeof CAST)[number]): YMap {
    const rng = this.rng;
    return this.item([
      ['name', this.text(e.name)],
      ['type', scalar(rng.chance(0.95) ? e.type : 'monster')],
      ['aliases', e.aliases.length > 0 && rng.chance(0.85) ? this.list([...e.aliases]) : undefined],
      ['description', e.description && rng.chance(0.7) ? this.text(e.description) : undefined],
      ['links', e.links && rng.chance(0.5) ? this.list([...e.links]) : undefined],
    ]);
  }

  /** A quote of the article (a sentence, or some words of one), with context sometimes. */
  private anchor(): [string, YNode | undefined][] {
    const rng = this.rng;
    const sentences = sentenceSpans(this.article);
    let span = sentences.length > 0 ? rng.pick(sentences) : { start: 0, end: Math.min(this.article.length, 12) };
    if (rng.chance(0.4)) {
      const start = span.start + rng.int(Math.max(1, (span.end - span.start) >> 1));
      span = { start, end: Math.min(span.end, start + rng.between(4, 40)) };
    }
    const quote = this.article.slice(span.start, span.end) || 'nothing at all';
    const prefix = rng.chance(0.3) ? this.article.slice(Math.max(0, span.start - rng.between(1, 24)), span.start) : undefined;
    const suffix = rng.chance(0.3) ? this.article.slice(span.end, span.end + rng.between(1, 24)) : undefined;
    const occurrence = rng.chance(0.15) ? String(rng.between(1, 3)) : undefined;
    return [
      ['quote', this.text(quote)],
      ['prefix', prefix ? this.text(prefix) : undefined],
      ['suffix', suffix ? this.text(suffix) : undefined],
      ['occurrence', occurrence ? scalar(occurrence) : undefined],
    ];
  }

  private claim(sourceIds: string[], entityIds: string[]): YMap {
    const rng = this.rng;
    const sources = rng.sample([...sourceIds, 'ghost-source'], rng.between(0, 2));
    const fields: [string, YNode | undefined][] = [
      ['id', rng.chance(0.3) ? scalar(`c${rng.between(1, 4)}`) : undefined],
      ...this.anchor(),
      ['sources', sources.length === 0 ? undefined : sources.length === 1 && rng.chance(0.3) ? scalar(sources[0]!) : this.list(sources)],
      ['attributed-to', rng.chance(0.2) && entityIds.length > 0 ? scalar(rng.pick([...entityIds, 'nobody'])) : undefined],
      ['kind', rng.chance(0.4) ? scalar(rng.pick(['fact', 'opinion', 'fact', 'rumour'])) : undefined],
      ['note', rng.chance(0.2) ? this.text('Check with the harbour office.') : undefined],
    ];
    if (rng.chance(0.3)) fields.reverse();
    return this.item(fields);
  }

  private pin(): YMap | undefined {
    const rng = this.rng;
    const names = nameSpans(this.article);
    if (names.length === 0) return undefined;
    const name = rng.pick(names);
    const prefix = rng.chance(0.5) ? this.article.slice(Math.max(0, name.start - rng.between(1, 16)), name.start) : undefined;
    return this.item([
      ['quote', this.text(this.article.slice(name.start, name.end))],
      ['prefix', prefix ? this.text(prefix) : undefined],
      ['entity', scalar(rng.chance(0.8) ? name.id : rng.pick(CAST).id)],
    ]);
  }

  private note(): YMap {
    return this.item([...this.anchor(), ['text', this.text(this.rng.pick(['Ask about the ferry.', 'Two versions: see page 4.', '“Never” — said twice.']))]]);
  }

  /** Valid YAML sharing: `kind: &k fact` reused as `*k`, a `sources` list reused by alias. */
  private shareAnchors(root: YMap): void {
    const claims = root.pairs.find((p) => scalarKey(p) === 'claims')?.value;
    if (claims?.t !== 'seq' || claims.items.length < 2 || !this.rng.chance(0.15)) return;
    const shared = this.rng.pick(['kind', 'sources'] as const);
    let anchored = false;
    for (const item of claims.items) {
      if (item.t !== 'map') continue;
      const pair = item.pairs.find((p) => scalarKey(p) === shared);
      if (!pair || pair.value.t === 'alias' || pair.value.t === 'raw') continue;
      if (!anchored) {
        pair.value.anchor = shared === 'kind' ? 'k' : 'src';
        anchored = true;
      } else pair.value = { t: 'alias', name: shared === 'kind' ? 'k' : 'src' };
    }
  }
}

function scalarKey(pair: YPair): string | undefined {
  return pair.key.t === 'scalar' ? pair.key.value : undefined;
}

function emitOptions(rng: Random): EmitOptions {
  return {
    indentStep: rng.pick([2, 2, 2, 3, 4]),
    indentSequences: rng.chance(0.7),
    crlf: rng.chance(0.1),
    bom: rng.chance(0.05),
    documentStart: rng.chance(0.1),
    documentEnd: rng.chance(0.05),
    headerComment: rng.chance(0.3) ? 'Annotations for fuzz.txt — invented.\nKeep: comments, order.' : undefined,
  };
}

/** How big an article to write: mostly small, sometimes up to the maximum. */
function paragraphCount(rng: Random): number {
  return rng.weighted([
    [rng.between(0, 3), 3],
    [rng.between(4, 12), 4],
    [rng.between(13, 60), 1],
    [rng.between(200, 500), 0.1],
  ]);
}

export type CaseKind = 'valid' | 'article-drift' | 'structure' | 'tokens' | 'bytes';

/** An article and the sidecar tree written for it, before any mutation. */
export function validPair(rng: Random, options: GenerateOptions = DEFAULT_GENERATE): { article: string; tree: YMap; emit: EmitOptions } {
  let article = writeArticle(rng, { paragraphs: paragraphCount(rng), markdown: rng.chance(0.4) });
  if (article.length > options.maxArticle) article = article.slice(0, options.maxArticle);
  return { article, tree: new SidecarBuilder(rng, article).build(), emit: emitOptions(rng) };
}

export function generateCase(seed: number, options: GenerateOptions = DEFAULT_GENERATE): FuzzCase {
  const rng = new Random(seed);
  const pair = validPair(rng, options);
  let article = pair.article;
  const tree = pair.tree;
  const kind = rng.weighted<CaseKind>([['valid', 2], ['article-drift', 3], ['structure', 3], ['tokens', 1.5], ['bytes', 1.5]]);
  const labels: string[] = [kind];
  const times = (): number => rng.weighted([[1, 6], [2, 3], [rng.between(3, 8), 1]]);
  if (kind === 'structure') for (let i = times(); i > 0; i--) labels.push(mutateTree(rng, tree));
  let sidecar = new Emitter(pair.emit).document(tree);
  if (kind === 'structure' && rng.chance(0.12)) {
    const second = rng.pick(['---\nclaims: []\n', '---\n', `---\n${sidecar}`, '...\n---\n- a list\n', '--- |\n  a text document\n']);
    sidecar += second;
    labels.push(`second document ${JSON.stringify(second.slice(0, 12))}`);
  }
  if (kind === 'tokens') for (let i = times(); i > 0; i--) [sidecar] = record(labels, mutateTokens(rng, sidecar));
  if (kind === 'bytes') for (let i = times(); i > 0; i--) [sidecar] = record(labels, mutateBytes(rng, sidecar));
  if (kind === 'article-drift' || (kind === 'bytes' && rng.chance(0.5)) || rng.chance(0.1)) {
    for (let i = times(); i > 0; i--) [article] = record(labels, mutateArticle(rng, article));
  }
  return { seed, article: article.slice(0, options.maxArticle), sidecar: sidecar.slice(0, 64 * 1024), label: labels.join('; ') };
}

function record(labels: string[], [text, label]: [string, string]): [string] {
  labels.push(label);
  return [text];
}
