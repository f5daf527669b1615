import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isLowSurrogateAt, snapToCodePoints } from '../../server/src/core/codePoints';

const TEXT = 'a😀b𝐁c';

test('isLowSurrogateAt: only between the two halves of a pair', () => {
  const inside = [...TEXT].map((_, i) => i).filter((i) => isLowSurrogateAt(TEXT, i));
  assert.deepEqual(inside, [2]);
  const all = Array.from({ length: TEXT.length + 1 }, (_, i) => i).filter((i) => isLowSurrogateAt(TEXT, i));
  assert.deepEqual(all, [2, 5]);
  // A lone low surrogate is a character of its own: a boundary before it is fine.
  assert.equal(isLowSurrogateAt('a\udc00', 1), false);
  assert.equal(isLowSurrogateAt(TEXT, -1), false);
  assert.equal(isLowSurrogateAt(TEXT, 99), false);
});

const cases: { span: [number, number]; expected: [number, number] }[] = [
  { span: [2, 3], expected: [1, 3] },
  { span: [0, 2], expected: [0, 3] },
  { span: [2, 2], expected: [1, 3] },
  { span: [2, 5], expected: [1, 6] },
  { span: [3, 4], expected: [3, 4] },
  { span: [0, TEXT.length], expected: [0, TEXT.length] },
];

for (const c of cases) {
  test(`snapToCodePoints: [${c.span}] widens to [${c.expected}]`, () => {
    const snapped = snapToCodePoints(TEXT, { start: c.span[0], end: c.span[1] });
    assert.deepEqual([snapped.start, snapped.end], c.expected);
  });
}
