// The server's fixes, annotations and renames go through the write check
// (issue 10: defects 3, 6, 11 and "Attribute to"): each test is a user-level
// outcome: a fix that keeps the sidecar whole, a new claim that anchors where
// it was made, a rename that YAML reads back as the same text, a code action
// over 1,000 candidates that parses the sidecar twice, not a thousand times.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse, parseDocument } from 'yaml';
import { annotationSpan, checkAnnotation } from '../../server/src/core/annotate';
import type { Finding } from '../../server/src/core/model';
import { quickFixesFor } from '../../server/src/core/quickFixes';
import { planRename, renameEdits } from '../../server/src/core/rename';
import { summarizeSidecar } from '../../server/src/core/sidecarSummary';
import { parseSidecar } from '../../server/src/core/sidecar';
import { applyEdits, parseYaml, type ParseYaml } from '../../server/src/core/sidecarText';
import { EditSession } from '../../server/src/core/verifyEdit';
import { analyzeTexts, joinLines } from './helpers';

function countingParse(): { parse: ParseYaml; count: () => number } {
  let count = 0;
  return {
    parse: (text) => {
      count++;
      return parseYaml(text);
    },
    count: () => count,
  };
}

test('quick fix: “Update the quote” on a block scalar keeps the next key and the claim’s sources', () => {
  const article = 'Snow closed the northern pass for the whole winter.';
  const sidecar = joinLines('sources:', '  s1: {title: A diary}', 'claims:', '  - quote: >-', '      Snow closed the nothern', '      pass for the whole winter.', '    sources: [s1]', '');
  const analysis = analyzeTexts(article, sidecar);
  const drifted = analysis.findings.find((f) => f.code === 'drifted-annotation')!;
  const [fix] = quickFixesFor(analysis, drifted);
  assert.ok(fix?.edits, 'the fix is offered');
  const after = applyEdits(sidecar, fix.edits);
  assert.deepEqual(parse(after).claims, [{ quote: 'Snow closed the northern pass for the whole winter.', sources: ['s1'] }]);
  assert.equal(analyzeTexts(article, after).claims[0]!.status, 'sourced');
});

/** The “Attribute to …” fixes offered for the article's unsourced claim. */
function attributeTitles(article: string, sidecar: string): string[] {
  const analysis = analyzeTexts(article, sidecar);
  const unsourced = analysis.findings.find((f) => f.code === 'unsourced-claim' && f.file === 'article')!;
  return quickFixesFor(analysis, unsourced)
    .map((f) => f.title)
    .filter((t) => t.startsWith('Attribute to'));
}

test('quick fix: “Attribute to …” offers persons and organizations, not places or events', () => {
  const article = 'Ana Lima said in Porto, at the Harbour Fair, that the Guild of Pilots had agreed.';
  const sidecar = joinLines(
    'entities:',
    '  ana: {name: Ana Lima, type: person}',
    '  porto: {name: Porto, type: place}',
    '  fair: {name: Harbour Fair, type: event}',
    '  guild: {name: Guild of Pilots, type: organization}',
    'claims:',
    '  - quote: the Guild of Pilots had agreed',
    '',
  );
  assert.deepEqual(
    attributeTitles(article, sidecar),
    ['Attribute to Ana Lima', 'Attribute to Guild of Pilots'],
  );
});

test('quick fix: a fix the check rejects is not offered, and the reason is reported', () => {
  const article = 'The ferry left at dawn. The ferry came back.';
  const sidecar = joinLines('claims:', '  - quote: The ferry left at dawn', '    kind: &k fact', '  - quote: The ferry came back', '    kind: *k', '');
  const analysis = analyzeTexts(article, sidecar);
  const unsourced = analysis.findings.find((f) => f.code === 'unsourced-claim' && f.file === 'article')!;
  const warnings: string[] = [];
  const fixes = quickFixesFor(analysis, unsourced, { session: new EditSession(sidecar), warn: (m) => warnings.push(m) });
  assert.ok(!fixes.some((f) => f.title === 'Mark as opinion'));
  assert.deepEqual(warnings, ['“Mark as opinion” not offered: the edit would also change claim 2.']);
});

