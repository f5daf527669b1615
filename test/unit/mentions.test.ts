// Mention resolution as the evidence model decides it: invented names and
// sentences (the Vargas, a mother and her son, and a Kovac), no facts in the
// sidecar, so what decides is the evidence the resolver core owns (settled
// mentions nearby and their role, who the article is about) and the margin.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MASSOUD_ENTITIES, analyzeTexts, joinLines, sharedNameChoices } from './helpers';

const VARGAS = joinLines(
  'entities:',
  '  ana:',
  '    name: Ana Varga',
  '    type: person',
  '    aliases: [Varga]',
  '  tomas:',
  '    name: Tomas Varga',
  '    type: person',
  '    aliases: [Varga]',
  '  kovac:',
  '    name: Mira Kovac',
  '    type: person',
);

/** Both Vargas named, neither as subject: the article starts even between them. */
const EVEN_START = 'The farm belongs to Ana Varga and Tomas Varga.';

/** Each shared-name mention as text→entity, with `?` when uncertain. */
const bare = (article: string, sidecar = VARGAS): string[] => sharedNameChoices(article, sidecar);

const cases: { name: string; article: string; expected: string[] }[] = [
  {
    name: 'the subject of the sentence before decides',
    article: joinLines(EVEN_START, '', 'Tomas Varga drove to the market on Monday. Varga bought seeds.'),
    expected: ['Varga→tomas'],
  },
  {
    name: 'the same words decide for the other one when she was the subject',
    article: joinLines(EVEN_START, '', 'Ana Varga drove to the market on Monday. Varga bought seeds.'),
    expected: ['Varga→ana'],
  },
  {
    name: 'a relative named later in the paragraph does not take the bare name (“the son of X”)',
    article: joinLines(EVEN_START, '', 'Ana Varga sold the eggs on Monday. The buyer was the son of Tomas Varga. Varga counted the money.'),
    expected: ['Varga→ana'],
  },
  {
    name: 'an owner named later does not either (“X’s dog”)',
    article: joinLines(EVEN_START, '', 'Ana Varga sold the eggs on Monday. Tomas Varga’s dog barked at the buyer. Varga counted the money.'),
    expected: ['Varga→ana'],
  },
  {
    name: 'a name inside a quotation is no context for the narration',
    article: joinLines(EVEN_START, '', 'Ana Varga laughed at the market on Monday. “Tomas Varga never sold a thing,” a buyer said. Varga counted the money.'),
    expected: ['Varga→ana'],
  },
  {
    name: 'but it is for the rest of the same quotation',
    article: joinLines(EVEN_START, '', 'Ana Varga laughed at the market on Monday. “Tomas Varga built this barn, and Varga will keep it,” she said.'),
    expected: ['Varga→tomas'],
  },
];

/** The entity chosen, certain or not (certainty is asserted on its own below). */
const chosen = (article: string): string[] => bare(article).map((m) => m.replace('?', ''));

for (const c of cases) {
  test(`mentions: ${c.name}`, () => assert.deepEqual(chosen(c.article), c.expected));
}

test('mentions: the subject of the sentence before is strong enough to be certain', () => {
  assert.deepEqual(bare(joinLines(EVEN_START, '', 'Tomas Varga drove to the market on Monday. Varga bought seeds.')), ['Varga→tomas']);
});

test('mentions: a guess never becomes context (all stay uncertain, none cites another bare mention)', () => {
  const analysis = analyzeTexts(joinLines(EVEN_START, '', 'On Monday Varga drove to the market. Varga bought seeds. Varga came home.'), VARGAS);
  const shared = analysis.mentions.filter((m) => m.candidates.length > 1);
  assert.equal(shared.length, 3);
  for (const m of shared) {
    assert.equal(m.certain, false);
    assert.equal(m.resolution, 'guess');
    assert.ok(!(m.evidence ?? []).some((reason) => reason.startsWith('“Varga”')), `${m.evidence?.join('; ')}`);
  }
});

