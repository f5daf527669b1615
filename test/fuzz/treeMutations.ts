// Structure-level mutations of a sidecar tree, before it is emitted: types
// swapped, values nested, keys duplicated or quoted or odd, block ↔ flow,
// block scalars with every chomping indicator, anchors and aliases, tags,
// nesting bombs, alias expansion, merge keys, comments in awkward places,
// hundreds of entities sharing one name. Each returns a short label.
import type { Random } from './random';
import { clone, scalar, seq, slotsOf, type Chomp, type Slot, type YMap, type YNode, type YSeq } from './yamlTree';

type TreeMutation = (rng: Random, root: YMap) => string;

const CHOMPS: readonly Chomp[] = ['-', '', '+'];
const TAGS = ['!!str', '!!int', '!!map', '!!seq', '!custom', '!!binary', '!!null', '!<tag:yaml.org,2002:str>', '!!float', '!!bool'];
const ODD_KEYS = ['1e3', '0x10', '007', 'null', '~', 'true', '', ' ', 'quote ', 'Quote', 'QUOTE', '<<', '? x', '-', 'a: b', '"', 'claims', 'sources'];

function pickSlot(rng: Random, root: YMap, filter: (node: YNode, isKey: boolean) => boolean = () => true): Slot | undefined {
  const slots = slotsOf(root).filter((s) => filter(s.node, s.isKey));
  return slots.length > 0 ? rng.pick(slots) : undefined;
}

function mapsIn(root: YMap, nonEmpty = false): YMap[] {
  return slotsOf(root)
    .map((s) => s.node)
    .filter((n): n is YMap => n.t === 'map' && (!nonEmpty || n.pairs.length > 0));
}

function swapType(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root);
  if (!s) return 'swap none';
  const to = rng.pick(['seq', 'map', 'scalar', 'null', 'number'] as const);
  const replacements: Record<typeof to, () => YNode> = {
    seq: () => seq([s.node]),
    map: () => ({ t: 'map', flow: rng.chance(0.5), pairs: [{ key: scalar('x'), value: s.node }] }),
    scalar: () => scalar('text'),
    null: () => ({ t: 'raw', text: rng.pick(['', '~', 'null']) }),
    number: () => ({ t: 'raw', text: rng.pick(['1', '-7', '3.5', '1e999', '0x1F', '.nan']) }),
  };
  s.replace(replacements[to]());
  return `swap type to ${to} at depth ${s.depth}`;
}

function nest(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (_n, isKey) => !isKey);
  if (!s) return 'nest none';
  let node = s.node;
  const depth = rng.between(1, 12);
  for (let i = 0; i < depth; i++) {
    node = rng.chance(0.5) ? seq([node], rng.chance(0.5)) : { t: 'map', flow: rng.chance(0.5), pairs: [{ key: scalar(rng.pick(['quote', 'a', 'claims'])), value: node }] };
  }
  s.replace(node);
  return `nest ${depth}`;
}

function duplicateKey(rng: Random, root: YMap): string {
  const maps = mapsIn(root, true);
  const m = maps.length > 0 && rng.chance(0.8) ? rng.pick(maps) : root;
  if (m.pairs.length === 0) return 'duplicate none';
  const copy = clone<YMap>({ t: 'map', flow: false, pairs: [rng.pick(m.pairs)] }).pairs[0]!;
  m.pairs.splice(rng.int(m.pairs.length + 1), 0, copy);
  return 'duplicate key';
}

function flipFlow(rng: Random, root: YMap): string {
  const collections = slotsOf(root)
    .map((s) => s.node)
    .filter((n): n is YSeq | YMap => n.t === 'seq' || n.t === 'map');
  const c = collections.length > 0 ? rng.pick(collections) : root;
  c.flow = !c.flow;
  c.multiline = rng.chance(0.4);
  c.trailingComma = rng.chance(0.3);
  return `block↔flow (${c.flow ? 'flow' : 'block'}${c.multiline ? ', multi-line' : ''}${c.trailingComma ? ', trailing comma' : ''})`;
}

