// `npm run bench`: the language server measured as an editor sees it, over
// stdio, on generated corpora; next to the floor on the same machine in the
// same run (reading the files and parsing the sidecars with `yaml`, and one
// regular-expression pass over the text). Prints a table and writes JSON.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { analyze, prepareArticle, prepareSidecar } from '../server/src/core/analyze';
import { walkFiles } from '../server/src/node/walk';
import { LspClient, uriOf } from '../test/protocol/lspClient';
import { article, people, sidecar, writeCorpusFiles, type Corpus } from './corpus';
import { markdownFloor, writeMarkdownCorpus } from './markdownCorpus';

const REPO = path.resolve(__dirname, '..', '..');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? NaN;
const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(0));
/** A figure as a multiple of the floor, with two significant digits. */
const ratio = (n: number): string => `${n >= 10 ? n.toFixed(0) : n.toPrecision(2)}×`;

const WARM_UP = 10;

function writeCorpus(root: string, name: string, bytes: number, castSize: number, aliasesEach: number, claims: number): Corpus {
  const cast = people(castSize, aliasesEach);
  return writeCorpusFiles(root, name, 'article.txt', cast, article(bytes, cast), claims);
}

/** Time of `fn`, best of `runs`, in ms. */
function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

/** The floor: read both files, parse the sidecar with yaml, one regex pass over the text. */
function floor(corpus: Corpus): number {
  if (isMarkdown(corpus)) return markdownFloor(corpus);
  return best(3, () => {
    const text = fs.readFileSync(corpus.articlePath, 'utf8');
    parse(fs.readFileSync(corpus.sidecarPath, 'utf8'));
    let words = 0;
    for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) words++;
    if (words < 0) throw new Error('unreachable');
  });
}

function coreAnalysis(corpus: Corpus): number {
  const sidecarText = fs.readFileSync(corpus.sidecarPath, 'utf8');
  return best(3, () => {
    analyze(prepareArticle(fs.readFileSync(corpus.articlePath, 'utf8'), undefined, isMarkdown(corpus)), prepareSidecar(sidecarText));
  });
}

function rssOf(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

async function serverFigures(corpus: Corpus, keystrokes: number, requests: number): Promise<Record<string, number>> {
  const client = new LspClient();
  await client.initialize(corpus.dir);
  const uri = uriOf(corpus.articlePath);
  const openStart = performance.now();
  const opened = client.nextDiagnostics(uri, 120_000);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: isMarkdown(corpus) ? 'markdown' : 'plaintext', version: 1, text: corpus.text } });
  await opened;
  const openMs = performance.now() - openStart;
  const rss = rssOf(client.pid);
  const keystroke: number[] = [];
  const lines = corpus.text.split('\n');
  // The server sends its status right after publishing an analysis' diagnostics
  // (it skips a list that did not change): that notification marks "updated".
  // The client forgets earlier notifications, as an editor does, so its own
  // memory does not grow with every list of diagnostics received.
  const nextStatus = (): Promise<unknown> => {
    client.notifications.length = 0;
    return client.waitFor((n) => n.method === 'marginalia/status', 120_000);
  };
  // The first keystrokes of a session compile the code they run: they are typed but not counted.
  for (let i = 0; i < keystrokes + WARM_UP; i++) {
    const line = (i * 7919) % lines.length;
    const next = nextStatus();
    const start = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }] });
    await next;
    if (i >= WARM_UP) keystroke.push(performance.now() - start);
  }
  const mentionPositions = findMentionPositions(corpus, requests, keystrokes + WARM_UP);
  const timed = async (method: string, extra: object = {}): Promise<number[]> => {
    const times: number[] = [];
    for (const position of mentionPositions) {
      const start = performance.now();
      await client.request(method, { textDocument: { uri }, position, ...extra });
      times.push(performance.now() - start);
    }
    return times;
  };
  const hover = await timed('textDocument/hover');
  const definition = await timed('textDocument/definition');
  const references = await timed('textDocument/references', { context: { includeDeclaration: true } });
  await client.shutdown();
  return {
    openMs,
    rssMb: rss,
    keystrokeMedian: median(keystroke),
    keystrokeP99: p99(keystroke),
    hoverMedian: median(hover),
    hoverP99: p99(hover),
    definitionMedian: median(definition),
    definitionP99: p99(definition),
    referencesMedian: median(references),
    referencesP99: p99(references),
  };
}

