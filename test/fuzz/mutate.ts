// Text mutations of fuzz inputs: at the byte level (any text: inserted
// control and astral characters, lone surrogate halves, deletions, flipped
// bits, broken UTF-8, line endings, BOM, NFD), edits that make an article's
// anchors drift, and YAML tokens put where tokens meet in a sidecar. Each
// returns the new text and a short label, so a failure says what was done.
// Structure-level mutations of a sidecar tree are in treeMutations.ts.
import type { Random } from './random';

/** Characters that break naive text handling. */
const NASTY = [
  '\u0000', '\uFEFF', '\uD83D', '\uDE00', '😀', '𝐁', '\u0301', '\u0308', '\r', '\n', '\r\n', '\t', '\u00A0', '\u2028', '\u2029', '\u200B', '\u202E',
  '“', '”', '‘', '’', '«', '»', '"', "'", '`', '…', '—', '\uFFFD', '\uFFFF', '\u0085', 'ǅ', 'ß', 'İ', 'ﬁ', '林', '\u{1F469}\u200D\u{1F4BB}', '🏳️‍🌈',
];

type Mutated = [text: string, label: string];
type TextMutation = (rng: Random, text: string) => Mutated;

const offsetIn = (rng: Random, text: string): number => rng.int(text.length + 1);

// ---------------------------------------------------------------- bytes

function insertNasty(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  const s = rng.pick(NASTY).repeat(rng.chance(0.2) ? rng.between(2, 40) : 1);
  return [t.slice(0, i) + s + t.slice(i), `insert ${JSON.stringify(s.slice(0, 8))}@${i}`];
}

function deleteSome(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  const n = rng.between(1, 24);
  return [t.slice(0, i) + t.slice(i + n), `delete ${n}@${i}`];
}

/** One bit of one UTF-16 unit flipped: may make a surrogate half or a control character. */
function flipUnit(rng: Random, t: string): Mutated {
  if (!t) return [t, 'flip none'];
  const i = rng.int(t.length);
  const c = t.charCodeAt(i) ^ (1 << rng.int(16));
  return [t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1), `flip@${i}→U+${c.toString(16)}`];
}

/** One bit of the UTF-8 encoding flipped, decoded again (broken sequences become U+FFFD). */
function flipUtf8Byte(rng: Random, t: string): Mutated {
  const bytes = Buffer.from(t, 'utf8');
  if (bytes.length === 0) return [t, 'utf8 none'];
  const i = rng.int(bytes.length);
  bytes[i] = bytes[i]! ^ (1 << rng.int(8));
  return [bytes.toString('utf8'), `utf8 flip byte ${i}`];
}

function truncate(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  return [t.slice(0, i), `truncate@${i}`];
}

function duplicateStretch(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  const j = Math.min(t.length, i + rng.between(1, 200));
  return [t.slice(0, j) + t.slice(i, j) + t.slice(j), `duplicate ${i}-${j}`];
}

function combiningMarks(rng: Random, t: string): Mutated {
  return [t.replace(/\p{L}/gu, (ch) => (rng.chance(0.05) ? ch + rng.pick(['\u0301', '\u0308', '\u0323\u0302']) : ch)), 'combining marks'];
}

/** UTF-16 units of a stretch in reverse order: surrogate pairs come out as two lone halves. */
function reverseUnits(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  const j = Math.min(t.length, i + rng.between(1, 60));
  return [t.slice(0, i) + t.slice(i, j).split('').reverse().join('') + t.slice(j), `reverse units ${i}-${j}`];
}

function oddSpaces(rng: Random, t: string): Mutated {
  return [t.replace(/ /g, () => (rng.chance(0.1) ? rng.pick(['\t', '\u00A0', '  ', '\n', '\u3000']) : ' ')), 'odd spaces'];
}