test('mentions: who the article is about changes along it', () => {
  const article = joinLines(
    'Ana Varga',
    '',
    'Ana Varga grew up on a farm near the river.',
    '',
    'Tomas Varga built the barn in 1990. Tomas Varga sold it in 2000. Tomas Varga moved away. Tomas Varga wrote a book.',
    '',
    'Tomas Varga came back in 2010. Tomas Varga opened a shop. Tomas Varga hired two clerks.',
    '',
    'In 2012, Varga closed the shop.',
    '',
    'Mira Kovac bought the farm.',
    '',
    'Mira Kovac sold it again.',
    '',
    'Mira Kovac left.',
    '',
    'In 2020, Varga came home.',
  );
  // The bare name follows the passage about Tomas Varga. Later, after a passage about someone else, two
  // readings compete: the headline's Ana Varga, and Tomas Varga, the last Varga named. Neither is certain.
  assert.deepEqual(chosen(article), ['Varga→tomas', 'Varga→tomas']);
  assert.equal(bare(article)[1], 'Varga→tomas?');
});

test('mentions: the headline and the lead say who the article is about; a relative named in full does not take it', () => {
  const article = joinLines('Ana Varga', '', 'Ana Varga is a painter. She is the daughter of Tomas Varga, a farmer.', '', 'In 2010, Varga moved to the city.');
  assert.deepEqual(chosen(article), ['Varga→ana']);
});

test('mentions: a certain decision lists its evidence, strongest first; an uncertain one says probably whom and why', () => {
  const certain = analyzeTexts(joinLines(EVEN_START, '', 'Tomas Varga drove to the market on Monday. Varga bought seeds.'), VARGAS).mentions.find((m) => m.text === 'Varga')!;
  assert.equal(certain.resolution, 'evidence');
  assert.equal(certain.certain, true);
  assert.match(certain.evidence?.[0] ?? '', /“Tomas Varga” in the sentence before, as its subject/);
  const unsure = analyzeTexts(joinLines(EVEN_START, '', 'On Monday Varga drove to the market.'), VARGAS);
  const finding = unsure.findings.find((f) => f.code === 'ambiguous-mention');
  assert.ok(finding);
  assert.match(finding.message, /^“Varga”: probably (Ana|Tomas) Varga; could be (Ana|Tomas) Varga — .+\. Pin it under 'mentions'\.$/);
});

test('mentions: full names are unambiguous; Massoud Foundation is not a mention of Massoud', () => {
  const analysis = analyzeTexts('Ahmad Massoud is the son of Ahmad Shah Massoud, head of the Massoud Foundation.', MASSOUD_ENTITIES);
  assert.deepEqual(
    analysis.mentions.map((m) => `${m.text}→${m.entityId}(${m.resolution})`),
    ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud Foundation→foundation(name)'],
  );
});

test('mentions: a pin wins over context, and can name a misspelling', () => {
  const article = joinLines('Ahmad Shah Massoud', '', 'Massoud spoke. Massound replied.');
  const pins = joinLines('mentions:', '  - quote: Massoud spoke', '    entity: son', '  - quote: Massound', '    entity: son');
  const analysis = analyzeTexts(article, MASSOUD_ENTITIES + '\n' + pins);
  assert.deepEqual(
    analysis.mentions.map((m) => `${m.text}→${m.entityId}(${m.resolution})`),
    ['Ahmad Shah Massoud→father(name)', 'Massoud spoke→son(pin)', 'Massound→son(pin)'],
  );
});

test('mentions: a pinned mention is context for the next one', () => {
  const article = joinLines(EVEN_START, '', 'Varga drove to the market on Monday. Varga bought seeds.');
  const pins = joinLines('mentions:', '  - quote: Varga drove', '    entity: tomas');
  const analysis = analyzeTexts(article, VARGAS + '\n' + pins);
  const last = analysis.mentions[analysis.mentions.length - 1]!;
  assert.equal(`${last.text}→${last.entityId}${last.certain ? '' : '?'}`, 'Varga→tomas');
});

test('mentions: uncertain ones are reported as ambiguous-mention with the candidates', () => {
  const analysis = analyzeTexts('Ahmad Massoud and Ahmad Shah Massoud.\n\nMassoud spoke.', MASSOUD_ENTITIES);
  const finding = analysis.findings.find((f) => f.code === 'ambiguous-mention');
  assert.ok(finding);
  assert.equal(finding.file, 'article');
  assert.deepEqual(finding.data && finding.data.kind === 'mention' ? finding.data.candidates : [], ['son', 'father']);
  assert.equal(analysis.articleText.slice(finding.span.start, finding.span.end), 'Massoud');
});
