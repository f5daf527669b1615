// `npm run package`: builds marginalia-VERSION.vsix with @vscode/vsce.
// What ships is an allow-list: the files below are copied into a staging
// folder (out/package) with minified bundles and the manifest without its
// development fields, and vsce packs that folder, nothing else. (A staging
// folder rather than a .vscodeignore: the repository's package.json also
// describes the npm package of the CLI, whose `files` vsce would refuse to
// combine with an ignore file.)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAGE = join(ROOT, 'out', 'package');
/** Shipped besides the bundles and whatever the manifest points to. */
const DOCUMENTS = ['README.md', 'CHANGELOG.md', 'LICENSE'];
/** The walkthrough's sample, which "Marginalia: Open the Sample Article" copies (client/src/sampleCopy.ts): an excerpt, 7 KB. */
const SAMPLE = ['walkthrough/sample/peace-does-not-mean-to-surrender.txt', 'walkthrough/sample/peace-does-not-mean-to-surrender.annotations.yaml'];
/** Manifest fields for developing and for the npm package, not for VS Code. */
const DEVELOPMENT_FIELDS = ['scripts', 'devDependencies', 'dependencies', 'bin', 'files', 'private'];

export function vsixPath(manifest = readManifest()) {
  return join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

function readManifest() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/** Files the manifest refers to: the icon, the schemas, grammars and walkthrough media. */
function referencedFiles(manifest) {
  const c = manifest.contributes ?? {};
  const media = (c.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [s.media?.image, s.media?.markdown, s.media?.svg].filter((m) => typeof m === 'string')));
  return [manifest.icon, ...(c.yamlValidation ?? []).map((v) => v.url), ...(c.jsonValidation ?? []).map((v) => v.url), ...(c.grammars ?? []).map((g) => g.path), ...media]
    .filter((file) => file && !/^https?:/.test(file))
    .map((file) => file.replace(/^\.\//, ''));
}

function stage(file) {
  const from = join(ROOT, file);
  if (!existsSync(from)) throw new Error(`package: ${file} is missing`);
  mkdirSync(dirname(join(STAGE, file)), { recursive: true });
  copyFileSync(from, join(STAGE, file));
}

/** The licence of each npm package bundled into the shipped files, as their licences ask. */
export function thirdPartyNotices(packages) {
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, folder]) => {
    const info = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'].map((f) => join(folder, f)).find(existsSync);
    const text = licenceFile ? readFileSync(licenceFile, 'utf8').trim() : `Licensed under ${info.license}.`;
    return `${name} ${info.version} (${info.license})\n\n${text}`;
  });
  return `Marginalia bundles the following npm packages into dist/.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

export async function packageExtension() {
  const manifest = readManifest();
  rmSync(STAGE, { recursive: true, force: true });
  const packages = await bundle({ production: true, outDir: join(STAGE, 'dist') });
  for (const file of [...DOCUMENTS, ...SAMPLE, ...referencedFiles(manifest)]) stage(file);
  writeFileSync(join(STAGE, 'ThirdPartyNotices.txt'), thirdPartyNotices(packages));
  // The staging folder holds only what ships; an ignore file there says so to vsce (which warns without one).
  writeFileSync(join(STAGE, '.vscodeignore'), '# out/package is the allow-list: scripts/package.mjs copies only what ships.\n');
  const shipped = Object.fromEntries(Object.entries(manifest).filter(([key]) => !DEVELOPMENT_FIELDS.includes(key)));
  writeFileSync(join(STAGE, 'package.json'), `${JSON.stringify(shipped, null, 2)}\n`);
  const out = vsixPath(manifest);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: STAGE, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`package: vsce exited with ${result.status}`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const out = await packageExtension();
    console.log(`package: ${out.slice(ROOT.length + 1)} is ${Math.round(statSync(out).size / 1024)} KB`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
