import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatClockTime } from '../../src/shared/format';
import type { ConnectionView, LifecycleEventView, MessageSummary } from '../../src/shared/viewModels';
import { lifecycleLabel } from './lifecycleLabels';
import { describeCloseSummary, earlierEventsStep, formatOffset, sequenceSteps, type SequenceStep, type Side } from './sequenceSteps';

const SIDE_NAME: Record<Side, string> = { client: 'Client', server: 'Server' };

/**
 * The connection's lifecycle as a sequence diagram: the client's and the server's lifelines,
 * time down the left margin, an arrow per event that crossed the wire and a note per event
 * that happened on one side. Every row is its own grid with the same fixed columns, so a row's
 * layout never depends on another's and a long (reconnecting) session lays out in one pass.
 */
export class SequenceDiagram extends LitElement {
  static override properties = { events: { attribute: false }, earlier: { attribute: false }, messages: { attribute: false }, close: { attribute: false }, recordedBy: { attribute: false } };
  declare events: readonly LifecycleEventView[];
  /** Events before `events` the host did not send, if any: the diagram counts them and times from the first. */
  declare earlier: ConnectionView['lifecycleEarlier'];
  /** A sample of the messages (ConversationView), drawn between the events. */
  declare messages: readonly MessageSummary[];
  declare close: ConnectionView['close'];
  /** Whose record this is: a client connection's (client) or a mock server's client (server). */
  declare recordedBy: Side;

  constructor() {
    super();
    this.events = [];
    this.messages = [];
    this.recordedBy = 'client';
  }

