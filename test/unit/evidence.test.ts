import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CandidateFacts, EvidenceFinder } from '../../server/src/core/resolution/evidence';
import { cueEvidence } from '../../server/src/core/resolution/cues';
import { honorificEvidence } from '../../server/src/core/resolution/honorifics';
import { pronounEvidence } from '../../server/src/core/resolution/pronouns';
import { relationEvidence } from '../../server/src/core/resolution/relations';
import { speakerEvidence } from '../../server/src/core/resolution/speaker';
import { titleEvidence } from '../../server/src/core/resolution/titles';
import { localEvidence, MAX_CANDIDATES_READ } from '../../server/src/core/resolution/localEvidence';
import { allFacts, contextOf, entityMap, leader, person, tally } from './evidenceSupport';

// An invented family: Tomas Varga (president 1990–1998, died 2005), his wife
// Ana Varga (a governor), their son Emil Varga (president 2010–2018), and
// Rosa Varga, no relation, of whom nothing is known but that she is "she".
const family = entityMap(
  person('tomas', 'Tomas Varga', { aliases: ['Varga'], pronouns: 'he', born: 1940, died: 2005, roles: [{ title: 'President', from: 1990, to: 1998 }] }),
  person('ana', 'Ana Varga', { aliases: ['Varga'], description: 'Wife of Tomas Varga, governor of Ostland.' }),
  person('emil', 'Emil Varga', { aliases: ['Varga'], description: 'Son of Tomas Varga and Ana Varga.', born: 1970, roles: [{ title: 'President', from: 2010, to: 2018 }] }),
  person('rosa', 'Rosa Varga', { aliases: ['Varga'], pronouns: 'she' }),
);
const facts = new Map(allFacts(family).map((f) => [f.id, f]));
const among = (...ids: string[]): CandidateFacts[] => ids.map((id) => facts.get(id)!);

/** [finder, sentence with [mention] and {settled|id}, candidates, who leads (undefined: no vote), words the reason holds] */
type Case = readonly [EvidenceFinder, string, readonly string[], string | undefined, string?];

function check(cases: readonly Case[]): void {
  for (const [finder, marked, ids, expected, reasonHas] of cases) {
    const candidates = among(...ids);
    const evidence = finder(contextOf(marked, candidates));
    const label = `${finder.name}: ${marked} → ${JSON.stringify(tally(evidence))}`;
    if (expected === undefined) assert.deepEqual(evidence, [], label);
    else assert.equal(leader(evidence, candidates), expected, label);
    if (reasonHas) assert.ok(evidence.some((e) => e.reason.includes(reasonHas)), `${label}: ${evidence.map((e) => e.reason).join(' | ')}`);
  }
}

test('the family facts the evidence tests rely on', () => {
  assert.deepEqual([facts.get('ana')!.gender, facts.get('emil')!.gender, facts.get('tomas')!.gender], ['she', 'he', 'he']);
  assert.deepEqual(facts.get('tomas')!.relations, [{ kind: 'spouse', target: 'ana' }, { kind: 'parent', target: 'emil' }]);
});

test('honorifics: gender agreement, only right before the name, only when genders differ', () => {
  check([
    [honorificEvidence, 'Ms [Varga] said no.', ['tomas', 'ana'], 'ana', '“Ms” before the name'],
    [honorificEvidence, 'Then Mrs. [Varga] left.', ['emil', 'ana'], 'ana', '“Mrs”'],
    [honorificEvidence, 'Mr. [Varga] said no.', ['tomas', 'ana'], 'tomas', '“Mr”'],
    [honorificEvidence, 'Ms [Varga] said no.', ['ana', 'rosa'], undefined],
    [honorificEvidence, 'Mrs Lin met [Varga] today.', ['tomas', 'ana'], undefined],
    [honorificEvidence, 'I miss [Varga] already.', ['tomas', 'ana'], undefined],
  ]);
  const votes = tally(honorificEvidence(contextOf('Ms [Varga] said no.', among('tomas', 'ana'))));
  assert.ok(votes.ana! > 0 && votes.tomas! < 0, 'for the one who agrees, against the one who does not');
});

