import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { encodeClosePayload, encodeFrame, headerBytes } from './frameEncoder';
import { FrameParser } from './frameParser';
import { FrameDecoder, type FrameDecoderOptions, type FrameRecord, type MessageRecord } from './frameDecoder';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

interface Decoded {
  frames: FrameRecord[];
  messages: MessageRecord[];
  decoder: FrameDecoder;
}

function decode(bytes: Uint8Array, options: FrameDecoderOptions, chunkSizes?: (remaining: number) => number): Decoded {
  const frames: FrameRecord[] = [];
  const messages: MessageRecord[] = [];
  const decoder = new FrameDecoder({ frame: (f) => frames.push({ ...f }), message: (m) => messages.push({ ...m }) }, options);
  let at = 0;
  while (at < bytes.length) {
    const size = chunkSizes ? Math.max(1, chunkSizes(bytes.length - at)) : bytes.length;
    decoder.push(bytes.slice(at, at + size));
    at += size;
  }
  return { frames, messages, decoder };
}

/** Everything a decode produced, as plain data, so two decodes can be compared. */
function summary({ frames, messages, decoder }: Decoded): unknown {
  return {
    frames: frames.map((f) => ({ ...f, payloadPreview: toHex(f.payloadPreview), violations: f.violations.map((v) => `${v.rfc}/${v.closeCode}`) })),
    messages: messages.map((m) => ({ ...m, preview: toHex(m.preview), violations: m.violations.map((v) => `${v.rfc}/${v.closeCode}`) })),
    pending: decoder.pending(),
  };
}

const codes = (frame: FrameRecord | MessageRecord) => frame.violations.map((v) => `${v.rfc}:${v.closeCode}`);

