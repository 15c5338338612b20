/**
 * What the composer keeps in the panel's webview state: its settings, history, snippets and
 * variables. Read defensively: state written by another version never breaks the panel.
 */
import { HISTORY_LIMIT, type HistoryEntry } from './composerHistory';
import { isComposerMode, type ComposerMode } from './composerModes';

export interface Snippet {
  readonly name: string;
  readonly mode: ComposerMode;
  readonly text: string;
}

export interface ComposerMemory {
  readonly mode: ComposerMode;
  readonly fragments: string;
  readonly closeCode: string;
  readonly closeReason: string;
  readonly repeatMs: string;
  /** The `name=value` lines of the variable table. */
  readonly variables: string;
  /** Oldest first. */
  readonly history: readonly HistoryEntry[];
  readonly snippets: readonly Snippet[];
}

export const SNIPPET_LIMIT = 200;

export const EMPTY_COMPOSER_MEMORY: ComposerMemory = { mode: 'text', fragments: '1', closeCode: '1000', closeReason: '', repeatMs: '1000', variables: '', history: [], snippets: [] };

export function readComposerMemory(raw: unknown): ComposerMemory {
  if (typeof raw !== 'object' || raw === null) return EMPTY_COMPOSER_MEMORY;
  const r = raw as Record<string, unknown>;
  const text = (key: keyof ComposerMemory): string => (typeof r[key] === 'string' ? (r[key] as string) : (EMPTY_COMPOSER_MEMORY[key] as string));
  return {
    mode: isComposerMode(r['mode']) ? r['mode'] : 'text',
    fragments: text('fragments'),
    closeCode: text('closeCode'),
    closeReason: text('closeReason'),
    repeatMs: text('repeatMs'),
    variables: text('variables'),
    history: entriesOf(r['history']).slice(-HISTORY_LIMIT),
    snippets: entriesOf(r['snippets'], true).slice(0, SNIPPET_LIMIT) as Snippet[],
  };
}

/** `snippets` with `snippet` saved: one of the same name is replaced, the list stays sorted by name. */
export function saveSnippet(snippets: readonly Snippet[], snippet: Snippet): Snippet[] {
  const rest = snippets.filter((s) => s.name !== snippet.name);
  return [...rest, snippet].sort((a, b) => a.name.localeCompare(b.name)).slice(0, SNIPPET_LIMIT);
}

export function deleteSnippet(snippets: readonly Snippet[], name: string): Snippet[] {
  return snippets.filter((s) => s.name !== name);
}

function entriesOf(raw: unknown, named = false): (HistoryEntry & { name?: string })[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((e): e is HistoryEntry & { name: string } => {
    if (typeof e !== 'object' || e === null) return false;
    const { mode, text, name } = e as Record<string, unknown>;
    return isComposerMode(mode) && typeof text === 'string' && (!named || (typeof name === 'string' && name.trim() !== ''));
  }).map((e) => (named ? { name: e.name, mode: e.mode, text: e.text } : { mode: e.mode, text: e.text }));
}
