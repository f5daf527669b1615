// Text handling that the input must not be able to break: the structure scan
// stays linear however the article is written (no quotation marks, runs of
// dots), word boundaries are read per code point, and names and the article
// are compared after Unicode normalization (NFC), with ranges in the
// original text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeStructure, updateStructure, type TextStructure } from '../../server/src/core/textStructure';
import { resolveMentions, type PinnedMention } from '../../server/src/core/mentions';
import type { Entity, Span } from '../../server/src/core/model';
import { changedRegion } from '../../server/src/core/tracking';
import { NameMatcher, nameLimitFindings } from '../../server/src/core/nameMatcher';
import { LIMITS } from '../../server/src/core/limits';
import { normalizeWithMap, toOriginalSpan } from '../../server/src/core/normalize';
import { seeded } from '../../bench/editCorpus';
import { analyzeTexts, joinLines } from './helpers';

const CORE = path.join(__dirname, '..', '..', 'server', 'src', 'core');

/**
 * Runs a script in a worker and fails when it has not finished within `ms`.
 * The scans tested here are synchronous: the test runner's own timeout cannot
 * stop them (a test that blocks its thread for a minute still passes). The
 * script sees `core(name)`, a compiled core module, and calls `done(value)`.
 */
function finishesWithin(ms: number, script: string): Promise<unknown> {
  const prelude = [
    "const { parentPort, workerData } = require('node:worker_threads');",
    "const core = (name) => require(require('node:path').join(workerData.core, name));",
    'const done = (value) => parentPort.postMessage(value);',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const worker = new Worker(`${prelude}\n${script}`, { eval: true, workerData: { core: CORE } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`not finished within ${ms} ms`));
    }, ms);
    worker.once('message', (value) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Script: `text`, an article of about 4 MB in paragraphs of plain narration, with no quotation mark anywhere. */
const ARTICLE_WITHOUT_QUOTES = `
const paragraph = 'The committee met on Tuesday and agreed on nothing, which surprised nobody. The talks resume next week.\\n\\n';
const text = paragraph.repeat(Math.ceil((4 * 1024 * 1024) / paragraph.length));
const { analyzeStructure, updateStructure } = core('textStructure.js');
`;

// Defect 9: every paragraph without a quotation mark used to search on to the
// end of the whole text (25–64 s at 4 MB). Linear, it takes well under a second.
test('structure: a 4 MB article without quotation marks is structured at once', async () => {
  const script = `${ARTICLE_WITHOUT_QUOTES}
    const structure = analyzeStructure(text);
    done({ paragraphs: structure.paragraphs.length, expected: text.length / paragraph.length, quoted: structure.isQuoted(text.length >> 1) });`;
  const result = (await finishesWithin(10_000, script)) as { paragraphs: number; expected: number; quoted: boolean };
  assert.equal(result.paragraphs, result.expected);
  assert.equal(result.quoted, false);
});

test('structure: an edit that touches the whole of a 4 MB article without quotes is rescanned at once', async () => {
  const script = `${ARTICLE_WITHOUT_QUOTES}
    const edited = 'X' + text.slice(1, -1) + 'Y';
    const change = core('tracking.js').changedRegion(text, edited);
    done({ updated: updateStructure(analyzeStructure(text), edited, change).paragraphs.length, fresh: analyzeStructure(edited).paragraphs.length });`;
  const result = (await finishesWithin(10_000, script)) as { updated: number; fresh: number };
  assert.equal(result.updated, result.fresh);
});

// Found by the fuzz: trailing spaces were trimmed with /[ \t]+$/, which tries every run from its
// start (a run of 50,000 spaces inside a line: 1.3 s). Read backwards, the run is read once.
test('Markdown: a line with runs of 200,000 spaces and tabs inside it is read at once', async () => {
  const script = `
    const { markdownReading } = core('reading/readingText.js');
    const line = 'Ferrow met the board.' + ' '.repeat(200000) + 'It ended.' + '\\t'.repeat(200000) + 'Done.  ';
    done(markdownReading(line + '\\n\\nNext paragraph.').text.includes('Ferrow met the board.'));`;
  assert.equal(await finishesWithin(10_000, script), true);
});

// Found by the fuzz: the parser's own hard-break rule read a run of spaces from each of its spaces
// (18,000 spaces in a paragraph, under the inline budget: 0.7 s). Ours reads the run once.
test('Markdown: ten paragraphs, each with a run of 19,000 spaces (under the inline budget), are read at once', async () => {
  const script = `
    const { markdownReading } = core('reading/readingText.js');
    const paragraph = 'The board met.' + ' '.repeat(19000) + 'It ended.  \\nDone.';
    done(markdownReading(Array(10).fill(paragraph).join('\\n\\n')).text.endsWith('It ended.\\nDone.'));`;
  assert.equal(await finishesWithin(3_000, script), true);
});

test('structure: runs of sentence marks not followed by a space are read once', async () => {
  const script = `
    const { analyzeStructure } = core('textStructure.js');
    done(['.', '!?', '\u2026', '."'].map((run) => analyzeStructure('Start. ' + run.repeat(400000) + 'x end.').sentences.length));`;
  assert.deepEqual(await finishesWithin(10_000, script), [2, 2, 2, 2]);
});

/** The quoted stretches of a text, as text. */
function quotedText(text: string): string[] {
  const structure = analyzeStructure(text);
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const quoted = i < text.length && structure.isQuoted(i);
    if (quoted && start < 0) start = i;
    if (!quoted && start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

test('structure: quotations are still found, within their paragraph', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'straight', text: 'He said "we stay" and left.', expected: ['"we stay"'] },
    { name: 'curly', text: 'He said “we stay” and left.', expected: ['“we stay”'] },
    { name: 'two in a paragraph', text: '“One” and "two".', expected: ['“One”', '"two"'] },
    {
      name: 'an unclosed quote at a paragraph end swallows nothing',
      text: joinLines('He said “we stay and left.', '', 'Next paragraph, “quoted” here.'),
      expected: ['“quoted”'],
    },
    {
      name: 'news style: a quotation over two paragraphs reopens at the start of the second',
      text: joinLines('“We will not leave the valley.', '', '“We will fight,” he said.'),
      expected: ['“We will not leave the valley.', '“We will fight,”'],
    },
    {
      name: 'news style with straight quotes',
      text: joinLines('"We will not leave.', '', '"We will fight," he said.'),
      expected: ['"We will not leave.', '"We will fight,"'],
    },
    {
      name: 'an unclosed quote before a paragraph that does not open with a quotation mark stays unquoted',
      text: joinLines('He is 6\'2" tall.', '', 'Nothing quoted here.'),
      expected: [],
    },
  ];
  for (const c of cases) assert.deepEqual(quotedText(c.text), c.expected, c.name);
});