test('pronouns: the first pronoun referring back, in the sentence or opening the next', () => {
  const far = `[Varga] spoke ${'at length about the harbour and the roads '.repeat(4)}and she laughed.`;
  check([
    [pronounEvidence, '[Varga] said she would stay.', ['tomas', 'ana'], 'ana', '“she would” after it'],
    [pronounEvidence, 'In the end [Varga] sold his house.', ['tomas', 'ana'], 'tomas', '“his house”'],
    [pronounEvidence, '[Varga] and her father arrived.', ['emil', 'ana'], 'ana', '“her father”'],
    [pronounEvidence, '[Varga] told her to wait.', ['tomas', 'ana'], undefined],
    [pronounEvidence, '[Varga] left early. She was tired.', ['tomas', 'ana'], 'ana', 'next sentence'],
    [pronounEvidence, '[Varga] answered, “he is wrong,” and left.', ['tomas', 'ana'], undefined],
    [pronounEvidence, '“[Varga] is wrong,” she said.', ['tomas', 'ana'], undefined],
    [pronounEvidence, '“[Varga] lost his way,” they said.', ['tomas', 'ana'], 'tomas'],
    [pronounEvidence, '[Varga] met {Mr Lin|lin} and he said no.', ['tomas', 'ana'], undefined],
    [pronounEvidence, '[Varga] met Mr Lin and he said no.', ['tomas', 'ana'], undefined],
    [pronounEvidence, '[Varga] said she would stay.', ['ana', 'rosa'], undefined],
    [pronounEvidence, far, ['tomas', 'ana'], undefined],
  ]);
});

test('cues: younger and elder, Jr and Sr, the late, ages', () => {
  check([
    [cueEvidence, 'Later the younger [Varga] spoke.', ['tomas', 'emil'], 'emil', '“the younger” before the name'],
    [cueEvidence, 'Later the elder [Varga] spoke.', ['tomas', 'emil'], 'tomas', '“the elder”'],
    [cueEvidence, 'Later [Varga], the elder, spoke.', ['tomas', 'emil'], 'tomas', '“the elder” after the name'],
    [cueEvidence, 'Tomas [Varga] Jr. said no.', ['tomas', 'emil'], 'emil', '“Jr.”'],
    [cueEvidence, 'Tomas [Varga] Sr said no.', ['tomas', 'emil'], 'tomas'],
    [cueEvidence, 'Later the younger [Varga] spoke.', ['ana', 'rosa'], undefined],
    [cueEvidence, 'A tribute to the late [Varga] was read.', ['tomas', 'emil'], 'tomas', '“the late”'],
    [cueEvidence, 'A tribute to the late President [Varga] was read.', ['tomas', 'emil'], 'tomas'],
    [cueEvidence, 'In 2010, the 40-year-old [Varga] won.', ['tomas', 'emil'], 'emil', '“40-year-old”'],
    [cueEvidence, 'In 1980, [Varga], 40, won.', ['tomas', 'emil'], 'tomas', '“40”'],
    [cueEvidence, 'The 80-year-old [Varga] won.', ['tomas', 'emil'], 'emil'],
    [cueEvidence, 'The 50-year-old [Varga] won.', ['tomas', 'emil'], undefined],
  ]);
});

