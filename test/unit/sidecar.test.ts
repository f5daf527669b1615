import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../server/src/core/sidecar';
import { summarizeSidecarText } from '../../server/src/core/quickSummary';
import { LIMITS } from '../../server/src/core/limits';
import { analyzeTexts, joinLines } from './helpers';

/** Findings as code@quoted-text: message-fragment, for table comparison. */
function problems(text: string): string[] {
  return parseSidecar(text).findings.map((f) => `${f.severity === 'warning' ? 'warning:' : ''}${f.code}@${text.slice(f.span.start, f.span.end)}`);
}

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'empty file is fine', text: '', expected: [] },
  { name: 'only comments is fine', text: '# nothing yet\n', expected: [] },
  { name: 'a list at the top', text: '- a\n- b\n', expected: ['schema@- a\n- b\n'] },
  { name: 'unknown top-level key', text: 'claim:\n  - quote: x\n', expected: ['schema@claim'] },
  { name: 'unknown key in an entity', text: joinLines('entities:', '  a:', '    name: A', '    type: person', '    birthday: 1989'), expected: ['schema@birthday'] },
  { name: 'missing name and type', text: joinLines('entities:', '  a:', '    description: x'), expected: ['schema@a', 'schema@a'] },
  { name: 'unknown entity type', text: joinLines('entities:', '  a:', '    name: A', '    type: alien'), expected: ['schema@alien'] },
  { name: 'claims must be a list', text: 'claims: yes', expected: ['schema@yes'] },
  { name: 'quote must be text', text: joinLines('claims:', '  - quote: [a, b]'), expected: ['schema@[a, b]'] },
  { name: 'occurrence must be a positive whole number', text: joinLines('claims:', '  - quote: a', '    occurrence: 0'), expected: ['schema@0'] },
  { name: 'unknown claim kind', text: joinLines('claims:', '  - quote: a', '    kind: rumour'), expected: ['schema@rumour'] },
  { name: 'duplicate source id', text: joinLines('sources:', '  a: {title: A}', '  a: {title: B}'), expected: ['duplicate-id@a'] },
  { name: 'broken YAML is a yaml-syntax finding', text: 'claims:\n  - quote: "unclosed\n', expected: ['yaml-syntax@  - quote: "unclosed'] },
  { name: 'a pin needs an entity', text: joinLines('mentions:', '  - quote: Massoud'), expected: ['schema@quote: Massoud'] },
];

for (const c of cases) {
  test(`sidecar: ${c.name}`, () => assert.deepEqual(problems(c.text), c.expected));
}

test('sidecar: reads every field with its span', () => {
  const text = joinLines(
    '# header',
    'sources:',
    '  ps: {title: Project Syndicate op-ed, url: "https://example.org/a", date: 2021-09-10}',
    'entities:',
    '  son:',
    '    name: Ahmad Massoud',
    '    type: person',
    '    aliases: [Massoud, "younger Massoud"]',
    'claims:',
    '  - id: c1',
    '    quote: Massoud was assassinated',
    '    sources: [ps]',
    '    attributed-to: son',
    '    kind: opinion',
  );
  const sidecar = parseSidecar(text);
  assert.deepEqual(sidecar.findings, []);
  assert.equal(sidecar.sources.get('ps')?.date, '2021-09-10');
  const son = sidecar.entities.get('son')!;
  assert.deepEqual(son.aliases.map((a) => a.value), ['Massoud', 'younger Massoud']);
  assert.equal(text.slice(son.idSpan.start, son.idSpan.end), 'son');
  const claim = sidecar.claims[0]!;
  assert.equal(text.slice(claim.quoteSpan.start, claim.quoteSpan.end), 'Massoud was assassinated');
  assert.equal(claim.kind, 'opinion');
  assert.deepEqual(sidecar.idUses.map((u) => `${u.kind}:${u.id}`), ['source:ps', 'entity:son']);
});

test('sidecar: a bad entry does not hide the good ones', () => {
  const sidecar = parseSidecar(joinLines('claims:', '  - just text', '  - quote: fine'));
  assert.equal(sidecar.claims.length, 1);
  assert.equal(sidecar.claims[0]!.index, 1);
});

test('sidecar: hostile input does not throw', () => {
  const inputs = ['\u0000\u0001\u0002', ': : :', '{{{{', '*alias', '&a [*a, *a]', 'x: ' + 'a'.repeat(100000), '- '.repeat(5000)];
  for (const input of inputs) assert.doesNotThrow(() => parseSidecar(input));
});

