import type { HostToWebviewMessage, ResultMessage, ResultOf, ResultValues, WebviewRequest } from '../src/shared/protocol';
import type { LogFilterView } from '../src/shared/viewModels';
import { RequestChannel, type RequestBody, type RequestOptions } from './requestChannel';

/** The connection panel's side of src/shared/protocol.ts: a RequestChannel with each request's answer typed. */
export class HostClient {
  private readonly channel: RequestChannel<WebviewRequest, HostToWebviewMessage, ResultValues[keyof ResultValues]>;

  constructor(onMessage: (message: Exclude<HostToWebviewMessage, ResultMessage>) => void) {
    this.channel = new RequestChannel(onMessage);
  }

  /** Asks for the snapshot, drawn through `filter`. */
  ready(filter: LogFilterView): void {
    this.channel.ready({ filter });
  }

  /** Sends a request; resolves with what the host answers (see ResultValues), rejects with its error. */
  request<R extends RequestBody<WebviewRequest>>(body: R, options?: RequestOptions): Promise<ResultOf<R['type']>> {
    return this.channel.request(body, options) as Promise<ResultOf<R['type']>>;
  }

  getState(): unknown {
    return this.channel.getState();
  }

  setState(state: unknown): void {
    this.channel.setState(state);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