/** Positions of names in the text after the keystrokes (each keystroke put an "x" at the start of a line). */
function findMentionPositions(corpus: Corpus, count: number, keystrokes: number): { line: number; character: number }[] {
  const lines = corpus.text.split('\n');
  const shifted = new Map<number, number>();
  for (let i = 0; i < keystrokes; i++) {
    const line = (i * 7919) % lines.length;
    shifted.set(line, (shifted.get(line) ?? 0) + 1);
  }
  const positions: { line: number; character: number }[] = [];
  const name = corpus.cast[0]?.name ?? 'Taliban';
  for (let line = 0; line < lines.length && positions.length < count; line++) {
    const at = lines[line]!.indexOf(corpus.cast.length > 0 ? ' said:' : name);
    if (at > 0) positions.push({ line, character: (shifted.get(line) ?? 0) + Math.max(0, at - 2) });
  }
  return positions;
}

function workspace(root: string, articles: number): { dir: string } {
  const dir = path.join(root, 'workspace');
  const cast = people(40, 2);
  for (let i = 0; i < articles; i++) {
    const generated = article(10_000, cast, i + 7);
    const sub = path.join(dir, `d${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `a${i}.txt`), generated.text);
    fs.writeFileSync(path.join(sub, `a${i}.annotations.yaml`), sidecar(cast.slice(0, 10), generated.quotes, 20));
  }
  return { dir };
}

/** The workspace floor: reading every sidecar and parsing it with `yaml`, in one thread. */
function workspaceFloor(dir: string): number {
  const files: string[] = [];
  walkFiles(dir, (file) => file.endsWith('.annotations.yaml') && files.push(file));
  const start = performance.now();
  for (const file of files) parse(fs.readFileSync(file, 'utf8'));
  return performance.now() - start;
}

async function workspaceFigures(dir: string): Promise<Record<string, number>> {
  const floorMs = workspaceFloor(dir);
  const cliStart = performance.now();
  const cli = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(REPO, 'bin', 'marginalia.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const cliMs = performance.now() - cliStart;
  const files = JSON.parse(cli.stdout).files.length;
  const time = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(REPO, 'bin', 'marginalia.js'), 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const cliRssMb = Number(time.stderr.trim().split('\n').at(-1)) / 1024;
  // The server indexes the workspace when it starts: from `initialize` to its
  // `marginalia/indexed`; first with an empty index cache, then restarted on it.
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-bench-cache-'));
  const startIndexed = async (): Promise<{ client: LspClient; ms: number; params: Record<string, number> }> => {
    const started = new LspClient();
    const start = performance.now();
    await started.initialize(dir, cacheDirectory);
    const indexed = await started.waitFor((n) => n.method === 'marginalia/indexed', 300_000);
    return { client: started, ms: performance.now() - start, params: indexed.params };
  };
  const cold = await startIndexed();
  const coldRssMb = rssOf(cold.client.pid);
  await cold.client.shutdown();
  const warm = await startIndexed();
  const client = warm.client;
  const indexRssMb = rssOf(client.pid);
  const symbolStart = performance.now();
  const symbols = await client.request('workspace/symbol', { query: 'karim' });
  const symbolMs = performance.now() - symbolStart;
  const first = path.join(dir, 'd0', 'a0.txt');
  const text = fs.readFileSync(first, 'utf8');
  const uri = uriOf(first);
  const opened = client.nextDiagnostics(uri, 120_000);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await opened;
  const line = text.split('\n').findIndex((l) => l.includes(' said:'));
  const renameStart = performance.now();
  const edit = await client.request('textDocument/rename', { textDocument: { uri }, position: { line, character: 1 }, newName: 'renamed-person' });
  const renameMs = performance.now() - renameStart;
  const renamedFiles = Object.keys(edit?.changes ?? {}).length;
  const rss = rssOf(client.pid);
  await client.shutdown();
  fs.rmSync(cacheDirectory, { recursive: true, force: true });
  return { files, floorMs, cliMs, cliRssMb, indexMs: cold.ms, coldRssMb, warmIndexMs: warm.ms, indexedSidecars: cold.params.sidecars!, indexWorkers: cold.params.workers!, indexRssMb, symbolMs, symbols: symbols.length, renameMs, renamedFiles, serverRssMb: rss };
}

/**
 * Memory follows what is open: the server's resident memory once it has
 * started (index built, one pair opened and closed so its code is loaded,
 * then idle), and after opening and closing `pairs` different 1 MB
 * article/sidecar pairs one after another. The server collects once closing
 * stops; V8 gives the freed pages back to the system on its own some seconds
 * later, so the second reading is watched for up to a minute, and the row
 * says how long memory took to come back.
 */
const START_IDLE_MS = 30_000;
const WATCH_MS = 60_000;
const WATCH_STEP_MS = 2_000;

async function memoryFigures(root: string, pairs: number): Promise<Record<string, number>> {
  const template = writeCorpus(root, 'memory-template', 1_000_000, 100, 2, 1000);
  const dir = path.join(root, 'memory');
  const folders: string[] = [];
  for (let i = 0; i <= pairs; i++) {
    const folder = path.join(dir, `p${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(template.articlePath, path.join(folder, 'article.txt'));
    fs.copyFileSync(template.sidecarPath, path.join(folder, 'article.annotations.yaml'));
    folders.push(folder);
  }
  const client = new LspClient();
  await client.initialize(dir);
  await client.waitFor((n) => n.method === 'marginalia/indexed', 300_000);
  const cycle = async (folder: string): Promise<void> => {
    const article = path.join(folder, 'article.txt');
    const sidecar = path.join(folder, 'article.annotations.yaml');
    const published = client.nextDiagnostics(uriOf(article), 120_000);
    client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(article), languageId: 'plaintext', version: 1, text: fs.readFileSync(article, 'utf8') } });
    client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(sidecar), languageId: 'yaml', version: 1, text: fs.readFileSync(sidecar, 'utf8') } });
    await published;
    client.notify('textDocument/didClose', { textDocument: { uri: uriOf(article) } });
    client.notify('textDocument/didClose', { textDocument: { uri: uriOf(sidecar) } });
    // A request answered after the closes: they have been handled.
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } });
    client.notifications.length = 0;
  };
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  await cycle(folders[0]!);
  await sleep(START_IDLE_MS);
  const startMb = rssOf(client.pid);
  let peakMb = startMb;
  for (const folder of folders.slice(1)) {
    await cycle(folder);
    peakMb = Math.max(peakMb, rssOf(client.pid));
  }
  const closedMb = rssOf(client.pid);
  let endMb = closedMb;
  let waitedMs = 0;
  while (endMb > startMb * 1.2 && waitedMs < WATCH_MS) {
    await sleep(WATCH_STEP_MS);
    waitedMs += WATCH_STEP_MS;
    endMb = rssOf(client.pid);
  }
  await client.shutdown();
  return { pairs, startMb, peakMb, closedMb, endMb, waitedS: waitedMs / 1000, growth: endMb / startMb - 1 };
}

