export type Listener<T> = (value: T) => void;

/** Removes a listener; safe to call twice. */
export type Unsubscribe = () => void;

/**
 * A minimal typed event: one value type, listeners called in order. A throwing listener is
 * reported through `onListenerError` so one bad subscriber cannot break the socket path.
 */
export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  readonly event = (listener: Listener<T>): Unsubscribe => {
    // A literal for the first: an array grown by a spread or push reserves 17 slots (a mock has emitters per client).
    this.listeners = this.listeners.length === 0 ? [listener] : [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  };

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.length;
  }

  dispose(): void {
    this.listeners = [];
  }
}

function reportListenerError(error: unknown): void {
  console.error('[socket-lens] listener failed:', error);
}
