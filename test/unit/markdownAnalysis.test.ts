// A Markdown article analysed as a reader reads it: quotes copied from the
// rendered page anchor exactly, names in code, URLs, comments and front-matter
// keys are no mentions, every range reaches the editor in source lines and
// columns, and a plain article reads the same as .txt and as .md.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import { checkAnnotation } from '../../server/src/core/annotate';
import { linesOf } from '../../server/src/core/locate';
import type { Analysis } from '../../server/src/core/model';
import { quickFixesFor } from '../../server/src/core/quickFixes';
import { applyEdits } from '../../server/src/core/sidecarText';
import { visible } from '../support/incrementalEdits';
import { REPO } from '../support/mentionAccuracy';
import { seeded } from '../../bench/editCorpus';
import { countingCalls, joinLines } from './helpers';

const ENTITIES = joinLines(
  'entities:',
  '  nrf:',
  '    name: National Resistance Front',
  '    type: organization',
  '  varga:',
  '    name: Ana Varga',
  '    type: person',
  '    aliases: [Varga]',
);

function analyzeMarkdown(source: string, sidecar: string): Analysis {
  return analyze(prepareArticle(source, undefined, true), prepareSidecar(sidecar));
}

/** The source text a span of the analysis covers, through the editor's line index. */
function sourceOf(analysis: Analysis, span: { start: number; end: number }): string {
  const lines = linesOf(analysis, 'article');
  const range = lines.rangeOf(span);
  const source = analysis.reading!.source;
  const offset = (p: { line: number; character: number }): number => source.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return source.slice(offset(range.start), offset(range.end));
}

const ISSUE_ARTICLE = 'The [National Resistance Front](https://example.org/nrf) says it controls **most of the valley**, Ana Varga wrote.';

const quotes: { name: string; quote: string; covers: string }[] = [
  { name: 'a quote across bold, as copied from the page', quote: 'says it controls most of the valley', covers: 'says it controls **most of the valley' },
  { name: 'a quote across a link', quote: 'The National Resistance Front says it controls', covers: 'The [National Resistance Front](https://example.org/nrf) says it controls' },
  { name: 'a quote written by hand with the markup', quote: 'controls **most of the valley**', covers: 'controls **most of the valley' },
];

for (const q of quotes) {
  test(`anchoring in Markdown: ${q.name} is found exactly, and its range covers the markup inside it`, () => {
    const analysis = analyzeMarkdown(ISSUE_ARTICLE, joinLines(ENTITIES, 'claims:', `  - quote: "${q.quote}"`));
    const claim = analysis.claims[0]!;
    assert.equal(claim.anchor, 'exact');
    assert.deepEqual(analysis.findings.filter((f) => f.code !== 'unsourced-claim').map((f) => f.code), []);
    assert.equal(sourceOf(analysis, claim.span!), q.covers);
  });
}

const notMentions: { where: string; source: string }[] = [
  { where: 'a fenced code block', source: joinLines('Intro.', '', '```', 'Varga()', '```') },
  { where: 'an indented code block', source: joinLines('Intro.', '', '    Varga()') },
  { where: 'a code span', source: 'Run `Varga` now.' },
  { where: 'a link destination', source: 'See [the page](https://example.org/Varga/) now.' },
  { where: 'a link title', source: 'See [the page](https://example.org/ "About Varga") now.' },
  { where: 'an autolink', source: 'See <https://example.org/Varga> now.' },
  { where: 'a bare URL', source: 'See https://example.org/Varga/x now.' },
  { where: 'an HTML comment', source: 'Intro. <!-- ask Varga -->' },
  { where: 'an HTML block comment', source: joinLines('Intro.', '', '<!--', 'Varga', '-->') },
  { where: 'an HTML attribute', source: 'Intro <span title="Varga">here</span>.' },
  { where: 'a front-matter key or value other than the title', source: joinLines('---', 'title: Intro', 'tags: [Varga]', 'Varga: x', '---', 'Body.') },
  { where: 'an image destination', source: 'A ![photo](Varga.png) here.' },
];

for (const c of notMentions) {
  test(`mentions in Markdown: a name in ${c.where} is no mention`, () => {
    assert.deepEqual(analyzeMarkdown(c.source, ENTITIES).mentions.map((m) => m.text), []);
  });
}

test('mentions in Markdown: names in link text, emphasis, headings, list items, tables and the title are mentions, at their source place', () => {
  const source = joinLines('---', 'title: Ana Varga wins', '---', '', '## *Varga* speaks', '', '- [Ana Varga](https://example.org/x)', '', '| who |', '|---|', '| Varga |');
  const analysis = analyzeMarkdown(source, ENTITIES);
  assert.deepEqual(analysis.mentions.map((m) => sourceOf(analysis, m.span)), ['Ana Varga', 'Varga', 'Ana Varga', 'Varga']);
  assert.equal(analysis.structure!.paragraphOf(analysis.mentions[0]!.span.start), 0, 'the title is the headline paragraph');
});