  static override styles = css`
    :host {
      display: block; overflow: auto; padding: 0 12px 8px;
      --time-width: 6em; --pad: clamp(2.6em, 6vw, 3.6em);
      --line: var(--vscode-foreground, #cccccc);
      --lifeline: var(--vscode-editorWidget-border, #80808080);
      --muted: var(--vscode-descriptionForeground, #9d9d9d);
      --error: var(--vscode-errorForeground, #f48771);
      --warning: var(--vscode-editorWarning-foreground, #cca700);
      --mono: var(--vscode-editor-font-family, monospace);
    }
    figure { margin: 0; max-width: calc(var(--time-width) + 2 * var(--pad) + 720px); }
    ol { list-style: none; margin: 0; padding: 0; }
    .row { display: grid; grid-template-columns: var(--time-width) var(--pad) minmax(0, 1fr) var(--pad); }
    .lane { grid-column: 3; grid-row: 1 / -1; min-width: 0; border-inline: 1px solid var(--lifeline); }
    .note-row .lane { padding: 5px 0; }
    .time { grid-column: 1; align-self: center; text-align: right; padding-right: 10px; white-space: nowrap; font-family: var(--mono); font-size: 0.9em; font-variant-numeric: tabular-nums; color: var(--muted); }
    /* An arrow row: label, shaft, detail stacked over the lane; the time lines up with the shaft. */
    .arrow { grid-template-rows: auto auto auto; color: var(--line); }
    .arrow > * { grid-column: 3; min-width: 0; }
    .arrow > .time { grid-column: 1; grid-row: 2; }
    .arrow > .label, .arrow > .detail { text-align: center; padding-inline: 14px; }
    .arrow > .label { grid-row: 1; padding-top: 6px; }
    .arrow > .detail { grid-row: 3; padding-bottom: 6px; margin-top: -2px; }

    header { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background, #1f1f1f); padding-top: 8px; }
    header .lane { grid-row: 1 / 3; }
    .actor { grid-row: 1; z-index: 1; display: flex; flex-direction: column; align-items: center; gap: 1px; white-space: nowrap; }
    .actor.client { grid-column: 2; justify-self: end; transform: translateX(50%); }
    .actor.server { grid-column: 4; justify-self: start; transform: translateX(-50%); }
    .actor .name { font-weight: 600; padding: 3px 10px; border: 1px solid var(--vscode-contrastBorder, var(--lifeline)); border-radius: 3px; background: var(--vscode-textCodeBlock-background, #80808026); }
    .actor .here { font-size: 0.85em; color: var(--muted); white-space: nowrap; background: var(--vscode-editor-background, #1f1f1f); padding: 0 2px; }
    .ends { grid-row: 2; height: 8px; }
    .actor.here-side .name { border-color: var(--vscode-focusBorder, #0078d4); }

    .label { font-weight: 600; overflow-wrap: anywhere; }
    .detail { font-family: var(--mono); font-size: 0.88em; color: var(--muted); overflow-wrap: anywhere; }

    .shaft { grid-row: 2; align-self: center; position: relative; height: 0; border-top: 1.5px solid currentColor; margin: 3px 1px 6px; }
    .shaft::before, .shaft::after { content: ''; position: absolute; top: -5.75px; border-block: 5px solid transparent; }
    [data-to='server'] .shaft::after, .two-way .shaft::after { right: -1px; border-left: 9px solid currentColor; }
    [data-to='client'] .shaft::before, .two-way .shaft::before { left: -1px; border-right: 9px solid currentColor; }
    .arrow.muted { color: var(--muted); }
    .arrow.muted > .label { font-weight: 400; }
    .muted .shaft { border-top-style: dashed; }
    .arrow.warning { color: var(--warning); }
    .arrow.error { color: var(--error); }
    .arrow > .detail { color: var(--muted); }

    .note { max-width: min(86%, 44em); width: fit-content; padding: 3px 8px; border: 1px solid var(--vscode-contrastBorder, transparent); background: var(--vscode-textCodeBlock-background, #80808026); border-radius: 2px; }
    [data-from='client'] .note { margin-right: auto; border-left: 3px solid var(--lifeline); }
    [data-from='server'] .note { margin-left: auto; border-right: 3px solid var(--lifeline); text-align: right; }
    [data-from='both'] .note { margin-inline: auto; text-align: center; }
    .muted .note { background: none; border-color: transparent; padding-block: 0; }
    .muted .note .label { font-weight: 400; color: var(--muted); }
    .warning .note { border-color: var(--warning); }
    .warning .note .label { color: var(--warning); }
    .error .note { border-color: var(--error); }
    .error .note .label, .error .note .detail { color: var(--error); }
    .info.note-row[data-from='client'] .note { border-left-color: var(--vscode-focusBorder, #0078d4); }
    .info.note-row[data-from='server'] .note { border-right-color: var(--vscode-focusBorder, #0078d4); }

    footer .lane { padding: 0; height: 10px; }
    figcaption { margin: 6px 0 0 calc(var(--time-width) + 4px); max-width: 60em; color: var(--vscode-foreground); overflow-wrap: anywhere; }
    figcaption.unclean { color: var(--warning); }
    .empty { color: var(--muted); padding: 8px 0; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  override render() {
    if (this.events.length === 0) return html`<p class="empty" data-testid="sequence-empty">No lifecycle events yet.</p>`;
    const first = this.events[0]!.time;
    const origin = this.earlier?.since ?? first;
    // Messages before the first event drawn belong to attempts that are not drawn.
    const messages = this.earlier ? this.messages.filter((m) => m.time >= first) : this.messages;
    const steps = sequenceSteps(this.events, this.recordedBy, messages);
    if (this.earlier) steps.unshift(earlierEventsStep(this.earlier));
    return html`<figure data-testid="sequence" data-recorded-by=${this.recordedBy}>
      <header class="row" aria-hidden="true"><div class="lane"></div>${this.actor('client')}${this.actor('server')}<div class="ends"></div></header>
      <ol>${repeat(steps, stepKeys(steps), (step) => this.renderStep(step, origin))}</ol>
      <footer class="row" aria-hidden="true"><div class="lane"></div></footer>
      ${this.close ? html`<figcaption class=${this.close.wasClean ? '' : 'unclean'} data-testid="close-summary">${describeCloseSummary(this.close)}</figcaption>` : nothing}
    </figure>`;
  }

  private actor(side: Side) {
    const here = side === this.recordedBy;
    return html`<div class="actor ${side} ${here ? 'here-side' : ''}">
      <span class="name">${SIDE_NAME[side]}</span>
      ${here ? html`<span class="here">${this.recordedBy === 'server' ? 'mock · recorded here' : 'recorded here'}</span>` : nothing}
    </div>`;
  }

  private renderStep(step: SequenceStep, origin: number) {
    const time = html`<span class="time" title=${`${formatClockTime(step.time)} · ${lifecycleLabel(step.kind)}`}>${formatOffset(step.time - origin)}</span>`;
    const title = step.detail ? `${step.label} — ${step.detail}` : step.label;
    if (step.to === undefined) {
      return html`<li class="row note-row ${step.severity}" data-testid="step" data-kind=${step.kind} data-from=${step.from} data-severity=${step.severity}>
        ${time}
        <div class="lane"><div class="note" title=${title}>
          <span class="visually-hidden">${step.from === 'both' ? 'Both' : SIDE_NAME[step.from]}: </span><span class="label">${step.label}</span>${step.detail ? html` <span class="detail">${step.detail}</span>` : nothing}
        </div></div>
      </li>`;
    }
    return html`<li class="row arrow ${step.severity} ${step.twoWay ? 'two-way' : ''}" data-testid="step" data-kind=${step.kind} data-from=${step.from} data-to=${step.to} data-severity=${step.severity}>
      ${time}
      <div class="lane"></div>
      <span class="label" title=${title}><span class="visually-hidden">${SIDE_NAME[step.from as Side]} ${step.twoWay ? '↔' : '→'} ${SIDE_NAME[step.to]}: </span>${step.label}</span>
      <span class="shaft"></span>
      ${step.detail ? html`<span class="detail">${step.detail}</span>` : nothing}
    </li>`;
  }
}

/**
 * A key for each step that stays its own while the window of events moves (a reconnecting
 * connection's oldest events leave it): its time, kind and how many steps before it share both.
 * A row whose key stays is moved, not drawn again.
 */
function stepKeys(steps: readonly SequenceStep[]): (step: SequenceStep, index: number) => string {
  const seen = new Map<string, number>();
  const keys = steps.map((step) => {
    const key = `${step.time} ${step.kind}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key} ${n}`;
  });
  return (_step, index) => keys[index]!;
}