test('structure: news-style quotations are kept when the next paragraph is edited', () => {
  const before = joinLines('“We will not leave the valley.', '', 'We will fight, he said.');
  const after = joinLines('“We will not leave the valley.', '', '“We will fight,” he said.');
  const updated = updateStructure(analyzeStructure(before), after, changedRegion(before, after)!);
  assert.equal(analyzeStructure(before).isQuoted(3), false);
  assert.equal(updated.isQuoted(3), true);
});

/** Matches of the name table in a text, as matched text=entity ids. */
function matches(names: Record<string, string[]>, text: string): string[] {
  const matcher = new NameMatcher();
  for (const [id, list] of Object.entries(names)) for (const name of list) matcher.add(name, id);
  return matcher.findAll(text).map((m) => `${text.slice(m.span.start, m.span.end)}=${m.entityIds.join('|')}`);
}

const BOLD_B = '\u{1D401}'; // 𝐁 MATHEMATICAL BOLD CAPITAL B, a letter outside the BMP

// Defect 13: word boundaries per code point.
test('name matcher: word boundaries are read per code point', () => {
  const cases: { name: string; names: Record<string, string[]>; text: string; expected: string[] }[] = [
    { name: 'a latin letter glued before', names: { m: ['Massoud'] }, text: 'xMassoud', expected: [] },
    { name: 'an astral letter glued before', names: { m: ['Massoud'] }, text: `${BOLD_B}Massoud`, expected: [] },
    { name: 'an astral letter glued after', names: { m: ['Massoud'] }, text: `Massoud${BOLD_B}`, expected: [] },
    { name: 'an emoji and a space before', names: { m: ['Massoud'] }, text: '😀 Massoud', expected: ['Massoud=m'] },
    { name: 'an emoji glued before (not a letter)', names: { m: ['Massoud'] }, text: '😀Massoud spoke', expected: ['Massoud=m'] },
    { name: 'a combining mark glued before', names: { m: ['Massoud'] }, text: 'e\u0301Massoud', expected: [] },
    { name: 'a combining mark glued after', names: { m: ['Massoud'] }, text: 'Massoud\u0301 spoke', expected: [] },
    { name: 'a name with an astral letter', names: { b: [`${BOLD_B}ob`] }, text: `${BOLD_B}ob and x${BOLD_B}ob`, expected: [`${BOLD_B}ob=b`] },
    { name: 'a name starting with a lone low surrogate never matches half a pair', names: { s: ['\uDC01ob'] }, text: `${BOLD_B}ob`, expected: [] },
  ];
  for (const c of cases) assert.deepEqual(matches(c.names, c.text), c.expected, c.name);
});

