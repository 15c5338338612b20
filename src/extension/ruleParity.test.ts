// The panel checks what people type with src/shared's rules (the webview may import nothing
// else); core checks the same input again with its own (core may import only Node and ws).
// The extension may import both, so here, over generated inputs, the two must agree: the panel
// never refuses what the host would send, nor lets through what the host refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesFromBase64, bytesFromHex } from '../core/client/outgoing';
import { scanJsonText } from '../core/mock/jsonSyntax';
import { isValidWireCloseCode, MAX_CLOSE_REASON_BYTES, registeredCloseCodes } from '../core/protocol/closeCodes';
import { findReferences } from '../core/saved/references';
import { checkCloseCode } from '../shared/composer/composeMessage';
import { MAX_CLOSE_REASON_BYTES as SHARED_MAX_CLOSE_REASON_BYTES } from '../shared/composer/composerLimits';
import { findJsonProblem } from '../shared/composer/jsonCheck';
import { parseBase64, parseHex } from '../shared/composer/payloadEncoding';
import { mentionsReference, splitReferences } from '../shared/composer/savedMessageText';

/** A small deterministic generator (mulberry32), so a failure names an input that comes back. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` strings of up to `maxParts` parts, each part drawn from `parts`. */
function corpus(parts: readonly string[], count: number, maxParts: number, seed: number): string[] {
  const next = generator(seed);
  return Array.from({ length: count }, () => {
    const n = Math.floor(next() * (maxParts + 1));
    return Array.from({ length: n }, () => parts[Math.floor(next() * parts.length)]).join('');
  });
}

function thrown(run: () => Uint8Array): Uint8Array | 'refused' {
  try {
    return run();
  } catch {
    return 'refused';
  }
}

function agree(name: string, inputs: readonly string[], shared: (text: string) => { ok: true; value: Uint8Array } | { ok: false }, core: (text: string) => Uint8Array): void {
  let accepted = 0;
  for (const input of inputs) {
    const panel = shared(input);
    const host = thrown(() => core(input));
    assert.deepEqual(panel.ok ? [...panel.value] : 'refused', host === 'refused' ? host : [...host], `${name} of ${JSON.stringify(input)}`);
    if (panel.ok) accepted++;
  }
  // Both outcomes must be exercised, or the comparison proves little.
  assert.ok(accepted > inputs.length / 10 && accepted < inputs.length * 0.9, `${name}: ${accepted} of ${inputs.length} accepted`);
}

test('hex: the panel and the host accept the same inputs and read the same bytes', () => {
  agree('hex', corpus(['0', '7', 'a', 'F', '0x', '0X', ' ', ':', ',', '-', 'g', 'x', '\n'], 20_000, 10, 1), parseHex, bytesFromHex);
});

test('base64: the panel and the host accept the same inputs and read the same bytes', () => {
  agree('base64', corpus(['QQ', 'Zm9v', 'A', '+', '/', '-', '_', '=', '==', ' ', '\n', '!', 'YQ=='], 20_000, 6, 2), parseBase64, bytesFromBase64);
});

test('JSON: the composer and core find the same first syntax error, at the same line and column', () => {
  const inputs = corpus(['{', '}', '[', ']', '"k"', ':', ',', '1', '-0.5e3', '01', 'true', 'nul', ' ', '\n', '"\\u12"', '"\\n"', '\t', 'x'], 20_000, 9, 3);
  let valid = 0;
  for (const input of inputs) {
    const problem = findJsonProblem(input);
    const scan = scanJsonText(input);
    if (problem === undefined) {
      assert.equal(scan.error, undefined, `core refuses ${JSON.stringify(input)}: ${scan.error}`);
      valid++;
      continue;
    }
    assert.ok(scan.error, `core accepts ${JSON.stringify(input)}; the composer says ${JSON.stringify(problem)}`);
    assert.match(scan.error, new RegExp(`at line ${problem.line}, column ${problem.column}:`), `the same place in ${JSON.stringify(input)}`);
  }
  assert.ok(valid > 100, `${valid} valid documents among the inputs`);
});

test('close codes: the composer allows exactly the codes core may send, and the same reason length', () => {
  const views = registeredCloseCodes().map(({ code, name, meaning, sendable }) => ({ code, name, meaning, sendable }));
  for (let code = 0; code <= 5100; code++) {
    assert.equal(checkCloseCode(String(code), views).ok, isValidWireCloseCode(code), `close code ${code}`);
  }
  assert.equal(SHARED_MAX_CLOSE_REASON_BYTES, MAX_CLOSE_REASON_BYTES);
});

test('saved message references: the composer marks exactly the ${…} the host fills in', () => {
  const inputs = corpus(['${', '}', '$', '{', 'env', 'secret', 'var', 'file', ':', 'API_KEY', 'a.b-c', ' ', '\n', 'é', '${env:', '${secret:tok}', '"x":'], 20_000, 8, 4);
  let marked = 0;
  for (const input of inputs) {
    const host = findReferences(input).references.map((r) => r.text);
    const parts = splitReferences(input);
    assert.deepEqual(parts.filter((_, i) => i % 2 === 1), host, `the references in ${JSON.stringify(input)}`);
    assert.equal(parts.join(''), input, `the parts of ${JSON.stringify(input)} make it up`);
    assert.equal(mentionsReference(input), host.length > 0, `whether ${JSON.stringify(input)} mentions one`);
    if (host.length > 0) marked++;
  }
  assert.ok(marked > inputs.length / 10 && marked < inputs.length * 0.9, `${marked} of ${inputs.length} hold a reference`);
});
