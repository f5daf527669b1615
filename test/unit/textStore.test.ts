// The server's open-buffer store (text kept in pieces) behaves exactly as the
// library's TextDocument made afresh from the same text (the library's own
// incremental update is not the reference: its line offsets go wrong on some
// sequences of several changes in one event): a differential test over random edit sequences with
// \n, \r\n, lone \r and astral characters, on piece sizes small enough that
// every edit crosses piece boundaries.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PiecedDocument } from '../../server/src/lsp/textStore';
import { seeded as random } from '../../bench/editCorpus';


const BITS = ['a', 'b', 'word ', '\n', '\r\n', '\r', '😀', '\n\n'];

function randomText(next: () => number, max: number): string {
  let text = '';
  const length = Math.floor(next() * max);
  for (let i = 0; i < length; i++) text += BITS[Math.floor(next() * BITS.length)];
  return text;
}

function randomPosition(next: () => number, lineCount: number): { line: number; character: number } {
  return { line: Math.floor(next() * (lineCount + 2)) - 1, character: Math.floor(next() * 14) - 1 };
}

type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } | { text: string };

function randomChange(next: () => number, lineCount: number): Change {
  if (next() < 0.05) return { text: randomText(next, 40) };
  return { range: { start: randomPosition(next, lineCount), end: randomPosition(next, lineCount) }, text: randomText(next, next() < 0.9 ? 3 : 30) };
}

/** The reference: each change applied to the text with offsets from a document made afresh (no incremental bookkeeping). */
function applyOneByOne(initial: string, changes: readonly Change[]): string {
  let text = initial;
  for (const change of changes) {
    if (!('range' in change)) {
      text = change.text;
      continue;
    }
    const document = TextDocument.create('file:///a.txt', 'plaintext', 1, text);
    const [from, to] = [document.offsetAt(change.range.start), document.offsetAt(change.range.end)].sort((a, b) => a - b);
    text = text.slice(0, from) + change.text + text.slice(to);
  }
  return text;
}

function assertSame(ours: PiecedDocument, theirs: TextDocument, next: () => number, where: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, where);
  assert.equal(ours.lineCount, theirs.lineCount, `${where}: lineCount`);
  for (let i = 0; i < 8; i++) {
    const position = randomPosition(next, theirs.lineCount);
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${where}: offsetAt ${JSON.stringify(position)}`);
    const offset = Math.floor(next() * (text.length + 3)) - 1;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${where}: positionAt ${offset}`);
    const line = Math.floor(next() * (theirs.lineCount + 2)) - 1;
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${where}: getLineRange ${line}`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${where}: getEOLCharacters ${line}`);
    const range = { start: randomPosition(next, theirs.lineCount), end: randomPosition(next, theirs.lineCount) };
    assert.equal(ours.getText(range), theirs.getText(range), `${where}: getText ${JSON.stringify(range)}`);
  }
}

for (const pieceChars of [4, 7, 16, 8192]) {
  test(`text store: same text, lines and positions as the library's document after random edits (pieces of ${pieceChars})`, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed * 1000 + pieceChars);
      const initial = randomText(next, 60);
      const ours = new PiecedDocument('file:///a.txt', 'plaintext', 1, initial, pieceChars);
      let theirs = TextDocument.create('file:///a.txt', 'plaintext', 1, initial);
      assertSame(ours, theirs, next, `seed ${seed}, initial`);
      for (let step = 0; step < 60; step++) {
        const changes = Array.from({ length: next() < 0.8 ? 1 : 3 }, () => randomChange(next, theirs.lineCount));
        ours.update(changes, step + 2);
        theirs = TextDocument.create('file:///a.txt', 'plaintext', step + 2, applyOneByOne(theirs.getText(), changes));
        assertSame(ours, theirs, next, `seed ${seed}, step ${step}, changes ${JSON.stringify(changes)}`);
        assert.equal(ours.version, step + 2);
      }
    }
  });
}

test('text store: a burst of 1,000 keystrokes on a 1 MB buffer, read now and then, gives the typed text', () => {
  const text = 'One line of an article, long enough to matter.\n'.repeat(22000);
  const ours = new PiecedDocument('file:///a.txt', 'plaintext', 1, text);
  const joined: string[] = [];
  for (let i = 0; i < 1000; i++) {
    ours.update([{ range: { start: { line: 500, character: 3 }, end: { line: 500, character: 3 } }, text: 'x' }], i + 2);
    if (i % 250 === 0) joined.push(ours.getText());
  }
  const expected = `${text.slice(0, 500 * 47 + 3)}${'x'.repeat(1000)}${text.slice(500 * 47 + 3)}`;
  assert.equal(ours.getText(), expected);
  assert.deepEqual(joined.map((t) => t.length), [text.length + 1, text.length + 251, text.length + 501, text.length + 751]);
  assert.deepEqual(ours.positionAt(500 * 47 + 3 + 1000), { line: 500, character: 1003 });
});