interface GrowthPoint {
  /** Parsing the sidecar (yaml, then the model and the name matcher). */
  readonly sidecarMs: number;
  /** Analysing the article with the parsed sidecar. */
  readonly articleMs: number;
}

function growthPoint(corpus: Corpus): GrowthPoint {
  const sidecarText = fs.readFileSync(corpus.sidecarPath, 'utf8');
  const prepared = prepareSidecar(sidecarText);
  return {
    sidecarMs: best(5, () => prepareSidecar(sidecarText)),
    articleMs: best(5, () => analyze(prepareArticle(corpus.text), prepared)),
  };
}

function growth(root: string): { sizes: ({ kb: number } & GrowthPoint)[]; aliases: ({ aliases: number } & GrowthPoint)[] } {
  const sizes = [100_000, 250_000, 500_000, 1_000_000, 2_000_000].map((bytes) => ({ kb: Math.round(bytes / 1000), ...growthPoint(writeCorpus(root, `size-${bytes}`, bytes, 50, 4, 100)) }));
  const aliases = [250, 500, 1000, 2000, 4000].map((count) => ({ aliases: count, ...growthPoint(writeCorpus(root, `aliases-${count}`, 300_000, Math.round(count / 4), 4, 100)) }));
  return { sizes, aliases };
}

