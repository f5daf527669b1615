// One pairing for server, CLI and index (core/pairing.ts), and the server's
// Workspace: it pairs through the same function, and forgets what only a
// closed file kept alive.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../server/src/core/analyze';
import { completeInSidecar } from '../../server/src/core/completion';
import { MAX_CLAIMANTS, pairingOf, unpairedProblem, type FileState, type Pairing, type PairingView } from '../../server/src/core/pairing';
import { DiskFiles } from '../../server/src/node/diskFiles';
import { WorkspaceIndex } from '../../server/src/node/workspaceIndex';
import { Workspace } from '../../server/src/lsp/workspace';
import { pathToUri } from '../../server/src/lsp/paths';

/** Files by path: their state and, for sidecars, their `article:` value. */
function view(files: Record<string, { state?: FileState; article?: string }>): PairingView {
  const declaring = new Map<string, string[]>();
  for (const [file, { article }] of Object.entries(files)) {
    if (article === undefined) continue;
    const target = path.resolve(path.dirname(file), article);
    declaring.set(target, [...(declaring.get(target) ?? []), file]);
  }
  return {
    state: (file) => files[file]?.state ?? (files[file] ? 'file' : 'missing'),
    declaredArticle: (file) => files[file]?.article,
    sidecarsDeclaring: (article) => declaring.get(article) ?? [],
  };
}

function describe(pairing: Pairing): string {
  const n = path.basename;
  switch (pairing.kind) {
    case 'paired':
      return `${n(pairing.pair.article)} + ${n(pairing.pair.sidecar)}${pairing.shadowed.length ? ` (over ${pairing.shadowed.map((s) => n(s)).join(', ')})` : ''}`;
    case 'shadowed':
      return `shadowed by ${n(pairing.winner)}`;
    case 'lonely':
      return 'lonely';
    case 'none':
      return pairing.refused ? 'refused' : 'none';
  }
}

test('pairingOf: one decision, asked from either file', () => {
  const cases: [string, Record<string, { state?: FileState; article?: string }>, Record<string, string>][] = [
    ['same-named', { '/w/s.txt': {}, '/w/s.annotations.yaml': {} }, { '/w/s.txt': 's.txt + s.annotations.yaml', '/w/s.annotations.yaml': 's.txt + s.annotations.yaml' }],
    ['a sidecar that names its article', { '/w/story.txt': {}, '/w/notes.annotations.yaml': { article: 'story.txt' } }, { '/w/story.txt': 'story.txt + notes.annotations.yaml', '/w/notes.annotations.yaml': 'story.txt + notes.annotations.yaml' }],
    ['in another folder', { '/w/story.md': {}, '/w/notes/n.annotations.yaml': { article: '../story.md' } }, { '/w/story.md': 'story.md + n.annotations.yaml' }],
    [
      'naming wins over the same name',
      { '/w/story.txt': {}, '/w/story.annotations.yaml': {}, '/w/notes.annotations.yaml': { article: 'story.txt' } },
      { '/w/story.txt': 'story.txt + notes.annotations.yaml (over story.annotations.yaml)', '/w/story.annotations.yaml': 'shadowed by notes.annotations.yaml', '/w/notes.annotations.yaml': 'story.txt + notes.annotations.yaml (over story.annotations.yaml)' },
    ],
    [
      'both name it: the same-named one wins, then path order',
      { '/w/story.txt': {}, '/w/story.annotations.yaml': { article: 'story.txt' }, '/w/b.annotations.yaml': { article: 'story.txt' }, '/w/a.annotations.yaml': { article: './story.txt' } },
      { '/w/story.txt': 'story.txt + story.annotations.yaml (over a.annotations.yaml, b.annotations.yaml)', '/w/a.annotations.yaml': 'shadowed by story.annotations.yaml' },
    ],
    ['a same-named sidecar that names another article is not this one’s', { '/w/story.txt': {}, '/w/other.txt': {}, '/w/story.annotations.yaml': { article: 'other.txt' } }, { '/w/story.txt': 'none', '/w/other.txt': 'other.txt + story.annotations.yaml' }],
    ['.md before .txt: the .txt has no sidecar', { '/w/s.md': {}, '/w/s.txt': {}, '/w/s.annotations.yaml': {} }, { '/w/s.txt': 'none', '/w/s.md': 's.md + s.annotations.yaml' }],
    ['a refused article still pairs, to say why', { '/w/e.annotations.yaml': { article: '../etc/passwd' }, '/etc/passwd': { state: 'refused' } }, { '/w/e.annotations.yaml': 'passwd + e.annotations.yaml', '/etc/passwd': 'refused' }],
    ['a refused same-named candidate too', { '/w/l.txt': { state: 'refused' }, '/w/l.annotations.yaml': {} }, { '/w/l.annotations.yaml': 'l.txt + l.annotations.yaml' }],
    ['a named article that does not exist', { '/w/x.annotations.yaml': { article: 'gone.txt' } }, { '/w/x.annotations.yaml': 'lonely' }],
    ['a sidecar outside', { '/o/s.annotations.yaml': { state: 'refused' }, '/o/s.txt': { state: 'refused' } }, { '/o/s.annotations.yaml': 'refused', '/o/s.txt': 'refused' }],
  ];
  for (const [what, files, expected] of cases) {
    const v = view(files);
    for (const [file, pairing] of Object.entries(expected)) assert.equal(describe(pairingOf(file, v)), pairing, `${what}: ${file}`);
  }
});

