import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hoverInArticle, hoverInSidecar } from '../../server/src/core/hover';
import { LIMITS } from '../../server/src/core/limits';
import { escapeMarkdown, safeLink } from '../../server/src/core/markdown';
import type { Analysis, Mention } from '../../server/src/core/model';
import { MASSOUD_ENTITIES, analyzeTexts, cursor, joinLines } from './helpers';

const context = { sidecarName: 'a.annotations.yaml' };

test('hover: a mention shows the entity card with count and definition line', () => {
  const { text, offset } = cursor('Support Ahmad Massoud.\n\nI know the younger Mas|soud well.');
  const hover = hoverInArticle(analyzeTexts(text, MASSOUD_ENTITIES), offset, context);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*Ahmad Massoud\*\* · _person_/);
  assert.match(hover.markdown, /son of Ahmad Shah Massoud/);
  assert.match(hover.markdown, /Mentioned 2 times in this article · defined in a\\\.annotations\\\.yaml, line 2/);
  // How it was resolved (certain or not), and who else it could be.
  assert.match(hover.markdown, /\n_(Decided by .+|⚠ Probably Ahmad Massoud.*|resolved .+); could (also )?be Ahmad Shah Massoud_/);
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
  assert.match(hover.markdown, /could (also )?be (Other \d+, ){10}and [\d,]+ more_/);
});

// ---- Entity facts and the evidence behind a shared name ----

const VARGAS = joinLines(
  'entities:',
  '  tomas-varga:',
  '    name: Tomas Varga',
  '    type: person',
  '    aliases: [Varga]',
  '    pronouns: he',
  '    born: 1950',
  '    died: 2011',
  '    roles:',
  '      - Governor of Veloria',
  '      - {title: President, from: 1999, to: 2007}',
  '    relations:',
  '      father-of: ana-varga',
  '      spouse-of: [mira-varga]',
  '  ana-varga: {name: Ana Varga, type: person, aliases: [Varga], born: -40}',
  '  mira-varga: {name: Mira Varga, type: person, aliases: [Varga], died: 2020-01-05}',
);

test('hover: the entity card shows the facts compactly, the latest role first', () => {
  const article = 'Tomas Varga spoke.';
  const card = hoverInArticle(analyzeTexts(article, VARGAS), 3, context)!.markdown;
  assert.match(card, /\n\nhe · 1950–2011 · President \(1999–2007\), Governor of Veloria · father of Ana Varga, spouse of Mira Varga\n/);
  const inSidecar = hoverInSidecar(analyzeTexts(article, VARGAS), VARGAS.indexOf('ana-varga:'), context)!.markdown;
  assert.match(inSidecar, /\*\*Ana Varga\*\* · _person_\n\nborn 40 BCE\n/);
  const mira = hoverInSidecar(analyzeTexts(article, VARGAS), VARGAS.indexOf('mira-varga:'), context)!.markdown;
  assert.match(mira, /\n\ndied 2020\n/);
});

/** The analysis of `article` with its one mention of "Varga" replaced by `mention` (as the resolver would give it). */
function withVargaMention(article: string, mention: Partial<Mention>): Analysis {
  const analysis = analyzeTexts(article, VARGAS);
  const start = article.lastIndexOf('Varga');
  const varga: Mention = { span: { start, end: start + 5 }, text: 'Varga', entityId: 'ana-varga', candidates: ['tomas-varga', 'ana-varga', 'mira-varga'], resolution: 'evidence', certain: true, quoted: false, ...mention };
  return { ...analysis, mentions: [varga] };
}

test('hover: a certain mention says which evidence decided it', () => {
  const article = 'Ms Varga and her father left.';
  const analysis = withVargaMention(article, { evidence: ['“Ms” before the name', '“her father” after it'] });
  const card = hoverInArticle(analysis, article.indexOf('Varga') + 1, context)!.markdown;
  assert.match(card, /\*\*Ana Varga\*\*/);
  assert.match(card, /_Decided by “Ms” before the name and “her father” after it; could also be Tomas Varga, Mira Varga_/);
});

test('hover: an uncertain mention gives the best guess, the other candidates and the evidence seen', () => {
  const article = 'Varga left.';
  const seen = hoverInArticle(withVargaMention(article, { certain: false, evidence: ['“she” after it', 'the article’s subject'] }), 1, context)!.markdown;
  assert.match(seen, /_⚠ Probably Ana Varga; could be Tomas Varga, Mira Varga_\n\n_Seen: “she” after it, the article’s subject_/);
  const none = hoverInArticle(withVargaMention(article, { certain: false, resolution: 'guess', evidence: [] }), 1, context)!.markdown;
  assert.match(none, /_⚠ Probably Ana Varga \(a guess\); could be Tomas Varga, Mira Varga_/);
  assert.doesNotMatch(none, /Seen:/);
});

test('hover: a pin shows no evidence, whatever the resolver noted', () => {
  const card = hoverInArticle(withVargaMention('Varga left.', { resolution: 'pin', evidence: ['“she” after it'] }), 1, context)!.markdown;
  assert.match(card, /_resolved pinned in the sidecar; could also be Tomas Varga, Mira Varga_/);
  assert.doesNotMatch(card, /she/);
});

test('hover: facts and evidence cannot inject Markdown, and long evidence is clipped', () => {
  const sidecar = joinLines(
    'entities:',
    '  x:',
    '    name: X Varga',
    '    type: person',
    '    roles: ["[click](command:workbench.action.quit)", {title: "<img src=x onerror=alert(1)>", from: 1999}]',
    '    relations: {parent-of: ["no`such](command:x)"]}',
  );
  const article = 'X Varga left.';
  const analysis = analyzeTexts(article, sidecar);
  const hostile = ['“*[click](command:x)*” before the name', `<img src=x> ${'long '.repeat(200)}`];
  const mention: Mention = { span: { start: 0, end: 7 }, text: 'X Varga', entityId: 'x', candidates: ['x', 'no`such](command:x)'], resolution: 'evidence', certain: true, quoted: false, evidence: hostile };
  const card = hoverInArticle({ ...analysis, mentions: [mention] }, 2, context)!.markdown;
  // An undefined id is shown as code, literally (a code span renders no link).
  assert.match(card, /parent of ``no`such\]\(command:x\)``/);
  assert.doesNotMatch(card.replace('``no`such](command:x)``', ''), /\]\(command:/);
  assert.doesNotMatch(card, /(^|[^\\])<img/);
  assert.match(card, /\\<img src\\=x onerror\\=alert\\\(1\\\)\\> \(from 1999\)/);
  const decided = /_Decided by (.*)_/.exec(card)![1]!;
  assert.ok(decided.length < 2 * LIMITS.nameChars.value + 200, `evidence of ${decided.length} characters`);
  assert.match(decided, /…/);
});

test('hover: on a relation target in the sidecar, the related entity’s card', () => {
  const card = hoverInSidecar(analyzeTexts('x', VARGAS), VARGAS.indexOf('father-of: ana-varga') + 'father-of: an'.length, context)!;
  assert.match(card.markdown, /^\*\*Ana Varga\*\* · _person_/);
  assert.equal(VARGAS.slice(card.span.start, card.span.end), 'ana-varga');
});

test('hover: many pieces of evidence are listed up to the budget, the rest counted', () => {
  const evidence = Array.from({ length: 14 }, (_, i) => `cue ${i}`);
  const card = hoverInArticle(withVargaMention('Varga left.', { evidence }), 1, context)!.markdown;
  assert.match(card, /_Decided by cue 0, cue 1, (cue \d, ){7}cue 9, and 4 more; could also be/);
});
