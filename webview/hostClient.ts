import type { HostToWebviewMessage, ResultMessage, ResultOf, WebviewRequest, WebviewToHostMessage } from '../src/shared/protocol';
import type { LogFilterView } from '../src/shared/viewModels';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type RequestBody<T> = T extends WebviewRequest ? Omit<T, 'requestId'> : never;

/** How long a request may wait for the host before the panel reports it as lost. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What a request's result carries (`value` of an ok `host/result`). */
export type ResultValue = Extract<ResultMessage, { ok: true }>['value'];

interface Pending {
  readonly resolve: (value: ResultValue) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

/** The webview's side of src/shared/protocol.ts: requests with ids, results, timeouts. */
export class HostClient {
  private readonly api = acquireVsCodeApi();
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  constructor(private readonly onMessage: (message: Exclude<HostToWebviewMessage, ResultMessage>) => void) {
    window.addEventListener('message', this.receive);
  }

  /** Asks for the snapshot, drawn through `filter`. */
  ready(filter: LogFilterView): void {
    this.api.postMessage({ type: 'webview/ready', filter });
  }

  /**
   * Sends a request; resolves with what the host answers (see ResultValues), rejects with its
   * error. `waitsForUser`: the host asks the user something first (a save dialog), so there is
   * no time limit.
   */
  request<R extends RequestBody<WebviewRequest>>(body: R, { waitsForUser = false } = {}): Promise<ResultOf<R['type']>> {
    const requestId = this.nextRequestId++;
    return new Promise<ResultOf<R['type']>>((resolve, reject) => {
      const timer = waitsForUser
        ? undefined
        : setTimeout(() => {
            this.pending.delete(requestId);
            reject(new Error('Socket Lens did not answer in time. The extension host may be busy; try again.'));
          }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, { resolve: resolve as (value: ResultValue) => void, reject, timer });
      this.api.postMessage({ ...body, requestId } as WebviewRequest);
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

  private readonly receive = (event: MessageEvent<HostToWebviewMessage>): void => {
    const message = event.data;
    if (message.type !== 'host/result') return this.onMessage(message);
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error.message));
  };
}
