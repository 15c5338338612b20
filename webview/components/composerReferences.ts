import { html, nothing } from 'lit';
import type { Composed, ComposedRequest } from '../../src/shared/composer/composeMessage';
import { mentionsReference } from '../../src/shared/composer/savedMessageText';
import type { SavedMessagesView } from '../../src/shared/protocol';

/** The requests that send data, which may carry references. */
type DataRequest = Extract<ComposedRequest, { type: 'connection/send' | 'connection/repeat' }>;

/**
 * Whether `request` carries text whose `${env|var|secret:…}` the host is to fill in: only on a
 * connection opened from a saved connection, which is where their values come from.
 */
function fillsReferences(request: ComposedRequest, saved: SavedMessagesView | undefined): request is DataRequest {
  if (!saved || (request.type !== 'connection/send' && request.type !== 'connection/repeat')) return false;
  return request.payload.kind === 'text' && mentionsReference(request.payload.text);
}

/** `request`, asking the host to fill in its references when it has any to fill in. */
export function withReferences(request: ComposedRequest, saved: SavedMessagesView | undefined): ComposedRequest {
  return fillsReferences(request, saved) ? { ...request, references: true } : request;
}

/** The note under the composer that says the references are filled in on the host, not here. */
export function referencesNote(check: Composed, saved: SavedMessagesView | undefined) {
  if (!check.ok || !fillsReferences(check.request, saved)) return nothing;
  return html`<span class="muted" data-testid="composer-references" title="Values never come into this panel: secrets stay in VS Code's secret storage">\${…} filled in from "${saved!.connection}" when sent</span>`;
}
