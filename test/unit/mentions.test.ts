import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MASSOUD_ENTITIES, analyzeTexts, joinLines } from './helpers';

/** Each mention as text@offset→entity (resolution), to compare against a table. */
function resolved(article: string, extraSidecar = ''): string[] {
  const analysis = analyzeTexts(article, MASSOUD_ENTITIES + '\n' + extraSidecar);
  return analysis.mentions.map((m) => `${m.text}→${m.entityId}(${m.resolution}${m.certain ? '' : '?'})`);
}

const cases: { name: string; article: string; expected: string[] }[] = [
  {
    name: 'full names are unambiguous',
    article: 'Ahmad Massoud is the son of Ahmad Shah Massoud.',
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)'],
  },
  {
    name: 'the younger and the elder',
    article: joinLines('Title', '', 'I have known the younger Massoud for years. One of the elder Massoud’s commanders. Massoud the Younger spoke.'),
    expected: ['Massoud→son(cue)', 'Massoud→father(cue)', 'Massoud→son(cue)'],
  },
  {
    name: 'the nearest earlier name in the paragraph decides',
    article: joinLines('Support Ahmad Massoud', '', 'The Northern Alliance, led by Ahmad Shah Massoud, held sway. Massoud warned early. Massoud was assassinated.'),
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud→father(paragraph)', 'Massoud→father(paragraph)'],
  },
  {
    name: 'same sentence',
    article: joinLines('Ahmad Massoud', '', 'Ahmad Shah Massoud, they said, was why Massoud mattered.'),
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud→father(sentence)'],
  },
  {
    name: 'a new paragraph falls back to the main subject (the headline counts triple)',
    article: joinLines('Support Ahmad Massoud', '', 'Led by Ahmad Shah Massoud.', '', 'Massoud insists he will fight.'),
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud→son(subject)'],
  },
  {
    name: 'a name inside a quotation is not context for the narration',
    article: joinLines('Who is Ahmad Massoud?', '', '“I am the son of Ahmad Shah Massoud”, Massoud said.'),
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud→son(subject)'],
  },
  {
    name: 'with no evidence either way the mention stays uncertain',
    article: 'Ahmad Massoud and Ahmad Shah Massoud.\n\nMassoud spoke.',
    expected: ['Ahmad Massoud→son(name)', 'Ahmad Shah Massoud→father(name)', 'Massoud→son(guess?)'],
  },
  {
    name: 'Massoud Foundation is not a mention of Massoud',
    article: 'the head of the Massoud Foundation',
    expected: ['Massoud Foundation→foundation(name)'],
  },
];

for (const c of cases) {
  test(`mentions: ${c.name}`, () => assert.deepEqual(resolved(c.article), c.expected));
}

test('mentions: a pin wins over context, and can name a misspelling', () => {
  const article = joinLines('Ahmad Shah Massoud', '', 'Massoud spoke. Massound replied.');
  const pins = joinLines('mentions:', '  - quote: Massoud spoke', '    entity: son', '  - quote: Massound', '    entity: son');
  const analysis = analyzeTexts(article, MASSOUD_ENTITIES + '\n' + pins);
  assert.deepEqual(
    analysis.mentions.map((m) => `${m.text}→${m.entityId}(${m.resolution})`),
    ['Ahmad Shah Massoud→father(name)', 'Massoud spoke→son(pin)', 'Massound→son(pin)'],
  );
});

test('mentions: uncertain ones are reported as ambiguous-mention with the candidates', () => {
  const analysis = analyzeTexts('Ahmad Massoud and Ahmad Shah Massoud.\n\nMassoud spoke.', MASSOUD_ENTITIES);
  const finding = analysis.findings.find((f) => f.code === 'ambiguous-mention');
  assert.ok(finding);
  assert.equal(finding.file, 'article');
  assert.deepEqual(finding.data && finding.data.kind === 'mention' ? finding.data.candidates : [], ['son', 'father']);
  assert.equal(analysis.articleText.slice(finding.span.start, finding.span.end), 'Massoud');
});
