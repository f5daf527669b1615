// The article's line index (offsets ↔ lines and columns for every range the
// editor is sent) agrees with the library's TextDocument on every kind of
// line break: \n alone (searched natively), \r\n, a lone \r, and a mix
// (offsets between the two characters of a \r\n are no place a range ends).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/lineIndex';

const texts: { name: string; text: string }[] = [
  { name: 'line feeds only', text: 'one\ntwo\n\nfour 😀\n' },
  { name: 'carriage return + line feed', text: 'one\r\ntwo\r\n\r\nfour\r\n' },
  { name: 'lone carriage returns', text: 'one\rtwo\r\rfour' },
  { name: 'a mix, ending without a break', text: 'one\r\ntwo\nthree\rfour\n\r\nlast' },
  { name: 'no break at all', text: 'a single line' },
  { name: 'empty', text: '' },
];

for (const { name, text } of texts) {
  test(`line index: ${name} — every offset maps to the position the library gives, and back`, () => {
    const lines = new LineIndex(text);
    const reference = TextDocument.create('file:///x.txt', 'plaintext', 1, text);
    assert.equal(lines.lineCount, reference.lineCount);
    for (let offset = 0; offset <= text.length; offset++) {
      // Between the \r and \n of one break is no place a range starts or ends.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      const position = reference.positionAt(offset);
      assert.deepEqual(lines.positionAt(offset), position, `offset ${offset}`);
      assert.equal(lines.offsetAt(position), reference.offsetAt(position), `position ${JSON.stringify(position)}`);
    }
  });
}