test('pairingOf: many sidecars naming one article: the first hundred by path are weighed, the rest are told they are not used', () => {
  const files: Record<string, { state?: FileState; article?: string }> = { '/w/story.txt': {} };
  for (let i = 0; i < 1000; i++) files[`/w/n${String(i).padStart(4, '0')}.annotations.yaml`] = { article: 'story.txt' };
  let asked = 0;
  const v = view(files);
  const counting: PairingView = { ...v, declaredArticle: (file) => (asked++, v.declaredArticle(file)) };
  assert.equal(describe(pairingOf('/w/story.txt', counting)).split(',').length, MAX_CLAIMANTS - 1);
  assert.ok(asked <= MAX_CLAIMANTS + 1, `asked ${asked} sidecars`);
  assert.equal(describe(pairingOf('/w/n0999.annotations.yaml', v)), 'shadowed by n0000.annotations.yaml');
});

test('unpairedProblem: the same words in every entry point', () => {
  const v = view({ '/w/story.txt': {}, '/w/story.annotations.yaml': {}, '/w/notes.annotations.yaml': { article: 'story.txt' }, '/w/x.annotations.yaml': { article: 'gone.txt' }, '/w/lonely.annotations.yaml': {} });
  assert.deepEqual(unpairedProblem(pairingOf('/w/story.annotations.yaml', v)), {
    severity: 'warning',
    message: "This sidecar is not used: story.txt is annotated by notes.annotations.yaml, which names it with 'article:' and takes precedence. Merge the two sidecars, or delete one.",
  });
  assert.deepEqual(unpairedProblem(pairingOf('/w/x.annotations.yaml', v)), { severity: 'error', message: "No article found for this sidecar: its 'article:' key names gone.txt, which does not exist." });
  assert.match(unpairedProblem(pairingOf('/w/lonely.annotations.yaml', v))!.message, /expected lonely\.md, lonely\.markdown, lonely\.txt beside it/);
  assert.equal(unpairedProblem(pairingOf('/w/notes.annotations.yaml', v)), undefined);
});

let dir: string;
before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-pairing-')));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A Workspace over a folder, with buffers opened and closed by hand. */
function workspaceOver(root: string | undefined): { workspace: Workspace; open: (file: string) => void; close: (file: string) => void } {
  const buffers = new Map<string, TextDocument>();
  const workspace = new Workspace({ get: (uri) => buffers.get(uri) }, new DiskFiles(() => 1 << 24));
  workspace.setRoots(root ? [root] : []);
  return {
    workspace,
    open: (file) => {
      const uri = pathToUri(file);
      buffers.set(uri, TextDocument.create(uri, 'plaintext', 1, fs.readFileSync(file, 'utf8')));
      workspace.opened(uri);
    },
    close: (file) => {
      buffers.delete(pathToUri(file));
      workspace.closed(pathToUri(file));
    },
  };
}

function writePairs(folder: string, count: number): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const articles: string[] = [];
  for (let i = 0; i < count; i++) {
    const article = path.join(folder, `a${i}.txt`);
    fs.writeFileSync(article, `Nadia Rahimi spoke on day ${i}.\n\nThe bridge reopened.\n`);
    fs.writeFileSync(path.join(folder, `a${i}.annotations.yaml`), `entities:\n  nr: {name: Nadia Rahimi, type: person}\nclaims:\n  - quote: The bridge reopened\n`);
    articles.push(article);
  }
  return articles;
}

test('Workspace: closing a file forgets its analysis and texts, unless the other half of its pair is open', () => {
  const folder = path.join(dir, 'memory');
  const articles = writePairs(folder, 5);
  const { workspace, open, close } = workspaceOver(folder);
  for (const article of articles) {
    open(article);
    assert.ok(workspace.analysisOf(article, DEFAULT_ANALYSIS_OPTIONS)?.analysis.claims.length);
  }
  assert.equal(workspace.cachedPaths().length, 10);
  const sidecar = articles[0]!.replace('.txt', '.annotations.yaml');
  open(sidecar);
  close(articles[0]!);
  // The sidecar is still open: its pair stays.
  assert.ok(workspace.cachedPaths().includes(articles[0]!));
  close(sidecar);
  for (const article of articles.slice(1)) close(article);
  assert.deepEqual(workspace.cachedPaths(), []);
  // Diagnostics published after a close analyse the pair from disk without keeping it.
  assert.ok(workspace.analysisOf(articles[1]!, DEFAULT_ANALYSIS_OPTIONS));
  assert.deepEqual(workspace.cachedPaths(), []);
});