test('name matcher: mention ranges never split a surrogate pair', () => {
  const matcher = new NameMatcher();
  for (const name of ['\uDC01', '\uDC01x', '\uD835', 'ob', 'x']) matcher.add(name, 'e');
  const text = `${BOLD_B}ob ${BOLD_B}x 😀x \uD835\uDC01\uDC01x`;
  for (const m of matcher.findAll(text)) {
    for (const offset of [m.span.start, m.span.end]) {
      const low = text.charCodeAt(offset);
      const high = text.charCodeAt(offset - 1);
      assert.ok(!(low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff), `split at ${offset}`);
    }
  }
});

// NFC: an article in NFD matches names in NFC and the other way round; ranges
// are in the original text.
test('name matcher: names and article are compared in NFC, ranges in the original', () => {
  const cases: { name: string; names: Record<string, string[]>; text: string; expected: string[] }[] = [
    { name: 'NFD article, NFC name', names: { j: ['José'] }, text: 'Jose\u0301 said', expected: ['Jose\u0301=j'] },
    { name: 'NFC article, NFD name', names: { j: ['Jose\u0301'] }, text: 'José said', expected: ['José=j'] },
    { name: 'NFD first letter', names: { e: ['Émile Zola'] }, text: 'by E\u0301mile Zola.', expected: ['E\u0301mile Zola=e'] },
    { name: 'marks in another order', names: { v: ['Việt'] }, text: 'Vie\u0323\u0302t and Vie\u0302\u0323t', expected: ['Vie\u0323\u0302t=v', 'Vie\u0302\u0323t=v'] },
    { name: 'partly composed first letter', names: { e: ['ệx'] }, text: 'say \u00EA\u0323x', expected: ['\u00EA\u0323x=e'] },
    { name: 'Hangul in jamo', names: { s: ['서울'] }, text: '서울'.normalize('NFD') + ' 시', expected: ['서울'.normalize('NFD') + '=s'] },
    { name: 'an unaccented name is not the accented one', names: { j: ['Jose'] }, text: 'Jose\u0301 said', expected: [] },
  ];
  for (const c of cases) assert.deepEqual(matches(c.names, c.text), c.expected, c.name);
});

