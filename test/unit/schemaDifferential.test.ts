// One schema: client/schemas/annotations.schema.json and the server's reader
// (core/sidecar.ts) must give every sidecar the same verdict. Generated
// sidecars (seeded, so a failure replays), mostly well formed with a few
// wrong values each, go to both: the schema through ajv on the YAML's data,
// the reader through parseSidecar, valid when it reports no `schema` error.
// (Warnings about facts that contradict each other, unknown ids and budgets
// are not the schema's business and are not compared.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, stringify } from 'yaml';
import { parseSidecar } from '../../server/src/core/sidecar';
import { seeded } from '../../bench/editCorpus';

const REPO = path.join(__dirname, '..', '..', '..');
const SIDECARS = 1500;


type Value = unknown;

class Gen {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** A good value most of the time, a wrong one with probability `p`. */
  either(good: readonly Value[], bad: readonly Value[], p = 0.04): Value {
    return this.chance(p) ? this.pick(bad) : this.pick(good);
  }
}

// Values a field may be given: well formed ones, and the mistakes people make.
const TEXT = ['Ana Varga', 'The Veloria Herald', 'a note: with a colon', '1984', 'yes', 'Tomás Varga'];
const BAD_TEXT = [42, true, null, ['a list'], { a: 'map' }, 3.5];
const REQUIRED_TEXT = TEXT;
const BAD_REQUIRED = [...BAD_TEXT, '', '   '];
const IDS = ['ana', 'ana-varga', 'tomas.varga', 'src_1', 'V2', '1999'];
const BAD_IDS = ['my source', '-lead', '', ' ', 'Ünal', 'a/b'];
const TYPES = ['person', 'organization', 'place', 'event', 'work', 'other'];
const BAD_TYPES = ['alien', '', 'Person', 3, null];
const OCCURRENCES = [1, 2, 7];
const BAD_OCCURRENCES = [0, -1, 2.5, '2', null, true];
const PRONOUNS = ['he', 'she', 'they', 'he/him', 'she/her', 'they/them', 'He/Him', 'she / hers'];
const BAD_PRONOUNS = ['it', 'xe', '', 3, null, 'he/her'];
const YEARS = [1950, -300, 2200, -3000, '1950-03-02', '1950', '1987-06', 0];
const BAD_YEARS = [5000, -3001, 1950.5, 'around 1950', '', null, true, '19500'];
const RELATION_KEYS = ['child-of', 'son-of', 'daughter-of', 'parent-of', 'spouse-of', 'wife-of', 'sibling-of'];

function listOf(g: Gen, item: () => Value, max = 3): Value[] {
  const n = Math.floor(g.either([0, 1, 2, max], [0]) as number);
  return Array.from({ length: n }, item);
}

/** A list field: a list, or (accepted by both as a list of one) a single text; sometimes something else. */
function textList(g: Gen, items: readonly Value[], badItems: readonly Value[] = BAD_TEXT): Value {
  if (g.chance(0.15)) return g.pick(items);
  if (g.chance(0.03)) return g.pick([42, { a: 1 }, null]);
  return listOf(g, () => g.either(items, badItems));
}

function maybe(g: Gen, into: Record<string, Value>, key: string, p: number, value: () => Value): void {
  if (g.chance(p)) into[key] = value();
}

function source(g: Gen): Value {
  const s: Record<string, Value> = {};
  if (!g.chance(0.02)) s.title = g.either(REQUIRED_TEXT, BAD_REQUIRED);
  for (const key of ['url', 'publisher', 'date', 'note']) maybe(g, s, key, 0.4, () => g.either(TEXT, BAD_TEXT));
  if (g.chance(0.02)) s.author = 'unknown key';
  return g.chance(0.01) ? 'not a mapping' : s;
}