test('annotate in Markdown: a selection across **bold** writes the reading text', () => {
  const source = 'They said it was **very late** then.';
  const analysis = analyzeMarkdown(source, ENTITIES);
  const reading = analysis.reading!;
  const selection = { start: reading.toReading(source.indexOf('it was')), end: reading.toReading(source.indexOf(' then')) };
  const plan = checkAnnotation('', reading.text, selection, { kind: 'claim' }, new Set());
  assert.ok(plan.ok);
  assert.equal(plan.quote, 'it was very late');
});

/**
 * A sample as text that Markdown reads as it is: one line per paragraph, one
 * blank line between them (in Markdown a line break inside a paragraph is a
 * space, and a line of no-break spaces is not blank).
 */
function markdownNeutral(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

test('differential: each plain sample (without markup) reads the same as .txt and as .md', () => {
  for (const name of ['peace-does-not-mean-to-surrender', 'support-ahmad-massoud', 'taliban-insurgency-of-its-own']) {
    const text = markdownNeutral(fs.readFileSync(path.join(REPO, 'samples', `${name}.txt`), 'utf8'));
    const sidecar = prepareSidecar(fs.readFileSync(path.join(REPO, 'samples', `${name}.annotations.yaml`), 'utf8'));
    const asText = analyze(prepareArticle(text), sidecar);
    const asMarkdown = analyze(prepareArticle(text, undefined, true), sidecar);
    assert.equal(asMarkdown.articleText, text, name);
    assert.ok(asText.mentions.length > 20 && asText.claims.length > 10, name);
    assert.deepEqual(inEditor(asMarkdown), inEditor(asText), name);
  }
});

/** What the editor shows: every finding, claim and mention with its range in lines and columns. */
function inEditor(analysis: Analysis): string[] {
  const lines = linesOf(analysis, 'article');
  const where = (s?: { start: number; end: number }): string => (s ? JSON.stringify(lines.rangeOf(s)) : '-');
  return [
    ...analysis.findings.filter((f) => f.file === 'article').map((f) => `finding ${f.code} ${where(f.span)} ${f.message}`),
    ...analysis.claims.map((c) => `claim ${c.status} ${c.anchor} ${where(c.span)}`),
    ...analysis.mentions.map((m) => `mention ${m.entityId} ${m.certain} ${where(m.span)}`),
  ];
}

test('incremental in Markdown: after each of 120 edits of the Markdown sample, the tracked analysis equals a fresh one', () => {
  let source = fs.readFileSync(path.join(REPO, 'samples', 'who-is-ahmad-massoud-page.md'), 'utf8');
  const sidecar = prepareSidecar(fs.readFileSync(path.join(REPO, 'samples', 'who-is-ahmad-massoud-page.annotations.yaml'), 'utf8'));
  let state = 7;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const inserts = ['*', '**', 'x', ' ', '\n', '\n\n', '[', '](/u)', '`', 'Massoud ', '> ', '- ', '```\n'];
  let prepared = prepareArticle(source, undefined, true);
  let tracked = analyze(prepared, sidecar);
  for (let step = 0; step < 120; step++) {
    const at = Math.floor(random() * source.length);
    const remove = random() < 0.3 ? Math.floor(random() * 5) : 0;
    source = source.slice(0, at) + inserts[Math.floor(random() * inserts.length)]! + source.slice(at + remove);
    prepared = prepareArticle(source, prepared);
    tracked = analyze(prepared, sidecar, undefined, tracked);
    assert.deepEqual(visible(tracked), visible(analyze(prepareArticle(source, undefined, true), sidecar)), `step ${step}`);
  }
});

test('incremental in Markdown: quotes written with their markup stay anchored through 300 random edits, tracked as a fresh analysis finds them', () => {
  const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: the **harbour board** met on *day ${i}* and [Ana Varga](https://example.org/${i}) spoke for \`item-${i}\` at length.`);
  let source = joinLines('---', 'title: Harbour notes', '---', '', ...paragraphs.flatMap((p) => [p, '']));
  const quotes = [3, 7, 10].map((i) => `the **harbour board** met on *day ${i}* and [Ana Varga](https://example.org/${i}) spoke`);
  const sidecar = prepareSidecar(`${ENTITIES}\nclaims:\n${quotes.map((q) => `  - quote: ${JSON.stringify(q)}\n`).join('')}`);
  const next = seeded(5);
  const random = (n: number): number => Math.floor(next() * n);
  const inserts = ['x', ' ', '*', '**', '\n\n', '[', ']', '`', 'harbour ', '> '];
  let prepared = prepareArticle(source, undefined, true);
  let tracked = analyze(prepared, sidecar);
  assert.deepEqual(tracked.claims.map((c) => c.anchor), ['exact', 'exact', 'exact']);
  for (let step = 0; step < 300; step++) {
    const at = random(source.length + 1);
    source = source.slice(0, at) + inserts[random(inserts.length)]! + source.slice(at + (random(4) === 0 ? random(6) : 0));
    prepared = prepareArticle(source, prepared);
    tracked = analyze(prepared, sidecar, undefined, tracked);
    assert.deepEqual(visible(tracked), visible(analyze(prepareArticle(source, undefined, true), sidecar)), `step ${step}`);
  }
});

test('incremental in Markdown: an edit away from a quote written with markup moves its source search instead of searching again', () => {
  const source = joinLines(...Array.from({ length: 40 }, (_, i) => `Filler paragraph ${i} about the harbour.\n`), 'They said it was **very late** then.', '');
  const sidecar = prepareSidecar(`${ENTITIES}\nclaims:\n  - quote: "it was **very late** then"\n`);
  const first = analyze(prepareArticle(source, undefined, true), sidecar);
  const kept = first.sourceAnchors?.results.claims.get(0);
  assert.equal(kept?.status, 'found');
  const edited = `New ${source}`;
  const editedArticle = prepareArticle(edited, prepareArticle(source, undefined, true));
  // The source is not normalized again (a whole normalization of a 1 MB source is what a keystroke must not pay).
  const { result: second, calls } = countingCalls('../../server/src/core/normalize', 'normalizeWithMap', () => analyze(editedArticle, sidecar, undefined, first));
  const normalizedLengths = calls.map(([text]) => (text as string).length);
  assert.ok(normalizedLengths.every((length) => length < edited.length / 4), `normalized: ${normalizedLengths.join(', ')} of ${edited.length}`);
  const moved = second.sourceAnchors?.results.claims.get(0);
  assert.ok(moved && moved.status === 'found' && kept.status === 'found');
  assert.deepEqual(moved.span, { start: kept.span.start + 4, end: kept.span.end + 4 });
  assert.equal(sourceOf(second, second.claims[0]!.span!), 'it was **very late** then');
});

test('quick fixes in Markdown: a pin written from an ambiguous mention quotes the reading text around it', () => {
  const sidecar = joinLines('entities:', '  ana:', '    name: Ana Varga', '    type: person', '    aliases: [Varga]', '  tomas:', '    name: Tomas Varga', '    type: person', '    aliases: [Varga]', '');
  const source = joinLines('Notes on *the* **trial**', '', 'Varga came.', '', 'Varga left.');
  const analysis = analyzeMarkdown(source, sidecar);
  const finding = analysis.findings.find((f) => f.code === 'ambiguous-mention')!;
  const fix = quickFixesFor(analysis, finding).find((f) => f.title.startsWith('Pin “Varga” here to Tomas Varga'))!;
  assert.equal(applyEdits(analysis.sidecarText, fix.edits!), `${sidecar}mentions:\n  - quote: Varga\n    prefix: "trial "\n    entity: tomas\n`);
});

test('budgets in Markdown: the finding on a piece read as written ends between two characters, not inside an emoji', () => {
  const analysis = analyzeMarkdown(`Intro.\n\nx${'😀'.repeat(50)}${'[a]('.repeat(20_000)}`, ENTITIES);
  const found = analysis.findings.find((f) => f.code === 'limit-exceeded')!;
  const end = analysis.articleText.charCodeAt(found.span.end - 1);
  assert.ok(!(end >= 0xd800 && end <= 0xdbff), `ends after a high surrogate at ${found.span.end}`);
});

test('budgets in Markdown: a piece read as written is one limit-exceeded finding on the article', () => {
  const analysis = analyzeMarkdown(`Intro.\n\n${'[a]('.repeat(20_000)}`, ENTITIES);
  const found = analysis.findings.filter((f) => f.code === 'limit-exceeded');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.file, 'article');
  assert.match(found[0]!.message, /Markdown block with inline markup limit \(20,000 characters\): a part of the article \(from here\) is read as written/);
});

test('the Markdown sample has no broken annotations, flags its unsourced claims, and names what the text sample names', () => {
  const read = (name: string): string => fs.readFileSync(path.join(REPO, 'samples', name), 'utf8');
  const analysis = analyzeMarkdown(read('who-is-ahmad-massoud-page.md'), read('who-is-ahmad-massoud-page.annotations.yaml'));
  const broken = analysis.findings.filter((f) => f.severity === 'error' || ['ambiguous-anchor', 'orphaned-annotation', 'drifted-annotation'].includes(f.code));
  assert.deepEqual(broken.map((f) => `${f.code}: ${f.message}`), []);
  assert.ok(analysis.claims.filter((c) => c.status === 'unsourced').length >= 3);
  const asText = analyze(prepareArticle(read('who-is-ahmad-massoud.txt')), prepareSidecar(read('who-is-ahmad-massoud.annotations.yaml')));
  const named = (a: Analysis): string[] => a.mentions.map((m) => `${m.text} ${m.entityId}`);
  assert.deepEqual(named(analysis), named(asText));
});
