// End-to-end: the extension in a real VS Code (code-server 4.100.3, VS Code
// 1.100) rendered by headless Chromium, driven as a person would, asserting
// on what is on screen. The extension is the packaged .vsix, installed with
// --install-extension; the folder is trusted at the prompt, as a user would.
// Each test leaves a screenshot in out/screenshots.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT, activeTabTitle, chooseAction, freePort, goTo, hoverAtCursor, lineColumnOf, missingPrerequisite, openFile, openWorkbench, runCommand, screenshot, startCodeServer, statusBarText, until } from './workbench.mjs';

const ARTICLE = 'support-ahmad-massoud.txt';
const SIDECAR = 'support-ahmad-massoud.annotations.yaml';
const skip = missingPrerequisite();
if (skip) console.log(`e2e tests skipped: ${skip}`);

let server;
let browser;
let page;
const articleText = readFileSync(join(ROOT, 'samples', ARTICLE), 'utf8');

before(async () => {
  if (skip) return;
  const { chromium } = await import('./node_modules/playwright-core/index.mjs');
  server = await startCodeServer({ port: await freePort() });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  page = await openWorkbench(browser, server.url);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function cursorOn(needle, delta = 1, nth = 1) {
  const { line, column } = lineColumnOf(articleText, needle, delta, nth);
  await goTo(page, line, column);
}

test('opening a sample shows its flagged claims and the status bar count', { skip }, async () => {
  await openFile(page, ARTICLE);
  const status = await until(async () => (await statusBarText(page)).match(/(\d+) unsourced/), 'the unsourced count in the status bar');
  assert.equal(Number(status[1]), 12);
  await until(() => page.locator('.squiggly-warning').count(), 'warning squiggles in the article');
  await screenshot(page, 'statusbar');
});

test('hovering the father and the son shows each one’s card', { skip }, async () => {
  await openFile(page, ARTICLE);
  await cursorOn('Massoud warned', 2);
  const father = await hoverAtCursor(page, /Ahmad Shah Massoud/);
  assert.match(father, /person/);
  assert.match(father, /father of Ahmad Massoud/);
  await cursorOn('younger Massoud', 10);
  const son = await hoverAtCursor(page, /Ahmad Massoud · person/);
  assert.match(son, /son of Ahmad Shah Massoud/);
  assert.match(son, /Decided by “the younger” before the name/);
  await screenshot(page, 'hover');
});

test('the Problems panel lists the unsourced claims with their code', { skip }, async () => {
  await openFile(page, ARTICLE);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await until(async () => (await rows.count()) > 5, 'rows in the Problems panel');
  const text = await page.locator('.markers-panel').innerText();
  assert.match(text, /Unsourced claim: “He rebuffed offers from two heads of state/);
  assert.match(text, /unsourced-claim/);
  await screenshot(page, 'problems');
  await page.keyboard.press('Control+Shift+M');
});

test('go to definition from a mention opens the entity in the sidecar', { skip }, async () => {
  await openFile(page, ARTICLE);
  await cursorOn('Abdul Rashid Dostum', 3);
  await page.keyboard.press('F12');
  await until(async () => (await activeTabTitle(page)) === SIDECAR, 'the sidecar to open');
  const line = lineColumnOf(readFileSync(join(server.workspace, SIDECAR), 'utf8'), 'abdul-rashid-dostum:').line;
  await until(async () => (await page.locator('.statusbar-item[id="status.editor.selection"]').innerText()).includes(`Ln ${line},`), `the cursor on line ${line}`);
  await screenshot(page, 'definition');
});

/** The unsourced count in the status bar. */
const unsourcedCount = async () => Number((await statusBarText(page)).match(/(\d+) unsourced/)?.[1]);

/**
 * Opens `file`, puts the cursor on a flagged claim (`placeCursor`), chooses
 * “Mark as opinion” from the quick fix menu and waits for one claim fewer
 * flagged and the sidecar changed on disk: the sidecar before and after.
 */
async function markAsOpinion(file, sidecar, placeCursor, menuScreenshot) {
  const sidecarPath = join(server.workspace, sidecar);
  const before = readFileSync(sidecarPath, 'utf8');
  await openFile(page, file);
  const flagged = await until(unsourcedCount, 'the unsourced count');
  await placeCursor();
  await page.keyboard.press('Control+.');
  await until(async () => (await page.locator('.action-widget').innerText()).includes('Mark as opinion'), 'the quick fix menu');
  if (menuScreenshot) await screenshot(page, menuScreenshot);
  await chooseAction(page, 'Mark as opinion');
  await until(async () => (await unsourcedCount()) === flagged - 1, 'one claim fewer flagged');
  const after = await until(() => {
    const text = readFileSync(sidecarPath, 'utf8');
    return text !== before && text;
  }, 'the sidecar to change on disk');
  return { before, after };
}

test('the “Mark as opinion” quick fix stops the flag and edits the sidecar, keeping its comments', { skip }, async () => {
  const { before, after } = await markAsOpinion(ARTICLE, SIDECAR, () => cursorOn('He rebuffed offers', 3), 'quickfix');
  assert.match(after, /  - id: rebuffed-offers\n    quote: He rebuffed offers from two heads of state to whisk him to safety on private planes\n    kind: opinion\n/);
  const removed = before.split('\n').filter((line) => !after.split('\n').includes(line));
  assert.deepEqual(removed, [], 'every line of the sidecar is kept');
  for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(after.includes(comment), comment);
  await screenshot(page, 'quickfix-applied');
});

test('annotating a sentence as a claim from the keyboard flags it and writes the sidecar', { skip }, async () => {
  const sidecarPath = join(server.workspace, SIDECAR);
  await openFile(page, ARTICLE);
  const flagged = await until(unsourcedCount, 'the unsourced count');
  await cursorOn('I spent the harrowing days', 5);
  // The Marginalia chord: Alt+M, then C for claim.
  await page.keyboard.press('Alt+M');
  await page.keyboard.press('c');
  const picker = page.locator('.quick-input-widget');
  await until(async () => (await picker.isVisible()) && (await picker.innerText()).includes('its sources'), 'the sources picker');
  await page.keyboard.press('Enter');
  await until(async () => (await unsourcedCount()) === flagged + 1, 'one more unsourced claim in the status bar');
  await screenshot(page, 'annotate');
  const saved = await until(() => readFileSync(sidecarPath, 'utf8').includes('quote: I spent the harrowing days of Afghanistan’s fall with him.') || undefined, 'the new claim in the sidecar on disk', 15_000);
  assert.ok(saved);
});

test('F2 on a mention renames the entity id in the sidecar', { skip }, async () => {
  await openFile(page, ARTICLE);
  await cursorOn('Abdul Rashid Dostum', 3);
  await page.keyboard.press('F2');
  const input = page.locator('.rename-box input');
  await input.waitFor({ state: 'visible' });
  assert.equal(await input.inputValue(), 'abdul-rashid-dostum');
  await input.fill('dostum');
  await page.keyboard.press('Enter');
  const sidecarPath = join(server.workspace, SIDECAR);
  await until(() => readFileSync(sidecarPath, 'utf8').includes('\n  dostum:\n') || undefined, 'the renamed id on disk', 15_000);
});

test('Go to Symbol in Workspace finds the father in every sample and opens his entry', { skip }, async () => {
  await openFile(page, ARTICLE);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const labels = await until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 2000 });
    await input.fill('#Ahmad Shah Massoud', { timeout: 2000 });
    const found = await until(async () => ((await rows.count()) >= 4 ? rows.allInnerTexts() : undefined), 'workspace symbols', 5000);
    return found.filter((text) => text.includes('Ahmad Shah Massoud'));
  }, 'the workspace symbol search to answer', 45_000, 500);
  const samples = ['peace-does-not-mean-to-surrender', 'support-ahmad-massoud', 'taliban-insurgency-of-its-own', 'who-is-ahmad-massoud'];
  for (const sample of samples) assert.ok(labels.some((label) => label.includes(sample)), `${sample} in ${labels.join(' | ')}`);
  await screenshot(page, 'workspace-symbols');
  await page.keyboard.press('Enter');
  await until(async () => (await activeTabTitle(page))?.endsWith('.annotations.yaml'), 'a sidecar to open at the entity');
});

