// The message detail view's payload components, on their own in the fake host's page: the hex
// dump and the JSON tree, their limits for large payloads, the tree's keyboard, and screenshots
// in each theme (.cache/test-results/payload-<component>-<theme>.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { jsonPathOf } from '../../webview/components/jsonTree';
import { cspViolations } from './fakeHost';
import { shotsDir, usePanelPages } from './panelPage';
import { applyTheme, THEME_NAMES } from './themes';

const openPanel = usePanelPages();

function openPage(deviceScaleFactor = 1): Promise<Page> {
  return openPanel({ width: 760, height: 420, deviceScaleFactor });
}

/** Shows a hex dump of `bytes`, or of `size` bytes counting 00..ff over and over. */
function showHex(page: Page, bytes: number[] | { size: number }): Promise<void> {
  return page.evaluate(async (spec) => {
    const el = document.createElement('socket-lens-hex-dump') as HTMLElement & { bytes: Uint8Array; updateComplete: Promise<boolean> };
    if (Array.isArray(spec)) el.bytes = new Uint8Array(spec);
    else {
      el.bytes = new Uint8Array(spec.size);
      for (let i = 0; i < spec.size; i++) el.bytes[i] = i & 0xff;
    }
    document.body.replaceChildren(el);
    await el.updateComplete;
  }, bytes);
}

function showJson(page: Page, value: unknown): Promise<void> {
  return page.evaluate(async (v) => {
    const el = document.createElement('socket-lens-json-tree') as HTMLElement & { value: unknown; updateComplete: Promise<boolean> };
    el.value = v;
    document.body.replaceChildren(el);
    await el.updateComplete;
  }, value);
}

/** The JSON path (title) of the tree item that has focus. */
function focusedPath(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.querySelector('socket-lens-json-tree')?.shadowRoot?.activeElement?.getAttribute('title'));
}

/** Puts the mouse over byte `index` of row `row`, in its hex or its ASCII column. */
async function hoverByte(page: Page, row: number, column: 'hex' | 'ascii', index: number): Promise<void> {
  const cell = page.getByTestId('hex-row').nth(row).locator(`.${column}`);
  const box = (await cell.boundingBox())!;
  const charWidth = await cell.evaluate((el) => el.getBoundingClientRect().width / el.textContent!.length);
  const char = column === 'hex' ? index * 3 + (index >= 8 ? 1 : 0) + 1 : index + 0.5;
  await page.mouse.move(box.x + char * charWidth, box.y + box.height / 2);
}

