import type { LogQuery } from '../../core/log/logQuery';
import type { LogView, LogViewPage } from '../../core/log/logView';
import type { LogFilterView, LogPageView } from '../../shared/viewModels';
import { toMessageSummary } from './viewModelMapping';

/** The core query for a panel's filter; empty fields filter nothing. */
export function toLogQuery(filter: LogFilterView): LogQuery {
  const text = filter.text || undefined;
  const jsonPath = filter.jsonPath?.trim() || undefined;
  return {
    ...(filter.direction && { direction: filter.direction }),
    ...(filter.kinds && { kinds: filter.kinds }),
    ...(text !== undefined && (filter.regex ? { regex: text } : { text })),
    ...(filter.ignoreCase && { ignoreCase: true }),
    ...(jsonPath !== undefined && { jsonPath }),
  };
}

/** A page of `view` as the panel draws it, with the view's bounds as of now. */
export function toLogPageView(view: LogView, page: LogViewPage): LogPageView {
  return { first: view.first, end: view.end, start: page.start, messages: page.entries.map(toMessageSummary) };
}