const BYTE_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [insertNasty, 6],
  [deleteSome, 4],
  [flipUnit, 4],
  [flipUtf8Byte, 3],
  [truncate, 1],
  [(_rng, t) => [t.replace(/\r?\n/g, '\r\n'), 'CRLF'], 2],
  [(_rng, t) => [t.replace(/\r?\n/g, '\r'), 'CR only'], 1],
  [(_rng, t) => [`\uFEFF${t}`, 'BOM'], 2],
  [(_rng, t) => [t.normalize('NFD'), 'NFD'], 2],
  [(_rng, t) => [t.normalize('NFKC'), 'NFKC'], 1],
  [duplicateStretch, 2],
  [combiningMarks, 2],
  [reverseUnits, 1],
  [oddSpaces, 2],
];

// ---------------------------------------------------------------- articles

function wordsOf(t: string): RegExpMatchArray[] {
  return [...t.matchAll(/\p{L}+/gu)];
}

/** A word's first letter replaced by an emoji or a lone high surrogate (`😀assoud`). */
function emojiForLetter(rng: Random, t: string): Mutated {
  const words = wordsOf(t);
  if (words.length === 0) return [t, 'emoji none'];
  const w = rng.pick(words);
  const e = rng.pick(['😀', '𝐁', '🏳️‍🌈', '\uD83D']);
  return [t.slice(0, w.index) + e + t.slice(w.index! + 1), `emoji for first letter of "${w[0]}"`];
}

/** A letter or mark glued before a word (`𝐁Massoud`, `xMassoud`): no longer a whole word. */
function glueBeforeWord(rng: Random, t: string): Mutated {
  const words = wordsOf(t);
  if (words.length === 0) return [t, 'glue none'];
  const w = rng.pick(words);
  const e = rng.pick(['𝐁', 'x', '\u0301', '_', '林', '😀']);
  return [t.slice(0, w.index) + e + t.slice(w.index), `glue ${JSON.stringify(e)} before "${w[0]}"`];
}

function replaceWord(rng: Random, t: string): Mutated {
  const words = wordsOf(t);
  if (words.length === 0) return [t, 'swap none'];
  const w = rng.pick(words);
  return [t.slice(0, w.index) + rng.pick(['changed', 'ferry', 'Marrow', '']) + t.slice(w.index! + w[0].length), `replace word "${w[0]}"@${w.index}`];
}

function repeatParagraphs(_rng: Random, t: string): Mutated {
  const paragraphs = t.split(/\n\n/);
  return [paragraphs.concat(paragraphs.slice(1)).join('\n\n'), 'repeat paragraphs'];
}

function swapParagraphs(rng: Random, t: string): Mutated {
  const paragraphs = t.split(/\n\n/);
  const a = rng.int(paragraphs.length);
  const b = rng.int(paragraphs.length);
  [paragraphs[a], paragraphs[b]] = [paragraphs[b]!, paragraphs[a]!];
  return [paragraphs.join('\n\n'), `swap paragraphs ${a},${b}`];
}

/** A long run of one character or word: where naive searches turn quadratic. */
function runOfOne(rng: Random, t: string): Mutated {
  const i = offsetIn(rng, t);
  const unit = rng.pick(['a', ' ', '.', '“', 'Marrow ', '😀', '\n']);
  const n = rng.between(100, 60000);
  const run = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return [t.slice(0, i) + run + t.slice(i), `run of ${n} ${JSON.stringify(unit)}@${i}`];
}