/** The texts the hex dump's hover highlight covers. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((CSS.highlights as unknown as Map<string, Iterable<Range>>).get('socket-lens-hex-byte') ?? [])].map((r) => r.toString()));
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
// 40 bytes: a request line, six non-printables (0d 0a 00 01 02 7f 80 ff among them) and a header.
const FORTY = [...ascii('GET /chat HTTP/1.1\r\n'), 0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, ...ascii('Sec-Key: abcde')];

const SAMPLE = { name: 'socket', id: 42, ok: true, none: null, tags: ['a', 'b'], nested: { deep: { deeper: 1.5 } }, 'b c': [{ x: 'y' }] };

test('jsonPathOf writes identifiers with dots, indexes and other keys in brackets', () => {
  assert.equal(jsonPathOf([]), '$');
  assert.equal(jsonPathOf(['a', 0, 'b c']), '$.a[0]["b c"]');
  assert.equal(jsonPathOf(['$x', '_y', 'z9']), '$.$x._y.z9');
  assert.equal(jsonPathOf(['0', '9a', '']), '$["0"]["9a"][""]');
  assert.equal(jsonPathOf(['say "hi"', 'é']), '$["say \\"hi\\""]["é"]');
});

test('hex dump: offsets, 8+8 hex cells and ASCII with non-printables as a muted dot', async () => {
  const page = await openPage();
  await showHex(page, FORTY);
  const rows = page.getByTestId('hex-row');
  assert.equal(await rows.count(), 3);
  assert.equal(await rows.nth(0).textContent(), '0000  47 45 54 20 2f 63 68 61  74 20 48 54 54 50 2f 31  GET /chat HTTP/1');
  assert.equal(await rows.nth(1).textContent(), '0010  2e 31 0d 0a 00 01 02 7f  80 ff 53 65 63 2d 4b 65  .1........Sec-Ke');
  assert.equal(await rows.nth(2).textContent(), `0020  79 3a 20 61 62 63 64 65${' '.repeat(25)}  y: abcde`);
  assert.equal(await rows.nth(1).locator('.ascii .muted').textContent(), '........', 'the eight non-printables are muted; the real "." (2e) is not');
  assert.equal(await page.getByTestId('hex-not-shown').count(), 0);

  // Hovering a byte's hex lights up its ASCII too, and the other way round.
  await hoverByte(page, 1, 'hex', 10);
  assert.deepEqual(await highlighted(page), ['53', 'S']);
  await hoverByte(page, 0, 'ascii', 0);
  assert.deepEqual(await highlighted(page), ['47', 'G']);
  await hoverByte(page, 2, 'hex', 12);
  assert.deepEqual(await highlighted(page), [], 'past the end of the last row nothing is lit');
  await hoverByte(page, 2, 'hex', 7);
  await page.mouse.move(5, 400);
  assert.deepEqual(await highlighted(page), []);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('hex dump: an empty payload says so; a 16 MiB one draws 4096 rows and counts the rest', async () => {
  const page = await openPage();
  await showHex(page, []);
  await page.getByTestId('hex-empty').getByText('No payload (0 bytes).').waitFor();
  assert.equal(await page.getByTestId('hex-row').count(), 0);

  await showHex(page, { size: 16 * 1024 * 1024 });
  assert.equal(await page.getByTestId('hex-row').count(), 4096);
  assert.match((await page.getByTestId('hex-row').last().textContent()) ?? '', /^00fff0  f0 f1/);
  assert.match((await page.getByTestId('hex-not-shown').textContent()) ?? '', /16,711,680 more bytes are not shown \(the first 65,536 of 16,777,216 are\)/);
  await page.close();
});

test('JSON tree: two levels open, summaries, typed values, and a click toggles', async () => {
  const page = await openPage();
  await showJson(page, SAMPLE);
  const items = page.getByRole('treeitem');
  assert.equal(await items.first().getAttribute('aria-expanded'), 'true');
  const deep = page.locator('[title="$.nested.deep"]');
  assert.equal(await deep.getAttribute('aria-expanded'), 'false');
  assert.equal(await deep.getAttribute('aria-level'), '3');
  assert.match((await deep.textContent()) ?? '', /▸deep: \{…\} 1 key/);
  assert.match((await page.locator('[title=\'$["b c"][0]\']').textContent()) ?? '', /0: \{…\} 1 key/);
  assert.match((await page.locator('[title=\'$["b c"]\']').textContent()) ?? '', /▾"b c": 1 item/, 'a key that is not an identifier is quoted');
  assert.equal(await page.locator('[title="$.name"] .string').textContent(), '"socket"');
  assert.equal(await page.locator('[title="$.id"] .number').textContent(), '42');
  assert.equal(await page.locator('[title="$.none"] .null').textContent(), 'null');

  await deep.click();
  assert.equal(await deep.getAttribute('aria-expanded'), 'true');
  assert.match((await page.locator('[title="$.nested.deep.deeper"]').textContent()) ?? '', /deeper: 1\.5/);
  await page.locator('[title="$.nested"]').click();
  assert.equal(await page.locator('[title="$.nested.deep"]').count(), 0);
  assert.match((await page.locator('[title="$.nested"]').textContent()) ?? '', /▸nested: \{…\} 1 key/);

  await page.getByTestId('collapse-all').click();
  assert.equal(await items.count(), 1);
  await page.getByTestId('expand-all').click();
  assert.equal(await items.count(), 14);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('JSON tree keyboard: arrows move, Right/Left expand, collapse and walk, Enter/Space toggle', async () => {
  const page = await openPage();
  await showJson(page, SAMPLE);
  await page.getByRole('treeitem').first().focus();
  assert.equal(await focusedPath(page), '$');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await focusedPath(page), '$.tags[1]');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedPath(page), '$.tags', 'Left on a leaf moves to its parent, not the row above');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedPath(page), '$.nested.deep', 'Right on an open node moves to its first child');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('[title="$.nested.deep"]').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedPath(page), '$.nested.deep.deeper');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedPath(page), '$.nested.deep');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('[title="$.nested.deep"]').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('[title="$.nested.deep"]').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press(' ');
  assert.equal(await page.locator('[title="$.nested.deep"]').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedPath(page), '$.nested');
  assert.equal(await page.locator('[role="treeitem"][tabindex="0"]').count(), 1, 'one item is in the tab order');
  await page.close();
});

test('JSON tree: a big array shows 200 items and a "… N more" row that shows the rest', async () => {
  const page = await openPage();
  await showJson(page, { big: Array.from({ length: 1234 }, (_, i) => i) });
  assert.equal(await page.getByRole('treeitem').count(), 2 + 200 + 1);
  const more = page.getByTestId('more');
  assert.equal(await more.textContent(), '… 1,034 more');
  await more.click();
  assert.equal(await page.getByRole('treeitem').count(), 2 + 1234);
  assert.equal(await more.count(), 0);
  assert.equal(await focusedPath(page), '$.big[200]', 'focus goes to the first item revealed');
  await page.close();
});

test('screenshots of the hex dump and the JSON tree in each theme', async () => {
  const page = await openPage(2);
  for (const theme of THEME_NAMES) {
    await applyTheme(page, theme);
    await showHex(page, [...FORTY, ...FORTY, ...ascii('{"op":"ping"}')]);
    await hoverByte(page, 1, 'hex', 10);
    await page.locator('socket-lens-hex-dump').screenshot({ path: join(shotsDir, `payload-hex-dump-${theme}.png`) });
    await showJson(page, SAMPLE);
    await page.locator('[title="$.nested.deep"]').click();
    await page.mouse.move(0, 0);
    await page.keyboard.press('ArrowDown');
    await page.locator('socket-lens-json-tree').screenshot({ path: join(shotsDir, `payload-json-tree-${theme}.png`) });
  }
  await page.close();
});
