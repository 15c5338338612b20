/**
 * Ctrl+A (Cmd+A on a Mac) in a text field selects the field's text and goes no further. VS Code's
 * webview also hands the key to the workbench, whose Select All sends a second select-all back
 * into the panel a few frames later: typing straight after Ctrl+A lost the first characters
 * typed (the late select-all selected them and the next key replaced them). Stopped at the
 * document, the key still selects the field's text, once. Elsewhere in the panel it goes on as before.
 */
export function keepSelectAllInTextFields(doc: Document): void {
  doc.addEventListener('keydown', (event) => {
    if (!isSelectAll(event)) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) event.stopPropagation();
  });
}

function isSelectAll(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a';
}
