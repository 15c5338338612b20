import { html, nothing } from 'lit';
import { formatBytes, formatClockTime, formatCount, formatRelativeTime } from '../../src/shared/format';
import type { MessageSummary } from '../../src/shared/viewModels';

/** How the time column reads: the clock, or the time since the connection began (`origin`). */
export type TimeColumn = { readonly mode: 'clock' } | { readonly mode: 'relative'; readonly origin: number };

/** One row of the message log: time, direction, type, size, badges and a preview of the payload. */
export function renderMessageRow(m: MessageSummary, position: number, rowIndex: number, selected: boolean, time: TimeColumn) {
  return html`<div class="row ${m.direction} ${m.kind}" role="row" data-testid="message" data-pos=${position} data-id=${m.id} data-direction=${m.direction} aria-rowindex=${rowIndex} aria-selected=${selected ? 'true' : 'false'}>
    <span class="time" title=${new Date(m.time).toISOString()}>${time.mode === 'clock' ? formatClockTime(m.time) : formatRelativeTime(m.time, time.origin)}</span>
    <span class="dir" title=${m.direction === 'in' ? 'received' : 'sent'}>${m.direction === 'in' ? '↓' : '↑'}</span>
    <span class="kind">${m.kind}</span>
    <span class="size" title=${sizeTitle(m)}>${formatBytes(m.size)}</span>
    <span class="preview" title=${m.truncated ? 'preview; the message is longer' : ''}>${renderBadges(m)}${m.preview}${m.truncated ? html`<span class="more">…</span>` : nothing}</span>
  </div>`;
}

/** What the wire adds to a row: violations, fragments, compression, round-trip time, delivery. */
function renderBadges(m: MessageSummary) {
  const badges = [];
  if (m.violations.length > 0) {
    const errors = m.violations.some((v) => v.closeCode !== null);
    const title = m.violations.map((v) => `RFC ${v.rfc.includes('§') ? v.rfc : `6455 §${v.rfc}`}${v.closeCode === null ? ' (warning)' : ` → ${v.closeCode}`}: ${v.message}`).join('\n');
    badges.push(html`<span class="badge ${errors ? 'error' : 'warning'}" data-testid="violation" title=${title}>${errors ? '✗' : '⚠'} §${m.violations[0]!.rfc.replace(/^.*§/, '')}</span>`);
  }
  if (m.undelivered) badges.push(html`<span class="badge error" data-testid="undelivered" title=${m.undelivered}>not delivered</span>`);
  if (m.frames > 1) badges.push(html`<span class="badge" data-testid="fragments" title="sent as ${m.frames} frames">${m.frames} frames</span>`);
  if (m.compressed) badges.push(html`<span class="badge" title="permessage-deflate">deflate</span>`);
  if (m.rttMs !== undefined) badges.push(html`<span class="badge" data-testid="rtt" title="time since the matching ping">${formatMs(m.rttMs)}</span>`);
  return badges;
}

function sizeTitle(m: MessageSummary): string {
  if (m.wireSize === undefined || m.wireSize === m.size) return `${formatCount(m.size)} bytes`;
  return `${formatCount(m.size)} bytes; ${formatCount(m.wireSize)} on the wire${m.compressed ? ' (compressed)' : ''}`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}
