// How a text goes on about someone across paragraphs: the candidate named
// last (not as someone's relative) keeps the bare name; the headline, or an
// opening sentence in its place, says who the article is about; a relative
// named in a list or after a long title stays a relative. Invented names.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { joinLines, sharedNameChoices } from './helpers';
import { roleOf } from '../../server/src/core/resolution/roles';

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
  '  ivo:',
  '    name: Ivo Varga',
  '    type: person',
  '    aliases: [Varga, Ivo]',
);

/** Each shared-name mention as text→entity, with `?` when uncertain. */
const bare = (article: string, sidecar = VARGAS): string[] => sharedNameChoices(article, sidecar);

const cases: { name: string; article: string; expected: string[] }[] = [
  {
    name: 'the bare name stays with the one named last, paragraphs later',
    article: joinLines('The orchard on the hill', '', 'Tomas Varga planted the orchard in spring.', '', 'The rain came late that year.', '', 'Varga lost half of the trees.'),
    expected: ['Varga→tomas'],
  },
  {
    name: 'naming the other one switches the guess to her (not for sure: the article has named both, and neither in a headline)',
    article: joinLines('The orchard on the hill', '', 'Tomas Varga planted the orchard in spring.', '', 'Ana Varga sold the apples in autumn.', '', 'Varga kept the money.'),
    expected: ['Varga→ana?'],
  },
  {
    name: 'a relative named in a list after "sons," does not switch it, even after an aside in brackets',
    article: joinLines(
      'Ana Varga retires',
      '',
      'Ana Varga closed the bakery on Friday, with her sons, Tomas (who runs the mill) and Ivo, at her side.',
      '',
      'Varga baked the last loaf herself.',
    ),
    expected: ['Varga→ana'],
  },
  {
    name: 'an opening sentence without a headline says who the article is about',
    article: joinLines(
      'Ana Varga (born 1961) is a baker in Veloria. She is the mother of the former Minister of Agriculture of Veloria and party chairman Tomas Varga.',
      '',
      'Varga opened her first shop in 1990.',
    ),
    expected: ['Varga→ana'],
  },
  {
    name: 'a headline naming one of them is not enough against the other named last in the paragraph as subject',
    article: joinLines('Ana Varga at eighty', '', 'Tomas Varga was at the party.', '', 'Tomas Varga gave a speech. Varga thanked the guests.'),
    expected: ['Varga→tomas'],
  },
];

for (const c of cases) test(`continuity: ${c.name}`, () => assert.deepEqual(bare(c.article), c.expected));

test('continuity: "the elder" outweighs who the article is about and who was named last', () => {
  const family = VARGAS.replace('    name: Ana Varga\n', '    name: Ana Varga\n    description: Mother of Tomas Varga.\n');
  assert.notEqual(family, VARGAS);
  const article = joinLines('Tomas Varga opens a mill', '', 'Tomas Varga opened a mill on Monday. The elder Varga came to see it.');
  assert.deepEqual(bare(article, family), ['Varga→ana']);
});

const ROLE_CASES: { sentence: string; name: string; role: string }[] = [
  { sentence: 'He is the son of party founder Ana Varga.', name: 'Ana Varga', role: 'relative' },
  { sentence: 'She is the child of former President Tomas Varga and former Minister of Culture Ana Varga.', name: 'Ana Varga', role: 'relative' },
  { sentence: 'With his sons, Tomas (a doctor) and Ivo Varga, he left.', name: 'Ivo Varga', role: 'relative' },
  { sentence: 'Former President Ana Varga said no.', name: 'Ana Varga', role: 'subject' },
  { sentence: 'The son of the farmer met Ana Varga in town.', name: 'Ana Varga', role: 'object' },
];

for (const c of ROLE_CASES) {
  test(`roles: “${c.name}” in “${c.sentence}” is ${c.role}`, () => {
    const start = c.sentence.indexOf(c.name);
    assert.equal(roleOf(c.sentence, { start, end: start + c.name.length }, { start: 0, end: c.sentence.length }), c.role);
  });
}
