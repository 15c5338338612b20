import type { LogFilterView } from '../src/shared/viewModels';
import { readComposerMemory, type ComposerMemory } from '../src/shared/composer/composerMemory';

/** What the panel remembers across hide/show and reloads (versioned, per VS Code's setState). */
export interface PanelState {
  readonly version: 1;
  readonly draft: string;
  readonly tab: number;
  /** The id of the message open in the detail view. */
  readonly selected?: number;
  /** The log's filter; the host checks it again when the panel opens. */
  readonly filter?: LogFilterView;
  /** The composer's mode, settings, history, snippets and variables (absent in state from before it had them). */
  readonly composer?: ComposerMemory;
}

const EMPTY: PanelState = { version: 1, draft: '', tab: 0 };

export function readPanelState(raw: unknown): PanelState {
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) return EMPTY;
  const { draft, tab, selected, filter, composer } = raw as Record<string, unknown>;
  return {
    version: 1,
    draft: typeof draft === 'string' ? draft : '',
    tab: typeof tab === 'number' ? tab : 0,
    ...(Number.isSafeInteger(selected) && { selected: selected as number }),
    ...(typeof filter === 'object' && filter !== null && !Array.isArray(filter) && { filter: filter as LogFilterView }),
    ...(composer !== undefined && { composer: readComposerMemory(composer) }),
  };
}