test('quick fix: “Add source” is not offered for a source the claim already cites through an alias; another one is added to a copy', () => {
  const article = 'The ferry left at dawn. The ferry came back.';
  const sidecar = joinLines('sources:', '  s1: {title: Log}', '  s2: {title: Diary}', 'claims:', '  - quote: The ferry left at dawn', '    sources: &src [s1]', '  - quote: The ferry came back', '    sources: *src', '');
  const analysis = analyzeTexts(article, sidecar);
  const second = analysis.findings.find((f) => f.code === 'unsourced-claim' && f.file === 'article' && f.data?.kind === 'claim' && f.data.claimIndex === 1)!;
  const fixes = quickFixesFor(analysis, second).filter((f) => f.title.startsWith('Add source:'));
  assert.deepEqual(fixes.map((f) => f.title), ['Add source: Diary']);
  assert.deepEqual(parse(applyEdits(sidecar, fixes[0]!.edits!)).claims, [{ quote: 'The ferry left at dawn', sources: ['s1'] }, { quote: 'The ferry came back', sources: ['s1', 's2'] }]);
});

/** 1,000 entities sharing one name, and a mention of it: the code action offers a pin per candidate. */
function thousandCandidates(): { article: string; sidecar: string; finding: Finding; ids: string[] } {
  const ids = Array.from({ length: 1000 }, (_, i) => `lee-${i}`);
  const sidecar = ['entities:', ...ids.flatMap((id, i) => [`  ${id}:`, `    name: Lee Number${i}`, '    type: person', '    aliases: [Lee]'])].join('\n') + '\n';
  const article = 'Yesterday Lee spoke at the harbour.';
  const start = article.indexOf('Lee');
  const finding: Finding = { file: 'article', span: { start, end: start + 3 }, severity: 'information', code: 'ambiguous-mention', message: 'Lee: which one?', data: { kind: 'mention', candidates: ids, articleSpan: { start, end: start + 3 } } };
  return { article, sidecar, finding, ids };
}

test('quick fix: a mention shared by 1,000 entities gets 1,000 pins from two parses (the sidecar, and one check)', () => {
  const { article, sidecar, finding, ids } = thousandCandidates();
  const analysis = analyzeTexts(article, sidecar);
  const counter = countingParse();
  const fixes = quickFixesFor(analysis, finding, { session: new EditSession(sidecar, counter.parse), warn: (m) => assert.fail(m) });
  assert.equal(fixes.length, 1000);
  assert.equal(counter.count(), 2, 'one parse of the sidecar, one of the checked template');
  for (const index of [0, 567, 999]) {
    const after = applyEdits(sidecar, fixes[index]!.edits!);
    assert.deepEqual(parse(after).mentions, [{ quote: 'Lee', entity: ids[index] }]);
    assert.ok(after.startsWith(sidecar), 'the entities are untouched');
  }
});

test('quick fix: candidates whose ids are not plain words are written quoted, and read back as themselves', () => {
  const article = 'Yesterday Lee spoke.';
  const ids = ['lee', 'true', '007', 'a, b', 'null'];
  const sidecar = ['entities:', ...ids.map((id) => `  ${JSON.stringify(id)}: {name: Lee ${id}, type: person, aliases: [Lee]}`)].join('\n') + '\n';
  const analysis = analyzeTexts(article, sidecar);
  const finding: Finding = { file: 'article', span: { start: 10, end: 13 }, severity: 'information', code: 'ambiguous-mention', message: '', data: { kind: 'mention', candidates: ids, articleSpan: { start: 10, end: 13 } } };
  const pinned = quickFixesFor(analysis, finding).map((fix) => parse(applyEdits(sidecar, fix.edits!)).mentions[0].entity);
  assert.deepEqual(pinned, ids);
});

const PASSAGE = 'The ferry left the harbour at dawn while the gulls circled above the quiet grey water of the bay.';

test('annotate: a selection inside a passage repeated four times is written with an occurrence, and anchors there', () => {
  const article = [PASSAGE, PASSAGE, PASSAGE, PASSAGE].join('\n\n') + '\n';
  const third = article.indexOf('gulls circled', article.indexOf('gulls circled', article.indexOf('gulls circled') + 1) + 1);
  const span = { start: third, end: third + 'gulls circled'.length };
  const plan = checkAnnotation('claims: []\n', article, span, { kind: 'claim' }, new Set());
  assert.ok(plan.ok, plan.ok ? '' : plan.reason);
  assert.deepEqual(parse(plan.text).claims, [{ quote: 'gulls circled', occurrence: 3 }]);
  const claim = analyzeTexts(article, plan.text).claims[0]!;
  assert.equal(claim.anchor, 'exact', 'not born ambiguous-anchor');
  assert.deepEqual(claim.span, span);
});