test('Review Uncertain Mentions walks through the shared names: a choice writes a pin, Escape stops', { skip }, async () => {
  // Invented people: two share "Varga", two share "Kovac"; nothing in the text tells them apart.
  const sidecarPath = join(server.workspace, 'harbour.annotations.yaml');
  const sidecar = '# Harbour people\nentities:\n  ana-varga:   # the engineer\n    name: Ana Varga\n    type: person\n    aliases: [Varga]\n    description: Harbour engineer\n  tomas-varga: {name: Tomas Varga, type: person, aliases: [Varga], description: Harbour pilot}\n  mira-kovac: {name: Mira Kovac, type: person, aliases: [Kovac]}\n  luka-kovac: {name: Luka Kovac, type: person, aliases: [Kovac]}\n# end of the entities\n';
  writeFileSync(sidecarPath, sidecar);
  writeFileSync(join(server.workspace, 'harbour.txt'), 'Harbour report\n\nVarga opened the meeting at noon.\n\nThe vote went to Kovac after a long debate.\n');
  await openFile(page, 'harbour.txt');
  await until(() => page.locator('.squiggly-info').count(), 'the uncertain mentions underlined');
  await runCommand(page, 'Marginalia: Review Uncertain Mentions');
  const picker = page.locator('.quick-input-widget');
  const title = page.locator('.quick-input-widget .quick-input-title');
  await until(async () => (await picker.isVisible()) && (await title.innerText()) === 'Mention 1 of 2: “Varga”', 'the first mention’s quick pick');
  assert.equal(await page.locator('.quick-input-widget input').getAttribute('placeholder'), 'Varga opened the meeting at noon.');
  const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  assert.match(rows[0], /best guess/);
  assert.ok(rows.some((row) => row.includes('Tomas Varga') && row.includes('Harbour pilot')), rows.join(' | '));
  assert.ok(rows.some((row) => row.includes('Skip')), rows.join(' | '));
  await screenshot(page, 'review-mentions');
  await page.keyboard.type('Tomas Varga');
  await until(async () => (await page.locator('.quick-input-list .monaco-list-row.focused').innerText()).includes('Tomas Varga'), 'Tomas Varga focused');
  await page.keyboard.press('Enter');
  const pinned = await until(() => {
    const text = readFileSync(sidecarPath, 'utf8');
    return text.includes('entity: tomas-varga') && text;
  }, 'the pin in the sidecar on disk', 15_000);
  assert.equal(pinned, `${sidecar}mentions:\n  - quote: Varga\n    entity: tomas-varga\n`);
  await until(async () => (await title.innerText()) === 'Mention 2 of 2: “Kovac”', 'the next mention’s quick pick');
  await page.keyboard.press('Escape');
  await until(async () => !(await picker.isVisible()), 'the quick pick to close');
  await until(async () => (await page.locator('.notifications-toasts').innerText()).includes('Reviewed 1 mention; 1 pinned.'), 'the summary');
});

