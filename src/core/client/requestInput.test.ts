import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headersFromArgument, parseHeaderLine, parseSubprotocolList, protocolsFromArgument, typedSecrets } from './requestInput';

function message(checked: { ok: boolean; message?: string }): string {
  assert.equal(checked.ok, false, 'refused');
  return checked.message ?? '';
}

test('a header line is Name: value, trimmed, name case and inner colons kept', () => {
  assert.deepEqual(parseHeaderLine('Authorization: Bearer abc.def'), { ok: true, value: ['Authorization', 'Bearer abc.def'] });
  assert.deepEqual(parseHeaderLine('  X-Trace-Id :  t:1:2  '), { ok: true, value: ['X-Trace-Id', 't:1:2'] });
  assert.deepEqual(parseHeaderLine('X-Empty:'), { ok: true, value: ['X-Empty', ''] }, 'HTTP allows an empty value');
});

test('a header line without a colon or a name says what to write', () => {
  assert.match(message(parseHeaderLine('Authorization Bearer abc')), /Name: value, for example "Authorization: Bearer abc123".*no ":" in "Authorization Bearer abc"/);
  assert.match(message(parseHeaderLine(': value')), /needs a name before the ":"/);
});

test('a header name with a space or a value with a line break is refused by the same check the request uses', () => {
  assert.match(message(parseHeaderLine('X Api Key: 1')), /"X Api Key" is not a valid header name: use letters, digits/);
  assert.match(message(headersFromArgument({ 'X-A': 'one\r\nX-Injected: two' })), /line break or control character/);
});

test('headers the handshake writes itself are refused with why; Sec-WebSocket-Protocol points at the subprotocols', () => {
  for (const name of ['Connection', 'upgrade', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version']) assert.match(message(parseHeaderLine(`${name}: x`)), /writes it itself/);
  assert.match(message(parseHeaderLine('Sec-WebSocket-Extensions: x')), /permessage-deflate/);
  assert.match(message(parseHeaderLine('sec-websocket-protocol: chat')), /list them as subprotocols instead/);
  assert.equal(parseHeaderLine('Host: virtual.example').ok, true, 'Host may be overridden, to test virtual hosts');
});

test('a header goes once, whatever its case', () => {
  assert.match(message(parseHeaderLine('x-trace: 2', ['X-Trace'])), /x-trace is added already: give each header once/);
  assert.match(message(headersFromArgument([['X-Trace', '1'], ['x-trace', '2']])), /added already/);
});

test('subprotocols are a comma-separated list of RFC 6455 tokens, order and case kept', () => {
  assert.deepEqual(parseSubprotocolList(' chat.v2 ,Chat.V1'), { ok: true, value: ['chat.v2', 'Chat.V1'] });
  assert.deepEqual(parseSubprotocolList('   '), { ok: true, value: [] });
  assert.match(message(parseSubprotocolList('chat v2')), /"chat v2" is not a valid subprotocol: a subprotocol is one token/);
  assert.match(message(parseSubprotocolList('a,,b')), /empty entry between commas/);
  assert.match(message(parseSubprotocolList('a,')), /empty entry/);
  assert.match(message(parseSubprotocolList('a, a')), /"a" is listed twice/);
});

test('headers from a command argument: an object or a list of pairs; anything else is refused', () => {
  assert.deepEqual(headersFromArgument({ 'X-Api-Key': 'k' }), { ok: true, value: { 'X-Api-Key': 'k' } });
  assert.deepEqual(headersFromArgument([['Authorization', 'Bearer t'], ['X-Room', '7']]), { ok: true, value: { Authorization: 'Bearer t', 'X-Room': '7' } });
  assert.deepEqual(headersFromArgument(undefined), { ok: true, value: {} });
  assert.match(message(headersFromArgument('X-A: 1')), /an object .* or a list of \[name, value\] pairs/);
  assert.match(message(headersFromArgument({ 'X-A': 1 })), /a name and a string value: item 1 of headers is not a \[name, value\] pair/);
  assert.match(message(headersFromArgument([['X-A', 'ok'], ['Authorization: Bearer s3cret-tok']])), /item 2 of headers/);
  assert.doesNotMatch(message(headersFromArgument([['Authorization: Bearer s3cret-tok']])), /s3cret/, 'the refused item is not quoted: it may hold a token');
});

test('protocols from a command argument: a list or a comma-separated string, checked', () => {
  assert.deepEqual(protocolsFromArgument(['chat.v2', 'chat.v1']), { ok: true, value: ['chat.v2', 'chat.v1'] });
  assert.deepEqual(protocolsFromArgument('chat.v2, chat.v1'), { ok: true, value: ['chat.v2', 'chat.v1'] });
  assert.deepEqual(protocolsFromArgument(undefined), { ok: true, value: [] });
  assert.match(message(protocolsFromArgument(['bad name'])), /not a valid subprotocol/);
  assert.match(message(protocolsFromArgument([1])), /list of subprotocol names/);
});

test('typed credentials to hide in the log: the token after an auth scheme, other secret headers whole, ordinary headers not', () => {
  assert.deepEqual(typedSecrets({ Authorization: 'Bearer tok-123', Cookie: 'sid=abc; theme=dark', 'X-Api-Key': 'key-9', 'X-Room': 'lobby', 'X-Auth-Token': '' }), ['tok-123', 'sid=abc; theme=dark', 'key-9']);
  assert.deepEqual(typedSecrets({ Cookie: 'sid=9f2c41d07e55; theme=dark' }), ['sid=9f2c41d07e55; theme=dark', '9f2c41d07e55'], 'a session cookie echoed alone is hidden too; a short setting is not');
});
