import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePastedCommand, pastedTool, type PastedCommand } from './pastedCommand';

function parsed(text: string): PastedCommand {
  const result = parsePastedCommand(text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
}

function refused(text: string): string {
  const result = parsePastedCommand(text);
  assert.ok(!result.ok, `${text} is refused`);
  return result.message;
}

test('a wscat command: URL, headers, subprotocols and origin; its other options are left out, named', () => {
  const command = parsed(`npx wscat -n -c wss://api.example.com/feed -H 'Authorization: Bearer abc' --header="X-Trace: 7" -s chat.v2 -s chat.v1 -o https://app.example.com -x '{"hi":1}'`);
  assert.equal(command.tool, 'wscat');
  assert.equal(command.url, 'wss://api.example.com/feed');
  assert.deepEqual(command.headers, [
    ['Authorization', 'Bearer abc'],
    ['X-Trace', '7'],
    ['Origin', 'https://app.example.com'],
  ]);
  assert.deepEqual(command.protocols, ['chat.v2', 'chat.v1']);
  assert.deepEqual(command.leftOut, ['-n', '-x'], 'options by name, never their values');
});

test('wscat --auth becomes a Basic Authorization header', () => {
  const command = parsed(`wscat -c ws://127.0.0.1:8080 --auth ann:s3cret`);
  assert.deepEqual(command.headers, [['Authorization', `Basic ${Buffer.from('ann:s3cret').toString('base64')}`]]);
  assert.match(refused(`wscat -c ws://x --auth ann:pw -H 'Authorization: Bearer t'`), /Authorization is added already/);
});

test("a browser's Copy as cURL (bash) of a WebSocket: the handshake headers Socket Lens writes are left out, the rest kept", () => {
  const command = parsed(
    [
      `curl 'wss://echo.example.com/socket?room=1' \\`,
      `  -H 'Upgrade: websocket' \\`,
      `  -H 'Origin: https://echo.example.com' \\`,
      `  -H 'Cache-Control: no-cache' \\`,
      `  -H 'Connection: Upgrade' \\`,
      `  -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \\`,
      `  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' \\`,
      `  -H 'Sec-WebSocket-Version: 13' \\`,
      `  -H 'Sec-WebSocket-Protocol: graphql-transport-ws' \\`,
      `  -H 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits' \\`,
      `  -b 'session=abc; theme=dark' \\`,
      `  --compressed`,
    ].join('\n'),
  );
  assert.equal(command.url, 'wss://echo.example.com/socket?room=1');
  assert.deepEqual(command.headers.map(([n]) => n), ['Origin', 'Cache-Control', 'User-Agent', 'Cookie']);
  assert.deepEqual(command.protocols, ['graphql-transport-ws']);
  assert.deepEqual(command.leftOut, ['Upgrade header', 'Connection header', 'Sec-WebSocket-Key header', 'Sec-WebSocket-Version header', 'Sec-WebSocket-Extensions header', '--compressed']);
});

test('curl of an https URL with the upgrade headers connects over wss', () => {
  assert.equal(parsed(`curl -i -N https://example.com/ws -H "Connection: Upgrade" -H "Upgrade: websocket"`).url, 'wss://example.com/ws');
});

test('a websocat command: the URL among its other words, --protocol as a list, --basic-auth', () => {
  const command = parsed(`websocat -t --ping-interval 5 -H 'X-Api-Key: k1' --protocol 'mqtt, mqttv3.1' --basic-auth u:p ws://10.0.0.2:9001/mqtt -`);
  assert.equal(command.url, 'ws://10.0.0.2:9001/mqtt');
  assert.deepEqual(command.headers.map(([n]) => n), ['X-Api-Key', 'Authorization']);
  assert.deepEqual(command.protocols, ['mqtt', 'mqttv3.1']);
  assert.deepEqual(command.leftOut, ['-t', '--ping-interval']);
  assert.equal(command.otherWords, 1, 'the "-" of standard input');
});

test("Socket Lens's own Copy as CLI line reads back, once its variables are filled in", () => {
  const command = parsed(`socket-lens connect 'wss://api.example.com/feed?room=1' -H 'X-Trace: 7' -p chat --origin https://a.example --cookie sid=1 --cookie lang=en --bearer tkn -q token=abc --keepalive 30000 --no-deflate --reconnect 5 --insecure=yes`);
  assert.equal(command.url, 'wss://api.example.com/feed?room=1&token=abc');
  assert.deepEqual(command.headers, [
    ['X-Trace', '7'],
    ['Origin', 'https://a.example'],
    ['Cookie', 'sid=1; lang=en'],
    ['Authorization', 'Bearer tkn'],
  ]);
  assert.deepEqual(command.protocols, ['chat']);
  assert.deepEqual(command.leftOut, ['--keepalive', '--no-deflate', '--reconnect', '--insecure'], 'by name only, --reconnect with its count');
  assert.equal(command.otherWords, 0);
  assert.match(refused(`socket-lens connect wss://x --bearer-env SOCKET_LENS_TOKEN`), /environment variable SOCKET_LENS_TOKEN.*--bearer with the value/);
  assert.match(refused(`socket-lens connect wss://x -H 'Authorization: '"$SOCKET_LENS_AUTHORIZATION"`), /environment variable SOCKET_LENS_AUTHORIZATION/);
});

test('an unknown option is named without its value, which may be a secret', () => {
  const command = parsed(`websocat --api-token=s3cret -H 'X-A: 1' ws://x/`);
  assert.deepEqual(command.leftOut, ['--api-token']);
  assert.deepEqual(command.headers, [['X-A', '1']]);
});

test('what cannot connect is refused with what to do', () => {
  assert.match(refused(`wscat -l 8080`), /-l makes wscat a server: use Socket Lens: Start Mock Server/);
  assert.match(refused(`websocat -s 8080`), /server/);
  assert.match(refused(`socket-lens mock echo`), /Start Mock Server/);
  assert.match(refused(`wscat -n`), /no ws:\/\/ or wss:\/\/ URL/);
  assert.match(refused(`wscat -c ws://x -H`), /-H at the end of the command has no value/);
  assert.match(refused(`wscat -c ws://x -H NoColon`), /"Name: value"/);
  assert.match(refused(`wscat -c ws://x -H 'X-A: 1' -H 'x-a: 2'`), /x-a is added already/);
  assert.match(refused(`wscat -c ftp://x`), /ws:\/\/|wss:\/\//);
  assert.match(refused(`wscat -c ws://x -s 'bad proto'`), /subprotocol/i);
});

test('a text is read as a command only when it starts with one of the tools', () => {
  assert.equal(pastedTool('wscat -c ws://x'), 'wscat');
  assert.equal(pastedTool('  /usr/local/bin/websocat ws://x'), 'websocat');
  assert.equal(pastedTool('npx -y wscat -c ws://x'), 'wscat');
  assert.equal(pastedTool('curl.exe wss://x'), 'curl');
  assert.equal(pastedTool('ws://127.0.0.1:8080'), undefined);
  assert.equal(pastedTool('wscat'), undefined, 'a word alone is not a command');
  assert.equal(pastedTool('telnet x 80'), undefined);
  assert.equal(pastedTool('constructor x'), undefined, 'only the tools, not what every object has');
});
