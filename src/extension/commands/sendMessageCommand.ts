import * as vscode from 'vscode';
import type { ClientConnection } from '../../core/client/clientConnection';
import { toErrorInfo } from '../../core/errors';
import type { SavedMessagesView } from '../../shared/protocol';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { SavedMessages } from '../saved/savedMessages';
import { resolveConnection } from './connectionCommands';

/** What "Send Message…" sends without asking: a saved message by name, or a text. */
export type MessageChoice = { readonly saved: string } | { readonly text: string };

type MessageItem = vscode.QuickPickItem & { readonly choice?: MessageChoice };

const LONGEST_DETAIL = 200;

/**
 * "Socket Lens: Send Message…": a text message on an open connection, picked from the messages
 * of the saved connection it was opened from (references filled in as it goes) or typed.
 * `id` and `message` skip the questions. Returns whether something was sent.
 */
export async function sendMessageCommand(registry: ConnectionRegistry, messages: SavedMessages, id?: unknown, message?: unknown): Promise<boolean> {
  const open = registry.all().filter((c) => c.snapshot().state === 'open');
  const connection = await resolveConnection(registry, id, open, 'Send on which connection?');
  if (!connection) return false;
  if (connection.snapshot().state !== 'open') {
    void vscode.window.showErrorMessage(`Socket Lens: ${connection.snapshot().url} is not open, so nothing can be sent on it. Run "Socket Lens: Reconnect" first.`);
    return false;
  }
  const choice = isChoice(message) ? message : await askMessage(await messages.view(connection.id).catch(() => undefined));
  if (!choice) return false;
  try {
    const text = 'saved' in choice ? await messages.named(connection.id, choice.saved) : choice.text;
    connection.send({ kind: 'text', text });
    void vscode.window.setStatusBarMessage(`Socket Lens: sent ${'saved' in choice ? `"${choice.saved}"` : 'the message'}`, 3000);
    return true;
  } catch (error) {
    reportFailure(connection, toErrorInfo(error).message);
    return false;
  }
}

/** The saved messages to pick from, then "Type a message…"; straight to the box when there are none. */
async function askMessage(saved: SavedMessagesView | undefined): Promise<MessageChoice | undefined> {
  if (!saved || saved.messages.length === 0) return askText();
  const items: MessageItem[] = [
    { label: `Saved in "${saved.connection}"`, kind: vscode.QuickPickItemKind.Separator },
    ...saved.messages.map((m) => ({ label: m.name, detail: shorten(m.text), choice: { saved: m.name } })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(edit) Type a message…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Socket Lens: Send Message', placeHolder: 'A saved message, or type one', matchOnDetail: true });
  if (!picked) return undefined;
  return picked.choice ?? askText();
}

async function askText(): Promise<MessageChoice | undefined> {
  const text = await vscode.window.showInputBox({ title: 'Socket Lens: Send Message', prompt: 'Text to send, as one message', ignoreFocusOut: true });
  return text === undefined ? undefined : { text };
}

/** The message that says what stopped it; a missing secret gets a button that sets it. */
function reportFailure(connection: ClientConnection, message: string): void {
  const secret = /\$\{secret:([A-Za-z0-9_.-]+)\} is not set/.exec(message)?.[1];
  void vscode.window.showErrorMessage(`Socket Lens: nothing was sent on ${connection.snapshot().url}. ${message}`, ...(secret ? [`Set Secret "${secret}"…`] : [])).then((button) => {
    if (button && secret) void vscode.commands.executeCommand('socketLens.setSecret', secret);
  });
}

function isChoice(value: unknown): value is MessageChoice {
  if (typeof value !== 'object' || value === null) return false;
  const { saved, text } = value as { saved?: unknown; text?: unknown };
  return typeof saved === 'string' || typeof text === 'string';
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > LONGEST_DETAIL ? `${line.slice(0, LONGEST_DETAIL - 1)}…` : line;
}