test('sidecar: no finding starts or ends between the two halves of an emoji', () => {
  const splits = (text: string, at: number) => at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]!) && /[\uDC00-\uDFFF]/.test(text[at]!);
  const inputs = ['😀\t😀: 😀: 😀', 'a: !😀 x', '😀: [😀', 'a: 😀\n😀: - 😀', '{😀: 😀', 'a: &😀 *😀', `${'😀'.repeat(3)}: ${'😀'.repeat(5)}\n${'😀'.repeat(2)}`];
  for (const text of inputs) {
    for (const f of parseSidecar(text).findings) assert.ok(!splits(text, f.span.start) && !splits(text, f.span.end), `${JSON.stringify(text)}: ${f.message} at ${f.span.start}–${f.span.end}`);
  }
});

test('a blank id is a schema finding, and the entry is not used (no pin or citation could name it)', () => {
  const sidecar = parseSidecar(['entities:', '  " ":', '    name: Blank Person', '    type: person', '  ok:', '    name: Fine Person', '    type: person'].join('\n'));
  assert.deepEqual([...sidecar.entities.keys()], ['ok']);
  assert.ok(sidecar.findings.some((f) => f.code === 'schema' && /must not be empty or blank/.test(f.message)));
  assert.deepEqual(summarizeSidecarText(['entities:', '  " ":', '    name: Blank Person', '    type: person'].join('\n'))?.symbols.map((s) => s.id), []);
});

// ---- Facts for mention resolution: pronouns, born, died, roles, relations ----

/** A person `tomas-varga` with these lines added, and the people a relation may name. */
function person(...lines: string[]): string {
  return joinLines('entities:', '  tomas-varga:', '    name: Tomas Varga', '    type: person', ...lines.map((l) => `    ${l}`), '  ana-varga: {name: Ana Varga, type: person}', '  mira-varga: {name: Mira Varga, type: person}');
}

const factCases: { name: string; lines: string[]; expected: string[] }[] = [
  { name: 'pronouns he', lines: ['pronouns: he'], expected: [] },
  { name: 'pronouns she/her', lines: ['pronouns: she/her'], expected: [] },
  { name: 'pronouns They/Them', lines: ['pronouns: They/Them'], expected: [] },
  { name: 'unknown pronouns', lines: ['pronouns: it'], expected: ['schema@it'] },
  { name: 'pronouns must be text', lines: ['pronouns: [he, him]'], expected: ['schema@[he, him]'] },
  { name: 'born and died as years', lines: ['born: 1950', 'died: 2011'], expected: [] },
  { name: 'a date is read as its year', lines: ['born: 1950-03-02'], expected: [] },
  { name: 'a BCE year', lines: ['born: -100'], expected: [] },
  { name: 'a year must be a number', lines: ['born: nineteen fifty'], expected: ['schema@nineteen fifty'] },
  { name: 'a year must be whole', lines: ['born: 1950.5'], expected: ['schema@1950.5'] },
  { name: 'a year out of range', lines: ['died: 19500'], expected: ['schema@19500'] },
  { name: 'a year must not be a list', lines: ['born: [1950]'], expected: ['schema@[1950]'] },
  { name: 'died before born', lines: ['born: 1950', 'died: 1940'], expected: ['warning:schema@1940'] },
  { name: 'roles as titles and with years', lines: ['roles:', '  - Governor of Veloria', '  - title: President', '    from: 1999', '    to: 2007'], expected: [] },
  { name: 'a single role as text', lines: ['roles: Governor of Veloria'], expected: [] },
  { name: 'a role must be text or a mapping', lines: ['roles: [[a]]'], expected: ['schema@[a]'] },
  { name: 'a role needs a title', lines: ['roles:', '  - {from: 1999}'], expected: ['schema@{from: 1999}'] },
  { name: 'unknown key in a role', lines: ['roles:', '  - {title: President, since: 1999}'], expected: ['schema@since'] },
  { name: 'a role ends before it starts', lines: ['roles:', '  - {title: President, from: 2007, to: 1999}'], expected: ['schema@1999'] },
  { name: 'a role year must be a year', lines: ['roles:', '  - {title: President, from: soon}'], expected: ['schema@soon'] },
  { name: 'relations to an id and to a list of ids', lines: ['relations:', '  father-of: ana-varga', '  spouse-of: [mira-varga]'], expected: [] },
  { name: 'unknown relation key', lines: ['relations:', '  uncle-of: ana-varga'], expected: ['schema@uncle-of'] },
  { name: 'relations must be a mapping', lines: ['relations: [ana-varga]'], expected: ['schema@[ana-varga]'] },
  { name: 'a relation target must be text', lines: ['relations:', '  father-of: {id: ana-varga}'], expected: ['schema@{id: ana-varga}'] },
  { name: 'an undefined relation target', lines: ['relations:', '  father-of: nobody-varga'], expected: ['unknown-entity@nobody-varga'] },
  { name: 'a gendered relation that contradicts the pronouns', lines: ['pronouns: she', 'relations:', '  father-of: ana-varga'], expected: ['warning:schema@father-of'] },
  { name: 'two gendered relations that contradict each other', lines: ['relations:', '  son-of: ana-varga', '  wife-of: mira-varga'], expected: ['warning:schema@wife-of'] },
  { name: 'a neutral relation never contradicts', lines: ['pronouns: she', 'relations:', '  child-of: ana-varga', '  spouse-of: mira-varga'], expected: [] },
  { name: 'they does not contradict a gendered relation', lines: ['pronouns: they', 'relations:', '  son-of: ana-varga'], expected: [] },
  { name: 'related to itself', lines: ['relations:', '  sibling-of: tomas-varga'], expected: ['warning:schema@tomas-varga'] },
];