/** `--only=memory` (or BENCH_ONLY=memory) runs that row alone and prints it; the README and perf.json are left as they are. */
function onlyRow(): string | undefined {
  return process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-bench-'));
  const only = onlyRow();
  if (only !== undefined) {
    if (only === 'markdown') return markdownOnly(root);
    if (only !== 'memory') throw new Error(`--only: unknown row '${only}' (known: memory, markdown)`);
    const memory = await memoryFigures(root, 100);
    fs.rmSync(root, { recursive: true, force: true });
    for (const line of [...memoryLines(memory), '', memoryBudget(memory)]) console.log(line);
    return;
  }
  const corpora = [
    writeCorpus(root, '10kb', 10_000, 20, 4, 100),
    writeCorpus(root, '1mb', 1_000_000, 500, 4, 5000),
    writeMarkdownCorpus(root, '1mb-markdown', 1_000_000, 500, 4, 5000),
    ...(quick ? [] : [writeCorpus(root, '10mb', 10_000_000, 50, 4, 1000)]),
  ];
  const results: Record<string, Record<string, number>> = {};
  for (const corpus of corpora) {
    results[corpus.name] = await measureCorpus(corpus);
    console.error(`measured ${corpus.name}`);
  }
  const ws = await workspaceFigures(workspace(root, quick ? 200 : 2000).dir);
  const memory = await memoryFigures(root, quick ? 20 : 100);
  const grows = growth(root);
  fs.rmSync(root, { recursive: true, force: true });
  report(results, ws, grows, memory);
}

function isMarkdown(corpus: Corpus): boolean {
  return corpus.articlePath.endsWith('.md');
}

async function measureCorpus(corpus: Corpus): Promise<Record<string, number>> {
  const floorMs = floor(corpus);
  const analysisMs = coreAnalysis(corpus);
  const server = await serverFigures(corpus, corpus.name === '10mb' ? 10 : 50, corpus.name === '10mb' ? 20 : 200);
  return { bytes: corpus.text.length, floorMs, analysisMs, analysisRatio: analysisMs / floorMs, ...server };
}

/**
 * `--only=markdown`: the Markdown corpus's row and budgets, next to the 1 MB
 * text corpus measured in the same run (the machine's load moves both),
 * printed; the README and perf.json are left as they are.
 */
async function markdownOnly(root: string): Promise<void> {
  const results = {
    '1mb': await measureCorpus(writeCorpus(root, '1mb', 1_000_000, 500, 4, 5000)),
    '1mb-markdown': await measureCorpus(writeMarkdownCorpus(root, '1mb-markdown', 1_000_000, 500, 4, 5000)),
  };
  fs.rmSync(root, { recursive: true, force: true });
  for (const line of [...corpusLines(results), '', ...markdownBudgets(results)]) console.log(line);
}

function memoryLines(m: Record<string, number>): string[] {
  return [
    `| open and close ${m.pairs} different 1 MB article/sidecar pairs, one after another | server RSS |`,
    '|---|---:|',
    `| at start (index built, one pair opened and closed, ${START_IDLE_MS / 1000} s idle) | ${m.startMb!.toFixed(0)} MB |`,
    `| highest while opening and closing | ${m.peakMb!.toFixed(0)} MB |`,
    `| right after the last close | ${m.closedMb!.toFixed(0)} MB |`,
    `| ${m.waitedS} s later | ${m.endMb!.toFixed(0)} MB (${m.growth! >= 0 ? '+' : ''}${(m.growth! * 100).toFixed(0)}% of the start) |`,
  ];
}