describe('FrameDecoder on the examples of RFC 6455 §5.7', () => {
  it('a single-frame unmasked text message', () => {
    const { frames, messages } = decode(hex('81 05 48 65 6c 6c 6f'), { sender: 'server', previewBytes: 64 });
    assert.equal(frames.length, 1);
    const [frame] = frames as [FrameRecord];
    assert.deepEqual([frame.fin, frame.rsv1, frame.opcode, frame.opcodeName, frame.masked, frame.maskingKey, frame.payloadLength, frame.lengthEncoding], [true, false, 1, 'text', false, null, 5, 7]);
    assert.equal(Buffer.from(frame.payloadPreview!).toString(), 'Hello');
    assert.deepEqual(frame.violations, []);
    assert.equal(messages.length, 1);
    assert.deepEqual([messages[0]!.kind, messages[0]!.frameCount, messages[0]!.wireLength, messages[0]!.complete], ['text', 1, 5, true]);
  });

  it('a single-frame masked text message: unmasks with key 37fa213d', () => {
    const { frames, messages } = decode(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client', previewBytes: 64 });
    assert.equal(frames[0]!.maskingKey, 0x37fa213d);
    assert.equal(frames[0]!.headerLength, 6);
    assert.equal(Buffer.from(frames[0]!.payloadPreview!).toString(), 'Hello');
    assert.equal(Buffer.from(messages[0]!.preview!).toString(), 'Hello');
    assert.deepEqual(frames[0]!.violations, []);
  });

  it('a fragmented unmasked text message: "Hel" + "lo"', () => {
    const { frames, messages } = decode(hex('01 03 48 65 6c 80 02 6c 6f'), { sender: 'server', previewBytes: 64 });
    assert.deepEqual(frames.map((f) => [f.fin, f.opcodeName, f.messageIndex]), [[false, 'text', 0], [true, 'continuation', 0]]);
    assert.equal(messages.length, 1);
    assert.deepEqual([messages[0]!.frameCount, messages[0]!.wireLength, Buffer.from(messages[0]!.preview!).toString()], [2, 5, 'Hello']);
  });

  it('an unmasked ping and a masked pong, both "Hello"', () => {
    const ping = decode(hex('89 05 48 65 6c 6c 6f'), { sender: 'server' });
    assert.equal(ping.frames[0]!.opcodeName, 'ping');
    assert.equal(Buffer.from(ping.frames[0]!.payloadPreview!).toString(), 'Hello');
    assert.equal(ping.messages.length, 0);
    const pong = decode(hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client' });
    assert.equal(pong.frames[0]!.opcodeName, 'pong');
    assert.equal(Buffer.from(pong.frames[0]!.payloadPreview!).toString(), 'Hello');
  });

  it('256 bytes and 64 KiB of binary in one unmasked frame: 16- and 64-bit lengths', () => {
    const small = decode(new Uint8Array([...hex('82 7e 01 00'), ...new Uint8Array(256)]), { sender: 'server' });
    assert.deepEqual([small.frames[0]!.payloadLength, small.frames[0]!.lengthEncoding, small.frames[0]!.minimalLength, small.frames[0]!.headerLength], [256, 16, true, 4]);
    const big = decode(new Uint8Array([...hex('82 7f 00 00 00 00 00 01 00 00'), ...new Uint8Array(65536)]), { sender: 'server' });
    assert.deepEqual([big.frames[0]!.payloadLength, big.frames[0]!.lengthEncoding, big.frames[0]!.minimalLength, big.frames[0]!.headerLength], [65536, 64, true, 10]);
    assert.deepEqual(big.frames[0]!.violations, []);
    assert.equal(big.messages[0]!.kind, 'binary');
  });

  it('rebuilds every header byte for byte', () => {
    for (const bytes of ['81 85 37 fa 21 3d', '82 7e 01 00', '82 7f 00 00 00 00 00 01 00 00', '02 7f 80 00 00 00 00 00 00 00']) {
      const header = hex(bytes);
      const { frames, decoder } = decode(header, { sender: 'server' });
      const seen = frames[0] ?? undefined;
      if (seen) assert.equal(toHex(headerBytes(seen)), toHex(header));
      else assert.ok(decoder.pending()!.payloadBytesMissing > 0);
    }
  });
});

/** A stream with every kind of frame, valid and not, for the chunking tests. */
function mixedServerStream(): Uint8Array {
  const parts = [
    encodeFrame({ opcode: 1, payload: 'héllo wörld 🎉' }),
    encodeFrame({ opcode: 1, payload: Buffer.from('🎉 split', 'utf8').subarray(0, 2), fin: false }),
    encodeFrame({ opcode: 9, payload: 'ping in the middle' }),
    encodeFrame({ opcode: 0, payload: Buffer.from('🎉 split', 'utf8').subarray(2) }),
    encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(7) }),
    encodeFrame({ opcode: 2, payload: new Uint8Array(70_000).fill(1) }),
    encodeFrame({ opcode: 1, payload: 'short', lengthEncoding: 64 }),
    encodeFrame({ opcode: 1, payload: hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64') }),
    encodeFrame({ opcode: 3, payload: 'reserved' }),
    encodeFrame({ opcode: 0, payload: 'stray' }),
    encodeFrame({ opcode: 1, payload: 'x', rsv2: true, mask: hex('01020304') }),
    encodeFrame({ opcode: 8, payload: encodeClosePayload(1000, 'bye') }),
  ];
  return Uint8Array.from(Buffer.concat(parts));
}

describe('FrameDecoder chunking', () => {
  const stream = mixedServerStream();
  const options: FrameDecoderOptions = { sender: 'server', previewBytes: 32 };
  const whole = summary(decode(stream, options));

  it('gives the same frames one byte at a time', () => {
    assert.deepEqual(summary(decode(stream, options, () => 1)), whole);
  });

  it('gives the same frames split at every boundary', () => {
    for (let cut = 1; cut < stream.length; cut += cut < 400 ? 1 : 997) {
      let first = true;
      const result = decode(stream, options, () => (first ? ((first = false), cut) : stream.length));
      assert.deepEqual(summary(result), whole, `split at ${cut}`);
    }
  });

  it('gives the same frames at random boundaries', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      assert.deepEqual(summary(decode(stream, options, () => 1 + Math.floor(random() * 40))), whole, `round ${round}`);
    }
  });

  it('reports what the mixed stream holds', () => {
    const { frames, messages } = decode(stream, options);
    assert.equal(frames.length, 12);
    assert.equal(Buffer.from(messages[1]!.preview!).toString(), '🎉 split');
    assert.deepEqual(messages[1]!.violations, []);
    assert.deepEqual(codes(frames[6]!), ['5.2:null']);
    assert.deepEqual(codes(messages[5]!), ['8.1:1007']);
    assert.match(messages[5]!.violations[0]!.message, /at byte 12/);
    assert.deepEqual(codes(frames[8]!), ['5.2:1002']);
    assert.deepEqual(codes(frames[9]!), ['5.4:1002']);
    assert.deepEqual(codes(frames[10]!), ['5.2:1002', '5.1:1002']);
    assert.deepEqual([frames[11]!.closeCode, frames[11]!.closeReason], [1000, 'bye']);
  });
});

