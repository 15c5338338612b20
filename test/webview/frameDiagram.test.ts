import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { FrameView } from '../../src/shared/viewModels';
import { cspViolations } from './fakeHost';
import { T0 } from './fixtures';
import { shotsDir, usePanelPages } from './panelPage';
import { THEME_NAMES, applyTheme } from './themes';

const openPage = usePanelPages();

function frame(overrides: Partial<FrameView> = {}): FrameView {
  return {
    index: 0, offset: 0, time: T0, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, opcodeName: 'text',
    masked: false, payloadLength: 5, lengthEncoding: 7, minimalLength: true, headerLength: 2, violations: [], ...overrides,
  };
}

const maskedText = frame({ index: 3, offset: 120, masked: true, maskingKey: '37fa213d', headerLength: 6 });
const binary300 = frame({ index: 1, opcode: 2, opcodeName: 'binary', payloadLength: 300, lengthEncoding: 16, headerLength: 4 });
const big70000 = frame({ index: 2, opcode: 2, opcodeName: 'binary', payloadLength: 70000, lengthEncoding: 64, headerLength: 14, masked: true, maskingKey: '0a0b0c0d' });
const rsv2Frame = frame({ index: 4, rsv2: true, violations: [{ rfc: '5.2', closeCode: 1002, message: 'RSV2 is set but no negotiated extension defines it.', field: 'rsv2' }] });
const nonMinimal = frame({ index: 5, payloadLength: 5, lengthEncoding: 16, minimalLength: false, headerLength: 4, violations: [{ rfc: '5.2', closeCode: null, message: 'The length 5 is sent in the 16-bit form; the minimal form must be used.', field: 'length' }] });

async function showDiagram(page: Page, f: FrameView): Promise<Locator> {
  await page.evaluate((f) => {
    const el = document.createElement('socket-lens-frame-diagram') as HTMLElement & { frame: unknown };
    el.frame = f;
    document.body.replaceChildren(el);
  }, f);
  const header = page.getByTestId('frame-header');
  await header.waitFor();
  return header;
}

async function showList(page: Page, frames: FrameView[]): Promise<void> {
  await page.evaluate((frames) => {
    const el = document.createElement('socket-lens-frame-list') as HTMLElement & { frames: unknown };
    el.frames = frames;
    el.style.height = '100%';
    document.body.replaceChildren(el);
  }, frames);
}

/** The text of each cell of `field`, name and value, and its bits as one string. */
async function field(header: Locator, key: string) {
  const cells = header.locator(`[data-field="${key}"]`);
  const count = await cells.count();
  const texts: string[] = [];
  let bits = '';
  for (let i = 0; i < count; i++) {
    texts.push(((await cells.nth(i).locator('.name, .value').allTextContents()).join(' ')).trim());
    bits += (await cells.nth(i).locator('.bit').allTextContents()).join('');
  }
  return { count, texts, bits, cells };
}

