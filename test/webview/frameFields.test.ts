import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameView, ViolationView } from '../../src/shared/viewModels';
import { frameLayout, violationFields } from '../../webview/components/frameFields';

const base: FrameView = {
  index: 0, offset: 0, time: 0, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, opcodeName: 'text',
  masked: false, payloadLength: 5, lengthEncoding: 7, minimalLength: true, headerLength: 2, violations: [],
};

const where = (f: FrameView) => frameLayout(f).segments.map((s) => `${s.field.key}@${s.row}:${s.column}+${s.span}`);

test('fields sit at their RFC 6455 §5.2 bit positions, cut into 32-bit rows', () => {
  assert.deepEqual(where(base), ['fin@0:0+1', 'rsv1@0:1+1', 'rsv2@0:2+1', 'rsv3@0:3+1', 'opcode@0:4+4', 'mask@0:8+1', 'len7@0:9+7']);
  const big = { ...base, masked: true, maskingKey: '01020304', payloadLength: 70000, lengthEncoding: 64, headerLength: 14 } as const;
  assert.deepEqual(where(big).slice(7), ['extLen@0:16+16', 'extLen@1:0+32', 'extLen@2:0+16', 'maskKey@2:16+16', 'maskKey@3:0+16']);
  const layout = frameLayout(big);
  assert.equal(layout.headerBits, 14 * 8);
  assert.deepEqual([layout.rows, layout.payloadColumn], [4, 16]);
  assert.deepEqual([frameLayout(base).rows, frameLayout(base).payloadColumn], [1, 16]);
});

test('a masked frame without a recorded key still draws 32 bits, as unknown', () => {
  const key = frameLayout({ ...base, masked: true }).fields.find((f) => f.key === 'maskKey')!;
  assert.equal(key.bits, '?'.repeat(32));
  assert.equal(key.value, 'not recorded');
});

test('violations are pinned on the fields the decoder names', () => {
  const fields = (field?: ViolationView['field']) => violationFields({ rfc: '5.2', closeCode: 1002, message: 'x', ...(field && { field }) });
  assert.deepEqual(fields('rsv1'), ['rsv1']);
  assert.deepEqual(fields('opcode'), ['opcode']);
  assert.deepEqual(fields('fin'), ['fin']);
  assert.deepEqual(fields('mask'), ['mask']);
  assert.deepEqual(fields('length'), ['len7', 'extLen']);
  assert.deepEqual(fields(undefined), [], 'a payload problem (UTF-8, a close code) is on no header field');
});
