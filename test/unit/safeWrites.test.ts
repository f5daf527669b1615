// Writes that cannot corrupt (issue 10, defects 3 and 11): every edit the
// server makes to a sidecar, on unusual but valid YAML, either round-trips
// (the expected text, byte for byte, which parses and keeps every untouched
// annotation) or is refused with a reason. Sidecar texts are invented.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { planAddAlias, planAddEntity, planAddSource, planAnchor, planClaimAttribution, planClaimKind, planClaimSource, planListItem } from '../../server/src/core/sidecarEdit';
import { applyEdits, type EditableSidecar } from '../../server/src/core/sidecarText';
import { combine, EditSession, type Planned } from '../../server/src/core/verifyEdit';

const lines = (...l: string[]): string => l.join('\n');

interface Case {
  readonly name: string;
  readonly input: string;
  readonly action: (s: EditableSidecar) => Planned;
  /** The whole edited text, or 'refused' (with the reason's pattern). */
  readonly expected: string | 'refused';
  readonly reason?: RegExp;
}

const reAnchor = (index = 0, prefix?: string) => (s: EditableSidecar) => planAnchor(s, 'claims', index, { quote: 'The pass was closed', prefix });
const opinion = (index = 0) => (s: EditableSidecar) => planClaimKind(s, index, 'opinion');
const addSource = (index = 0, id = 's2') => (s: EditableSidecar) => planClaimSource(s, index, id);
const newSource = (s: EditableSidecar) => planAddSource(s, 's2', { title: 'Second' });
const newNote = (s: EditableSidecar) => planListItem(s, 'notes', { quote: 'ferry', text: 'Which one?' });