test('mentions: an NFD article names the NFC entity, at the original offsets', () => {
  const article = 'Rene\u0301 met Jose\u0301 in Bogota\u0301. Jose\u0301 spoke.';
  const sidecar = joinLines('entities:', '  jose: {name: José, type: person}', '  rene: {name: René, type: person}');
  const analysis = analyzeTexts(article, sidecar);
  assert.deepEqual(
    analysis.mentions.map((m) => `${article.slice(m.span.start, m.span.end)}→${m.entityId}`),
    ['Rene\u0301→rene', 'Jose\u0301→jose', 'Jose\u0301→jose'],
  );
});

test('normalize: offsets map back through NFC composition', () => {
  const original = 'Jose\u0301  said “hi” to Rene\u0301.';
  const norm = normalizeWithMap(original);
  assert.equal(norm.text, 'José said "hi" to René.');
  const at = norm.text.indexOf('René');
  const span = toOriginalSpan(norm, at, at + 'René'.length);
  assert.equal(original.slice(span.start, span.end), 'Rene\u0301');
  const said = norm.text.indexOf('José said');
  const span2 = toOriginalSpan(norm, said, said + 'José said'.length);
  assert.equal(original.slice(span2.start, span2.end), 'Jose\u0301  said');
});

test('anchoring: a quote typed in NFC is found exactly in an NFD article', () => {
  const article = 'In Bogota\u0301, Jose\u0301 said the talks had failed. Then he left.';
  const sidecar = joinLines('claims:', '  - quote: José said the talks had failed', '    kind: opinion');
  const analysis = analyzeTexts(article, sidecar);
  const claim = analysis.claims[0]!;
  assert.equal(claim.anchor, 'exact');
  assert.equal(article.slice(claim.span!.start, claim.span!.end), 'Jose\u0301 said the talks had failed');
});

// Budgets of name matching: each over-budget case is reported as
// limit-exceeded, naming the limit, and the rest of the analysis goes on.

/** The limit-exceeded findings of an analysis, as file:limit name. */
function limitFindings(article: string, sidecar: string): string[] {
  return analyzeTexts(article, sidecar)
    .findings.filter((f) => f.code === 'limit-exceeded')
    .map((f) => `${f.file}:${/Over the (.*?) limit/.exec(f.message)?.[1] ?? f.message}`);
}

test('budgets: a name longer than the limit is not looked for, and the sidecar says where', () => {
  const long = 'Very Long Name '.repeat(20).trim();
  const sidecar = joinLines('entities:', `  x: {name: ${long}, type: person}`, '  k: {name: Kabul, type: place}');
  const analysis = analyzeTexts(`${long} was in Kabul.`, sidecar);
  assert.deepEqual(analysis.mentions.map((m) => m.text), ['Kabul']);
  const finding = analysis.findings.find((f) => f.code === 'limit-exceeded');
  assert.ok(finding, 'a limit-exceeded finding');
  assert.equal(finding.file, 'sidecar');
  assert.equal(sidecar.slice(finding.span.start, finding.span.end), long);
  assert.match(finding.message, /matched name length limit \(256 characters\)/);
});

test('budgets: a name of more words than the limit is not looked for', () => {
  const many = Array.from({ length: 17 }, (_, i) => `W${i}`).join(' ');
  assert.deepEqual(limitFindings(`${many}.`, joinLines('entities:', `  x: {name: ${many}, type: person}`)), ['sidecar:words per name']);
});

test('budgets: mentions past the limit are not looked for, and the article says where', () => {
  const article = 'Abe and '.repeat(100_010);
  const analysis = analyzeTexts(article, joinLines('entities:', '  a: {name: Abe, type: person}'));
  assert.equal(analysis.mentions.length, 100_000);
  const finding = analysis.findings.find((f) => f.code === 'limit-exceeded');
  assert.ok(finding);
  assert.equal(finding.file, 'article');
  assert.equal(finding.span.start, analysis.mentions[analysis.mentions.length - 1]!.span.start);
});

