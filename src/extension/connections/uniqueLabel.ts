/**
 * A name for a new connection that no connection in `taken` has: `label` itself, else
 * "label (2)", "label (3)"… — the first free one, as VS Code numbers two files of one name. Two
 * connections opened from one saved connection are then told apart in the view, the panel
 * titles and the pickers.
 */
export function uniqueLabel(label: string, taken: Iterable<string | undefined>): string {
  const names = new Set(taken);
  if (!names.has(label)) return label;
  for (let n = 2; ; n++) if (!names.has(`${label} (${n})`)) return `${label} (${n})`;
}
