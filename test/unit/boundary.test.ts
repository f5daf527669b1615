// The workspace boundary: which paths may be read, on a real folder tree
// (relative escapes, absolute paths, links out and in, a directory, a FIFO,
// a device), and what a read of each gives; binary files without NUL bytes.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Boundary, type FileSystemProbe } from '../../server/src/core/boundary';
import { looksBinary } from '../../server/src/core/pairing';
import { DiskFiles, diskProbe, readRegularFile } from '../../server/src/node/diskFiles';

let tmp: string;
let ws: string;
let hasFifo = false;

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-boundary-')));
  ws = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'folder.md'));
  fs.mkdirSync(path.join(tmp, 'outside'));
  fs.writeFileSync(path.join(ws, 'a.txt'), 'inside text');
  fs.writeFileSync(path.join(ws, 'sub', 'b.txt'), 'deeper text');
  fs.writeFileSync(path.join(tmp, 'outside', 'secret.txt'), 'secret text');
  fs.symlinkSync(path.join(tmp, 'outside', 'secret.txt'), path.join(ws, 'link-out.txt'));
  fs.symlinkSync('a.txt', path.join(ws, 'link-in.txt'));
  fs.symlinkSync('/dev/zero', path.join(ws, 'zero.txt'));
  fs.symlinkSync(path.join(tmp, 'outside'), path.join(ws, 'outdir'));
  fs.symlinkSync(ws, path.join(tmp, 'ws-link'));
  hasFifo = spawnSync('mkfifo', [path.join(ws, 'pipe.txt')]).status === 0;
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Expected = 'ok' | 'missing' | 'outside' | 'directory' | 'fifo' | 'device';

function verdict(boundary: Boundary, file: string): Expected {
  const admission = boundary.admit(file);
  if (admission.ok) return 'ok';
  if (admission.reason !== 'not-a-file') return admission.reason;
  return (['directory', 'fifo', 'device'] as const).find((kind) => admission.rule.includes(kind === 'fifo' ? 'FIFO' : kind)) ?? 'outside';
}

test('Boundary: what may be read under a recursive root', () => {
  const boundary = new Boundary([{ path: ws, recursive: true }], diskProbe);
  const cases: [string, string, Expected][] = [
    ['a file inside', 'a.txt', 'ok'],
    ['a file in a subfolder', 'sub/b.txt', 'ok'],
    ['a relative escape', 'sub/../../outside/secret.txt', 'outside'],
    ['a relative escape to the root of the disk', '../../../../../../../../etc/passwd', 'outside'],
    ['an absolute path outside', path.join(tmp, 'outside', 'secret.txt'), 'outside'],
    ['an absolute path to /proc', '/proc/self/status', 'outside'],
    ['a link inside that points outside', 'link-out.txt', 'outside'],
    ['a file under a linked folder that points outside', 'outdir/secret.txt', 'outside'],
    ['a link inside that points inside', 'link-in.txt', 'ok'],
    ['a directory', 'folder.md', 'directory'],
    ['the device /dev/zero', '/dev/zero', 'outside'],
    ['a link to /dev/zero', 'zero.txt', 'outside'],
    ['a missing file inside', 'nope.txt', 'missing'],
    ['the root itself', '.', 'outside'],
  ];
  if (hasFifo) cases.push(['a named pipe', 'pipe.txt', 'fifo']);
  for (const [what, file, expected] of cases) assert.equal(verdict(boundary, path.resolve(ws, file)), expected, what);
});

test('Boundary: a path outside is refused without asking the file system (a sidecar cannot probe the disk)', () => {
  let asked = 0;
  const counting: FileSystemProbe = { realpath: (p) => (asked++, diskProbe.realpath(p)), inspect: (p) => (asked++, diskProbe.inspect(p)) };
  const boundary = new Boundary([{ path: ws, recursive: true }], counting);
  asked = 0;
  for (const file of ['/etc/passwd', '/nonexistent/x.txt', path.resolve(ws, '../outside/secret.txt')]) {
    const admission = boundary.admit(file);
    assert.equal(admission.ok, false);
    assert.equal(!admission.ok && admission.reason, 'outside');
  }
  assert.equal(asked, 0);
});

test('Boundary: a root that is itself a link holds the files of its target, written either way', () => {
  const boundary = new Boundary([{ path: path.join(tmp, 'ws-link'), recursive: true }], diskProbe);
  assert.equal(verdict(boundary, path.join(tmp, 'ws-link', 'a.txt')), 'ok');
  assert.equal(verdict(boundary, path.join(ws, 'sub', 'b.txt')), 'ok');
  assert.equal(verdict(boundary, path.join(tmp, 'ws-link', 'link-out.txt')), 'outside');
});