describe('FrameDecoder violations', () => {
  const server = (...frames: Uint8Array[]) => decode(Uint8Array.from(Buffer.concat(frames)), { sender: 'server', previewBytes: 16 });

  it('reserved bits without an extension, and RSV1 with permessage-deflate', () => {
    assert.deepEqual(codes(server(encodeFrame({ opcode: 1, rsv1: true, payload: 'a' })).frames[0]!), ['5.2:1002']);
    assert.deepEqual(codes(server(encodeFrame({ opcode: 1, rsv3: true })).frames[0]!), ['5.2:1002']);
    const deflate = decode(Uint8Array.from(Buffer.concat([encodeFrame({ opcode: 1, rsv1: true, fin: false, payload: hex('ff') }), encodeFrame({ opcode: 0, rsv1: true, payload: hex('ff') })])), { sender: 'server', perMessageDeflate: true });
    assert.deepEqual(codes(deflate.frames[0]!), []);
    assert.deepEqual(codes(deflate.frames[1]!), ['7692 §6.1:1002']);
    assert.equal(deflate.messages[0]!.compressed, true);
    assert.deepEqual(codes(deflate.messages[0]!), [], 'compressed text is not validated before inflation');
  });

  it('fragmented and oversized control frames', () => {
    assert.deepEqual(codes(server(encodeFrame({ opcode: 9, fin: false })).frames[0]!), ['5.5:1002']);
    assert.deepEqual(codes(server(encodeFrame({ opcode: 10, payload: new Uint8Array(126) })).frames[0]!), ['5.5:1002']);
  });

  it('a new data frame inside a fragmented message', () => {
    const { frames, messages } = server(encodeFrame({ opcode: 1, fin: false, payload: 'a' }), encodeFrame({ opcode: 2, payload: 'b' }));
    assert.deepEqual(codes(frames[1]!), ['5.4:1002']);
    assert.deepEqual(messages.map((m) => [m.kind, m.complete]), [['text', false], ['binary', true]]);
  });

  it('close frames: 1-byte payload, invalid codes, invalid UTF-8 reason with its offset', () => {
    assert.deepEqual(codes(server(encodeFrame({ opcode: 8, payload: hex('03') })).frames[0]!), ['5.5.1:1002']);
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000]) {
      assert.deepEqual(codes(server(encodeFrame({ opcode: 8, payload: encodeClosePayload(code) })).frames[0]!), ['7.4.1:1002'], `code ${code}`);
    }
    for (const code of [1000, 1001, 1003, 1007, 1011, 1012, 1014, 3000, 4999]) {
      assert.deepEqual(codes(server(encodeFrame({ opcode: 8, payload: encodeClosePayload(code) })).frames[0]!), [], `code ${code}`);
    }
    const bad = server(encodeFrame({ opcode: 8, payload: encodeClosePayload(1000, hex('6f 6b ff')) })).frames[0]!;
    assert.deepEqual(codes(bad), ['5.5.1:1007']);
    assert.match(bad.violations[0]!.message, /byte 2 of the reason/);
  });

  it('invalid UTF-8 split across frames is found at the right offset; a truncated code point at the end too', () => {
    const euro = hex('e2 82 ac');
    const split = server(encodeFrame({ opcode: 1, fin: false, payload: euro.subarray(0, 1) }), encodeFrame({ opcode: 0, fin: false, payload: euro.subarray(1, 2) }), encodeFrame({ opcode: 0, payload: euro.subarray(2) }));
    assert.deepEqual(codes(split.messages[0]!), []);
    const broken = server(encodeFrame({ opcode: 1, fin: false, payload: hex('41 e2') }), encodeFrame({ opcode: 0, payload: hex('28 a1') }));
    assert.deepEqual(codes(broken.messages[0]!), ['8.1:1007']);
    assert.match(broken.messages[0]!.violations[0]!.message, /at byte 2 \(in its fragment 2\)/);
    assert.deepEqual(codes(broken.frames[1]!), ['8.1:1007']);
    const truncated = server(encodeFrame({ opcode: 1, payload: hex('41 f0 9f 98') }));
    assert.deepEqual(codes(truncated.messages[0]!), ['8.1:1007']);
    assert.match(truncated.messages[0]!.violations[0]!.message, /at byte 4/);
  });

  it('masking: unmasked client frames and masked server frames', () => {
    assert.deepEqual(codes(decode(encodeFrame({ opcode: 1, payload: 'a' }), { sender: 'client' }).frames[0]!), ['5.1:1002']);
    assert.deepEqual(codes(decode(encodeFrame({ opcode: 1, payload: 'a', mask: true }), { sender: 'server' }).frames[0]!), ['5.1:1002']);
  });

  it('a 64-bit length with its top bit set, and non-minimal lengths as warnings', () => {
    const { frames } = decode(hex('82 7f 80 00 00 00 00 00 00 01 aa'), { sender: 'server' });
    assert.deepEqual(codes(frames[0]!), ['5.2:1002', '5.2:null']);
    assert.equal(frames[0]!.payloadLength, 1, 'reads past the top bit so the stream stays framed');
    assert.equal(toHex(headerBytes(frames[0]!)), '827f8000000000000001');
    assert.deepEqual(codes(server(encodeFrame({ opcode: 2, payload: 'a', lengthEncoding: 16 })).frames[0]!), ['5.2:null']);
  });

  it('a frame longer than the receiver\'s limit gets 1009', () => {
    const { frames } = decode(encodeFrame({ opcode: 2, payload: new Uint8Array(2000) }), { sender: 'server', maxPayloadBytes: 1024 });
    assert.deepEqual(codes(frames[0]!), ['10.4:1009']);
  });

  it('says how much of a truncated frame is missing', () => {
    const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(300) });
    assert.deepEqual(decode(frame.subarray(0, 3), { sender: 'server' }).decoder.pending(), { offset: 0, headerBytesMissing: 1, payloadBytesMissing: 0, opcode: 2 });
    assert.deepEqual(decode(frame.subarray(0, 1), { sender: 'server' }).decoder.pending(), { offset: 0, headerBytesMissing: 1, payloadBytesMissing: 0 });
    assert.deepEqual(decode(frame.subarray(0, 104), { sender: 'server' }).decoder.pending(), { offset: 0, headerBytesMissing: 0, payloadBytesMissing: 200 });
    assert.equal(decode(frame, { sender: 'server' }).decoder.pending(), undefined);
  });
});

