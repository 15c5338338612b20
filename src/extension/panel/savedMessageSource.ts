import type { SavedMessagesView } from '../../shared/protocol';

/**
 * The saved connection behind a panel's conversation, as far as its composer needs it: the
 * messages to offer (as written), and their references filled in only when one is sent.
 */
export interface SavedMessageSource {
  /** The saved messages as the file has them now; undefined when the conversation was not opened from a saved connection. */
  view(): Promise<SavedMessagesView | undefined>;
  /** `text` with its `${env|var|secret:…}` filled in; throws a SocketLensError naming each one without a value. */
  fill(text: string): Promise<string>;
  /** The text of the saved message called `name`, filled in; throws when there is none or a reference has no value. */
  named(name: string): Promise<string>;
  /** Calls `listener` when the saved connections may have changed; returns the unsubscribe. */
  onDidChange(listener: () => void): () => void;
}
