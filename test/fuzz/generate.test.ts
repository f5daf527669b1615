// The fuzz generator itself: a sidecar written from a tree before any
// mutation is valid YAML that reads back as the tree's data (so every YAML
// style the emitter writes is written correctly, and the mutations are the
// only source of broken input), and most of its quotes are found in the
// article (so the fuzz reaches anchoring, drift and the quick fixes).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import { generateCase, validPair } from './generate';
import { Random } from './random';
import { Emitter, type YNode } from './yamlTree';
import { parseYaml } from './yamlCompare';

/** The data a tree stands for (aliases as the node they name). */
function dataOf(node: YNode, anchors: Map<string, unknown>): unknown {
  const remember = (value: unknown): unknown => {
    if (node.t !== 'alias' && node.t !== 'raw' && node.anchor) anchors.set(node.anchor, value);
    return value;
  };
  switch (node.t) {
    case 'scalar':
      return remember(node.value);
    case 'seq':
      return remember(node.items.map((item) => dataOf(item, anchors)));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const pair of node.pairs) out[String(dataOf(pair.key, anchors))] = dataOf(pair.value, anchors);
      return remember(out);
    }
    case 'alias':
      return anchors.get(node.name);
    case 'raw':
      throw new Error('raw text in an unmutated tree');
  }
}

test('unmutated sidecars parse and read back as the tree they were written from', () => {
  for (let seed = 1; seed <= 150; seed++) {
    const { tree, emit } = validPair(new Random(seed));
    const text = new Emitter(emit).document(tree);
    const parsed = parseYaml(text);
    assert.equal(parsed.error, undefined, `seed ${seed}: ${parsed.error}\n${text}`);
    assert.deepEqual(parsed.value, dataOf(tree, new Map()), `seed ${seed}:\n${text}`);
  }
});

test('most quotes of an unmutated sidecar are found in its article', () => {
  let claims = 0;
  let found = 0;
  for (let seed = 1; seed <= 100; seed++) {
    const { article, tree, emit } = validPair(new Random(seed));
    const analysis = analyze(prepareArticle(article), prepareSidecar(new Emitter(emit).document(tree)));
    claims += analysis.claims.length;
    found += analysis.claims.filter((c) => c.anchor === 'exact').length;
  }
  assert.ok(claims > 100, `${claims} claims`);
  assert.ok(found / claims > 0.6, `${found} of ${claims} claims found exactly`);
});

test('an input is the same for the same seed', () => {
  for (const seed of [1, 42, 2 ** 31]) assert.deepEqual(generateCase(seed), generateCase(seed));
});