test('budgets: an article crafted to make every name walk long stops at the work budget', () => {
  // A 16-word name whose first 15 words the article repeats: every word would start a 15-word walk.
  const name = `${'a '.repeat(15)}b`;
  const analysis = analyzeTexts('a '.repeat(200_000), joinLines('entities:', `  x: {name: "${name}", type: person}`));
  const finding = analysis.findings.find((f) => f.code === 'limit-exceeded');
  assert.ok(finding, 'a limit-exceeded finding');
  assert.equal(finding.file, 'article');
  assert.match(finding.message, /name matching limit/);
});

// Mention resolution does work in proportion to the mentions, whatever their
// arrangement. Counted, not timed: reads of pins' spans, of the structure,
// and of descriptions.

function entity(id: string, description?: string, onRead?: () => void): Entity {
  const none = { start: 0, end: 0 };
  const base = { id, idSpan: none, span: none, name: id, type: 'person' as const, aliases: [], links: [] };
  return Object.defineProperty(base, 'description', { enumerable: true, get: () => (onRead?.(), description) }) as Entity;
}

/** `count` mentions of "Name" in one paragraph, each its own word. */
function namesInOneParagraph(count: number): { text: string; spans: Span[] } {
  const text = 'Name '.repeat(count);
  return { text, spans: Array.from({ length: count }, (_, i) => ({ start: i * 5, end: i * 5 + 4 })) };
}

test('mentions: pins are checked against the matches in one sweep, not each pin for each match', () => {
  const { text, spans } = namesInOneParagraph(22_000);
  let reads = 0;
  const pins: PinnedMention[] = spans.slice(20_000).map((span) => ({ get span() { reads++; return span; }, entityId: 'k' }));
  const matches = spans.slice(0, 20_000).map((span) => ({ span, entityIds: ['k'] }));
  const mentions = resolveMentions({ text, matches, entities: new Map([['k', entity('k')]]), pins });
  assert.equal(mentions.length, 22_000);
  assert.ok(reads < 100 * pins.length, `${reads} reads of pins' spans for ${pins.length} pins and ${matches.length} matches`);
});

test('mentions: the nearest earlier candidate is looked up, not walked back to over the paragraph', () => {
  const { text, spans } = namesInOneParagraph(4000);
  // 2,000 mentions of one entity, then 2,000 shared names, each with its own pair of candidates.
  const matches = spans.map((span, i) => ({ span, entityIds: i < 2000 ? ['k'] : [`a${i}`, `b${i}`] }));
  const entities = new Map(matches.flatMap((m) => m.entityIds).map((id) => [id, entity(id)]));
  const structure = analyzeStructure(text);
  let reads = 0;
  const counted: TextStructure = {
    paragraphOf: (offset) => (reads++, structure.paragraphOf(offset)),
    sentenceOf: (offset) => (reads++, structure.sentenceOf(offset)),
    isQuoted: (offset) => (reads++, structure.isQuoted(offset)),
    paragraphs: structure.paragraphs,
    sentences: structure.sentences,
  };
  const mentions = resolveMentions({ text, matches, entities, pins: [], structure: counted });
  assert.equal(mentions.length, 4000);
  assert.ok(reads < 10 * matches.length, `${reads} reads of the structure for ${matches.length} mentions`);
});

test('mentions: a name shared by thousands of entities reads each description once', () => {
  const { text, spans } = namesInOneParagraph(3000);
  const cued = 'the younger ' + text.replace(/Name /g, 'Name, the younger ');
  let reads = 0;
  const ids = Array.from({ length: 3000 }, (_, i) => `e${i}`);
  const entities = new Map(ids.map((id) => [id, entity(id, id === 'e7' ? 'son of e1' : 'a person', () => reads++)]));
  const shift = (span: Span, i: number): Span => ({ start: span.start + 12 + i * 13, end: span.end + 12 + i * 13 });
  const matches = spans.map((span, i) => ({ span: shift(span, i), entityIds: ids }));
  assert.equal(cued.slice(matches[1]!.span.start, matches[1]!.span.end), 'Name');
  const mentions = resolveMentions({ text: cued, matches, entities, pins: [] });
  assert.deepEqual(new Set(mentions.map((m) => `${m.entityId} (${m.resolution})`)), new Set(['e7 (evidence)']));
  assert.ok(reads <= ids.length, `${reads} reads of descriptions for ${ids.length} entities`);
});