test('quick fix: “Update the quote” inside a passage repeated four times writes an anchor that finds that copy', () => {
  const article = [PASSAGE, PASSAGE, PASSAGE, PASSAGE].join('\n\n') + '\n';
  const sidecar = joinLines('notes:', '  - quote: the gulls circlde above', '    text: Which morning?', '');
  const analysis = analyzeTexts(article, sidecar);
  const drifted = analysis.findings.find((f) => f.code === 'drifted-annotation')!;
  assert.ok(drifted?.data?.kind === 'anchor' && drifted.data.suggestion);
  const [fix] = quickFixesFor(analysis, drifted);
  assert.ok(fix?.edits);
  const note = analyzeTexts(article, applyEdits(sidecar, fix.edits)).notes[0]!;
  assert.equal(note.anchor, 'exact');
  assert.deepEqual(note.span, drifted.data.suggestion.span);
});

test('annotate: a selection that splits a character outside the BMP takes the whole character, and writes no lone surrogate', () => {
  const article = 'The 𝔄lder ferry left at dawn.';
  const inside = article.indexOf('𝔄') + 1;
  const span = annotationSpan(article, { start: inside, end: article.indexOf(' left') }, 'word')!;
  assert.equal(article.slice(span.start, span.end), '𝔄lder ferry');
  const plan = checkAnnotation('notes: []\n', article, span, { kind: 'note', text: 'Which?' }, new Set());
  assert.ok(plan.ok);
  assert.deepEqual(parse(plan.text).notes, [{ quote: '𝔄lder ferry', text: 'Which?' }]);
});

test('annotate: a multi-document sidecar is refused with a message, not written into', () => {
  const plan = checkAnnotation('claims: []\n---\nnotes: []\n', 'A quiet bay.', { start: 2, end: 7 }, { kind: 'note', text: 'x' }, new Set());
  assert.equal(plan.ok, false);
  assert.match(plan.ok ? '' : plan.reason, /more than one YAML document/);
});

const NOT_TEXT = ['1e3', '0x10', '007', 'null', 'true', 'False', 'NULL', '0o17', '12', '1.5'];

test('rename: ids that YAML reads as numbers, booleans or null are refused with a message that says so', () => {
  const text = joinLines('entities:', '  son: {name: A, type: person}', 'claims:', '  - {quote: x, attributed-to: son}');
  const sidecars = [{ file: 'a', summary: summarizeSidecar(text, parseSidecar(text)) }];
  for (const id of NOT_TEXT) {
    const plan = planRename(sidecars, { kind: 'entity', id: 'son' }, id);
    assert.equal(plan.ok, false, id);
    assert.match(plan.ok ? '' : plan.message, /YAML reads it as (the number|a boolean|nothing)/, id);
  }
  for (const id of ['~', '.inf', '-x']) assert.equal(planRename(sidecars, { kind: 'entity', id: 'son' }, id).ok, false, id);
  assert.equal(planRename(sidecars, { kind: 'entity', id: 'son' }, 'son-2024').ok, true);
});

test('rename: the edits are checked against the document: a YAML 1.1 sidecar that reads `yes` as a boolean is refused', () => {
  const text = joinLines('%YAML 1.1', '---', 'entities:', '  son: {name: A, type: person}', 'mentions:', '  - quote: A', '    entity: son', '');
  const spans = parseSidecar(text).idUses.map((u) => u.span);
  const definition = text.indexOf('son:');
  const all = [{ start: definition, end: definition + 3 }, ...spans];
  assert.equal(renameEdits(text, all, { kind: 'entity', id: 'son' }, 'heir').ok, true);
  const refused = renameEdits(text, all, { kind: 'entity', id: 'son' }, 'yes');
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.reason, /would not read back as intended/);
});

test('rename: the renamed sidecar parses and differs only in the id', () => {
  const text = joinLines('sources:', '  s1: {title: T}', 'claims:', '  - quote: x', '    sources: [s1, s1]', '  - {quote: y, sources: s1}', '');
  const spans = [{ start: text.indexOf('s1'), end: text.indexOf('s1') + 2 }, ...parseSidecar(text).idUses.map((u) => u.span)];
  const verdict = renameEdits(text, spans, { kind: 'source', id: 's1' }, 'diary');
  assert.ok(verdict.ok);
  const after = applyEdits(text, verdict.edits);
  assert.equal(after, text.replaceAll('s1', 'diary'));
  assert.deepEqual(parseDocument(after).errors, []);
});

test('quick fix: “Attribute to …” looks in the claim’s own sentence only, however long the text before it', () => {
  const article = `Ana Lima spoke first.${' '.repeat(60_000)}Then Rui Sousa said the Guild of Pilots had agreed. Ana Lima left.`;
  const sidecar = joinLines(
    'entities:',
    '  ana: {name: Ana Lima, type: person}',
    '  rui: {name: Rui Sousa, type: person}',
    'claims:',
    '  - quote: the Guild of Pilots had agreed',
    '',
  );
  assert.deepEqual(
    attributeTitles(article, sidecar),
    ['Attribute to Rui Sousa'],
  );
});