const ARTICLE_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [emojiForLetter, 3],
  [glueBeforeWord, 3],
  [replaceWord, 4],
  [repeatParagraphs, 1],
  [(_rng, t) => [t.replace(/["“”«»„‹›「」]/g, ''), 'no quotation marks'], 1],
  [runOfOne, 1],
  [swapParagraphs, 1],
];

// ---------------------------------------------------------------- YAML tokens

const TOKENS = ['{', '}', '[', ']', '&', '*', '!', '|', '>', '-', ':', '?', '#', ',', "'", '"', '%', '@', '`', '&a ', '*a', '*b', '!!str ', '!!map ', '!!seq ', '!!binary ', '!custom ', '!<tag:yaml.org,2002:int> ', '? ', '- ', ': ', ' #', '|-\n', '>+\n', '|+\n', '|2\n', '<<: *a', '\t', '---', '...', '{{{{{{{{', ']]]]', '[[[[[[[[[[', '&a [*a]', '"\\', "'"];
const MARKERS = ['---', '...', '--- # doc', '%YAML 1.2', '%TAG ! tag:x,2000:', '--- |', '... # end'];

/** Where YAML tokens meet: after `: `, `- `, `, `, an opening bracket, and at line starts. */
function tokenBoundaries(text: string): number[] {
  const spots: number[] = [];
  for (const m of text.matchAll(/: |- |^\s*|\n|, |\[|\{/gm)) spots.push(m.index + m[0].length);
  return spots.length > 0 ? spots : [0];
}

function insertToken(rng: Random, t: string): Mutated {
  const i = rng.pick(tokenBoundaries(t));
  const token = rng.pick(TOKENS);
  return [t.slice(0, i) + token + t.slice(i), `token ${JSON.stringify(token)}@${i}`];
}

function withLines(t: string, change: (lines: string[]) => string): Mutated {
  const lines = t.split('\n');
  const label = change(lines);
  return [lines.join('\n'), label];
}

const insertMarker = (rng: Random, t: string): Mutated =>
  withLines(t, (lines) => {
    const i = rng.int(lines.length + 1);
    const marker = rng.pick(MARKERS);
    lines.splice(i, 0, marker);
    return `line ${JSON.stringify(marker)}@${i}`;
  });

const reindentLine = (rng: Random, t: string): Mutated =>
  withLines(t, (lines) => {
    const i = rng.int(lines.length);
    lines[i] = lines[i]!.replace(/^( +)/, (s) => rng.pick(['\t', `${s}\t`, s.slice(1), `${s} `, `${s}  `, '']));
    return `indent line ${i}`;
  });

const duplicateLine = (rng: Random, t: string): Mutated =>
  withLines(t, (lines) => {
    const i = rng.int(lines.length);
    lines.splice(rng.int(lines.length), 0, lines[i]!);
    return `duplicate line ${i}`;
  });

const deleteLine = (rng: Random, t: string): Mutated =>
  withLines(t, (lines) => {
    const i = rng.int(lines.length);
    lines.splice(i, 1);
    return `delete line ${i}`;
  });

const swapLines = (rng: Random, t: string): Mutated =>
  withLines(t, (lines) => {
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return `swap lines ${i},${j}`;
  });

/** An anchor put on one value and an alias in place of another. */
function anchorAndAlias(rng: Random, t: string): Mutated {
  const values = [...t.matchAll(/: (\S[^\n#]*)/g)];
  if (values.length === 0) return [t, 'anchor none'];
  const a = rng.pick(values);
  const b = rng.pick(values);
  const withAnchor = t.slice(0, a.index + 2) + '&x ' + t.slice(a.index + 2);
  const start = b.index + 2 + (b.index > a.index ? 3 : 0);
  return [withAnchor.slice(0, start) + '*x' + withAnchor.slice(start + b[1]!.length), `anchor@${a.index} alias@${b.index}`];
}

const TOKEN_MUTATIONS: readonly (readonly [TextMutation, number])[] = [
  [insertToken, 8],
  [insertMarker, 3],
  [reindentLine, 3],
  [duplicateLine, 2],
  [deleteLine, 2],
  [swapLines, 1],
  [anchorAndAlias, 2],
];

export function mutateBytes(rng: Random, text: string): Mutated {
  return rng.weighted(BYTE_MUTATIONS)(rng, text);
}

export function mutateArticle(rng: Random, text: string): Mutated {
  return rng.chance(0.5) ? rng.weighted(ARTICLE_MUTATIONS)(rng, text) : mutateBytes(rng, text);
}

export function mutateTokens(rng: Random, text: string): Mutated {
  return rng.weighted(TOKEN_MUTATIONS)(rng, text);
}
