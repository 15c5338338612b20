/** The commands whose options Connect… reads from a paste, and what each option says. */
export type PastedTool = 'wscat' | 'websocat' | 'curl' | 'socket-lens';

/**
 * What an option does to the request: gives the URL, a header, subprotocols, Origin, credentials
 * or a query parameter; `value`: takes a value but does not change the request (left out);
 * `flag`: takes none (left out); `count-or-flag`: takes a number if one follows (left
 * out); `server`: makes the tool a server instead; `env`: names an
 * environment variable that holds a credential, which Socket Lens cannot read. Options not listed
 * are taken to have no value and left out.
 */
export type OptionUse = 'url' | 'header' | 'protocol' | 'origin' | 'user-agent' | 'referer' | 'basic' | 'bearer' | 'cookie' | 'query' | 'value' | 'flag' | 'count-or-flag' | 'server' | 'env';

const each = (use: OptionUse, ...names: string[]): Record<string, OptionUse> => Object.fromEntries(names.map((n) => [n, use]));

export const COMMAND_OPTIONS: Record<PastedTool, Record<string, OptionUse>> = {
  // wscat 6 (npm ws's wscat --help).
  wscat: {
    ...each('url', '-c', '--connect'),
    ...each('header', '-H', '--header'),
    ...each('protocol', '-s', '--subprotocol'),
    ...each('origin', '-o', '--origin'),
    ...each('basic', '--auth'),
    ...each('server', '-l', '--listen'),
    ...each('value', '-x', '--execute', '-w', '--wait', '-p', '--protocol', '--ca', '--cert', '--key', '--passphrase', '--proxy', '--max-redirects'),
    ...each('flag', '-n', '--no-check', '-P', '--show-ping-pong', '-L', '--location', '--slash', '--no-color'),
  },
  // websocat 1.x; its many transport options are left out.
  websocat: {
    ...each('header', '-H', '--header'),
    ...each('protocol', '--protocol'),
    ...each('origin', '--origin'),
    ...each('basic', '--basic-auth'),
    ...each('server', '-s', '--server-mode'),
    ...each('value', '--ping-interval', '--ping-timeout', '-B', '--buffer-size', '--max-messages', '--max-messages-rev', '--ua', '--conncap', '--pkcs12-der', '--pkcs12-passwd', '--client-pkcs12-der', '--client-pkcs12-passwd'),
  },
  // curl 8 (ws:// and wss:// since 7.86), and a browser's "Copy as cURL (bash)".
  curl: {
    ...each('url', '--url'),
    ...each('header', '-H', '--header'),
    ...each('user-agent', '-A', '--user-agent'),
    ...each('referer', '-e', '--referer'),
    ...each('basic', '-u', '--user'),
    ...each('bearer', '--oauth2-bearer'),
    ...each('cookie', '-b', '--cookie'),
    ...each('value', '-X', '--request', '-o', '--output', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '--cacert', '--cert', '--key', '-d', '--data', '--data-raw', '--data-binary', '-w', '--write-out'),
  },
  // socket-lens connect (src/cli/connectArgs.ts; src/cli/pastedOptions.test.ts checks that every
  // option its help lists is here); options for its own behaviour are left out.
  'socket-lens': {
    ...each('header', '-H', '--header'),
    ...each('protocol', '-p', '--subprotocol', '--protocol'),
    ...each('origin', '--origin'),
    ...each('basic', '--basic'),
    ...each('bearer', '--bearer'),
    ...each('cookie', '--cookie'),
    ...each('query', '-q', '--query'),
    ...each('value', '--max-payload', '--handshake-timeout', '--keepalive', '--ca', '--cert', '--key', '--pfx', '--servername', '--proxy', '--proxy-bypass', '--max-redirects', '--secret-header', '--reconnect-delay', '--reconnect-jitter', '--send', '--wait', '--close', '--passphrase-env', '--proxy-env'),
    ...each('env', '--bearer-env', '--basic-env'),
    ...each('flag', '--no-deflate', '--follow-redirects', '--no-auto-pong', '--insecure', '--no-proxy', '--json'),
    ...each('count-or-flag', '--reconnect'),
  },
};
