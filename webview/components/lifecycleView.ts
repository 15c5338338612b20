import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatClockTime, formatRelativeTime } from '../../src/shared/format';
import type { ConnectionView, LifecycleEventView } from '../../src/shared/viewModels';
import { lifecycleLabel } from './lifecycleLabels';
import { EARLIER_EVENTS_DETAIL, earlierEventsLabel } from './sequenceSteps';

/** The connection's life in order, timed from the first event. */
export class LifecycleList extends LitElement {
  static override properties = { events: { attribute: false }, earlier: { attribute: false } };
  declare events: readonly LifecycleEventView[];
  /** Events before `events` the host did not send, if any: counted first, and the times count from the first. */
  declare earlier: ConnectionView['lifecycleEarlier'];

  constructor() {
    super();
    this.events = [];
  }

  static override styles = css`
    :host { display: block; padding: 8px 12px; overflow: auto; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: max-content max-content max-content 1fr; gap: 3px 14px; }
    li { display: contents; }
    .time, .rel { font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family, monospace); }
    .kind { font-weight: 600; }
    .error .kind, .error .detail, .protocol-violation .kind { color: var(--vscode-errorForeground, #f48771); }
    .tcp-fin-received .kind, .tcp-fin-sent .kind, .tcp-closed .kind, .tcp-aborted .kind, .dns-resolved .kind { font-weight: 400; }
    .earlier .kind, .earlier .detail { color: var(--vscode-descriptionForeground); font-weight: 400; font-style: italic; }
    .detail { font-family: var(--vscode-editor-font-family, monospace); word-break: break-word; }
  `;

  override render() {
    const earlier = this.earlier;
    const origin = earlier?.since ?? this.events[0]?.time ?? 0;
    return html`<ol data-testid="lifecycle">
      ${earlier
        ? html`<li class="earlier" data-testid="lifecycle-earlier">
            <span class="time">${formatClockTime(earlier.since)}</span>
            <span class="rel">${formatRelativeTime(earlier.since, origin)}</span>
            <span class="kind">${earlierEventsLabel(earlier.count)}</span>
            <span class="detail">${EARLIER_EVENTS_DETAIL}</span>
          </li>`
        : nothing}
      ${repeat(
        this.events,
        // Its place in the whole lifecycle: as earlier events leave the window, a row keeps its key and is not redrawn.
        (_e, k) => (earlier?.count ?? 0) + k,
        (e) => html`<li class=${e.kind}>
          <span class="time">${formatClockTime(e.time)}</span>
          <span class="rel">${formatRelativeTime(e.time, origin)}</span>
          <span class="kind">${lifecycleLabel(e.kind)}</span>
          <span class="detail">${e.detail ?? ''}</span>
        </li>`,
      )}
    </ol>`;
  }
}
