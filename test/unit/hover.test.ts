import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hoverInArticle, hoverInSidecar } from '../../server/src/core/hover';
import { LIMITS } from '../../server/src/core/limits';
import { escapeMarkdown, safeLink } from '../../server/src/core/markdown';
import { MASSOUD_ENTITIES, analyzeTexts, cursor, joinLines } from './helpers';

const context = { sidecarName: 'a.annotations.yaml' };

test('hover: a mention shows the entity card with count and definition line', () => {
  const { text, offset } = cursor('Support Ahmad Massoud.\n\nI know the younger Mas|soud well.');
  const hover = hoverInArticle(analyzeTexts(text, MASSOUD_ENTITIES), offset, context);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*Ahmad Massoud\*\* · _person_/);
  assert.match(hover.markdown, /son of Ahmad Shah Massoud/);
  assert.match(hover.markdown, /Mentioned 2 times in this article · defined in a\\\.annotations\\\.yaml, line 2/);
  assert.match(hover.markdown, /resolved from a cue in the text; could also be Ahmad Shah Massoud/);
});

test('hover: an unsourced claim says it has no source; a sourced one lists the source', () => {
  const sidecar = joinLines('sources:', '  fp: {title: The interview, publisher: Foreign Policy, date: 2021-08-20, url: "https://foreignpolicy.com/x"}', 'claims:', '  - quote: has several thousand fighters', '    sources: [fp]', '  - quote: was assassinated');
  const article = 'The front has several thousand fighters. He was assassinated in 2001.';
  const analysis = analyzeTexts(article, sidecar);
  const sourced = hoverInArticle(analysis, article.indexOf('thousand'), context)!;
  assert.match(sourced.markdown, /sourced/);
  assert.match(sourced.markdown, /\[The interview\]\(https:\/\/foreignpolicy\.com\/x\) \(Foreign Policy, 2021\\-08\\-20\)/);
  const unsourced = hoverInArticle(analysis, article.indexOf('assassinated'), context)!;
  assert.match(unsourced.markdown, /\*\*unsourced\*\*/);
  assert.match(unsourced.markdown, /No source and no attribution/);
});

test('hover: in the sidecar, on a source id used by a claim', () => {
  const sidecar = joinLines('sources:', '  fp: {title: The interview}', 'claims:', '  - quote: x', '    sources: [fp]');
  const analysis = analyzeTexts('x', sidecar);
  const hover = hoverInSidecar(analysis, sidecar.lastIndexOf('fp'), context);
  assert.ok(hover);
  assert.match(hover.markdown, /The interview/);
});

test('hover: text from the sidecar cannot inject links, images, HTML or commands', () => {
  const sidecar = joinLines(
    'entities:',
    '  evil:',
    '    name: "Evil [click](command:workbench.action.quit)"',
    '    type: person',
    '    description: "<img src=x onerror=alert(1)> ![i](http://x/i.png) **bold**"',
    '    links: ["javascript:alert(1)", "command:rm", "https://ok.example/(a)"]',
  );
  const { text, offset } = cursor('Evil [cl|ick](command:workbench.action.quit) here');
  const hover = hoverInArticle(analyzeTexts(text, sidecar), offset, context)!;
  assert.ok(hover, 'the name matches as a mention');
  assert.doesNotMatch(hover.markdown, /\]\(command:/);
  assert.doesNotMatch(hover.markdown, /(^|[^\\])<img/);
  assert.doesNotMatch(hover.markdown, /(^|[^\\])!\[/);
  assert.doesNotMatch(hover.markdown, /\]\(javascript:/);
  assert.match(hover.markdown, /\(https:\/\/ok\.example\/%28a%29\)/);
});

test('markdown: escaping is literal', () => {
  assert.equal(escapeMarkdown('a*b_[c](d)'), 'a\\*b\\_\\[c\\]\\(d\\)');
  assert.equal(safeLink('command:x'), 'command\\:x');
});

test('hover: ids in code spans show no backslashes; a backtick in an id gets a longer fence', () => {
  const sidecar = joinLines(
    'claims:',
    '  - id: towns-fallen.2021_(a)',
    '    quote: Kabul fell',
    '    sources: [no-such.source]',
    '  - id: "odd`id``x"',
    '    quote: The valley held',
  );
  const article = 'Kabul fell. The valley held.';
  const analysis = analyzeTexts(article, sidecar);
  const first = hoverInArticle(analysis, article.indexOf('fell'), context)!.markdown;
  assert.match(first, /\*\*Claim\*\* `towns-fallen\.2021_\(a\)`/);
  assert.match(first, /- `no-such\.source`: unknown source/);
  const second = hoverInArticle(analysis, article.indexOf('valley'), context)!.markdown;
  assert.match(second, /\*\*Claim\*\* ```odd`id``x``` ·/);
});

test('hover: a claim whose only source is unknown reads unsourced', () => {
  const sidecar = joinLines('claims:', '  - quote: Kabul fell', '    sources: [nope]');
  const hover = hoverInArticle(analyzeTexts('Kabul fell.', sidecar), 3, context)!;
  assert.match(hover.markdown, /\*\*Claim\*\* · _fact_ · \*\*unsourced\*\*/);
  assert.match(hover.markdown, /- `nope`: unknown source/);
});

test('hover: lists are capped and the card stays short, however many aliases and candidates', () => {
  const count = 2000;
  const aliases = Array.from({ length: count }, (_, i) => `Alias${i}`).join(', ');
  const others = Array.from({ length: count }, (_, i) => `  e${i}: {name: Other ${i}, type: person, aliases: [Shared]}`);
  const sidecar = joinLines('entities:', `  main: {name: Shared, type: person, aliases: [${aliases}], description: "${'long words '.repeat(5000)}"}`, ...others);
  const { text, offset } = cursor('Sha|red spoke.');
  const hover = hoverInArticle(analyzeTexts(text, sidecar), offset, context)!;
  assert.ok(hover.markdown.length <= LIMITS.hoverChars.value, `hover of ${hover.markdown.length} characters`);
  assert.match(hover.markdown, /Also: Alias0, Alias1, (Alias\d+, ){8}and [\d,]+ more\n/);
  assert.match(hover.markdown, /could also be (Other \d+, ){10}and [\d,]+ more_/);
});
