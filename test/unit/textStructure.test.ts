import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeStructure, findQuotations, updateStructure, type TextStructure } from '../../server/src/core/textStructure';
import { changedRegion } from '../../server/src/core/tracking';
import { normalizeString } from '../../server/src/core/normalize';
import { seeded } from '../../bench/editCorpus';
import { REPO } from '../support/mentionAccuracy';

const quoted = (text: string): string[] => findQuotations(text).map((s) => text.slice(s.start, s.end));

test('findQuotations: pairs of curly or straight quotes, never past the paragraph', () => {
  const cases: [string, string[]][] = [
    ['He said “we will fight” and left.', ['“we will fight”']],
    ['"One" and "two".', ['"One"', '"two"']],
    ['“Unclosed, then "straight" ones', []],
    ['A quote “that runs\n\ninto the next paragraph” is none.', []],
    ['Mixed “curly with "straight" inside” text', ['“curly with "straight" inside”']],
  ];
  for (const [text, expected] of cases) {
    const paragraphs = analyzeStructure(text).paragraphs;
    const found = paragraphs.flatMap((p) => findQuotations(text, p.start, p.end).map((s) => text.slice(s.start, s.end)));
    assert.deepEqual(found, expected, text);
  }
  assert.deepEqual(quoted('“a” “b”'), ['“a”', '“b”']);
});

test('analyzeStructure: paragraphs at blank lines, sentences at their ends, quotation lookup', () => {
  const text = 'First one. Second “quoted” one!\n\nNew paragraph here.';
  const s = analyzeStructure(text);
  assert.deepEqual(s.paragraphs.map((p) => text.slice(p.start, p.end)), ['First one. Second “quoted” one!\n\n', 'New paragraph here.']);
  assert.equal(s.paragraphOf(text.indexOf('New')), 1);
  assert.equal(s.sentenceOf(text.indexOf('Second')), s.sentenceOf(text.indexOf('one!')));
  assert.notEqual(s.sentenceOf(text.indexOf('First')), s.sentenceOf(text.indexOf('Second')));
  assert.equal(s.isQuoted(text.indexOf('quoted')), true);
  assert.equal(s.isQuoted(text.indexOf('Second')), false);
  assert.deepEqual(analyzeStructure('').paragraphs, [{ start: 0, end: 0 }]);
});

/** Everything a reader of the structure can see, for comparing two structures of one text. */
function observed(structure: TextStructure, length: number): unknown {
  const quotedOffsets: number[] = [];
  for (let i = 0; i < length; i++) if (structure.isQuoted(i)) quotedOffsets.push(i);
  return { paragraphs: structure.paragraphs, sentences: structure.sentences, quotedOffsets };
}

test('updateStructure: after each of 300 random edits of the samples, the same as a full scan', () => {
  const random = seeded(42);
  const pieces = ['x', ' ', '\n', '\n\n', '. ', '“', '”', '"', 'Massoud said. ', '! ', '\u00a0', ''];
  for (const file of fs.readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.txt'))) {
    let text = fs.readFileSync(path.join(REPO, 'samples', file), 'utf8').slice(0, 6000);
    let structure = analyzeStructure(text);
    for (let i = 0; i < 75; i++) {
      const at = Math.floor(random() * text.length);
      const removed = random() < 0.4 ? Math.floor(random() * 12) : 0;
      const next = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + removed);
      const change = changedRegion(text, next);
      text = next;
      if (!change) continue;
      structure = updateStructure(structure, text, change);
      assert.deepEqual(observed(structure, text.length), observed(analyzeStructure(text), text.length), `${file}, edit ${i} at ${at}`);
    }
  }
});

test('changedRegion: finds the difference in long texts past whole blocks', () => {
  const base = 'abcdefghij'.repeat(1000);
  for (const at of [0, 1, 2047, 2048, 2049, 5000, 9999]) {
    const edited = base.slice(0, at) + 'Z' + base.slice(at + 1);
    assert.deepEqual(changedRegion(base, edited), { start: at, oldEnd: at + 1, newEnd: at + 1 }, `at ${at}`);
  }
  assert.deepEqual(changedRegion(base, base + 'x'), { start: 10000, oldEnd: 10000, newEnd: 10001 });
  assert.deepEqual(changedRegion('x' + base, base), { start: 0, oldEnd: 1, newEnd: 0 });
});