function memoryBudget(m: Record<string, number>): string {
  return `| memory after opening and closing ${m.pairs} 1 MB pairs: back within 20% of start | ${m.startMb!.toFixed(0)} → ${m.endMb!.toFixed(0)} MB (${(m.growth! * 100).toFixed(0)}%), ${m.waitedS} s after the last close | ${m.growth! <= 0.2 ? 'yes' : '**no**'} |`;
}

function report(results: Record<string, Record<string, number>>, ws: Record<string, number>, grows: ReturnType<typeof growth>, memory: Record<string, number>): void {
  const machine = `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  const lines = [`Machine: ${machine}. Each time is also given as a multiple of its corpus's floor.`, '', ...corpusLines(results)];
  const wf = (value: number): string => `${ms(value)} ms (${ratio(value / ws.floorMs!)})`;
  lines.push(
    '',
    `| workspace of ${ws.files} annotated articles | time (× floor) | memory |`,
    '|---|---:|---:|',
    `| floor: read and \`yaml\`-parse every sidecar, one thread | ${ms(ws.floorMs!)} ms | |`,
    `| server indexes it at start (${ws.indexedSidecars} sidecars parsed in ${ws.indexWorkers} worker threads) | ${wf(ws.indexMs!)} | ${ws.coldRssMb!.toFixed(0)} MB RSS |`,
    `| server restarts on its index cache (only changed sidecars parsed) | ${wf(ws.warmIndexMs!)} | ${ws.indexRssMb!.toFixed(0)} MB RSS |`,
    `| workspace symbol search (${ws.symbols} hits) | ${wf(ws.symbolMs!)} | |`,
    `| rename an entity used in ${ws.renamedFiles} sidecars | ${wf(ws.renameMs!)} | ${ws.serverRssMb!.toFixed(0)} MB RSS after |`,
    `| \`marginalia check\` (full analysis of every pair) | ${wf(ws.cliMs!)} | ${ws.cliRssMb!.toFixed(0)} MB peak |`,
  );
  const row = (label: string, points: readonly GrowthPoint[], key: keyof GrowthPoint): string => `| ${label} | ${points.map((p) => `${ms(p[key])} ms`).join(' | ')} |`;
  lines.push('', '| article size (50 people, 100 claims) | 100 KB | 250 KB | 500 KB | 1 MB | 2 MB |', '|---|---:|---:|---:|---:|---:|', row('analysing the article', grows.sizes, 'articleMs'), row('parsing the sidecar', grows.sizes, 'sidecarMs'));
  lines.push('', '| aliases (300 KB article, 4 per entity) | 250 | 500 | 1,000 | 2,000 | 4,000 |', '|---|---:|---:|---:|---:|---:|', row('analysing the article', grows.aliases, 'articleMs'), row('parsing the sidecar', grows.aliases, 'sidecarMs'));
  lines.push('', ...memoryLines(memory));
  const verdicts = [...budgets(results, ws), memoryBudget(memory)];
  for (const line of [...lines, '', ...verdicts]) console.log(line);
  if (!process.argv.includes('--quick')) {
    writeBetween(path.join(REPO, 'README.md'), 'PERF-TABLE', lines);
    writeBetween(path.join(REPO, 'README.md'), 'PERF-BUDGETS', verdicts);
  }
  const out = path.join(REPO, 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'perf.json'), JSON.stringify({ machine, results, workspace: ws, growth: grows, memory }, null, 2) + '\n');
}

void main();

