// Mutations of fuzz inputs at three levels: bytes (any text), YAML tokens
// (sidecar text) and YAML structure (a sidecar tree before it is emitted).
// Each returns a short label so a failure says what was done to its input.
import type { Random } from './random';
import { clone, scalar, seq, slotsOf, type Chomp, type YMap, type YNode } from './yamlTree';

/** Characters that break naive text handling. */
const NASTY = [
  '\u0000', '\uFEFF', '\uD83D', '\uDE00', '😀', '𝐁', '\u0301', '\u0308', '\r', '\n', '\r\n', '\t', '\u00A0', '\u2028', '\u2029', '\u200B', '\u202E',
  '“', '”', '‘', '’', '«', '»', '"', "'", '`', '…', '—', '\uFFFD', '\uFFFF', '\u0085', 'ǅ', 'ß', 'İ', 'ﬁ', '林', '\u{1F469}\u200D\u{1F4BB}', '🏳️‍🌈',
];

type TextMutation = (rng: Random, text: string) => [string, string];

const at = (rng: Random, text: string): number => rng.int(text.length + 1);

const BYTE_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [(rng, t) => { const i = at(rng, t); const s = rng.pick(NASTY).repeat(rng.chance(0.2) ? rng.between(2, 40) : 1); return [t.slice(0, i) + s + t.slice(i), `insert ${JSON.stringify(s.slice(0, 8))}@${i}`]; }, 6],
  [(rng, t) => { const i = at(rng, t); const n = rng.between(1, 24); return [t.slice(0, i) + t.slice(i + n), `delete ${n}@${i}`]; }, 4],
  [(rng, t) => { if (!t) return [t, 'flip none']; const i = rng.int(t.length); const c = t.charCodeAt(i) ^ (1 << rng.int(16)); return [t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1), `flip@${i}→U+${c.toString(16)}`]; }, 4],
  [(rng, t) => { const buf = Buffer.from(t, 'utf8'); if (buf.length === 0) return [t, 'utf8 none']; const i = rng.int(buf.length); buf[i] = buf[i]! ^ (1 << rng.int(8)); return [buf.toString('utf8'), `utf8 flip byte ${i}`]; }, 3],
  [(rng, t) => { const i = at(rng, t); return [t.slice(0, i), `truncate@${i}`]; }, 1],
  [(_rng, t) => [t.replace(/\r?\n/g, '\r\n'), 'CRLF'], 2],
  [(_rng, t) => [t.replace(/\r?\n/g, '\r'), 'CR only'], 1],
  [(_rng, t) => [`\uFEFF${t}`, 'BOM'], 2],
  [(_rng, t) => [t.normalize('NFD'), 'NFD'], 2],
  [(_rng, t) => [t.normalize('NFKC'), 'NFKC'], 1],
  [(rng, t) => { const i = at(rng, t); const j = Math.min(t.length, i + rng.between(1, 200)); return [t.slice(0, j) + t.slice(i, j) + t.slice(j), `duplicate ${i}-${j}`]; }, 2],
  [(rng, t) => [t.replace(/\p{L}/gu, (ch) => (rng.chance(0.05) ? ch + rng.pick(['\u0301', '\u0308', '\u0323\u0302']) : ch)), 'combining marks'], 2],
  [(rng, t) => { const i = at(rng, t); const j = Math.min(t.length, i + rng.between(1, 60)); return [t.slice(0, i) + t.slice(i, j).split('').reverse().join('') + t.slice(j), `reverse units ${i}-${j}`]; }, 1],
  [(rng, t) => [t.replace(/ /g, () => (rng.chance(0.1) ? rng.pick(['\t', '\u00A0', '  ', '\n', '\u3000']) : ' ')), 'odd spaces'], 2],
];