function role(g: Gen): Value {
  if (g.chance(0.5)) return g.either(TEXT, [...BAD_TEXT, '', ' ']);
  const r: Record<string, Value> = {};
  if (!g.chance(0.05)) r.title = g.either(REQUIRED_TEXT, BAD_REQUIRED);
  maybe(g, r, 'from', 0.5, () => g.either([1990, 2001, '1995'], BAD_YEARS));
  maybe(g, r, 'to', 0.3, () => g.either([2005, 2010, '2008-01-01'], BAD_YEARS));
  if (g.chance(0.02)) r.until = 2000;
  return r;
}

function entity(g: Gen): Value {
  const e: Record<string, Value> = {};
  if (!g.chance(0.02)) e.name = g.either(REQUIRED_TEXT, BAD_REQUIRED);
  if (!g.chance(0.02)) e.type = g.either(TYPES, BAD_TYPES);
  maybe(g, e, 'aliases', 0.4, () => textList(g, TEXT));
  maybe(g, e, 'description', 0.3, () => g.either(TEXT, BAD_TEXT));
  maybe(g, e, 'links', 0.2, () => textList(g, ['https://example.org/a', 'see the archive']));
  maybe(g, e, 'pronouns', 0.3, () => g.either(PRONOUNS, BAD_PRONOUNS));
  maybe(g, e, 'born', 0.3, () => g.either(YEARS, BAD_YEARS));
  maybe(g, e, 'died', 0.15, () => g.either(YEARS, BAD_YEARS));
  maybe(g, e, 'roles', 0.25, () => (g.chance(0.1) ? role(g) : g.chance(0.03) ? g.pick([42, null]) : listOf(g, () => role(g))));
  maybe(g, e, 'relations', 0.25, () => {
    if (g.chance(0.03)) return g.pick(['ana', null, ['ana']]);
    const r: Record<string, Value> = {};
    for (const key of [g.pick(RELATION_KEYS), g.pick(RELATION_KEYS)]) r[key] = g.chance(0.5) ? g.either(IDS, BAD_IDS) : listOf(g, () => g.either(IDS, [...BAD_IDS, 7]));
    if (g.chance(0.02)) r['cousin-of'] = 'ana';
    return r;
  });
  if (g.chance(0.02)) e.age = 40;
  return g.chance(0.01) ? ['not a mapping'] : e;
}

function anchor(g: Gen): Record<string, Value> {
  const a: Record<string, Value> = {};
  if (!g.chance(0.02)) a.quote = g.either(REQUIRED_TEXT, BAD_REQUIRED);
  maybe(g, a, 'prefix', 0.1, () => g.either(TEXT, BAD_TEXT));
  maybe(g, a, 'suffix', 0.1, () => g.either(TEXT, BAD_TEXT));
  maybe(g, a, 'occurrence', 0.1, () => g.either(OCCURRENCES, BAD_OCCURRENCES));
  return a;
}

function claim(g: Gen): Value {
  const c = anchor(g);
  maybe(g, c, 'id', 0.3, () => g.either(IDS, BAD_IDS));
  maybe(g, c, 'sources', 0.5, () => textList(g, IDS));
  maybe(g, c, 'attributed-to', 0.2, () => g.either(IDS, BAD_TEXT));
  maybe(g, c, 'kind', 0.3, () => g.either(['fact', 'opinion'], ['rumour', '', null, 1]));
  maybe(g, c, 'note', 0.1, () => g.either(TEXT, BAD_TEXT));
  if (g.chance(0.02)) c.source = 'typo for sources';
  return g.chance(0.01) ? 'a bare quote' : c;
}

function pin(g: Gen): Value {
  const p = anchor(g);
  if (!g.chance(0.03)) p.entity = g.either(IDS, BAD_REQUIRED);
  return p;
}

function note(g: Gen): Value {
  const n = anchor(g);
  if (!g.chance(0.03)) n.text = g.either(REQUIRED_TEXT, BAD_REQUIRED);
  return n;
}

function idMap(g: Gen, entry: (g: Gen) => Value): Value {
  if (g.chance(0.02)) return g.pick([['a list'], 'text', 3]);
  const m: Record<string, Value> = {};
  for (let i = 0, n = Math.floor(g.next() * 4); i < n; i++) m[g.either(IDS, BAD_IDS, 0.03) as string] = entry(g);
  return m;
}