describe('FrameDecoder on a frame cut off inside its header', () => {
  const firstCodes = (bytes: Uint8Array, sender: 'client' | 'server' = 'server') => decode(bytes, { sender }).decoder.pending()?.violations?.map((v) => `${v.rfc}:${v.closeCode}`);

  it('judges the first two bytes as soon as they are in', () => {
    assert.deepEqual(firstCodes(encodeFrame({ opcode: 2, payload: new Uint8Array(3), rsv2: true, lengthEncoding: 64 }).subarray(0, 4)), ['5.2:1002']);
    assert.deepEqual(firstCodes(encodeFrame({ opcode: 0xb, payload: 'xyz', lengthEncoding: 16 }).subarray(0, 3)), ['5.2:1002']);
    assert.deepEqual(firstCodes(encodeFrame({ opcode: 9, payload: new Uint8Array(200) }).subarray(0, 2)), ['5.5:1002']);
    assert.deepEqual(firstCodes(encodeFrame({ opcode: 1, payload: 'x', mask: false }).subarray(0, 1), 'client'), undefined);
    assert.deepEqual(firstCodes(Uint8Array.of(0x81, 0xfe, 0x01), 'server'), ['5.1:1002']);
  });

  it('knows a continuation with no message open from its first byte', () => {
    assert.deepEqual(firstCodes(encodeFrame({ opcode: 0, payload: new Uint8Array(300) }).subarray(0, 3)), ['5.4:1002']);
  });

  it('flags a close frame declaring a 1-byte payload before that byte arrives', () => {
    const { decoder } = decode(Uint8Array.of(0x88, 0x01), { sender: 'server' });
    assert.deepEqual(decoder.pending()?.violations?.map((v) => v.rfc), ['5.5.1']);
    const { frames } = decode(Uint8Array.of(0x88, 0x01, 0x03), { sender: 'server' });
    assert.deepEqual(frames[0]!.violations.map((v) => `${v.rfc}:${v.closeCode}`), ['5.5.1:1002']);
  });

  it('puts an out-of-sequence frame\'s 1002 before its size limit\'s 1009, as a receiver meets them', () => {
    const { frames } = decode(encodeFrame({ opcode: 0, payload: new Uint8Array(300) }), { sender: 'server', maxPayloadBytes: 200 });
    assert.deepEqual(frames[0]!.violations.map((v) => `${v.rfc}:${v.closeCode}`), ['5.4:1002', '10.4:1009']);
  });
});

