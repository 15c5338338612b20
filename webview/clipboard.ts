/**
 * Copies `text` to the clipboard; false when the webview may not (no focus, a browser that
 * refuses), so the button can say so instead of an unhandled rejection saying nothing.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
