/**
 * A first-in, first-out queue that takes from the front by moving an index, not the array:
 * Array.prototype.shift moves the array's start on every call, and the joiner shifts once per
 * message. The array is reset whenever the queue empties (the joiner's empties after every read
 * ws has delivered) and compacted when the taken part outgrows what is left.
 */
export class FifoQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  /** The oldest item, or undefined when empty. */
  get first(): T | undefined {
    return this.items[this.head];
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Takes the oldest item; undefined when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) this.reset();
    else if (this.head >= COMPACT_AFTER && 2 * this.head >= this.items.length) this.compact();
    return item;
  }

  /** The oldest item that `predicate` accepts. */
  find<S extends T>(predicate: (item: T) => item is S): S | undefined {
    for (let k = this.head; k < this.items.length; k++) {
      const item = this.items[k] as T;
      if (predicate(item)) return item;
    }
    return undefined;
  }

  /** Takes every item, oldest first. */
  drain(): T[] {
    const taken = this.items.slice(this.head) as T[];
    this.reset();
    return taken;
  }

  private reset(): void {
    this.items = [];
    this.head = 0;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}

/** Taken items that may pile up at the front before the array is compacted. */
const COMPACT_AFTER = 1024;