// Incremental name matching equals a fresh scan: the rescan after an edit
// goes on until it stands where the old scan stood.

function matcherOf(names: Record<string, string[]>): NameMatcher {
  const matcher = new NameMatcher();
  for (const [id, list] of Object.entries(names)) for (const name of list) matcher.add(name, id);
  return matcher;
}

function afterEdit(matcher: NameMatcher, before: string, after: string): { incremental: unknown; fresh: unknown } {
  const change = changedRegion(before, after)!;
  return { incremental: matcher.findAfterEdit(matcher.findAll(before), change, after), fresh: matcher.findAll(after) };
}

test('name matcher: an edit that shifts a long chain of overlapping names is matched as a fresh scan would', () => {
  // Names "T0 T1", "T1 T2", …: leftmost-longest pairs them (T0 T1)(T2 T3)…; without T0, (T1 T2)(T3 T4)… to the end.
  const words = Array.from({ length: 400 }, (_, i) => `T${i}`);
  const matcher = matcherOf(Object.fromEntries(words.slice(1).map((w, i) => [`p${i}`, [`${words[i]} ${w}`]])));
  const text = words.join(' ');
  const { incremental, fresh } = afterEdit(matcher, text, text.slice(3));
  assert.deepEqual(incremental, fresh);
});

test('name matcher: after each of 2,000 random edits, incremental matches equal a fresh scan', () => {
  const random = seeded(7);
  const matcher = matcherOf({ son: ['Ahmad Massoud', 'Massoud'], father: ['Ahmad Shah Massoud', 'Massoud'], j: ['José'], b: [`${BOLD_B}ob`], q: ['“Lion”'] });
  const pieces = ['Ahmad ', 'Shah ', 'Massoud', ' ', '\n', '\n\n', ' '.repeat(40), 'x', 'Jose\u0301', 'José', BOLD_B, 'ob', '😀', '“Lion”', '"Lion"', '.', 'e\u0301', ''];
  for (let round = 0; round < 20; round++) {
    let text = Array.from({ length: 60 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let i = 0; i < 100; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const removed = random() < 0.4 ? Math.floor(random() * 8) : 0;
      const next = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + removed);
      if (next !== text) {
        const { incremental, fresh } = afterEdit(matcher, text, next);
        assert.deepEqual(incremental, fresh, `round ${round}, edit ${i}: ${JSON.stringify(text)} → ${JSON.stringify(next)}`);
      }
      text = next;
    }
  }
});

test('name matcher: at the mentions limit, incremental matching and its finding equal a fresh scan', () => {
  const matcher = matcherOf({ a: ['Abe'] });
  const full = 'Abe '.repeat(LIMITS.mentions.value).trimEnd();
  const edits: [string, string][] = [
    [full, `${full} and Abe`], // a mention past the limit: a finding
    [`${full} and Abe`, full], // back to exactly the limit with nothing after: none
    [`x ${full}`, full], // an edit at the start
    [full, `${full.slice(0, 200_000)}Abe ${full.slice(200_000)}`], // one more in the middle
  ];
  for (const [before, after] of edits) {
    const change = changedRegion(before, after)!;
    const incremental = matcher.findAfterEdit(matcher.findAll(before), change, after);
    const fresh = matcher.findAll(after);
    assert.deepEqual(incremental, fresh);
    assert.deepEqual(nameLimitFindings(matcher, incremental), nameLimitFindings(matcher, fresh));
  }
  assert.equal(nameLimitFindings(matcher, matcher.findAll(full)).length, 0);
  assert.equal(nameLimitFindings(matcher, matcher.findAll(`${full} Abe`)).length, 1);
});
