import * as vscode from 'vscode';

/** Context keys that tick a step of the walkthrough once the person has really done it. */
export type WalkthroughMilestone = 'socketLens.hasSentMessage' | 'socketLens.hasSeenMockPanel';

/**
 * Marks a milestone (a message sent from a panel, a mock's panel shown): called on a person's
 * action, so setting the key again each time costs nothing worth remembering it for. A step that
 * completed on its command alone was ticked even when the command only said there was nothing
 * to act on.
 */
export function reachMilestone(milestone: WalkthroughMilestone): void {
  void vscode.commands.executeCommand('setContext', milestone, true);
}
