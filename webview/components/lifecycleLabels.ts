/** What the panel calls each lifecycle event kind: one table for the list and the sequence diagram. */
export const LIFECYCLE_LABEL: Readonly<Record<string, string>> = {
  connecting: 'Connecting',
  redirect: 'Redirected',
  'proxy-connecting': 'Proxy',
  'proxy-tcp-connected': 'Proxy TCP connected',
  'proxy-connected': 'Proxy tunnel open',
  'dns-resolved': 'DNS resolved',
  'tcp-connected': 'TCP connected',
  'tls-established': 'TLS established',
  'upgrade-sent': 'GET Upgrade sent',
  'upgrade-response': 'Upgrade response',
  open: 'WebSocket open',
  'close-sent': 'Close frame sent',
  'close-received': 'Close frame received',
  'protocol-violation': 'Protocol violation',
  'tcp-fin-received': 'FIN received',
  'tcp-fin-sent': 'FIN sent',
  'tcp-aborted': 'TCP aborted',
  'tcp-closed': 'TCP closed',
  closed: 'Closed',
  'keepalive-missed': 'Keep-alive missed',
  fault: 'Fault injected',
  'reconnect-scheduled': 'Reconnect scheduled',
  'reconnect-gave-up': 'Reconnect gave up',
  'reconnect-cancelled': 'Reconnect cancelled',
  error: 'Error',
  imported: 'Imported',
  // The diagram's own notes, not events
  'messages-omitted': 'Messages not drawn',
  'events-omitted': 'Earlier events not drawn',
};

/** The label of `kind`, or the kind itself for one this table does not know. */
export function lifecycleLabel(kind: string): string {
  return LIFECYCLE_LABEL[kind] ?? kind;
}