test('a small masked text frame: flags, opcode 0x1 text, a 7-bit length and the masking key', async () => {
  const page = await openPage();
  const header = await showDiagram(page, maskedText);
  assert.equal((await field(header, 'fin')).bits, '1');
  assert.equal((await field(header, 'rsv1')).bits, '0');
  assert.deepEqual((await field(header, 'opcode')).texts, ['opcode 0x1 text']);
  assert.equal((await field(header, 'opcode')).bits, '0001');
  const mask = await field(header, 'mask');
  assert.equal(mask.bits, '1');
  assert.match((await mask.cells.getAttribute('title')) ?? '', /MASK = 1: the payload is masked with the 32-bit key.*RFC 6455 §5\.3/);
  assert.match((await mask.cells.getAttribute('class')) ?? '', /\bset\b/);
  assert.match((await header.locator('[data-field="rsv1"]').getAttribute('class')) ?? '', /\bclear\b/);
  const len = await field(header, 'len7');
  assert.deepEqual(len.texts, ['Payload len 5']);
  assert.equal(len.bits, '0000101');
  assert.equal(await header.locator('[data-field="extLen"]').count(), 0, 'no extended length for a 7-bit length');
  const key = await field(header, 'maskKey');
  assert.equal(key.count, 2, 'the key starts at bit 16 and runs into the second row');
  assert.equal(key.texts[0], 'Masking-key 0x37fa213d');
  assert.equal(key.bits, parseInt('37fa213d', 16).toString(2).padStart(32, '0'));
  assert.match((await header.getAttribute('aria-label')) ?? '', /Frame 3 header, 6 bytes: FIN 1, RSV1 0, RSV2 0, RSV3 0, opcode 0x1 text, MASK 1, Payload len 5, Masking-key 0x37fa213d\./);
  assert.match((await page.getByTestId('frame-summary').textContent()) ?? '', /Frame #3 · offset 120 · header 6 B · payload 5 B · \d\d:\d\d:\d\d\.000/);
  assert.equal(await page.getByTestId('frame-violations').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('an unmasked 300-byte binary frame: the 7-bit field says 126 and 16 bits carry 300', async () => {
  const page = await openPage();
  const header = await showDiagram(page, binary300);
  const len = await field(header, 'len7');
  assert.match(len.texts[0]!, /^Payload len 126/);
  assert.equal(len.bits, '1111110');
  const ext = await field(header, 'extLen');
  assert.equal(ext.count, 1);
  assert.equal(ext.texts[0], 'Extended payload length (16 bits) 300');
  assert.equal(ext.bits, (300).toString(2).padStart(16, '0'));
  assert.equal((await field(header, 'mask')).bits, '0');
  assert.equal(await header.locator('[data-field="maskKey"]').count(), 0, 'no masking key when unmasked');
  assert.equal((await field(header, 'opcode')).texts[0], 'opcode 0x2 binary');
  await page.close();
});

test('a 70000-byte frame: 127 and a 64-bit length over three rows, then the key', async () => {
  const page = await openPage();
  const header = await showDiagram(page, big70000);
  assert.match((await field(header, 'len7')).texts[0]!, /^Payload len 127/);
  const ext = await field(header, 'extLen');
  assert.equal(ext.count, 3, 'bits 16–31, a whole row, bits 0–15');
  assert.equal(ext.texts[0], 'Extended payload length (64 bits) 70,000');
  assert.match(ext.texts[1]!, /continued/);
  assert.equal(ext.bits, (70000).toString(2).padStart(64, '0'));
  assert.equal((await field(header, 'maskKey')).texts[0], 'Masking-key 0x0a0b0c0d');
  assert.match((await page.getByTestId('frame-summary').textContent()) ?? '', /header 14 B · payload 70,000 B \(68 KiB\)/);
  await page.close();
});

test('RSV2 set with its §5.2 violation is an error field, and the violation is listed with its close code', async () => {
  const page = await openPage();
  const header = await showDiagram(page, rsv2Frame);
  const rsv2 = header.locator('[data-field="rsv2"]');
  assert.match((await rsv2.getAttribute('class')) ?? '', /\berror\b/);
  assert.match((await rsv2.getAttribute('title')) ?? '', /RFC 6455 §5\.2 → 1002: RSV2 is set/);
  assert.doesNotMatch((await header.locator('[data-field="rsv1"]').getAttribute('class')) ?? '', /\berror\b/);
  const color = await rsv2.locator('.bit').evaluate((el) => getComputedStyle(el).color);
  const error = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--vscode-errorForeground, #f48771)';
    document.body.append(probe);
    return getComputedStyle(probe).color;
  });
  assert.equal(color, error, 'the RSV2 bit is in the error colour');
  assert.equal(await page.getByTestId('frame-violation').textContent(), '✗ RFC 6455 §5.2 → 1002: RSV2 is set but no negotiated extension defines it.');
  await page.close();
});

test('a non-minimal length is a warning on the length fields', async () => {
  const page = await openPage();
  const header = await showDiagram(page, nonMinimal);
  for (const key of ['len7', 'extLen']) assert.match((await header.locator(`[data-field="${key}"]`).getAttribute('class')) ?? '', /\bwarning\b/);
  assert.doesNotMatch((await header.locator('[data-field="opcode"]').getAttribute('class')) ?? '', /warning|error/);
  assert.match((await page.getByTestId('frame-violation').textContent()) ?? '', /^⚠ RFC 6455 §5\.2 \(warning\): The length 5 is sent in the 16-bit form/);
  await page.close();
});

test('the frame list: first section open, headings toggle by click and keyboard, no frames said plainly', async () => {
  const page = await openPage();
  await showList(page, [maskedText, binary300, rsv2Frame]);
  const headings = page.getByTestId('frame-section').getByRole('button');
  await headings.first().waitFor();
  assert.deepEqual(await Promise.all([0, 1, 2].map((i) => headings.nth(i).getAttribute('aria-expanded'))), ['true', 'false', 'false']);
  assert.equal(await page.getByTestId('frame-header').count(), 1);
  await headings.nth(1).click();
  assert.equal(await headings.nth(1).getAttribute('aria-expanded'), 'true');
  assert.equal(await page.getByTestId('frame-header').count(), 2);
  await headings.nth(0).focus();
  await page.keyboard.press('Enter');
  assert.equal(await headings.nth(0).getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Space');
  assert.equal(await headings.nth(0).getAttribute('aria-expanded'), 'true');
  assert.match((await headings.nth(2).textContent()) ?? '', /Frame #4\s*text[\s\S]*✗ 1/);

  await showList(page, []);
  await page.getByTestId('no-frames').getByText("The tap did not see this message's frames.").waitFor();
  await page.close();
});

test('500 fragments: 100 sections and a button for the other 400', async () => {
  const page = await openPage();
  const frames = Array.from({ length: 500 }, (_, i) => frame({ index: i, fin: i === 499, opcode: i ? 0 : 1, opcodeName: i ? 'continuation' : 'text', offset: i * 7 }));
  await showList(page, frames);
  const more = page.getByTestId('more-frames');
  assert.equal(await more.textContent(), '… 400 more frames');
  assert.equal(await page.getByTestId('frame-section').count(), 100);
  await more.click();
  await page.getByTestId('frame-section').nth(499).waitFor();
  assert.equal(await page.getByTestId('frame-section').count(), 500);
  assert.equal(await more.count(), 0);
  await page.close();
});

test('screenshots in each theme', async () => {
  const page = await openPage();
  await showList(page, [maskedText, big70000, rsv2Frame, nonMinimal]);
  const headings = page.getByTestId('frame-section').getByRole('button');
  for (const i of [1, 2, 3]) await headings.nth(i).click();
  assert.equal(await page.getByTestId('frame-header').count(), 4);
  await page.setViewportSize({ width: 1000, height: 1250 });
  await page.mouse.move(999, 1249);
  for (const theme of THEME_NAMES) {
    await applyTheme(page, theme);
    await page.screenshot({ path: join(shotsDir, `frame-diagram-${theme}.png`) });
  }
  await page.close();
});
