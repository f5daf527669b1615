#!/usr/bin/env node
// Checks gold.json against the texts and sidecars of this folder (see README, "How the gold was made", step 2).
//
//   node bench/corpora/mentions-extra/check-gold.mjs [--list]
//
// Names and aliases are matched as whole words, leftmost-longest over all of a sidecar's names
// and aliases. A name is "shared" when two or more entities own it. The check fails when
//   - a gold or excluded offset does not start a shared name outside a longer name,
//   - a gold offset's entity does not own that name,
//   - an occurrence of a shared name outside a longer name is neither labelled nor excluded,
//   - an offset is labelled twice.
// --list prints every shared-name occurrence with its label (for reading the gold beside the text).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = path.dirname(fileURLToPath(import.meta.url));
const gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8'));
const list = process.argv.includes('--list');
const isWordChar = (c) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Whole-word occurrences, leftmost-longest: [{ start, end, text, owners }]. */
function occurrences(text, owners) {
  const names = [...owners.keys()].sort((a, b) => b.length - a.length);
  const found = [];
  for (let i = 0; i < text.length; i++) {
    if (isWordChar(text[i - 1]) && isWordChar(text[i])) continue;
    const name = names.find((n) => text.startsWith(n, i) && !(isWordChar(n[0]) && isWordChar(text[i - 1])) && !(isWordChar(n[n.length - 1]) && isWordChar(text[i + n.length])));
    if (!name) continue;
    found.push({ start: i, end: i + name.length, text: name, owners: owners.get(name) });
    i += name.length - 1;
  }
  return found;
}

let problems = 0;
const fail = (msg) => { problems++; console.error('FAIL ' + msg); };
let scored = 0, excludedCount = 0;
for (const file of Object.keys(gold).filter((k) => !k.startsWith('_'))) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const sidecar = parse(fs.readFileSync(path.join(dir, file.replace(/\.txt$/, '.annotations.yaml')), 'utf8'));
  const owners = new Map();
  for (const [id, e] of Object.entries(sidecar.entities)) {
    const aliases = e.aliases === undefined ? [] : [].concat(e.aliases);
    for (const n of [e.name, ...aliases]) owners.set(n, [...new Set([...(owners.get(n) ?? []), id])]);
  }
  const shared = occurrences(text, owners).filter((o) => o.owners.length > 1);
  const labels = new Map();
  for (const [id, offsets] of Object.entries(gold[file])) {
    if (!sidecar.entities[id]) fail(`${file}: no entity ${id} in the sidecar`);
    for (const o of offsets) {
      if (labels.has(o)) fail(`${file}@${o}: labelled twice`);
      labels.set(o, id);
    }
  }
  for (const ex of gold._excluded?.[file] ?? []) {
    if (labels.has(ex.offset)) fail(`${file}@${ex.offset}: labelled and excluded`);
    labels.set(ex.offset, '(excluded: ' + ex.why + ')');
    excludedCount++;
  }
  const at = new Map(shared.map((o) => [o.start, o]));
  for (const [offset, id] of labels) {
    const o = at.get(offset);
    if (!o) { fail(`${file}@${offset}: no shared name starts here (${JSON.stringify(text.slice(offset, offset + 20))})`); continue; }
    if (!id.startsWith('(excluded') && !o.owners.includes(id)) fail(`${file}@${offset}: ${id} does not own "${o.text}"`);
  }
  for (const o of shared) {
    if (!labels.has(o.start)) fail(`${file}@${o.start}: "${o.text}" (${o.owners.join(', ')}) is neither labelled nor excluded`);
    if (list) {
      const line = text.slice(Math.max(0, o.start - 30), o.end + 30).replace(/\s+/g, ' ');
      console.log(`${file}@${o.start}\t${o.text}\t${labels.get(o.start) ?? '?'}\t…${line}…`);
    }
  }
  scored += Object.values(gold[file]).reduce((n, a) => n + a.length, 0);
}
console.log(`${problems === 0 ? 'ok' : problems + ' problem(s)'}: ${scored} scored mentions, ${excludedCount} excluded`);
process.exit(problems === 0 ? 0 : 1);
