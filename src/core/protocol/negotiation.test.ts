import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCloseCode, isValidWireCloseCode, registeredCloseCodes } from './closeCodes';
import { parseExtensions, parsePerMessageDeflate, parseSubprotocols } from './negotiation';

test('Sec-WebSocket-Protocol: tokens in order, case kept, malformed entries explained', () => {
  assert.deepEqual(parseSubprotocols('graphql-ws, MQTT ,v2.chat'), { value: ['graphql-ws', 'MQTT', 'v2.chat'], problems: [] });
  const bad = parseSubprotocols('chat,,"quoted", chat');
  assert.deepEqual(bad.value, ['chat']);
  assert.equal(bad.problems.length, 3);
  assert.match(bad.problems[0]!, /empty entry/);
  assert.match(bad.problems[1]!, /not a valid subprotocol name/);
  assert.match(bad.problems[2]!, /listed twice/);
});

test('Sec-WebSocket-Extensions: several offers, parameters with and without values, quoted values', () => {
  const parsed = parseExtensions('permessage-deflate; client_max_window_bits, permessage-deflate; server_max_window_bits="10"; server_no_context_takeover, x-custom');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.value, [
    { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] },
    { name: 'permessage-deflate', params: [{ name: 'server_max_window_bits', value: '10' }, { name: 'server_no_context_takeover', value: true }] },
    { name: 'x-custom', params: [] },
  ]);
  assert.match(parseExtensions('permessage-deflate; a b').problems[0]!, /malformed parameter/);
});

test('permessage-deflate parameters (RFC 7692 §7): values, and what a response may not say', () => {
  const [offer] = parseExtensions('permessage-deflate; client_max_window_bits; server_max_window_bits=12; client_no_context_takeover').value;
  assert.deepEqual(parsePerMessageDeflate(offer!, false), {
    value: { serverNoContextTakeover: false, clientNoContextTakeover: true, serverMaxWindowBits: 12, clientMaxWindowBits: true },
    problems: [],
  });
  const [response] = parseExtensions('permessage-deflate; client_max_window_bits; server_max_window_bits=16; server_no_context_takeover=1; mystery').value;
  const problems = parsePerMessageDeflate(response!, true).problems;
  assert.equal(problems.length, 4, problems.join('\n'));
  assert.match(problems.join('\n'), /client_max_window_bits needs a value/);
  assert.match(problems.join('\n'), /server_max_window_bits=16 must be a whole number from 8 to 15/);
  assert.match(problems.join('\n'), /takes no value/);
  assert.match(problems.join('\n'), /unknown parameter mystery/);
});

test('close codes: the registry, what may be sent, and descriptions of unregistered ranges', () => {
  assert.equal(registeredCloseCodes().length, 16);
  assert.equal(describeCloseCode(1000).name, 'Normal Closure');
  assert.equal(describeCloseCode(1006).sendable, false);
  assert.equal(describeCloseCode(3500).name, 'Registered for libraries');
  assert.equal(describeCloseCode(4500).name, 'Private use');
  assert.equal(describeCloseCode(2000).sendable, false);
  const valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999];
  const invalid = [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 1000.5];
  assert.deepEqual(valid.filter(isValidWireCloseCode), valid);
  assert.deepEqual(invalid.filter(isValidWireCloseCode), []);
});