test('Boundary: a folder standing in for one opened file holds only the files directly in it', () => {
  const boundary = new Boundary([{ path: ws, recursive: false }], diskProbe);
  assert.equal(verdict(boundary, path.join(ws, 'a.txt')), 'ok');
  assert.equal(verdict(boundary, path.join(ws, 'sub', 'b.txt')), 'outside');
  assert.equal(verdict(boundary, path.join(tmp, 'outside', 'secret.txt')), 'outside');
});

test('Boundary: no roots, nothing may be read', () => {
  assert.equal(verdict(new Boundary([], diskProbe), path.join(ws, 'a.txt')), 'outside');
});

test('Boundary: a device inside the folder is refused by its kind', () => {
  const fake: FileSystemProbe = { realpath: (p) => p, inspect: (p) => ({ kind: p.endsWith('tty') ? 'device' : p.endsWith('sock') ? 'socket' : 'file' }) };
  const boundary = new Boundary([{ path: '/w', recursive: true }], fake);
  assert.deepEqual(boundary.admit('/w/tty'), { ok: false, reason: 'not-a-file', rule: 'is a device, not a file' });
  assert.deepEqual(boundary.admit('/w/sock'), { ok: false, reason: 'not-a-file', rule: 'is a socket, not a file' });
  assert.deepEqual(boundary.admit('/w/x.txt'), { ok: true, realPath: '/w/x.txt', stamp: undefined });
});

test('DiskFiles: reads inside, refuses the rest with a message naming the rule, never blocks on a FIFO', () => {
  const disk = new DiskFiles(() => 1 << 20, [{ path: ws, recursive: true }]);
  assert.deepEqual(disk.read(path.join(ws, 'link-in.txt')), { ok: true, text: 'inside text' });
  const out = disk.read(path.join(ws, 'link-out.txt'));
  assert.equal(out.ok, false);
  assert.match(!out.ok ? out.message : '', /link-out\.txt is outside the workspace folder\(s\); Marginalia reads only files inside the workspace\.$/);
  assert.doesNotMatch(JSON.stringify(out), /secret/);
  const folder = disk.read(path.join(ws, 'folder.md'));
  assert.match(!folder.ok ? folder.message : '', /folder\.md is a directory, not a file\./);
  if (hasFifo) {
    const pipe = disk.read(path.join(ws, 'pipe.txt'));
    assert.match(!pipe.ok ? pipe.message : '', /pipe\.txt is a named pipe \(FIFO\), not a file\./);
    // Even asked directly (a FIFO swapped in after the check), the open does not wait for a writer.
    const direct = readRegularFile(path.join(ws, 'pipe.txt'), 'pipe.txt', 1 << 20);
    assert.equal(direct.ok, false);
  }
  assert.equal(readRegularFile('/dev/zero', 'zero', 1 << 20).ok, false);
});

test('DiskFiles: the size limit, and a file replaced between two reads is read again', () => {
  const disk = new DiskFiles(() => 20, [{ path: ws, recursive: true }]);
  const big = path.join(ws, 'big.txt');
  fs.writeFileSync(big, 'x'.repeat(21));
  const read = disk.read(big);
  assert.equal(!read.ok && read.reason, 'too-large');
  fs.writeFileSync(big, 'first');
  assert.deepEqual(disk.read(big), { ok: true, text: 'first' });
  fs.rmSync(big);
  fs.writeFileSync(big, 'other');
  assert.deepEqual(disk.read(big), { ok: true, text: 'other' });
});

test('looksBinary: NUL bytes, or many control characters and bytes that are not UTF-8', () => {
  const noisy = Buffer.alloc(4000);
  for (let i = 0; i < noisy.length; i++) noisy[i] = 1 + ((i * 7919 + 13) % 255);
  const latin1 = Buffer.from('Le café de la gare était fermé. Les élèves sont arrivés à l’heure. '.repeat(20), 'latin1');
  const cases: [string, string, boolean][] = [
    ['empty', '', false],
    ['plain text', 'An ordinary paragraph.\n\nAnother one, with\ttabs and\r\nCRLF.', false],
    ['a NUL byte', 'text\u0000more', true],
    ['random bytes without NUL, read as UTF-8', noisy.toString('utf8'), true],
    ['UTF-16 text (NULs between ASCII letters)', Buffer.from('Hello there', 'utf16le').toString('utf8'), true],
    ['Latin-1 text read as UTF-8 (a few replacement characters)', latin1.toString('utf8'), false],
    ['text with a few ANSI colour escapes', '\u001b[1mBold\u001b[0m words in a long enough line of ordinary text.', false],
    ['emoji and accents', 'Zoë 😀 naïve café — “quoted”.', false],
  ];
  for (const [what, text, expected] of cases) assert.equal(looksBinary(text), expected, what);
});