function blockScalar(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (n, isKey) => n.t === 'scalar' && !isKey);
  if (!s || s.node.t !== 'scalar') return 'block scalar none';
  const node = s.node;
  node.style = rng.pick(['literal', 'folded'] as const);
  node.chomp = rng.pick(CHOMPS);
  node.keepLines = rng.chance(0.5) ? rng.between(1, 3) : 0;
  if (rng.chance(0.3)) node.value += rng.pick(['\n', '\n\n', '\nsecond line', '\n  indented']);
  return `block scalar ${node.style === 'literal' ? '|' : '>'}${node.chomp}`;
}

function quoteKey(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (n, isKey) => n.t === 'scalar' && isKey);
  if (!s || s.node.t !== 'scalar') return 'quoted key none';
  s.node.style = rng.pick(['single', 'double'] as const);
  if (rng.chance(0.3)) s.node.value = rng.pick(ODD_KEYS);
  return `quoted key ${JSON.stringify(s.node.value)}`;
}

function explicitKey(rng: Random, root: YMap): string {
  const maps = mapsIn(root, true);
  const m = maps.length > 0 ? rng.pick(maps) : root;
  if (m.pairs.length === 0) return 'explicit none';
  rng.pick(m.pairs).explicit = true;
  return 'explicit key';
}

function oddKey(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (n, isKey) => n.t === 'scalar' && isKey);
  if (!s) return 'odd key none';
  const key = rng.pick(ODD_KEYS);
  s.replace(scalar(key, 'plain'));
  return `odd key ${JSON.stringify(key)}`;
}

/** An anchor on one value, an alias to it (or to no anchor at all) in a later place. */
function anchorThenAlias(rng: Random, root: YMap): string {
  const values = slotsOf(root).filter((s) => !s.isKey && s.node.t !== 'alias' && s.node.t !== 'raw');
  if (values.length < 2) return 'alias none';
  const i = rng.int(values.length - 1);
  const anchored = values[i]!;
  const target = anchored.node as Exclude<YNode, { t: 'alias' } | { t: 'raw' }>;
  target.anchor = rng.pick(['k', 'src', 'a']);
  values[rng.between(i + 1, values.length - 1)]!.replace({ t: 'alias', name: rng.chance(0.9) ? target.anchor : 'nowhere' });
  return `anchor &${target.anchor} at depth ${anchored.depth}, alias later`;
}

function tag(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (n) => n.t === 'scalar' || n.t === 'seq' || n.t === 'map');
  if (!s || s.node.t === 'alias' || s.node.t === 'raw') return 'tag none';
  s.node.tag = rng.pick(TAGS);
  return `tag ${s.node.tag}`;
}

function longScalar(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (n, isKey) => n.t === 'scalar' && !isKey);
  if (!s || s.node.t !== 'scalar') return 'long none';
  const n = rng.between(100, 20000);
  s.node.value = rng.pick(['a', 'é', '😀', 'Marrow ', 'x\n', ' ']).repeat(n).slice(0, n);
  return `long scalar ${n}`;
}

/** Deep nesting in few bytes: `{{{{…}}}}` (maps as keys), unclosed braces, `[[[…]]]`, `{a: {a: …}}`, `{? {? …}}`. */
function nestingBomb(rng: Random, root: YMap): string {
  const s = pickSlot(rng, root, (_n, isKey) => !isKey);
  if (!s) return 'bomb none';
  const depth = rng.between(5, 40);
  const bomb = rng.weighted<string>([
    [`${'{'.repeat(depth)}${'}'.repeat(depth)}`, 2],
    ['{'.repeat(depth), 2],
    [`${'['.repeat(depth)}${']'.repeat(depth)}`, 1],
    [`${'{a: '.repeat(depth)}b${'}'.repeat(depth)}`, 1],
    [`${'{? '.repeat(depth)}x${'}'.repeat(depth)}`, 1],
  ]);
  s.replace({ t: 'raw', text: bomb });
  return `nesting bomb depth ${depth}`;
}

