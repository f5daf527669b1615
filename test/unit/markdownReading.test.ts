// The reading text of Markdown: what a reader sees on the rendered page, one
// table row per construct, with the map back to the source checked on every
// character, and an edit re-read piece by piece equal to a reading from scratch.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { markdownReading, type ArticleReading } from '../../server/src/core/reading/readingText';
import { frontMatterOf } from '../../server/src/core/reading/frontMatter';
import { cutsFrom } from '../../server/src/core/reading/chunks';
import { joinLines } from './helpers';

const cases: { construct: string; source: string; reading: string; unsearchable?: string[] }[] = [
  { construct: 'plain paragraph', source: 'Ana Varga left.', reading: 'Ana Varga left.' },
  { construct: 'emphasis and strong', source: 'She *said* it **twice**, __loudly__ and _once_.', reading: 'She said it twice, loudly and once.' },
  { construct: 'nested emphasis', source: '***Ana** Varga* left', reading: 'Ana Varga left' },
  { construct: 'strikethrough (GFM)', source: 'The ~~old~~ new bridge', reading: 'The old new bridge' },
  { construct: 'code span: backticks removed, not searched', source: 'Run `Varga --fast` now', reading: 'Run Varga --fast now', unsearchable: ['Varga --fast'] },
  { construct: 'inline link: destination and title removed', source: 'The [Olenko Council](https://example.org/Olenko "The Olenko page") met', reading: 'The Olenko Council met' },
  { construct: 'image: alt text kept', source: 'See ![a map of *Lindau*](map.png) here', reading: 'See a map of Lindau here' },
  { construct: 'reference link, defined', source: joinLines('Ask [Tomas][tv] or [Tomas].', '', '[tv]: https://example.org/tv', '[tomas]: /t'), reading: 'Ask Tomas or Tomas.' },
  { construct: 'brackets that are no link stay', source: 'He [Varga] said [sic].', reading: 'He [Varga] said [sic].' },
  { construct: 'autolink: the URL is shown, not searched', source: 'Write to <https://example.org/Varga> today', reading: 'Write to https://example.org/Varga today', unsearchable: ['https://example.org/Varga'] },
  { construct: 'bare URL (GFM): shown, not searched', source: 'See https://example.org/Varga/x for more', reading: 'See https://example.org/Varga/x for more', unsearchable: ['https://example.org/Varga/x'] },
  { construct: 'inline HTML tags removed, text kept', source: 'A <b class="Varga">bold</b> move<br>', reading: 'A bold move' },
  { construct: 'HTML comment removed', source: 'Before <!-- Ana Varga --> after', reading: 'Before  after' },
  { construct: 'backslash escapes', source: 'Taliban\\* and 2\\*3 \\[x\\]', reading: 'Taliban* and 2*3 [x]' },
  { construct: 'character references decoded', source: 'Fish &amp; chips &eacute;t&#233; &#x263A; &nosuch;', reading: 'Fish & chips été ☺ &nosuch;' },
  { construct: 'soft line break read as a space', source: 'The council\nvoted   \n  at noon', reading: 'The council voted\nat noon' },
  { construct: 'CRLF soft break', source: 'The council\r\nvoted', reading: 'The council voted' },
  { construct: 'hard break with a backslash', source: 'Line one\\\nLine two', reading: 'Line one\nLine two' },
  { construct: 'hard break after a run of spaces, and runs of spaces that are none', source: 'Line    one  and   two  \nLine three', reading: 'Line    one  and   two\nLine three' },
  { construct: 'ATX headings', source: joinLines('# The title #', '', '## Part *two*', 'Body.'), reading: 'The title\n\nPart two\n\nBody.' },
  { construct: 'setext heading', source: joinLines('The title', '=========', '', 'Body.'), reading: 'The title\n\nBody.' },
  { construct: 'paragraphs stay apart', source: joinLines('One.', '', '', 'Two.'), reading: 'One.\n\nTwo.' },
  { construct: 'list items are blocks', source: joinLines('- one', '- two', '  wrapped', '', '1. three'), reading: 'one\n\ntwo wrapped\n\nthree' },
  { construct: 'task list markers removed', source: joinLines('- [x] done', '- [ ] to do'), reading: 'done\n\nto do' },
  { construct: 'block quote', source: joinLines('> Ana said', '> it was late.', '>', '> Then left.'), reading: 'Ana said it was late.\n\nThen left.' },
  { construct: 'nested block quote in a list', source: joinLines('- item', '  > quoted *here*'), reading: 'item\n\nquoted here' },
  { construct: 'fenced code skipped', source: joinLines('Before.', '', '```js', 'const who = "Varga";', '', 'more()', '```', '', 'After.'), reading: 'Before.\n\nAfter.' },
  { construct: 'indented code skipped', source: joinLines('Before.', '', '    Varga()', '', 'After.'), reading: 'Before.\n\nAfter.' },
  { construct: 'HTML comment block skipped', source: joinLines('Before.', '', '<!-- Varga', '', 'still hidden -->', '', 'After.'), reading: 'Before.\n\nAfter.' },
  { construct: 'HTML block: text kept, tags and scripts skipped', source: joinLines('<div class="Varga">', 'Ana &amp; Tomas', '<p>second</p><script>Varga()</script>', '</div>'), reading: 'Ana & Tomas \n\nsecond' },
  { construct: 'table cells are blocks', source: joinLines('| Name | Town |', '|---|---|', '| Ana *Varga* | Lindau \\| Olenko |'), reading: 'Name\n\nTown\n\nAna Varga\n\nLindau | Olenko' },
  { construct: 'thematic break and definitions skipped', source: joinLines('One.', '', '---', '', '[x]: /u', '', 'Two.'), reading: 'One.\n\nTwo.' },
  { construct: 'YAML front matter: title read, keys skipped', source: joinLines('---', 'title: "Ana Varga wins"', 'tags: [Varga]', '---', '', 'Body.'), reading: 'Ana Varga wins\n\nBody.' },
  { construct: 'TOML front matter', source: joinLines('+++', "title = 'Ana Varga wins'", 'author = "Tomas"', '+++', 'Body.'), reading: 'Ana Varga wins\n\nBody.' },
  { construct: 'unclosed front matter is no front matter', source: joinLines('---', 'title: x'), reading: 'title: x' },
  { construct: 'a byte-order mark is not text', source: '\uFEFF# Ana Varga', reading: 'Ana Varga' },
  { construct: 'CRLF line ends throughout', source: ['---', 'title: Ana', '---', '', '# Head', '', 'One', 'two', '', '```', 'x', '```', '', '> q'].join('\r\n'), reading: 'Ana\n\nHead\n\nOne two\n\nq' },
];