test('Workspace: an open buffer outside the workspace folders is paired with nothing', () => {
  const inside = path.join(dir, 'inside');
  const outside = writePairs(path.join(dir, 'elsewhere'), 1)[0]!;
  fs.mkdirSync(inside, { recursive: true });
  const { workspace, open } = workspaceOver(inside);
  open(outside);
  open(outside.replace('.txt', '.annotations.yaml'));
  assert.equal(workspace.analysisOf(outside, DEFAULT_ANALYSIS_OPTIONS), undefined);
  const read = workspace.read(outside);
  assert.equal(!read.ok && read.reason, 'outside');
  assert.match(workspace.unpairedProblem(outside.replace('.txt', '.annotations.yaml'))!.message, /outside the workspace folder\(s\)/);
});

test('Workspace without folders: each open file’s own folder, not its subfolders nor parents', () => {
  const folder = path.join(dir, 'single');
  const [article] = writePairs(folder, 1);
  fs.mkdirSync(path.join(folder, 'sub'));
  fs.writeFileSync(path.join(folder, 'sub', 'deep.txt'), 'The bridge reopened.');
  fs.writeFileSync(path.join(folder, 'up.annotations.yaml'), 'article: sub/deep.txt\nclaims: []\n');
  const { workspace, open } = workspaceOver(undefined);
  open(article!);
  assert.ok(workspace.analysisOf(article!, DEFAULT_ANALYSIS_OPTIONS));
  open(path.join(folder, 'up.annotations.yaml'));
  const found = workspace.analysisOf(path.join(folder, 'up.annotations.yaml'), DEFAULT_ANALYSIS_OPTIONS);
  assert.match(found!.analysis.findings[0]!.message, /^article: sub\/deep\.txt is outside the workspace folder\(s\)/);
});

test('WorkspaceIndex: sidecars that name an article, followed through changes', async () => {
  const folder = path.join(dir, 'declared');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'story.txt'), 'Text.');
  fs.writeFileSync(path.join(folder, 'notes.annotations.yaml'), 'article: story.txt\nclaims: []\n');
  fs.writeFileSync(path.join(folder, 'plain.annotations.yaml'), 'claims: []\n');
  const { workspace } = workspaceOver(folder);
  const index = new WorkspaceIndex((file) => workspace.summarize(file), '/no/worker.js');
  await index.build([folder], 1 << 20);
  const story = path.join(folder, 'story.txt');
  assert.deepEqual(index.sidecarsDeclaring(story, () => false), [path.join(folder, 'notes.annotations.yaml')]);
  fs.writeFileSync(path.join(folder, 'notes.annotations.yaml'), 'claims: []\n');
  fs.writeFileSync(path.join(folder, 'plain.annotations.yaml'), 'article: ./story.txt\n');
  workspace.changedOnDisk(path.join(folder, 'notes.annotations.yaml'));
  workspace.changedOnDisk(path.join(folder, 'plain.annotations.yaml'));
  index.invalidate(path.join(folder, 'notes.annotations.yaml'));
  index.invalidate(path.join(folder, 'plain.annotations.yaml'));
  assert.deepEqual(index.sidecarsDeclaring(story, () => false), [path.join(folder, 'plain.annotations.yaml')]);
});

test('completion after quote: offers lines of the paired article inside the workspace, nothing of a file outside', () => {
  const outside = path.join(dir, 'private');
  const inside = path.join(dir, 'desk');
  fs.mkdirSync(outside, { recursive: true });
  fs.mkdirSync(inside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'diary.txt'), 'A private line that nobody may read.\n');
  fs.writeFileSync(path.join(inside, 'story.txt'), 'The bridge reopened on a quiet morning.\n');
  const { workspace, open } = workspaceOver(inside);
  const complete = (name: string, text: string): string[] => {
    fs.writeFileSync(path.join(inside, name), text);
    open(path.join(inside, name));
    const found = workspace.analysisOf(path.join(inside, name), DEFAULT_ANALYSIS_OPTIONS)!;
    return completeInSidecar(found.analysis, text.indexOf('quote: ') + 'quote: '.length).map((e) => e.label);
  };
  assert.deepEqual(complete('story.annotations.yaml', 'claims:\n  - quote: \n'), ['The bridge reopened on a quiet morning.']);
  assert.deepEqual(complete('spy.annotations.yaml', 'article: ../private/diary.txt\nclaims:\n  - quote: \n'), []);
});