/** Each level an alias to the one before, six times over: 6^n nodes once expanded. */
function aliasExpansion(rng: Random, root: YMap): string {
  const levels = rng.between(3, 9);
  const lines = Array.from({ length: levels }, (_, i) => `  l${i}: &l${i} [${Array.from({ length: 6 }, () => (i === 0 ? '"ha"' : `*l${i - 1}`)).join(', ')}]`);
  root.pairs.push({ key: scalar('laughs'), value: { t: 'raw', text: `\n${lines.join('\n')}` } });
  return `alias expansion ${levels} levels`;
}

function swapSections(rng: Random, root: YMap): string {
  if (root.pairs.length < 2) return 'swap sections none';
  const a = rng.pick(root.pairs);
  const b = rng.pick(root.pairs);
  [a.value, b.value] = [b.value, a.value];
  return 'swap section values';
}

function deleteItem(rng: Random, root: YMap): string {
  const lists = slotsOf(root)
    .map((s) => s.node)
    .filter((n): n is YSeq => n.t === 'seq' && n.items.length > 0);
  if (lists.length === 0) return 'delete item none';
  const list = rng.pick(lists);
  list.items.splice(rng.int(list.items.length), 1);
  return 'delete item';
}

function reorderPairs(rng: Random, root: YMap): string {
  const maps = mapsIn(root, true);
  const m = maps.length > 0 ? rng.pick(maps) : root;
  m.pairs.reverse();
  return 'reorder pairs';
}

/** Comments holding what edits look for: dashes, commas, colons, braces, quotes. */
function awkwardComments(rng: Random, root: YMap): string {
  const maps = mapsIn(root, true);
  if (maps.length === 0) return 'comment none';
  const pair = rng.pick(rng.pick(maps).pairs);
  pair.lineComment = rng.pick(['a - b', 'x, y', 'quote: z', '{', '- # - -', "it's"]);
  pair.commentBefore = rng.chance(0.5) ? rng.pick(['- item?', 'sources: [a,', '...']) : undefined;
  return 'comments';
}

function mergeKey(rng: Random, root: YMap): string {
  const maps = mapsIn(root);
  const m = maps.length > 0 ? rng.pick(maps) : root;
  m.pairs.push({ key: scalar('<<'), value: { t: 'alias', name: rng.pick(['k', 'src', 'a']) } });
  return 'merge key';
}

/** A list item whose dash line holds only a comment (`- # a - b`), the mapping on the lines below. */
function commentAfterDash(rng: Random, root: YMap): string {
  const items = slotsOf(root).filter((s) => s.parent.t === 'seq' && !s.parent.flow && s.node.t === 'map' && !s.node.flow);
  if (items.length === 0) return 'dash comment none';
  const item = rng.pick(items).node as YMap;
  item.dashComment = rng.pick(['a - b', '- x', 'see: - y, z', '']);
  return `comment after a dash ${JSON.stringify(item.dashComment)}`;
}

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
    const fields: YMap['pairs'] = [
      { key: scalar('name'), value: scalar(`${name} ${i}`) },
      { key: scalar('type'), value: scalar('person') },
      { key: scalar('aliases'), value: seq([scalar(name)], true) },
    ];
    entities.pairs.push({ key: scalar(`namesake-${i}`), value: { t: 'map', flow, pairs: fields } });
  }
  return `${count} entities share "${name}"`;
}

const TREE_MUTATIONS: readonly (readonly [TreeMutation, number])[] = [
  [swapType, 4],
  [nest, 3],
  [duplicateKey, 3],
  [flipFlow, 5],
  [blockScalar, 6],
  [quoteKey, 3],
  [explicitKey, 1],
  [oddKey, 2],
  [anchorThenAlias, 4],
  [tag, 2],
  [longScalar, 1],
  [nestingBomb, 2],
  [aliasExpansion, 1],
  [swapSections, 2],
  [deleteItem, 2],
  [reorderPairs, 1],
  [awkwardComments, 2],
  [mergeKey, 1],
  [manyNamesakes, 1],
  [commentAfterDash, 2],
];

export function mutateTree(rng: Random, root: YMap): string {
  return rng.weighted(TREE_MUTATIONS)(rng, root);
}
