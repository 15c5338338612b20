/**
 * Context keys for when-clauses, each sent to the window only when its value changes: a
 * connection that keeps reconnecting changes many times a second, and each `setContext` is a
 * message from the extension host to the window.
 */
export class ContextKeys {
  private readonly values = new Map<string, boolean>();

  /** `setContext`: vscode.commands.executeCommand('setContext', key, value), or a test's record. */
  constructor(private readonly setContext: (key: string, value: boolean) => unknown) {}

  set(key: string, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void this.setContext(key, value);
  }
}