// The Markdown sample: the same analysis on the text a reader sees, every range
// back in the source with its markup.
const MARKDOWN = 'who-is-ahmad-massoud-page.md';
const MARKDOWN_SIDECAR = 'who-is-ahmad-massoud-page.annotations.yaml';
const markdownText = readFileSync(join(ROOT, 'samples', MARKDOWN), 'utf8');
const FATHER_LINK = '[Ahmad Shah Massoud](https://en.wikipedia.org/wiki/Ahmad_Shah_Massoud "Ahmad Shah Massoud on Wikipedia")';

async function cursorInMarkdown(needle, delta) {
  const { line, column } = lineColumnOf(markdownText, needle, delta);
  await goTo(page, line, column);
}

/**
 * For each visual row of the active editor that shows the source text `needle`
 * (found once on screen): the text's horizontal extent, the union of the
 * warning squiggles over it (in pixels), and how many squiggles that is.
 */
function squigglesUnder(needle) {
  return page.evaluate((needle) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    const rows = [...editor.querySelectorAll('.view-lines .view-line')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const nodes = [];
    let text = '';
    for (const row of rows) {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, at: text.length });
        text += node.data.replace(/\u00a0/g, ' ');
      }
    }
    const start = text.indexOf(needle);
    if (start < 0 || text.includes(needle, start + 1)) return undefined;
    const end = start + needle.length;
    // Rectangles of the text itself, node by node (a range's own rectangles include whole rows it spans).
    const textRects = nodes.filter((n) => n.at < end && n.at + n.node.length > start).flatMap((n) => {
      const range = document.createRange();
      range.setStart(n.node, Math.max(start - n.at, 0));
      range.setEnd(n.node, Math.min(end - n.at, n.node.length));
      return [...range.getClientRects()];
    });
    const squiggles = [...editor.querySelectorAll('.view-overlays .squiggly-warning')].map((s) => s.getBoundingClientRect());
    const within = (rect, row) => rect.width > 0 && (rect.top + rect.bottom) / 2 > row.top && (rect.top + rect.bottom) / 2 < row.bottom;
    const extent = (rects) => (rects.length === 0 ? null : [Math.min(...rects.map((r) => r.left)), Math.max(...rects.map((r) => r.right))].map(Math.round));
    return rows.map((row) => row.getBoundingClientRect()).flatMap((row) => {
      const shown = extent(textRects.filter((r) => within(r, row)));
      if (!shown) return [];
      const over = squiggles.filter((s) => within(s, row) && s.left < shown[1] && s.right > shown[0]);
      return [{ text: shown, squiggle: extent(over), squiggles: over.length }];
    });
  }, needle);
}

