/** One outgoing operation: `register` tells the log it is coming, `write` puts it on its way. */
export interface Outgoing {
  readonly register: () => void;
  readonly write: (done: () => void) => void;
}

/**
 * Keeps what we send in the order it was asked for. ws orders its own sends, but it deflates
 * asynchronously, so a raw write straight to the socket would overtake a compressed message
 * still being deflated — and the log would pair frames with the wrong payloads. A raw write
 * therefore waits until every send before it has reached the socket (ws's callback), and what
 * comes after it waits behind it.
 */
export class OutgoingOrder {
  private inFlight = 0;
  private readonly held: { readonly raw: boolean; readonly op: Outgoing }[] = [];

  /** A message, ping or pong through ws; `done` (from ws's callback) must be called once it is written or failed. */
  viaWs(op: Outgoing): void {
    if (this.held.length > 0) this.held.push({ raw: false, op });
    else this.start(op);
  }

  /** Bytes written straight to the socket, after everything asked for before. */
  raw(op: Outgoing): void {
    if (this.inFlight > 0 || this.held.length > 0) this.held.push({ raw: true, op });
    else this.start(op);
  }

  /** The connection is over: what never went out is registered, so the log can say it was not sent. */
  abandon(): void {
    for (const { op } of this.held.splice(0)) op.register();
  }

  private start(op: Outgoing): void {
    this.inFlight++;
    let finished = false;
    op.register();
    op.write(() => {
      if (finished) return;
      finished = true;
      this.inFlight--;
      this.drain();
    });
  }

  private drain(): void {
    while (this.held.length > 0) {
      if (this.held[0]!.raw && this.inFlight > 0) return;
      this.start(this.held.shift()!.op);
    }
  }
}
