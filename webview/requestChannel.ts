/**
 * The webview's end of a panel protocol: requests with ids, one `host/result` each, timeouts,
 * and everything else handed to `onMessage`. Generic over the protocol's unions: the mock panel
 * (src/shared/mockProtocol.ts) uses it as it is, and HostClient types it to src/shared/protocol.ts.
 */

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A request as the caller writes it: the channel adds the id. */
export type RequestBody<Request> = Request extends { readonly requestId: number } ? Omit<Request, 'requestId'> : never;

/** The shape every `host/result` has. */
export type ChannelResult<Value> =
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: true; readonly value?: Value }
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** How long a request may wait for the host before the panel reports it as lost. */
const REQUEST_TIMEOUT_MS = 10_000;

interface Pending<Value> {
  readonly resolve: (value: Value | undefined) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

export interface RequestOptions {
  /** The host asks the user something first (a save dialog), so there is no time limit. */
  readonly waitsForUser?: boolean;
}

export class RequestChannel<Request extends { readonly type: string; readonly requestId: number }, Incoming extends { readonly type: string }, Value> {
  private readonly api = acquireVsCodeApi();
  private readonly pending = new Map<number, Pending<Value>>();
  private nextRequestId = 1;

  constructor(private readonly onMessage: (message: Exclude<Incoming, { readonly type: 'host/result' }>) => void) {
    window.addEventListener('message', this.receive);
  }

  /** Asks for the snapshot; `details` go with the request (the connection panel's saved filter). */
  ready(details: object = {}): void {
    this.api.postMessage({ ...details, type: 'webview/ready' });
  }

  request(body: RequestBody<Request>, { waitsForUser = false }: RequestOptions = {}): Promise<Value | undefined> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = waitsForUser
        ? undefined
        : setTimeout(() => {
            this.pending.delete(requestId);
            reject(new Error('Socket Lens did not answer in time. The extension host may be busy; try again.'));
          }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, { resolve, reject, timer });
      this.api.postMessage({ ...body, requestId });
    });
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }

  dispose(): void {
    window.removeEventListener('message', this.receive);
    for (const { timer, reject } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error('The panel was closed.'));
    }
    this.pending.clear();
  }

  private readonly receive = (event: MessageEvent<Incoming | ChannelResult<Value>>): void => {
    const message = event.data;
    if (!isResult<Value>(message)) return this.onMessage(message as Exclude<Incoming, { readonly type: 'host/result' }>);
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error.message));
  };
}

function isResult<Value>(message: { readonly type: string }): message is ChannelResult<Value> {
  return message.type === 'host/result';
}