/** One row per corpus (a Markdown corpus's floor includes one parse of the whole article). */
function corpusLines(results: Record<string, Record<string, number>>): string[] {
  const lines = ['| corpus | floor (read + yaml + regex; Markdown: + parse) | full analysis | open → diagnostics | keystroke → diagnostics, median / p99 | hover, median / p99 | definition, median / p99 | references, median / p99 | server RSS |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const [name, r] of Object.entries(results)) {
    const f = (value: number): string => `${ms(value)} ms (${ratio(value / r.floorMs!)})`;
    const pair = (median: number, p99: number): string => `${f(median)} / ${f(p99)}`;
    lines.push(`| ${name} | ${ms(r.floorMs!)} ms | ${f(r.analysisMs!)} | ${f(r.openMs!)} | ${pair(r.keystrokeMedian!, r.keystrokeP99!)} | ${pair(r.hoverMedian!, r.hoverP99!)} | ${pair(r.definitionMedian!, r.definitionP99!)} | ${pair(r.referencesMedian!, r.referencesP99!)} | ${r.rssMb!.toFixed(0)} MB |`);
  }
  return lines;
}

/** The budgets of a 1 MB Markdown article, as for text. */
function markdownBudgets(results: Record<string, Record<string, number>>): string[] {
  const md = results['1mb-markdown'];
  if (!md) return [];
  const rows: [string, string, boolean][] = [
    ['keystroke → diagnostics, 1 MB Markdown article: under 50 ms', `${ms(md.keystrokeMedian!)} ms median (p99 ${ms(md.keystrokeP99!)} ms)`, md.keystrokeMedian! < 50],
    ['hover, 1 MB Markdown article: under 5 ms at p99', `${ms(md.hoverP99!)} ms`, md.hoverP99! < 5],
    ['full analysis, 1 MB Markdown article: within 3× the floor (with the parse)', `${md.analysisRatio!.toFixed(1)}×`, md.analysisRatio! <= 3],
  ];
  return rows.map(([budget, measured, met]) => `| ${budget} | ${measured} | ${met ? 'yes' : '**no**'} |`);
}

/** The issue's budgets, each with what was measured and whether it is met. */
function budgets(results: Record<string, Record<string, number>>, ws: Record<string, number>): string[] {
  const small = results['10kb']!;
  const large = results['1mb']!;
  const rows: [string, string, boolean][] = [
    ['keystroke → diagnostics, 10 KB article: under 10 ms', `${ms(small.keystrokeMedian!)} ms median (p99 ${ms(small.keystrokeP99!)} ms)`, small.keystrokeMedian! < 10],
    ['keystroke → diagnostics, 1 MB article: under 50 ms', `${ms(large.keystrokeMedian!)} ms median (p99 ${ms(large.keystrokeP99!)} ms)`, large.keystrokeMedian! < 50],
    ['hover, 1 MB article: under 5 ms at p99', `${ms(large.hoverP99!)} ms`, large.hoverP99! < 5],
    ['definition, 1 MB article: under 5 ms at p99', `${ms(large.definitionP99!)} ms`, large.definitionP99! < 5],
    ['full analysis, 1 MB article: within 3× the floor', `${large.analysisRatio!.toFixed(1)}×`, large.analysisRatio! <= 3],
    [`${ws.files}-article workspace indexed: under 5 s`, `${ms(ws.indexMs!)} ms cold, ${ms(ws.warmIndexMs!)} ms on the index cache`, ws.indexMs! < 5000],
    [`${ws.files}-article workspace indexed: under 300 MB resident`, `${ws.coldRssMb!.toFixed(0)} MB`, ws.coldRssMb! < 300],
  ];
  return ['| budget | measured | met |', '|---|---|:-:|', ...rows.map(([budget, measured, met]) => `| ${budget} | ${measured} | ${met ? 'yes' : '**no**'} |`), ...markdownBudgets(results)];
}

/** Replaces the lines between `<!-- NAME-START -->` and `<!-- NAME-END -->`. */
function writeBetween(file: string, name: string, lines: readonly string[]): void {
  const text = fs.readFileSync(file, 'utf8');
  const start = `<!-- ${name}-START -->\n`;
  const end = `<!-- ${name}-END -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return;
  fs.writeFileSync(file, text.slice(0, from + start.length) + lines.join('\n') + '\n' + text.slice(to));
}
