// The Connections view beyond live connections: imported and restored sessions, Remove, Clear Closed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SocketLensApi } from '../../../src/extension/api';
import type { ImportedInfo } from '../../../src/extension/panel/importedSource';
import { api, chromeHar, connection, expectedStatus, folder, readText, row, startServer, writeJson } from './fixtures';
import { eventually, test } from './miniRunner';

function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
}

/** How many editor tabs have a title that includes `text` (a panel's title names its host). */
function panelTabs(text: string): number {
  return tabLabels().filter((label) => label.includes(text)).length;
}

function imported(socketLens: SocketLensApi, id: string): ImportedInfo | undefined {
  return socketLens.importedSessions().find((s) => s.id === id);
}

async function importHar(name: string, host: string): Promise<{ file: vscode.Uri; id: string }> {
  const file = vscode.Uri.joinPath(folder(), name);
  await vscode.workspace.fs.writeFile(file, Buffer.from(chromeHar(`ws://${host}/view?token=har-secret`, ['one', 'two'])));
  const opened = await vscode.commands.executeCommand<ImportedInfo[] | undefined>('socketLens.importSession', file.fsPath);
  assert.equal(opened?.length, 1, `${name} holds one WebSocket session`);
  return { file, id: opened![0]!.id };
}

function remove(id: string): Thenable<boolean> {
  return vscode.commands.executeCommand<boolean>('socketLens.removeSession', id);
}