test('titles: the candidate who held the office, at the time when the sentence says one', () => {
  check([
    [titleEvidence, 'President [Varga] spoke.', ['tomas', 'ana'], 'tomas', '“President” before the name'],
    [titleEvidence, 'In 1995, President [Varga] spoke.', ['tomas', 'emil'], 'tomas'],
    [titleEvidence, 'In 2012, President [Varga] spoke.', ['tomas', 'emil'], 'emil'],
    [titleEvidence, 'President [Varga] spoke.', ['tomas', 'emil'], undefined],
    [titleEvidence, 'Then Gov. [Varga] spoke.', ['ana', 'emil'], 'ana', '“Gov.”'],
    [titleEvidence, '[Varga], the governor of Ostland, spoke.', ['ana', 'emil'], 'ana', '“the governor of Ostland” after the name'],
    [titleEvidence, 'Vice President [Varga] spoke.', ['tomas', 'ana'], undefined],
    [titleEvidence, 'President [Varga] spoke.', ['ana', 'rosa'], 'rosa'],
    [titleEvidence, 'President [Varga] spoke.', ['rosa'], undefined],
  ]);
});

test('relations: phrases naming two people, read the right way round', () => {
  const far = `The son of ${'a very long aside about the harbour '.repeat(3)}[Varga] spoke.`;
  check([
    [relationEvidence, "{Tomas Varga|tomas}'s son, [Varga], spoke.", ['tomas', 'emil'], 'emil', "“Tomas Varga's son” before it"],
    [relationEvidence, 'It was the son of President [Varga] who spoke.', ['tomas', 'emil'], 'tomas', '“the son of President” before it'],
    [relationEvidence, '{Emil Varga|emil}, the son of [Varga], spoke.', ['tomas', 'emil'], 'tomas'],
    [relationEvidence, "[Varga]'s son spoke.", ['tomas', 'emil'], 'tomas', "“'s son” after it"],
    [relationEvidence, "[Varga]'s father spoke.", ['tomas', 'emil'], 'emil'],
    [relationEvidence, '[Varga], the son of {Tomas Varga|tomas}, spoke.', ['tomas', 'emil'], 'emil', '“the son of” after it'],
    [relationEvidence, '{Tomas Varga|tomas} arrived. [Varga], his wife, spoke.', ['tomas', 'ana'], 'ana', '“his wife” after it'],
    [relationEvidence, '{Emil Varga|emil} thanked his father [Varga].', ['tomas', 'emil'], 'tomas', '“his father” before it'],
    [relationEvidence, '[Varga], {Tomas Varga|tomas}\'s wife, spoke.', ['tomas', 'ana', 'rosa'], 'ana'],
    [relationEvidence, '[Varga] and his son {Emil Varga|emil} spoke.', ['tomas', 'rosa'], 'tomas'],
    [relationEvidence, "[Varga]'s son spoke.", ['ana', 'rosa'], 'ana'],
    [relationEvidence, "[Varga]'s son spoke.", ['rosa'], undefined],
    [relationEvidence, far, ['tomas', 'emil'], undefined],
  ]);
});

test('speaker: a quotation next to the mention that says "my son" or "my father"', () => {
  check([
    [speakerEvidence, '“My son will win,” [Varga] said.', ['tomas', 'emil'], 'tomas', '“My son” in their words'],
    [speakerEvidence, '[Varga] said: “My father was brave.”', ['tomas', 'emil'], 'emil'],
    [speakerEvidence, '“We will win,” [Varga] said.', ['tomas', 'emil'], undefined],
    [speakerEvidence, '“My son will win,” [Varga] said.', ['ana', 'rosa'], 'ana'],
  ]);
});

test('localEvidence: every finder at once, readable reasons, nothing for a name shared too widely', () => {
  const candidates = among('tomas', 'ana');
  const evidence = localEvidence(contextOf('Ms [Varga] said she would stay with her husband.', candidates));
  assert.equal(leader(evidence, candidates), 'ana');
  assert.deepEqual([...new Set(evidence.map((e) => e.kind))].sort(), ['honorific', 'pronoun']);
  for (const e of evidence) assert.ok(e.reason.length <= 80 && /^“[^”]+” /.test(e.reason), e.reason);
  const many = Array.from({ length: MAX_CANDIDATES_READ + 1 }, (_, i) => ({ ...facts.get('ana')!, id: `p${i}` }));
  assert.deepEqual(localEvidence(contextOf('Ms [Varga] said no.', [facts.get('tomas')!, ...many])), []);
});
