import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs } from './cliArgs';

test('parses connect with headers, subprotocols and --json', () => {
  assert.deepEqual(parseCliArgs(['connect', 'ws://h/', '-H', 'Authorization: Bearer a:b', '--protocol', 'v2', '-p', 'v1', '--json']), {
    kind: 'connect',
    url: 'ws://h/',
    connection: { headers: { Authorization: 'Bearer a:b' }, protocols: ['v2', 'v1'] },
    transport: { insecure: false },
    json: true,
  });
});

test('explains usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['connect'], /needs a URL/],
    [['connect', 'ws://a', 'ws://b'], /one URL/],
    [['connect', 'ws://a', '-H', 'nocolon'], /needs a value like/],
    [['connect', 'ws://a', '--bogus'], /Unknown option "--bogus"/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ];
  for (const [argv, message] of cases) {
    const parsed = parseCliArgs(argv);
    assert.equal(parsed.kind, 'usage-error', argv.join(' '));
    if (parsed.kind === 'usage-error') assert.match(parsed.message, message);
  }
  assert.deepEqual(parseCliArgs([]), { kind: 'help' });
});

test('a usage error that quotes the URLs hides their secrets', () => {
  const parsed = parseCliArgs(['connect', 'ws://a/?token=s3cret-a', 'ws://me:s3cret-b@b/']);
  assert.equal(parsed.kind, 'usage-error');
  if (parsed.kind === 'usage-error') assert.match(parsed.message, /got "ws:\/\/a\/\?token=\*\*\*" and "ws:\/\/\*\*\*:\*\*\*@b\/"/);
});

test('parses decode: a file, standard input or --hex, with its options', () => {
  assert.deepEqual(parseCliArgs(['decode', 'capture.bin', '--sender', 'client']), {
    kind: 'decode',
    input: { from: 'file', path: 'capture.bin' },
    sender: 'client',
    json: false,
    deflate: false,
    previewBytes: 4096,
    maxPayload: undefined,
  });
  assert.deepEqual(parseCliArgs(['decode', '-', '--sender=server', '--json', '--deflate', '--preview-bytes', '0', '--max-payload=1024']), {
    kind: 'decode',
    input: { from: 'stdin' },
    sender: 'server',
    json: true,
    deflate: true,
    previewBytes: 0,
    maxPayload: 1024,
  });
  const hex = parseCliArgs(['decode', '--sender', 'server', '--hex', '0x81 0X05:48\n65 6c6c6f']);
  assert.equal(hex.kind, 'decode');
  if (hex.kind === 'decode') assert.deepEqual(hex.input, { from: 'hex', bytes: Uint8Array.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]) });
});

test('explains decode usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['decode', '--sender', 'server'], /decode needs input: a FILE, - for standard input, or --hex/],
    [['decode', 'a.bin'], /decode needs --sender client or --sender server/],
    [['decode', 'a.bin', '--sender', 'browser'], /--sender needs client or server, not "browser"/],
    [['decode', 'a.bin', '--sender'], /--sender needs client or server\.$/],
    [['decode', 'a.bin', 'b.bin', '--sender', 'server'], /one input .* but got "a\.bin" and "b\.bin"/],
    [['decode', '-', '--hex', '81 00', '--sender', 'server'], /but got "-" and --hex/],
    [['decode', '--hex', '81 0', '--sender', 'server'], /odd number of hex digits \(3\): the digit "0" at character 4 has no partner/],
    [['decode', '--hex', '81 zz', '--sender', 'server'], /--hex: "z" at character 4 is not a hex digit/],
    [['decode', '--hex', ' : ', '--sender', 'server'], /--hex has no hex digits/],
    [['decode', '--hex'], /--hex needs the bytes as hex digits/],
    [['decode', '-', '--sender', 'server', '--preview-bytes', '-1'], /--preview-bytes needs a whole number of bytes from 0 to 16777216, not "-1"/],
    [['decode', '-', '--sender', 'server', '--preview-bytes', '99999999'], /from 0 to 16777216/],
    [['decode', '-', '--sender', 'server', '--max-payload', '1.5'], /--max-payload needs a whole number of bytes/],
    [['decode', '-', '--sender', 'server', '--follow'], /Unknown option "--follow" for decode/],
  ];
  for (const [argv, message] of cases) {
    const parsed = parseCliArgs(argv);
    assert.equal(parsed.kind, 'usage-error', argv.join(' '));
    if (parsed.kind === 'usage-error') assert.match(parsed.message, message, argv.join(' '));
  }
});