const blockScalars: Case[] = [
  {
    name: 'update the quote of a folded block scalar (>-): the line break and the sources stay',
    input: lines('claims:', '  - quote: >-', '      The pass was', '      closd', '    sources: [s1]', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - quote: The pass was closed', '    sources: [s1]', ''),
  },
  {
    name: 're-anchor a literal block scalar (|-) and add a prefix after it',
    input: lines('claims:', '  - quote: |-', '      The pass was clsed', '    sources: [s1]', '  - quote: other', ''),
    action: reAnchor(0, 'in winter '),
    expected: lines('claims:', '  - quote: The pass was closed', '    prefix: in winter ', '    sources: [s1]', '  - quote: other', '').replace('prefix: in winter ', 'prefix: "in winter "'),
  },
  {
    name: 're-anchor a keep-chomped block scalar (|+) with trailing blank lines',
    input: lines('claims:', '  - quote: |+', '      The pass', '', '', '    sources: [s1]', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - quote: The pass was closed', '', '', '    sources: [s1]', ''),
  },
  {
    name: 'a block scalar header comment is kept',
    input: lines('claims:', '  - quote: >- # the long one', '      The pass', '    sources: [s1]', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - quote: The pass was closed # the long one', '    sources: [s1]', ''),
  },
  {
    name: 'mark as opinion where kind is a block scalar',
    input: lines('claims:', '  - quote: x', '    kind: >-', '      fact', '    sources: [s1]', ''),
    action: opinion(),
    expected: lines('claims:', '  - quote: x', '    kind: opinion', '    sources: [s1]', ''),
  },
  {
    name: 'a block scalar quote at the end of a file without a final line break',
    input: lines('claims:', '  - sources: [s1]', '    quote: |-', '      The pass'),
    action: reAnchor(),
    expected: lines('claims:', '  - sources: [s1]', '    quote: The pass was closed'),
  },
  {
    name: 'a block scalar with CRLF line endings',
    input: 'claims:\r\n  - quote: >-\r\n      The pass\r\n    sources: [s1]\r\n',
    action: reAnchor(0, 'so '),
    expected: 'claims:\r\n  - quote: The pass was closed\r\n    prefix: "so "\r\n    sources: [s1]\r\n',
  },
];

const flowCollections: Case[] = [
  {
    name: 'a flow list with a trailing comma gets the new source after it',
    input: lines('claims:', '  - quote: x', '    sources: [s1,]', ''),
    action: addSource(),
    expected: lines('claims:', '  - quote: x', '    sources: [s1, s2]', ''),
  },
  {
    name: 'a multi-line flow list with a comment after the last item',
    input: lines('claims:', '  - quote: x', '    sources: [', '      s1 # the first, for now', '    ]', ''),
    action: addSource(),
    expected: lines('claims:', '  - quote: x', '    sources: [', '      s1, s2 # the first, for now', '    ]', ''),
  },
  {
    name: 'a flow map of sources with a trailing comma',
    input: lines('sources: {s1: {title: First},}', 'claims: []', ''),
    action: newSource,
    expected: lines('sources: {s1: {title: First}, s2: {title: Second}}', 'claims: []', ''),
  },
  {
    name: 'a multi-line flow claim with a comma inside a comment: removing a stale prefix keeps sources and brace',
    input: lines('claims:', '  - {quote: The pass, # closed, or not', '     prefix: old, sources: [s1]}', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - {quote: The pass was closed, # closed, or not', '     sources: [s1]}', ''),
  },
  {
    name: 'the stale prefix is the last key, after a comment with a comma',
    input: lines('claims:', '  - {quote: The pass, sources: [s1], # one, two', '     prefix: old}', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - {quote: The pass was closed, sources: [s1] # one, two', '     }', ''),
  },
  {
    name: 'a new section in a top-level flow map',
    input: lines('{claims: [{quote: x}]}', ''),
    action: newNote,
    expected: lines('{claims: [{quote: x}], notes: [{quote: ferry, text: Which one?}]}', ''),
  },
];

const anchorsAndAliases: Case[] = [
  {
    name: 'mark as opinion on an anchored kind that other claims alias: refused',
    input: lines('claims:', '  - quote: x', '    kind: &k fact', '  - quote: y', '    kind: *k', ''),
    action: opinion(),
    expected: 'refused',
    reason: /would also change claim 2/,
  },
  {
    name: 'mark as opinion on an anchored kind nobody aliases: the anchor stays',
    input: lines('claims:', '  - quote: x', '    kind: &k fact', ''),
    action: opinion(),
    expected: lines('claims:', '  - quote: x', '    kind: &k opinion', ''),
  },
  {
    name: 'mark as opinion on the claim that aliases: only its own value changes',
    input: lines('claims:', '  - quote: x', '    kind: &k fact', '  - quote: y', '    kind: *k', ''),
    action: opinion(1),
    expected: lines('claims:', '  - quote: x', '    kind: &k fact', '  - quote: y', '    kind: opinion', ''),
  },
  {
    name: 'add source on `sources: *src`: a copy of its own, the shared list untouched',
    input: lines('claims:', '  - quote: x', '    sources: &src [s1]', '  - quote: y', '    sources: *src', ''),
    action: addSource(1),
    expected: lines('claims:', '  - quote: x', '    sources: &src [s1]', '  - quote: y', '    sources: [s1, s2]', ''),
  },
  {
    name: 'add source to the anchored list that another claim aliases: refused',
    input: lines('claims:', '  - quote: x', '    sources: &src [s1]', '  - quote: y', '    sources: *src', ''),
    action: addSource(0),
    expected: 'refused',
    reason: /would also change claim 2/,
  },
  {
    name: 're-anchor a quote anchored for a note: refused',
    input: lines('claims:', '  - quote: &q The pass', 'notes:', '  - quote: *q', '    text: same', ''),
    action: reAnchor(),
    expected: 'refused',
    reason: /would also change note 1/,
  },
];

const layout: Case[] = [
  {
    name: 'a keep-chomped block scalar (|+) keeps its trailing blank lines when a key is added after it',
    input: lines('claims:', '  - quote: x', '    note: |+', '      kept', '', '', 'notes: []', ''),
    action: opinion(),
    expected: lines('claims:', '  - quote: x', '    note: |+', '      kept', '', '', '    kind: opinion', 'notes: []', ''),
  },
  {
    name: 'a keep-chomped block scalar ending the last item keeps its blank lines when an item is appended',
    input: lines('notes:', '  - quote: x', '    text: |+', '      kept', '', ''),
    action: newNote,
    expected: lines('notes:', '  - quote: x', '    text: |+', '      kept', '', '  - quote: ferry', '    text: Which one?', ''),
  },
  {
    name: 'a `-` inside a comment after the first dash does not move the new item',
    input: lines('notes:', '  - # a - b', '    quote: x', '    text: t', ''),
    action: newNote,
    expected: lines('notes:', '  - # a - b', '    quote: x', '    text: t', '  - quote: ferry', '    text: Which one?', ''),
  },
  {
    name: 'a BOM stays first when a section is inserted at the top',
    input: '\uFEFF' + lines('notes:', '  - quote: x', '    text: t', ''),
    action: newSource,
    expected: '\uFEFF' + lines('sources:', '  s2:', '    title: Second', 'notes:', '  - quote: x', '    text: t', ''),
  },
  {
    name: 'a document-end marker stays last: the new section goes before it',
    input: lines('claims:', '  - quote: x', '...', '# after the end', ''),
    action: newNote,
    expected: lines('claims:', '  - quote: x', 'notes:', '  - quote: ferry', '    text: Which one?', '...', '# after the end', ''),
  },
  {
    name: 'a document-end marker with a comment on its line',
    input: lines('--- # start', 'claims: []', '... # end'),
    action: newNote,
    expected: lines('--- # start', 'claims: []', 'notes:', '  - quote: ferry', '    text: Which one?', '... # end'),
  },
  {
    name: 'a top-level map indented by two spaces gets its new section at the same column',
    input: lines('  claims:', '    - quote: x', ''),
    action: newNote,
    expected: lines('  claims:', '    - quote: x', '  notes:', '    - quote: ferry', '      text: Which one?', ''),
  },
  {
    name: 'CRLF: a new section, a new source entry, a new list item',
    input: 'sources:\r\n  s1:\r\n    title: First\r\nclaims:\r\n  - quote: x\r\n',
    action: (s) => combine(newSource(s), newNote(s), addSource()(s)),
    expected: 'sources:\r\n  s1:\r\n    title: First\r\n  s2:\r\n    title: Second\r\nclaims:\r\n  - quote: x\r\n    sources: [s2]\r\nnotes:\r\n  - quote: ferry\r\n    text: Which one?\r\n',
  },
  {
    name: 'tabs in comments',
    input: lines('claims:\t# the\tclaims', '  - quote: x\t# a\tquote', '    sources: [s1]\t#\tone', ''),
    action: addSource(),
    expected: lines('claims:\t# the\tclaims', '  - quote: x\t# a\tquote', '    sources: [s1, s2]\t#\tone', ''),
  },
  {
    name: 'quoted keys',
    input: lines('"claims":', "  - 'quote': x", '    "sources": [s1]', "'entities':", '  "e1": {name: Ana, type: person}', ''),
    action: (s) => combine(addSource()(s), planClaimAttribution(s, 0, 'e1'), planAddAlias(s, 'e1', 'Ana B.')),
    expected: lines('"claims":', "  - 'quote': x", '    "sources": [s1, s2]', '    attributed-to: e1', "'entities':", '  "e1": {name: Ana, type: person, aliases: [Ana B.]}', ''),
  },
  {
    name: 'comments everywhere',
    input: lines(
      '# header',
      'sources: # the sources',
      '  # first source',
      '  s1: # inline',
      '    title: First # t',
      '  # trailing comment in sources',
      'claims:',
      '  # before the item',
      '  - quote: x # q',
      '    # between keys',
      '    sources: # list',
      '      - s1 # one',
      '      # after the last item',
      '# end of claims',
      '',
    ),
    action: (s) => combine(addSource()(s), planAddEntity(s, 'e2', { name: 'Bo', type: 'person' })),
    expected: lines(
      '# header',
      'sources: # the sources',
      '  # first source',
      '  s1: # inline',
      '    title: First # t',
      '  # trailing comment in sources',
      'entities:',
      '  e2:',
      '    name: Bo',
      '    type: person',
      'claims:',
      '  # before the item',
      '  - quote: x # q',
      '    # between keys',
      '    sources: # list',
      '      - s1 # one',
      '      - s2',
      '      # after the last item',
      '# end of claims',
      '',
    ),
  },
  {
    name: 'a stale prefix opening a list item: the next key moves up to the dash',
    input: lines('claims:', '  - prefix: old', '    quote: The pass', '    sources: [s1]', ''),
    action: reAnchor(),
    expected: lines('claims:', '  - quote: The pass was closed', '    sources: [s1]', ''),
  },
  {
    name: 'a stale prefix opening a list item, with a comment after it: the comment stays',
    input: lines('claims:', '  - prefix: old', '    # checked in the archive', '    quote: The pass', ''),
    action: reAnchor(),
    expected: lines('claims:', '  -', '    # checked in the archive', '    quote: The pass was closed', ''),
  },
  {
    name: 'a tagged first key: the new entity lines up with the entries, not with the key after the tag',
    input: lines('entities:', '  !custom e1:', '    name: Ana', '    type: person', ''),
    action: (s) => planAddEntity(s, 'e2', { name: 'Bo', type: 'person' }),
    expected: lines('entities:', '  !custom e1:', '    name: Ana', '    type: person', '  e2:', '    name: Bo', '    type: person', ''),
  },
  {
    name: 'an anchored key opening a list item: the new key lines up under it',
    input: lines('claims:', '  - &first quote: x', ''),
    action: opinion(),
    expected: lines('claims:', '  - &first quote: x', '    kind: opinion', ''),
  },
  {
    name: 'a multi-document stream: refused, nothing written into the second document',
    input: lines('claims:', '  - quote: x', '---', 'claims:', '  - quote: y', ''),
    action: opinion(),
    expected: 'refused',
    reason: /more than one YAML document/,
  },
];

const cases = [...blockScalars, ...flowCollections, ...anchorsAndAliases, ...layout];

for (const c of cases) {
  test(`safe writes: ${c.name}`, () => {
    const session = new EditSession(c.input);
    const verdict = session.verify(c.action(session.sidecar));
    if (c.expected === 'refused') {
      assert.equal(verdict.ok, false, verdict.ok ? applyEdits(c.input, verdict.edits) : '');
      if (!verdict.ok && c.reason) assert.match(verdict.reason, c.reason);
      return;
    }
    assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
    const output = applyEdits(c.input, verdict.edits);
    assert.equal(output, c.expected);
    assert.deepEqual(parseDocument(output).errors, []);
  });
}

test('safe writes: the check refuses an edit that glues a value to the next key, naming the claim', () => {
  const input = lines('claims:', '  - quote: >-', '      The pass', '    sources: [s1]', '');
  const session = new EditSession(input);
  // What the old edit did: replace the block scalar together with its line break.
  const glued = { ok: true as const, edits: [{ start: input.indexOf('>-'), end: input.indexOf('    sources'), newText: 'The pass was closed' }], intents: [{ kind: 'item' as const, section: 'claims' as const, index: 0, change: (item: unknown) => new Map(item as Map<string, unknown>).set('quote', 'The pass was closed') }] };
  const verdict = session.verify(glued);
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /would not parse|claim 1 would not read back/);
});

test('safe writes: an edit that changes an untouched entity is refused', () => {
  const input = lines('entities:', '  e1: {name: Ana, type: person}', 'claims:', '  - quote: x', '');
  const session = new EditSession(input);
  const sneaky = { ok: true as const, edits: [{ start: input.indexOf('Ana'), end: input.indexOf('Ana') + 3, newText: 'Eve' }], intents: [{ kind: 'item' as const, section: 'claims' as const, index: 0, change: (item: unknown) => item }] };
  const verdict = session.verify(sneaky);
  assert.deepEqual(verdict, { ok: false, reason: "the edit would also change entity 'e1'", checked: true });
});

test('a sidecar over a reading budget gets no edit: its text is never parsed in full for one', () => {
  const deep = `${'['.repeat(100_000)}\nclaims:\n  - quote: a\n`;
  const session = new EditSession(deep);
  assert.match(session.problem ?? '', /nesting depth limit/);
});

test('an item with a key written twice is not edited: which one counts depends on the reader', () => {
  const session = new EditSession(['claims:', '  - quote: a', '    kind: fact', '    kind: fact', ''].join('\n'));
  const verdict = session.verify(planClaimKind(session.sidecar, 0, 'opinion'));
  assert.equal(verdict.ok, false);
  assert.match(verdict.ok ? '' : verdict.reason, /key 'kind' twice/);
});
