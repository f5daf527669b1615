// The review of uncertain mentions in the core: what is shown for each one,
// and that a choice is the pin quick fix's edit. Invented names only.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIMITS } from '../../server/src/core/limits';
import { quickFixesFor } from '../../server/src/core/quickFixes';
import { planReviewPin, sentenceAround, uncertainMentions } from '../../server/src/core/reviewMentions';
import { applyEdits } from '../../server/src/core/sidecarEdit';
import { EditSession } from '../../server/src/core/verifyEdit';
import { analyzeTexts, joinLines } from './helpers';

const VARGAS = joinLines(
  'entities:',
  '  ana: {name: Ana Varga, type: person, aliases: [Varga], description: "Harbour engineer,\\nborn on the island"}',
  '  tomas: {name: Tomas Varga, type: person, aliases: [Varga]}',
  '',
);

test('uncertain mentions come in text order, counted from `from`, described up to `max`', () => {
  // Nothing in the text tells the two Vargas apart: every bare name stays uncertain.
  const article = joinLines('Varga came.', '', 'The meeting was long.', '', 'Varga left.', '', 'Varga stayed.');
  const analysis = analyzeTexts(article, VARGAS);
  const starts = analysis.mentions.filter((m) => !m.certain).map((m) => m.span.start);
  assert.equal(starts.length, 3);
  const cases: [string, number, number | undefined, number, number][] = [
    ['all', 0, undefined, starts.length, starts.length],
    ['from the second', starts[1]!, undefined, starts.length - 1, starts.length - 1],
    ['one at a time', 0, 1, starts.length, 1],
  ];
  for (const [what, from, max, remaining, described] of cases) {
    const list = uncertainMentions(analysis, from, max);
    assert.equal(list.total, starts.length, what);
    assert.equal(list.remaining, remaining, what);
    assert.deepEqual(list.mentions.map((m) => m.span.start), starts.slice(starts.length - remaining).slice(0, described), what);
  }
});

test('a described mention has its sentence, the guess first, descriptions on one line, and its evidence', () => {
  const analysis = analyzeTexts(joinLines('Notes', '', 'At the harbour, Varga opened the meeting. Then rain.'), VARGAS);
  const [mention] = uncertainMentions(analysis).mentions;
  assert.ok(mention);
  assert.equal(mention.text, 'Varga');
  assert.equal(mention.sentence, 'At the harbour, Varga opened the meeting.');
  assert.equal(mention.candidates[0]!.id, mention.guess);
  assert.deepEqual(mention.candidates.map((c) => c.bestGuess), [true, false]);
  assert.equal(mention.candidates.find((c) => c.id === 'ana')!.description, 'Harbour engineer, born on the island');
  assert.deepEqual(mention.evidence, analysis.mentions.find((m) => m.span.start === mention.span.start)!.evidence ?? []);
});

test('a long sentence is clipped around the mention, on one line', () => {
  const before = 'word '.repeat(100);
  const text = `${before}Varga\nsaid ${'more '.repeat(100)}end.`;
  const analysis = analyzeTexts(text, VARGAS);
  const span = { start: before.length, end: before.length + 5 };
  const sentence = sentenceAround(analysis, span);
  assert.ok(sentence.startsWith('…') && !sentence.includes('\n'), sentence);
  assert.ok(sentence.includes('Varga'));
  assert.ok(sentence.length <= 2 * 120 + 5 + 2, `${sentence.length}`);
});

test('candidates over the budget are counted, not listed', () => {
  const many = LIMITS.reviewedCandidates.value + 3;
  const entities = Array.from({ length: many }, (_, i) => `  p${i}: {name: Person ${i} Varga, type: person, aliases: [Varga]}`);
  const analysis = analyzeTexts('Notes\n\nVarga came.', joinLines('entities:', ...entities, ''));
  const [mention] = uncertainMentions(analysis).mentions;
  assert.equal(mention!.candidates.length, LIMITS.reviewedCandidates.value);
  assert.equal(mention!.otherCandidates, 3);
});

test('a choice is the pin quick fix’s edit, byte for byte; a stale or foreign choice is refused with a reason', () => {
  const article = joinLines('Notes', '', 'Varga came.', '', 'Varga left.');
  const analysis = analyzeTexts(article, VARGAS);
  const [mention] = uncertainMentions(analysis).mentions;
  const choice = { span: mention!.span, text: 'Varga', entityId: 'tomas' };
  const verdict = planReviewPin(analysis, choice, new EditSession(analysis.sidecarText));
  assert.ok(verdict.ok);
  const finding = analysis.findings.find((f) => f.code === 'ambiguous-mention' && f.span.start === mention!.span.start)!;
  const fix = quickFixesFor(analysis, finding).find((f) => f.title === 'Pin “Varga” here to Tomas Varga')!;
  assert.deepEqual(verdict.edits, fix.edits);
  assert.equal(applyEdits(analysis.sidecarText, verdict.edits), `${VARGAS}mentions:\n  - quote: Varga\n    prefix: "Notes "\n    entity: tomas\n`);
  const refused: [string, typeof choice, RegExp][] = [
    ['moved', { ...choice, span: { start: choice.span.start + 1, end: choice.span.end + 1 } }, /no longer a mention at that place/],
    ['other text', { ...choice, text: 'Vargas' }, /no longer a mention at that place/],
    ['not a candidate', { ...choice, entityId: 'nobody' }, /'nobody' is not one of the entities “Varga” can name/],
  ];
  for (const [what, bad, reason] of refused) {
    const result = planReviewPin(analysis, bad, new EditSession(analysis.sidecarText));
    assert.equal(result.ok, false, what);
    assert.match(result.ok ? '' : result.reason, reason, what);
  }
});

test('a pinned mention is neither listed nor pinned again', () => {
  const sidecar = `${VARGAS}mentions:\n  - {quote: Varga, suffix: " came", entity: ana}\n`;
  const analysis = analyzeTexts(joinLines('Notes', '', 'Varga came.', '', 'Tomas Varga and Varga left.'), sidecar);
  const pinned = analysis.mentions.find((m) => m.resolution === 'pin')!;
  assert.ok(!uncertainMentions(analysis).mentions.some((m) => m.span.start === pinned.span.start));
  const result = planReviewPin(analysis, { span: pinned.span, text: 'Varga', entityId: 'tomas' }, new EditSession(sidecar));
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /already pinned/);
});