for (const c of factCases) {
  test(`sidecar facts: ${c.name}`, () => {
    const text = person(...c.lines);
    const found = analyzeTexts('x', text).findings.filter((f) => f.file === 'sidecar');
    assert.deepEqual(found.map((f) => `${f.severity === 'warning' ? 'warning:' : ''}${f.code}@${text.slice(f.span.start, f.span.end)}`), c.expected);
  });
}

test('sidecar facts: every field is read into the entity', () => {
  const text = person('pronouns: he/him', 'born: 1950', 'died: 2011-05-01', 'roles:', '  - Governor of Veloria', '  - {title: President, from: 1999, to: 2007}', 'relations:', '  father-of: ana-varga', '  spouse-of: [mira-varga]');
  const tomas = parseSidecar(text).entities.get('tomas-varga')!;
  assert.equal(tomas.pronouns?.value, 'he');
  assert.equal(text.slice(tomas.pronouns!.span.start, tomas.pronouns!.span.end), 'he/him');
  assert.equal(tomas.born?.value, 1950);
  assert.equal(tomas.died?.value, 2011);
  assert.deepEqual(tomas.roles?.map(({ title, from, to }) => ({ title, from, to })), [
    { title: 'Governor of Veloria', from: undefined, to: undefined },
    { title: 'President', from: 1999, to: 2007 },
  ]);
  assert.deepEqual(tomas.relations?.map((r) => `${r.kind}:${r.key}:${r.implies ?? '-'}:${r.target.value}`), ['parent:father-of:he:ana-varga', 'spouse:spouse-of:-:mira-varga']);
});

test('sidecar facts: an entity without them has none (old sidecars read as before)', () => {
  const ana = parseSidecar(person()).entities.get('ana-varga')!;
  assert.deepEqual(Object.keys(ana).filter((k) => ['pronouns', 'born', 'died', 'roles', 'relations'].includes(k)), []);
});

test('sidecar facts: relation targets are entity id uses, after the entity and before claims', () => {
  const text = joinLines(person('relations: {father-of: ana-varga, spouse-of: [mira-varga, ana-varga]}'), 'claims:', '  - {quote: x, attributed-to: mira-varga}');
  const uses = parseSidecar(text).idUses.map((u) => `${u.kind}:${u.id}@${u.span.start}`);
  const at = (needle: string, from = 0) => text.indexOf(needle, from);
  assert.deepEqual(uses, [
    `entity:ana-varga@${at('ana-varga')}`,
    `entity:mira-varga@${at('mira-varga')}`,
    `entity:ana-varga@${at('ana-varga', at('mira-varga'))}`,
    `entity:mira-varga@${at('mira-varga', at('attributed-to'))}`,
  ]);
});

test('sidecar facts: roles and relations are read up to their budgets', () => {
  const roles = Array.from({ length: LIMITS.rolesPerEntity.value + 5 }, (_, i) => `R${i}`).join(', ');
  const targets = Array.from({ length: LIMITS.relationsPerEntity.value + 5 }, () => 'ana-varga').join(', ');
  const sidecar = parseSidecar(person(`roles: [${roles}]`, `relations: {parent-of: [${targets}], spouse-of: mira-varga}`));
  const tomas = sidecar.entities.get('tomas-varga')!;
  assert.equal(tomas.roles?.length, LIMITS.rolesPerEntity.value);
  assert.equal(tomas.relations?.length, LIMITS.relationsPerEntity.value);
  const limits = sidecar.findings.filter((f) => f.code === 'limit-exceeded').map((f) => f.message);
  assert.equal(limits.length, 3, limits.join('\n'));
  assert.match(limits[0]!, /roles per entity/);
  assert.match(limits[1]!, /relations per entity/);
});