test('normalizeString: white-space runs and typographic quotes', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a \u00a0\n b', 'a b'],
    ['“Massoud’s”', `"Massoud's"`],
    ['\t lead', ' lead'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeString(input), expected);
});

test('analyzeStructure: abbreviations and initials do not end a sentence', () => {
  const sentencesOf = (text: string): string[] => analyzeStructure(text).sentences.map((s) => text.slice(s.start, s.end).trim());
  const cases: [string, string[]][] = [
    ['Mrs. Varga said she would stay. Mr. Lin left.', ['Mrs. Varga said she would stay.', 'Mr. Lin left.']],
    ['Gov. Lin and Sen. Varga met Dr. Osei.', ['Gov. Lin and Sen. Varga met Dr. Osei.']],
    ['Gen. Varga, Lt. Col. Osei and Capt. Lin spoke to Prof. Ana Varga and Rev. Lin at St. Mary.', ['Gen. Varga, Lt. Col. Osei and Capt. Lin spoke to Prof. Ana Varga and Rev. Lin at St. Mary.']],
    ['Tomas F. Varga visited the U.S. embassy.', ['Tomas F. Varga visited the U.S. embassy.']],
    ['Tomas Varga Jr. said no. He left.', ['Tomas Varga Jr. said no.', 'He left.']],
    ['She met Tomas Varga Jr. He was late.', ['She met Tomas Varga Jr.', 'He was late.']],
    ['Small fish, e.g. sprats, swim. Then more.', ['Small fish, e.g. sprats, swim.', 'Then more.']],
    ['It was over. Then it began.', ['It was over.', 'Then it began.']],
    ['The dog ate. Mr. Varga!', ['The dog ate.', 'Mr. Varga!']],
    ['A word Mrsx. Then.', ['A word Mrsx.', 'Then.']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(sentencesOf(text), expected, text);
});

test('updateStructure: edits that make or unmake an abbreviation match a full scan', () => {
  const edits: [string, string, string][] = [
    ['Ms. Varga said no. He left.', 'Ms', 'Mz'],
    ['Mz. Varga said no. He left.', 'Mz', 'Ms'],
    ['Varga Jr. he said. Fine.', ' he', ' He'],
    ['Varga Jr. He said. Fine.', ' He', ' he'],
    ['Varga F. Lin. Then.', 'F', 'Fo'],
    ['A. B. C. D. E.', ' C', ' c'],
  ];
  for (const [before, from, to] of edits) {
    const at = before.indexOf(from);
    const after = before.slice(0, at) + to + before.slice(at + from.length);
    const change = changedRegion(before, after)!;
    const updated = updateStructure(analyzeStructure(before), after, change);
    assert.deepEqual(observed(updated, after.length), observed(analyzeStructure(after), after.length), after);
  }
});

test('updateStructure: random edits around abbreviations, initials and suffixes match a full scan', () => {
  const random = seeded(7);
  const pieces = ['Mr.', 'Jr.', ' Jr. He', 'F.', '. ', ' ', 'he', 'He', 's', '\n', 'e.g. ', 'x', ''];
  let text = 'Mrs. Varga said. Tomas F. Varga Jr. He left. Dr. Lin Sr. met the U.S. envoy.\n\nGov. Lin spoke. '.repeat(6);
  let structure = analyzeStructure(text);
  for (let i = 0; i < 400; i++) {
    const at = Math.floor(random() * text.length);
    const removed = random() < 0.4 ? Math.floor(random() * 5) : 0;
    const next = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + removed);
    const change = changedRegion(text, next);
    text = next;
    if (!change) continue;
    structure = updateStructure(structure, text, change);
    assert.deepEqual(observed(structure, text.length), observed(analyzeStructure(text), text.length), `edit ${i} at ${at}`);
  }
});