for (const c of cases) {
  test(`reading text: ${c.construct}`, () => {
    const reading = markdownReading(c.source);
    assert.equal(reading.text, c.reading);
    assert.deepEqual(reading.unsearchable.map((s) => reading.text.slice(s.start, s.end)), c.unsearchable ?? []);
    assertMapRoundTrips(reading);
  });
}

/** Every copied reading character comes from a source character that maps back to it; spans map to source ranges in order. */
function assertMapRoundTrips(reading: ArticleReading): void {
  let previous = 0;
  for (let r = 0; r < reading.text.length; r++) {
    const s = reading.toSource(r);
    assert.ok(s >= previous, `source offsets in order at ${r}`);
    previous = s;
    assert.ok(reading.toSourceEnd(r + 1) >= s, `end after start at ${r}`);
    // Blank lines between blocks and hard breaks stand for no source character of their own.
    const same = reading.text[r] !== '\n' && (reading.source[s] === reading.text[r] || (reading.text[r] === ' ' && reading.source[s] === '\n'));
    if (same) assert.equal(reading.toReading(s), r, `round trip at reading ${r} (${JSON.stringify(reading.text[r])})`);
  }
  for (let s = 0; s <= reading.source.length; s++) {
    const r = reading.toReading(s);
    assert.ok(r >= 0 && r <= reading.text.length, `source ${s} maps inside the reading text`);
  }
}

test('reading text: a span across markup maps to the source range covering it', () => {
  const source = 'The [National Resistance Front](https://example.org/nrf) says it controls **most of the valley**.';
  const reading = markdownReading(source);
  const quote = 'National Resistance Front says it controls most';
  const start = reading.text.indexOf(quote);
  const span = { start: reading.toSource(start), end: reading.toSourceEnd(start + quote.length) };
  assert.equal(source.slice(span.start, span.end), 'National Resistance Front](https://example.org/nrf) says it controls **most');
});

test('reading text: inside markup is nothing a reader reads; its edges are the text around it', () => {
  const source = 'See [Ana Varga](https://example.org/Varga) now.';
  const reading = markdownReading(source);
  const at = (needle: string, delta = 0): number => source.indexOf(needle) + delta;
  assert.equal(reading.isMarkup(at('example')), true);
  assert.equal(reading.isMarkup(at('Ana')), false);
  assert.equal(reading.isMarkup(at('[')), false, 'the edge before the markup');
  assert.equal(reading.isMarkup(at(' now')), false, 'the edge after it');
  assert.equal(reading.toReading(at('[')), reading.text.indexOf('Ana'));
});