describe('FrameDecoder with deferUtf8', () => {
  const bad = Buffer.from([0x68, 0x69, 0xc0, 0xaf]);

  it('leaves uncompressed text to the receiver and says so', () => {
    for (const bytes of [encodeFrame({ opcode: 1, payload: bad }), Buffer.concat([encodeFrame({ opcode: 1, fin: false, payload: bad.subarray(0, 2) }), encodeFrame({ opcode: 0, payload: bad.subarray(2) })])]) {
      const { messages, frames } = decode(bytes, { sender: 'server', deferUtf8: true });
      assert.deepEqual(messages[0]!.violations, []);
      assert.deepEqual(frames.flatMap((f) => f.violations), []);
      assert.equal(messages[0]!.utf8Deferred, true);
    }
  });

  it('defers nothing that is not uncompressed text, and by default nothing at all', () => {
    assert.equal(decode(encodeFrame({ opcode: 2, payload: bad }), { sender: 'server', deferUtf8: true }).messages[0]!.utf8Deferred, false);
    assert.equal(decode(encodeFrame({ opcode: 1, payload: bad, rsv1: true }), { sender: 'server', deferUtf8: true, perMessageDeflate: true }).messages[0]!.utf8Deferred, false);
    const checked = decode(encodeFrame({ opcode: 1, payload: bad }), { sender: 'server' }).messages[0]!;
    assert.equal(checked.utf8Deferred, false);
    assert.deepEqual(checked.violations.map((v) => v.rfc), ['8.1']);
  });
});

