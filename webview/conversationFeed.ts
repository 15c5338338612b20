/** The connection panel's fetching of the conversation for the Lifecycle tab's sequence diagram. */
import type { MessageSummary } from '../src/shared/viewModels';
import type { HostClient } from './hostClient';

const REFRESH_MS = 1000;

/**
 * The messages the Lifecycle tab's sequence diagram draws between its events: asked of the host at
 * most once a second while the tab is open, and once more after the last change.
 */
export class ConversationFeed {
  private asked = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `take`: the messages, each time the host answers. */
  constructor(
    private readonly host: HostClient,
    private readonly take: (messages: readonly MessageSummary[]) => void,
  ) {}

  /** Asks for the messages, at most once a second, and once more after the last change. */
  refresh(): void {
    const wait = this.asked + REFRESH_MS - Date.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.refresh();
      }, wait);
      return;
    }
    this.asked = Date.now();
    this.host.request({ type: 'log/conversation' }).then(
      (conversation) => this.take(conversation.messages),
      () => undefined, // the diagram keeps what it has; the events still draw
    );
  }

  /** Asks at once, however recently it last asked (the tab was just opened). */
  refreshNow(): void {
    this.asked = 0;
    this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