function sidecar(g: Gen): Value {
  if (g.chance(0.01)) return g.pick([['a list'], 'text', 42]);
  const s: Record<string, Value> = {};
  maybe(g, s, 'article', 0.2, () => g.either(['story.md', 'drafts/story.txt'], BAD_TEXT));
  maybe(g, s, 'sources', 0.7, () => idMap(g, source));
  maybe(g, s, 'entities', 0.7, () => idMap(g, entity));
  maybe(g, s, 'claims', 0.7, () => (g.chance(0.02) ? { a: 1 } : listOf(g, () => claim(g), 4)));
  maybe(g, s, 'mentions', 0.3, () => listOf(g, () => pin(g)));
  maybe(g, s, 'notes', 0.3, () => listOf(g, () => note(g)));
  if (g.chance(0.02)) s.version = 1;
  return s;
}

function readerVerdict(text: string): { valid: boolean; problems: string[] } {
  const problems = parseSidecar(text).findings.filter((f) => (f.code === 'schema' && f.severity === 'error') || f.code === 'yaml-syntax').map((f) => f.message);
  return { valid: problems.length === 0, problems };
}

test(`one schema: the JSON Schema and the reader agree on ${SIDECARS} generated sidecars`, () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'client', 'schemas', 'annotations.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const g = new Gen(seeded(20261126));
  const disagreements: string[] = [];
  let valid = 0;
  for (let i = 0; i < SIDECARS; i++) {
    const text = stringify(sidecar(g));
    const bySchema = validate(parse(text) ?? null) as boolean;
    const byReader = readerVerdict(text);
    if (bySchema) valid++;
    if (bySchema !== byReader.valid && disagreements.length < 8) {
      const why = bySchema ? `reader: ${byReader.problems.join(' | ')}` : `schema: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join(' | ')}`;
      disagreements.push(`#${i} schema ${bySchema ? 'valid' : 'invalid'}, reader ${byReader.valid ? 'valid' : 'invalid'} — ${why}\n${text}`);
    }
  }
  assert.deepEqual(disagreements, []);
  // Both verdicts are well represented, or the comparison says little.
  assert.ok(valid > SIDECARS * 0.2 && valid < SIDECARS * 0.8, `${valid} of ${SIDECARS} valid`);
});

test('one schema: the cases the issue found, the same verdict from both', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'client', 'schemas', 'annotations.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false }).compile(schema);
  const cases: { name: string; yaml: string; valid: boolean }[] = [
    { name: 'a source id with a space', yaml: 'sources:\n  my source: {title: T}\n', valid: false },
    { name: 'a numeric title', yaml: 'sources:\n  s: {title: 1984}\n', valid: false },
    { name: 'a quoted numeric title', yaml: 'sources:\n  s: {title: "1984"}\n', valid: true },
    { name: 'aliases as a plain string: a list of one', yaml: 'entities:\n  c: {name: Marie Curie, type: person, aliases: Curie}\n', valid: true },
    { name: 'sources of a claim as a plain string', yaml: 'sources:\n  s: {title: T}\nclaims:\n  - {quote: q, sources: s}\n', valid: true },
    { name: 'an empty url', yaml: 'sources:\n  s:\n    title: T\n    url:\n', valid: false },
    { name: 'occurrence as text', yaml: 'notes:\n  - {quote: q, text: t, occurrence: "2"}\n', valid: false },
    { name: 'a blank quote', yaml: 'claims:\n  - quote: "  "\n', valid: false },
  ];
  for (const { name, yaml, valid } of cases) {
    assert.equal(validate(parse(yaml) ?? null), valid, `schema: ${name}`);
    assert.equal(readerVerdict(yaml).valid, valid, `reader: ${name} ${readerVerdict(yaml).problems.join(' | ')}`);
  }
  assert.deepEqual(parseSidecar('entities:\n  c: {name: Marie Curie, type: person, aliases: Curie}\n').entities.get('c')?.aliases.map((a) => a.value), ['Curie']);
});