describe('headerBytes', () => {
  it('rebuilds a 64-bit length byte for byte, even past 2^53 and with the top bit set', () => {
    for (const length of ['7fffffffffffffff', 'ffffffff00000001', '0020000000000001', '0000000000010000']) {
      const header = Buffer.from(`827f${length}`, 'hex');
      let rebuilt = '';
      const parser = new FrameParser({ frameStart: (h) => ((rebuilt = Buffer.from(headerBytes(h)).toString('hex')), false), framePayload: () => {}, frameEnd: () => {} }, { sender: 'server' });
      parser.push(header);
      assert.equal(rebuilt, header.toString('hex'));
    }
  });
});

describe('encodeFrame', () => {
  it('builds what the decoder reads back, masked or not, at every length boundary', () => {
    for (const length of [0, 1, 125, 126, 127, 65535, 65536]) {
      for (const mask of [false, true]) {
        const payload = new Uint8Array(length).map((_, i) => i & 0xff);
        const { frames, messages } = decode(encodeFrame({ opcode: 2, payload, mask }), { sender: mask ? 'client' : 'server', previewBytes: 70_000 });
        assert.equal(frames[0]!.payloadLength, length);
        assert.equal(frames[0]!.lengthEncoding, length <= 125 ? 7 : length <= 65535 ? 16 : 64);
        assert.deepEqual(codes(frames[0]!), []);
        assert.equal(toHex(messages[0]!.preview), toHex(payload));
      }
    }
  });

  it('refuses specs that cannot be encoded, saying why', () => {
    assert.throws(() => encodeFrame({ opcode: 16 }), /0 to 15/);
    assert.throws(() => encodeFrame({ opcode: 1, payload: new Uint8Array(200), lengthEncoding: 7 }), /does not fit the 7-bit form/);
    assert.throws(() => encodeFrame({ opcode: 1, mask: new Uint8Array(3) }), /exactly 4 bytes/);
  });

  it('can lie about the length', () => {
    const frame = encodeFrame({ opcode: 1, payload: 'abc', declaredLength: 10 });
    assert.equal(toHex(frame), '810a616263');
  });
});

test('a frame that never completes still reports what its header broke', () => {
  const { frames, decoder } = decode(hex('82 ff 00 00 01 00 00 00 00 00 37 fa 21 3d'), { sender: 'client', maxPayloadBytes: 1 << 20 });
  assert.equal(frames.length, 0);
  const pending = decoder.pending()!;
  assert.equal(pending.payloadBytesMissing, 2 ** 40);
  assert.deepEqual(pending.violations?.map((v) => `${v.rfc}:${v.closeCode}`), ['10.4:1009']);
});

test('a header violation names the field at fault, for views that draw the header', () => {
  const fieldsOf = (bytes: string, options: FrameDecoderOptions) => decode(hex(bytes), options).frames[0]!.violations.map((v) => v.field ?? '-');
  assert.deepEqual(fieldsOf('a1 00', { sender: 'server' }), ['rsv2'], 'RSV2 set');
  assert.deepEqual(fieldsOf('83 00', { sender: 'server' }), ['opcode'], 'reserved opcode 0x3');
  assert.deepEqual(fieldsOf('09 00', { sender: 'server' }), ['fin'], 'a fragmented ping');
  assert.deepEqual(fieldsOf('81 00', { sender: 'client' }), ['mask'], 'an unmasked client frame');
  assert.deepEqual(fieldsOf('81 7e 00 05 68 65 6c 6c 6f', { sender: 'server' }), ['length'], 'a 16-bit form for 5 bytes');
  assert.deepEqual(fieldsOf('00 00', { sender: 'server' }), ['opcode'], 'a continuation with nothing open');
  assert.deepEqual(fieldsOf('88 04 03 e8 c3 28', { sender: 'server' }), ['-'], 'a close reason that is not UTF-8 is about the payload');
});