test('front matter: title, date and author, quoted or plain, comments dropped', () => {
  const source = joinLines('---', "title: 'The Lion''s son'", 'date: 2021-09-10 # published', 'author: Ana Varga', 'other: x', '---', 'Body');
  const fm = frontMatterOf(source);
  assert.equal(fm.date?.value, '2021-09-10');
  assert.equal(fm.author?.value, 'Ana Varga');
  assert.equal(source.slice(fm.title!.span.start, fm.title!.span.end), fm.title!.value);
  assert.equal(source.slice(fm.end), 'Body');
});

test('headline: the front matter title, else the first level-1 heading', () => {
  const withTitle = markdownReading(joinLines('---', 'title: Ana Varga wins', '---', '', '# Another', '', 'Body.'));
  assert.equal(withTitle.text.slice(withTitle.headline!.start, withTitle.headline!.end), 'Ana Varga wins');
  const withHeading = markdownReading(joinLines('Kicker line.', '', '# The *real* title', '', 'Body.'));
  assert.equal(withHeading.text.slice(withHeading.headline!.start, withHeading.headline!.end), 'The real title');
  assert.equal(markdownReading('Just text.').headline, undefined);
});

test('pieces: cuts only where the parse of the parts equals the parse of the whole', () => {
  const source = joinLines('One.', '', '```', 'code', '', 'still code', '```', '', '- item', '', '  continued', '', 'Two.', '', '<!--', '', 'x -->', 'Three.');
  const cuts = cutsFrom(source, 0, 0).map((at) => source.slice(at, at + 6));
  assert.deepEqual(cuts, ['One.\n\n', '```\nco', '- item', 'Two.\n\n', '<!--\n\n']);
});

const crafted: { what: string; source: string }[] = [
  { what: '10,000 asterisks on each side of a word (the parser recursed once per level and overflowed the stack)', source: `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}` },
  { what: '80 KB of unclosed links (quadratic in the parser)', source: '[a]('.repeat(20_000) },
  { what: '120 KB of unmatched emphasis (quadratic in the parser)', source: 'a* '.repeat(40_000) },
];

for (const c of crafted) {
  test(`budget: ${c.what} is read as written, and says so`, () => {
    // A piece is at least 2,000 characters: the long introduction is a piece of its own.
    const intro = `Intro *one*. ${'Some words. '.repeat(200).trim()}`;
    const reading = markdownReading(`${intro}\n\n${c.source}\n\nOutro *two*.`);
    assert.equal(reading.inlineSkipped?.pieces, 1);
    assert.ok(reading.text.startsWith('Intro one. Some words.'));
    assert.ok(reading.text.endsWith('\n\nOutro two.'));
    assert.ok(reading.text.includes(c.source.slice(0, 100)));
  });
}

test('budget: a long table or list of short blocks keeps its inline markup', () => {
  const table = ['| name | town |', '|---|---|', ...Array.from({ length: 2000 }, (_, i) => `| *Ana ${i}* | [Lindau](https://example.org/${i}) |`)].join('\n');
  const reading = markdownReading(table);
  assert.equal(reading.inlineSkipped, undefined);
  assert.ok(reading.text.includes('Ana 1999\n\nLindau'));
});

/** A small random Markdown document generator and editor: fixed seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PARTS = ['Ana Varga', ' ', '*', '**', '`', '[', '](/u)', ']', '\n', '\n\n', '> ', '- ', '```\n', '<!--', '-->', '# ', '&amp;', '\\*', '|', '---\n', 'https://x.org/Varga', '<b>', '~~', '[r]: /x\n', '    ', 'Tomas', '😀', '&#x1F600;', 'é', '\r\n', '|---|\n'];

test('incremental: after each of 400 random edits, the reading equals a reading from scratch', () => {
  const random = seeded(12);
  const pick = () => PARTS[Math.floor(random() * PARTS.length)]!;
  let source = Array.from({ length: 1500 }, pick).join('');
  let reading = markdownReading(source);
  for (let step = 0; step < 400; step++) {
    const at = Math.floor(random() * (source.length + 1));
    const remove = random() < 0.4 ? Math.floor(random() * 8) : 0;
    source = source.slice(0, at) + (random() < 0.7 ? pick() : '') + source.slice(at + remove);
    reading = markdownReading(source, reading);
    const fresh = markdownReading(source);
    assert.equal(reading.text, fresh.text, `step ${step}`);
    assert.deepEqual(reading.unsearchable, fresh.unsearchable, `step ${step}`);
    for (let r = 0; r <= fresh.text.length; r += 7) assert.equal(reading.toSource(r), fresh.toSource(r), `step ${step} offset ${r}`);
  }
});