test('Markdown: a name in a link’s text or in bold shows its card; the link’s URL and title show none', { skip }, async () => {
  await openFile(page, MARKDOWN);
  await cursorInMarkdown(FATHER_LINK, '[Ahmad Shah '.length + 2);
  const father = await hoverAtCursor(page, /Ahmad Shah Massoud · person/);
  assert.match(father, /father of Ahmad Massoud/);
  await screenshot(page, 'markdown-hover');
  await cursorInMarkdown('opposing the Taliban in the country:**', 'opposing the '.length + 2);
  assert.match(await hoverAtCursor(page, /Taliban · organization/), /Islamist movement/);
  // “Massoud” in the URL and the title: in a .txt article both would be mentions.
  for (const [needle, delta] of [['wiki/Ahmad_Shah_Massoud "', 'wiki/Ahmad_Shah_'.length + 2], ['"Ahmad Shah Massoud on Wikipedia")', '"Ahmad Shah '.length + 2]]) {
    await cursorInMarkdown(needle, delta);
    const shown = await hoverShownAtCursor();
    // The claim's diagnostic covers the whole link, so its hover shows; no entity card does.
    assert.match(shown, /Unsourced claim: “legendary military commander/);
    assert.doesNotMatch(shown, /· person|father of/, `hover at ${needle}`);
  }
});

/**
 * The hover at the cursor, or '' when none shows: waits until one is shown (a
 * link's “Follow link” may be) or 3 s pass, then a further half second for a
 * late answer from the language server to land in it.
 */
async function hoverShownAtCursor() {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const widget = page.locator('.monaco-hover:not(.hidden)').first();
  await until(async () => (await widget.isVisible()) && !(await widget.innerText()).includes('Loading'), 'a hover', 3000).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return (await widget.isVisible()) ? widget.innerText() : '';
}

test('Markdown: an unsourced claim’s squiggle runs over its source, bold and link markup included', { skip }, async () => {
  await openFile(page, MARKDOWN);
  const status = await until(async () => (await statusBarText(page)).match(/(\d+) unsourced/), 'the unsourced count in the status bar');
  assert.equal(Number(status[1]), 11);
  const claims = [
    { line: 'they do **not** have', source: 'they do **not** have full control of the country' },
    { line: FATHER_LINK, source: `legendary military commander ${FATHER_LINK} successfully defended it during the Soviet invasion and the civil war with the Taliban` },
  ];
  for (const claim of claims) {
    await cursorInMarkdown(claim.line, 0);
    await page.keyboard.press('Escape');
    const rows = await until(async () => {
      const found = await squigglesUnder(claim.source);
      return found?.length > 0 && found.every((row) => row.squiggle) && found;
    }, `a squiggle under “${claim.source.slice(0, 40)}…”`);
    if (claim.line === FATHER_LINK) await screenshot(page, 'markdown-diagnostics');
    for (const row of rows) {
      assert.equal(row.squiggles, 1, 'one squiggle on each row, no gap at the markup');
      assert.ok(Math.abs(row.squiggle[0] - row.text[0]) <= 2 && Math.abs(row.squiggle[1] - row.text[1]) <= 2, `squiggle ${row.squiggle} under text ${row.text} (${claim.source.slice(0, 30)}…)`);
    }
  }
});

test('Markdown: “Mark as opinion” from inside a claim’s bold markup adds one line to the sidecar, byte for byte', { skip }, async () => {
  // Between the two asterisks of **not**: on no reading text, but inside the claim's range.
  const { before, after } = await markAsOpinion(MARKDOWN, MARKDOWN_SIDECAR, () => cursorInMarkdown('do **not** have', 4));
  const claim = '  - id: no-full-control\n    quote: they do not have full control of the country\n';
  assert.ok(before.includes(claim));
  assert.equal(after, before.replace(claim, `${claim}    kind: opinion\n`));
});