/** Mutations for articles, besides bytes: the kinds of edits that make anchors drift. */
const ARTICLE_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [(rng, t) => { const words = [...t.matchAll(/\p{L}+/gu)]; if (words.length === 0) return [t, 'emoji none']; const w = rng.pick(words); const e = rng.pick(['😀', '𝐁', '🏳️‍🌈', '\uD83D']); return [t.slice(0, w.index) + e + t.slice(w.index + 1), `emoji for first letter of "${w[0]}"`]; }, 3],
  [(rng, t) => { const words = [...t.matchAll(/\p{L}+/gu)]; if (words.length === 0) return [t, 'glue none']; const w = rng.pick(words); const e = rng.pick(['𝐁', 'x', '\u0301', '_', '林', '😀']); return [t.slice(0, w.index) + e + t.slice(w.index), `glue ${JSON.stringify(e)} before "${w[0]}"`]; }, 3],
  [(rng, t) => { const words = [...t.matchAll(/\p{L}+/gu)]; if (words.length === 0) return [t, 'swap none']; const w = rng.pick(words); return [t.slice(0, w.index) + rng.pick(['changed', 'ferry', 'Marrow', '']) + t.slice(w.index + w[0].length), `replace word "${w[0]}"@${w.index}`]; }, 4],
  [(_rng, t) => { const paragraphs = t.split(/\n\n/); return [paragraphs.concat(paragraphs.slice(1)).join('\n\n'), 'repeat paragraphs']; }, 1],
  [(_rng, t) => [t.replace(/["“”«»„‹›「」]/g, ''), 'no quotation marks'], 1],
  [(rng, t) => { const i = at(rng, t); const unit = rng.pick(['a', ' ', '.', '“', 'Marrow ', '😀', '\n']); const n = rng.between(100, 60000); const run = unit.repeat(Math.ceil(n / unit.length)).slice(0, n); return [t.slice(0, i) + run + t.slice(i), `run of ${n} ${JSON.stringify(unit)}@${i}`]; }, 1],
  [(rng, t) => { const paragraphs = t.split(/\n\n/); const a = rng.int(paragraphs.length); const b = rng.int(paragraphs.length); [paragraphs[a], paragraphs[b]] = [paragraphs[b]!, paragraphs[a]!]; return [paragraphs.join('\n\n'), `swap paragraphs ${a},${b}`]; }, 1],
];

/** Token-level mutations for sidecar text: YAML indicators and markers where tokens meet. */
const TOKENS = ['{', '}', '[', ']', '&', '*', '!', '|', '>', '-', ':', '?', '#', ',', "'", '"', '%', '@', '`', '&a ', '*a', '*b', '!!str ', '!!map ', '!!seq ', '!!binary ', '!custom ', '!<tag:yaml.org,2002:int> ', '? ', '- ', ': ', ' #', '|-\n', '>+\n', '|+\n', '|2\n', '<<: *a', '\t', '---', '...', '{{{{{{{{', ']]]]', '[[[[[[[[[[', '&a [*a]', '"\\', "'"];

function tokenBoundaries(text: string): number[] {
  const spots: number[] = [];
  for (const m of text.matchAll(/: |- |^\s*|\n|, |\[|\{/gm)) spots.push(m.index + m[0].length);
  return spots.length > 0 ? spots : [0];
}

const TOKEN_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [(rng, t) => { const i = rng.pick(tokenBoundaries(t)); const tok = rng.pick(TOKENS); return [t.slice(0, i) + tok + t.slice(i), `token ${JSON.stringify(tok)}@${i}`]; }, 8],
  [(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length + 1); const marker = rng.pick(['---', '...', '--- # doc', '%YAML 1.2', '%TAG ! tag:x,2000:', '--- |', '... # end']); lines.splice(i, 0, marker); return [lines.join('\n'), `line ${JSON.stringify(marker)}@${i}`]; }, 3],
  [(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length); lines[i] = lines[i]!.replace(/^( +)/, (s) => rng.pick(['\t', `${s}\t`, s.slice(1), `${s} `, `${s}  `, ''])); return [lines.join('\n'), `indent line ${i}`]; }, 3],
  [(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length); lines.splice(rng.int(lines.length), 0, lines[i]!); return [lines.join('\n'), `duplicate line ${i}`]; }, 2],
  [(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length); lines.splice(i, 1); return [lines.join('\n'), `delete line ${i}`]; }, 2],
  [(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length); const j = rng.int(lines.length); [lines[i], lines[j]] = [lines[j]!, lines[i]!]; return [lines.join('\n'), `swap lines ${i},${j}`]; }, 1],
  [(rng, t) => { const m = [...t.matchAll(/: (\S[^\n#]*)/g)]; if (m.length === 0) return [t, 'anchor none']; const a = rng.pick(m); const b = rng.pick(m); const withAnchor = t.slice(0, a.index + 2) + '&x ' + t.slice(a.index + 2); const shift = b.index > a.index ? 3 : 0; const start = b.index + 2 + shift; return [withAnchor.slice(0, start) + '*x' + withAnchor.slice(start + b[1]!.length), `anchor@${a.index} alias@${b.index}`]; }, 2],
];

function applyWeighted(rng: Random, text: string, table: readonly (readonly [TextMutation, number])[]): [string, string] {
  return rng.weighted(table)(rng, text);
}

export function mutateBytes(rng: Random, text: string): [string, string] {
  return applyWeighted(rng, text, BYTE_MUTATIONS);
}

export function mutateArticle(rng: Random, text: string): [string, string] {
  return rng.chance(0.5) ? applyWeighted(rng, text, ARTICLE_MUTATIONS) : mutateBytes(rng, text);
}

export function mutateTokens(rng: Random, text: string): [string, string] {
  return applyWeighted(rng, text, TOKEN_MUTATIONS);
}

// ---------------------------------------------------------------- structure

type TreeMutation = (rng: Random, root: YMap) => string;

const CHOMPS: readonly Chomp[] = ['-', '', '+'];
const TAGS = ['!!str', '!!int', '!!map', '!!seq', '!custom', '!!binary', '!!null', '!<tag:yaml.org,2002:str>', '!!float', '!!bool'];
const ODD_KEYS = ['1e3', '0x10', '007', 'null', '~', 'true', '', ' ', 'quote ', 'Quote', 'QUOTE', '<<', '? x', '-', 'a: b', '"', 'claims', 'sources'];

function pickSlot(rng: Random, root: YMap, filter: (node: YNode, isKey: boolean) => boolean = () => true) {
  const slots = slotsOf(root).filter((s) => filter(s.node, s.isKey));
  return slots.length > 0 ? rng.pick(slots) : undefined;
}

const TREE_MUTATIONS: readonly (readonly [TreeMutation, number])[] = [
  [(rng, root) => { const s = pickSlot(rng, root); if (!s) return 'swap none'; const n = s.node; const to = rng.pick(['seq', 'map', 'scalar', 'null', 'number'] as const); s.replace(to === 'seq' ? seq([n]) : to === 'map' ? { t: 'map', flow: rng.chance(0.5), pairs: [{ key: scalar('x'), value: n }] } : to === 'scalar' ? scalar('text') : to === 'null' ? { t: 'raw', text: rng.pick(['', '~', 'null']) } : { t: 'raw', text: rng.pick(['1', '-7', '3.5', '1e999', '0x1F', '.nan']) }); return `swap type to ${to} at depth ${s.depth}`; }, 4],
  [(rng, root) => { const s = pickSlot(rng, root, (_n, k) => !k); if (!s) return 'nest none'; let n = s.node; const depth = rng.between(1, 12); for (let i = 0; i < depth; i++) n = rng.chance(0.5) ? seq([n], rng.chance(0.5)) : { t: 'map', flow: rng.chance(0.5), pairs: [{ key: scalar(rng.pick(['quote', 'a', 'claims'])), value: n }] }; s.replace(n); return `nest ${depth}`; }, 3],
  [(rng, root) => { const maps = slotsOf(root).map((s) => s.node).filter((n): n is YMap => n.t === 'map' && n.pairs.length > 0); const m = maps.length > 0 && rng.chance(0.8) ? rng.pick(maps) : root; if (m.pairs.length === 0) return 'duplicate none'; const p = rng.pick(m.pairs); m.pairs.splice(rng.int(m.pairs.length + 1), 0, { ...clone({ t: 'map', flow: false, pairs: [p] }).pairs[0]! }); return 'duplicate key'; }, 3],
  [(rng, root) => { const cols = slotsOf(root).map((s) => s.node).filter((n) => n.t === 'seq' || n.t === 'map'); const c = cols.length > 0 ? rng.pick(cols) : root; if (c.t !== 'seq' && c.t !== 'map') return 'flow none'; c.flow = !c.flow; c.multiline = rng.chance(0.4); c.trailingComma = rng.chance(0.3); return `block↔flow (${c.flow ? 'flow' : 'block'}${c.multiline ? ', multi-line' : ''}${c.trailingComma ? ', trailing comma' : ''})`; }, 5],
  [(rng, root) => { const s = pickSlot(rng, root, (n, k) => n.t === 'scalar' && !k); if (!s || s.node.t !== 'scalar') return 'block scalar none'; s.node.style = rng.pick(['literal', 'folded'] as const); s.node.chomp = rng.pick(CHOMPS); s.node.keepLines = rng.chance(0.5) ? rng.between(1, 3) : 0; if (rng.chance(0.3)) s.node.value += rng.pick(['\n', '\n\n', '\nsecond line', '\n  indented']); return `block scalar ${s.node.style === 'literal' ? '|' : '>'}${s.node.chomp}`; }, 6],
  [(rng, root) => { const s = pickSlot(rng, root, (n, k) => n.t === 'scalar' && k); if (!s || s.node.t !== 'scalar') return 'quoted key none'; s.node.style = rng.pick(['single', 'double'] as const); if (rng.chance(0.3)) s.node.value = rng.pick(ODD_KEYS); return `quoted key ${JSON.stringify(s.node.value)}`; }, 3],
  [(rng, root) => { const maps = slotsOf(root).map((s) => s.node).filter((n): n is YMap => n.t === 'map'); const m = maps.length > 0 ? rng.pick(maps) : root; const p = m.pairs.length > 0 ? rng.pick(m.pairs) : undefined; if (!p) return 'explicit none'; p.explicit = true; return 'explicit key'; }, 1],
  [(rng, root) => { const s = pickSlot(rng, root, (n, k) => n.t === 'scalar' && k); if (!s) return 'odd key none'; const key = rng.pick(ODD_KEYS); s.replace(scalar(key, 'plain')); return `odd key ${JSON.stringify(key)}`; }, 2],
  [(rng, root) => { const all = slotsOf(root).filter((s) => !s.isKey && s.node.t !== 'alias' && s.node.t !== 'raw'); if (all.length < 2) return 'alias none'; const i = rng.int(all.length - 1); const j = rng.between(i + 1, all.length - 1); const a = all[i]!; const target = a.node as Exclude<YNode, { t: 'alias' } | { t: 'raw' }>; target.anchor = rng.pick(['k', 'src', 'a']); all[j]!.replace({ t: 'alias', name: rng.chance(0.9) ? target.anchor : 'nowhere' }); return `anchor &${target.anchor} at depth ${a.depth}, alias later`; }, 4],
  [(rng, root) => { const s = pickSlot(rng, root, (n) => n.t === 'scalar' || n.t === 'seq' || n.t === 'map'); if (!s || s.node.t === 'alias' || s.node.t === 'raw') return 'tag none'; s.node.tag = rng.pick(TAGS); return `tag ${s.node.tag}`; }, 2],
  [(rng, root) => { const s = pickSlot(rng, root, (n, k) => n.t === 'scalar' && !k); if (!s || s.node.t !== 'scalar') return 'long none'; const n = rng.between(100, 20000); s.node.value = rng.pick(['a', 'é', '😀', 'Marrow ', 'x\n', ' ']).repeat(n).slice(0, n); return `long scalar ${n}`; }, 1],
  [(rng, root) => { const s = pickSlot(rng, root, (_n, k) => !k); if (!s) return 'bomb none'; const depth = rng.between(5, 40); const bomb = rng.weighted<string>([[`${'{'.repeat(depth)}${'}'.repeat(depth)}`, 2], ['{'.repeat(depth), 2], [`${'['.repeat(depth)}${']'.repeat(depth)}`, 1], [`${'{a: '.repeat(depth)}b${'}'.repeat(depth)}`, 1], [`${'{? '.repeat(depth)}x${'}'.repeat(depth)}`, 1]]); s.replace({ t: 'raw', text: bomb }); return `nesting bomb depth ${depth}`; }, 2],
  [(rng, root) => { const n = rng.between(3, 9); const laughs = Array.from({ length: n }, (_, i) => `l${i}: &l${i} [${Array.from({ length: 6 }, () => (i === 0 ? '"ha"' : `*l${i - 1}`)).join(', ')}]`).join('\n'); root.pairs.push({ key: scalar('laughs'), value: { t: 'raw', text: `\n${laughs.replace(/^/gm, '  ')}` } }); return `alias expansion ${n} levels`; }, 1],
  [(rng, root) => { if (root.pairs.length < 2) return 'swap sections none'; const a = rng.pick(root.pairs); const b = rng.pick(root.pairs); [a.value, b.value] = [b.value, a.value]; return 'swap section values'; }, 2],
  [(rng, root) => { const cols = slotsOf(root).map((s) => s.node).filter((n) => n.t === 'seq'); const c = cols.length > 0 ? rng.pick(cols) : undefined; if (!c || c.t !== 'seq' || c.items.length === 0) return 'delete item none'; c.items.splice(rng.int(c.items.length), 1); return 'delete item'; }, 2],
  [(rng, root) => { const maps = slotsOf(root).map((s) => s.node).filter((n): n is YMap => n.t === 'map' && n.pairs.length > 0); const m = maps.length > 0 ? rng.pick(maps) : root; if (m.pairs.length === 0) return 'reorder none'; m.pairs.reverse(); return 'reorder pairs'; }, 1],
  [(rng, root) => { const maps = slotsOf(root).map((s) => s.node).filter((n): n is YMap => n.t === 'map' && n.pairs.length > 0); if (maps.length === 0) return 'comment none'; const p = rng.pick(rng.pick(maps).pairs); p.lineComment = rng.pick(['a - b', 'x, y', 'quote: z', '{', '- # - -', "it's"]); p.commentBefore = rng.chance(0.5) ? rng.pick(['- item?', 'sources: [a,', '...']) : undefined; return 'comments'; }, 2],
  [(rng, root) => { const maps = slotsOf(root).map((s) => s.node).filter((n): n is YMap => n.t === 'map'); const m = maps.length > 0 ? rng.pick(maps) : root; m.pairs.push({ key: scalar('<<'), value: { t: 'alias', name: rng.pick(['k', 'src', 'a']) } }); return 'merge key'; }, 1],
  [manyNamesakes, 1],
  [(rng, root) => { const items = slotsOf(root).filter((s) => s.parent.t === 'seq' && !s.parent.flow && s.node.t === 'map' && !s.node.flow); if (items.length === 0) return 'dash comment none'; const item = rng.pick(items).node as YMap; item.dashComment = rng.pick(['a - b', '- x', 'see: - y, z', '']); return `comment after a dash ${JSON.stringify(item.dashComment)}`; }, 2],
];

/** Entities that all share one name: every mention of it is ambiguous among them. */
function manyNamesakes(rng: Random, root: YMap): string {
  let entities = root.pairs.find((p) => p.key.t === 'scalar' && p.key.value === 'entities')?.value;
  if (!entities || entities.t !== 'map') {
    entities = { t: 'map', flow: false, pairs: [] };
    root.pairs.push({ key: scalar('entities'), value: entities });
  }
  const name = rng.pick(['Marrow', 'Venn', 'Alder']);
  const count = rng.between(20, 300);
  const flow = rng.chance(0.5);
  for (let i = 0; i < count; i++) {
    entities.pairs.push({ key: scalar(`namesake-${i}`), value: { t: 'map', flow, pairs: [{ key: scalar('name'), value: scalar(`${name} ${i}`) }, { key: scalar('type'), value: scalar('person') }, { key: scalar('aliases'), value: seq([scalar(name)], true) }] } });
  }
  return `${count} entities share "${name}"`;
}

export function mutateTree(rng: Random, root: YMap): string {
  return rng.weighted(TREE_MUTATIONS)(rng, root);
}