export function sessionsViewTests(): void {
  test('an imported HAR is a row of the Connections view until removed; closing its panel keeps it', async () => {
    const socketLens = await api();
    const { file, id } = await importHar('sessions-view.har', 'listed.example');
    try {
      await eventually(() => row(socketLens, id) !== undefined, 'the imported session has a row');
      const listed = row(socketLens, id)!;
      assert.deepEqual([listed.label, listed.description, listed.icon, listed.contextValue], ['listed.example/view?token=***', 'imported · sessions-view.har · 6 messages', 'archive', 'socketLens.imported.har']);
      assert.ok(!listed.tooltip.includes('har-secret'), 'the token in the HAR stays out of the tooltip');
      await eventually(() => panelTabs('listed.example') === 1, 'its panel is open').catch((error: Error) => {
        throw new Error(`${error.message}; tabs: ${JSON.stringify(tabLabels())}`);
      });

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await eventually(() => imported(socketLens, id)?.panelOpen === false, 'the panel is closed');
      assert.ok(row(socketLens, id), 'closing the panel keeps the row');
      await vscode.commands.executeCommand('socketLens.showPanel', id);
      assert.equal(imported(socketLens, id)?.panelOpen, true, 'Show Panel (a click on the row) opens it again');

      assert.equal(await remove(id), true);
      assert.equal(imported(socketLens, id), undefined, 'the session and its log are gone');
      await eventually(() => row(socketLens, id) === undefined, 'the row is gone');
      await eventually(() => panelTabs('listed.example') === 0, 'its panel closed');
      assert.equal(await remove(id), false, 'removing it again is refused, not thrown');
    } finally {
      await vscode.workspace.fs.delete(file).then(undefined, () => {});
    }
  });

  test('an imported HAR exports again as HAR and JSON Lines: the re-import holds the same messages, and no credential', async () => {
    const source = vscode.Uri.joinPath(folder(), 'round-trip.har');
    const har = JSON.parse(chromeHar('wss://round.example/feed?token=har-secret', ['one', 'two']));
    har.log.entries[1].request.headers.push({ name: 'Authorization', value: 'Bearer har-bearer' }, { name: 'Cookie', value: 'sid=har-cookie' });
    har.log.entries[1].response.headers.push({ name: 'Sec-WebSocket-Protocol', value: 'chat.v2' });
    await writeJson(source, har);
    const files = { har: vscode.Uri.joinPath(folder(), 'round-trip-again.har'), jsonl: vscode.Uri.joinPath(folder(), 'round-trip-again.jsonl') };
    const ids: string[] = [];
    try {
      const [first] = (await vscode.commands.executeCommand<ImportedInfo[] | undefined>('socketLens.importSession', source.fsPath)) ?? [];
      assert.ok(first, 'the HAR imports');
      ids.push(first.id);
      for (const format of ['har', 'jsonl'] as const) {
        const written = await vscode.commands.executeCommand<string | undefined>('socketLens.exportSession', first.id, { format, file: files[format].fsPath });
        assert.equal(written, files[format].fsPath, `the ${format} export is written`);
        const text = await readText(files[format]);
        for (const secret of ['har-secret', 'har-bearer', 'har-cookie']) assert.ok(!text.includes(secret), `${format}: ${secret} is redacted`);
      }
      const jsonl = (await readText(files.jsonl)).trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(jsonl[0].handshake.protocol, 'chat.v2', 'the subprotocol the HAR agreed on');
      assert.deepEqual(jsonl.slice(1, -1).map((m: { direction: string; text?: string }) => `${m.direction} ${m.text ?? '(binary)'}`), ['in welcome', 'out one', 'in re: one', 'out two', 'in re: two', 'in (binary)']);

      const [again] = (await vscode.commands.executeCommand<ImportedInfo[] | undefined>('socketLens.importSession', files.har.fsPath)) ?? [];
      assert.ok(again, 'our export of it imports');
      ids.push(again.id);
      assert.deepEqual([again.url, again.messages], ['wss://round.example/feed?token=***', first.messages]);
      const exportedAgain = JSON.parse(await readText(files.har));
      type Message = { type: string; time: number; opcode: number; data: string };
      const shape = (messages: Message[]) => messages.map(({ type, opcode, data }) => ({ type, opcode, data }));
      const original: Message[] = har.log.entries[1]._webSocketMessages;
      const written: Message[] = exportedAgain.log.entries[0]._webSocketMessages;
      assert.deepEqual(shape(written), shape(original), 'the messages as Chrome wrote them');
      assert.ok(written.every((m, i) => Math.abs(m.time - original[i]!.time) < 0.001), 'each at its time, to the millisecond');
    } finally {
      for (const id of ids) await remove(id);
      for (const uri of [source, files.har, files.jsonl]) await vscode.workspace.fs.delete(uri).then(undefined, () => {});
    }
  });

  test('a session restored from an earlier window is listed with its date and removed like an import', async () => {
    const socketLens = await api();
    const [file] = await socketLens.archivedSessions();
    assert.ok(file, 'an earlier test kept a session');
    const [id] = (await vscode.commands.executeCommand<string[]>('socketLens.showPreviousSessions', file)) ?? [];
    assert.ok(id, 'the kept session opens');
    await eventually(() => row(socketLens, id) !== undefined, 'the restored session has a row');
    assert.match(row(socketLens, id)!.description, /^previous session · \w{3} \d{1,2}, \d{4}, \d\d:\d\d · \d+ messages?$/);
    assert.equal(row(socketLens, id)!.icon, 'history');
    assert.equal(await remove(id), true);
    await eventually(() => row(socketLens, id) === undefined, 'the row is gone');
  });

  test('a closed connection is removed with its panel; a live one is refused; Clear Closed leaves the live one', async () => {
    const socketLens = await api();
    const server = await startServer();
    try {
      const live = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
      const closed = await vscode.commands.executeCommand<string>('socketLens.connect', `${server.url}?which=closed`);
      await eventually(() => connection(socketLens, live).state === 'open' && connection(socketLens, closed).state === 'open', 'both connections are open');
      await vscode.commands.executeCommand('socketLens.disconnect', closed);
      await eventually(() => connection(socketLens, closed).state === 'closed', 'one is closed');

      assert.equal(await remove(live), false, 'a live connection is not removed');
      assert.equal(connection(socketLens, live).state, 'open', 'and stays open');
      const host = new URL(server.url).host;
      await eventually(() => panelTabs(host) >= 2, 'both panels are open').catch((error: Error) => {
        throw new Error(`${error.message}; tabs: ${JSON.stringify(tabLabels())}`);
      });
      const tabsBefore = panelTabs(host);
      assert.equal(await remove(closed), true);
      assert.ok(!socketLens.connections().some((c) => c.id === closed), 'the connection is gone');
      await eventually(() => row(socketLens, closed) === undefined, 'its row is gone');
      await eventually(() => panelTabs(host) === tabsBefore - 1, 'its panel closed');

      const other = await vscode.commands.executeCommand<string>('socketLens.connect', `${server.url}?which=other`);
      await eventually(() => connection(socketLens, other).state === 'open', 'a third connection opens');
      await vscode.commands.executeCommand('socketLens.disconnect', other);
      await eventually(() => connection(socketLens, other).state === 'closed', 'and closes');
      const har = await importHar('clear-closed.har', 'cleared.example');
      try {
        const removed = await vscode.commands.executeCommand<number>('socketLens.clearClosed');
        assert.ok(removed >= 2, `the closed connection and the import went (${removed})`);
        const left = socketLens.connections();
        assert.deepEqual(left.filter((c) => c.state === 'closed'), [], 'no closed connection is left');
        assert.equal(connection(socketLens, live).state, 'open', 'the live connection stays');
        assert.deepEqual(socketLens.importedSessions(), []);
        const ids = left.map((c) => c.id).join();
        await eventually(() => socketLens.connectionRows().map((r) => r.id).join() === ids, 'the view lists only what is left');
        // The status bar repaints on its own throttle, like the view.
        await eventually(() => socketLens.statusBar()?.text === expectedStatus(socketLens), 'the status bar still counts it').catch((error: Error) => {
          throw new Error(`${error.message}: shows ${JSON.stringify(socketLens.statusBar()?.text)}, expected ${JSON.stringify(expectedStatus(socketLens))}`);
        });
      } finally {
        await vscode.workspace.fs.delete(har.file).then(undefined, () => {});
      }
      await vscode.commands.executeCommand('socketLens.disconnect', live);
      await eventually(() => connection(socketLens, live).state === 'closed', 'the live one is closed');
    } finally {
      await server.close();
    }
  });
}
