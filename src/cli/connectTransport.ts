import { resolve } from 'node:path';
import type { ClientConnectionOptions } from '../core/client/clientConnectionOptions';
import type { ConnectTransportArgs } from './connectArgs';

/** How the TLS options are called on the command line, for error messages. */
const TLS_OPTION_NAMES = { insecure: '--insecure', caFile: '--ca', certFile: '--cert', keyFile: '--key', pfxFile: '--pfx', passphrase: 'SOCKET_LENS_PASSPHRASE', serverName: '--servername' } as const;

/**
 * The connection options of the TLS and proxy flags: files resolved against the working
 * directory; the passphrase from --passphrase-env or SOCKET_LENS_PASSPHRASE; the proxy from
 * --proxy or --proxy-env, else the environment, unless --no-proxy.
 */
export function transportOptions(transport: ConnectTransportArgs, env: NodeJS.ProcessEnv): Pick<ClientConnectionOptions, 'tls' | 'tlsSettingNames' | 'proxy'> {
  const file = (path: string | undefined) => path && resolve(path);
  return {
    tls: {
      insecure: transport.insecure,
      caFile: file(transport.caFile),
      certFile: file(transport.certFile),
      keyFile: file(transport.keyFile),
      pfxFile: file(transport.pfxFile),
      passphrase: transport.passphrase ?? env.SOCKET_LENS_PASSPHRASE,
      serverName: transport.serverName,
    },
    tlsSettingNames: { ...TLS_OPTION_NAMES, passphrase: transport.passphraseSource ?? TLS_OPTION_NAMES.passphrase },
    proxy: transport.direct ? undefined : { proxy: transport.proxy, proxySource: transport.proxySource ?? '--proxy', noProxy: transport.proxyBypass, env },
  };
}
