// The commands and menus package.json contributes, checked against each other and against the
// context keys the extension sets: a typo in a `when` clause or a menu naming a command that does
// not exist fails here instead of silently hiding an action.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
type MenuItem = { command: string; when?: string; group?: string };
const menus: Record<string, MenuItem[]> = manifest.contributes.menus;
const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

/**
 * Every `socketLens.has*` context key the extension sets: named in a setContext call, or in the
 * walkthrough's milestones (set through reachMilestone).
 */
function contextKeysSet(): Set<string> {
  const dir = join(root, 'src', 'extension');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const keys = files.flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    // Through ContextKeys (contextKeys.set) or setContext itself.
    const set = [...text.matchAll(/(?:'setContext',|contextKeys\.set\()\s*'(socketLens\.has\w+)'/g)];
    const milestones = f.endsWith('walkthroughProgress.ts') ? [...text.matchAll(/'(socketLens\.has\w+)'/g)] : [];
    return [...set, ...milestones].map((m) => m[1]!);
  });
  return new Set(keys);
}

function walkthroughSteps(): { id: string; completionEvents?: string[] }[] {
  return (manifest.contributes.walkthroughs as { steps: { id: string; completionEvents?: string[] }[] }[]).flatMap((w) => w.steps);
}

test('each walkthrough step is ticked by what the person did (a context key), not by running its command', () => {
  for (const step of walkthroughSteps()) {
    for (const event of step.completionEvents ?? []) {
      assert.ok(!/^onCommand:socketLens\./.test(event), `step ${step.id} completes on ${event}, which runs even when the command only says there is nothing to act on`);
    }
  }
});

test('every menu names a contributed command', () => {
  for (const [menu, items] of Object.entries(menus)) {
    for (const item of items) assert.ok(commands.has(item.command), `${menu} names ${item.command}, which package.json does not contribute`);
  }
});

test('every socketLens.* context key a when clause reads is set by the extension', () => {
  const set = contextKeysSet();
  assert.ok(set.size >= 5, `found the keys the extension sets: ${[...set].join(', ')}`);
  const welcome: { view: string; when?: string }[] = manifest.contributes.viewsWelcome;
  const clauses = [
    ...Object.entries(menus).flatMap(([menu, items]) => items.map((item) => ({ where: `${menu}: ${item.command}`, when: item.when ?? '' }))),
    ...welcome.map((entry) => ({ where: `viewsWelcome of ${entry.view}`, when: entry.when ?? '' })),
    ...walkthroughSteps().flatMap((step) => (step.completionEvents ?? []).filter((e) => e.startsWith('onContext:')).map((e) => ({ where: `walkthrough step ${step.id}`, when: e.slice('onContext:'.length) }))),
  ];
  for (const { where, when } of clauses) {
    // View ids (socketLens.connections) and context values (socketLens.connection.open) are not keys.
    const keys = [...when.matchAll(/(?<![=~/.\\])\b(socketLens\.has\w+)/g)].map((m) => m[1]!);
    for (const key of keys) assert.ok(set.has(key), `${where} reads ${key}, which nothing sets`);
  }
  for (const key of set) assert.ok(clauses.some((clause) => clause.when.includes(key)), `${key} is set but no when clause reads it`);
});

test('every inline action of a tree row is in the row\'s context menu too (keyboard and screen reader users reach it)', () => {
  const items = menus['view/item/context']!;
  const inline = items.filter((item) => item.group?.startsWith('inline'));
  assert.ok(inline.length >= 8, 'the views have inline actions');
  for (const action of inline) {
    const twin = items.find((item) => item.command === action.command && !item.group?.startsWith('inline') && item.when === action.when);
    assert.ok(twin, `${action.command} is inline on "${action.when}" but not in that row's context menu`);
  }
});

test('commands that act on something are hidden from the palette while there is nothing to act on', () => {
  const palette = new Map(menus.commandPalette!.map((item) => [item.command, item.when ?? '']));
  const needs: Record<string, RegExp> = {
    'socketLens.showPanel': /hasConnections \|\| socketLens\.hasImportedSessions/,
    'socketLens.disconnect': /hasLiveConnections/,
    'socketLens.reconnect': /hasConnections/,
    'socketLens.send': /hasOpenConnections/,
    'socketLens.exportSession': /hasConnections \|\| socketLens\.hasImportedSessions/,
    'socketLens.copyAsCli': /hasConnections/,
    'socketLens.stopMock': /hasMocks/,
    'socketLens.replayImported': /hasImportedSessions/,
    'socketLens.createMockFromImported': /hasImportedSessions/,
    'socketLens.openSavedFile': /workbenchState != empty/,
    'socketLens.removeSession': /^false$/,
  };
  for (const [command, when] of Object.entries(needs)) assert.match(palette.get(command) ?? '(always shown)', when, `${command} in the palette`);
});

test('the README\'s Commands table names every command', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Commands'), readme.indexOf('### Settings'));
  for (const { command, title } of manifest.contributes.commands as { command: string; title: string }[]) {
    assert.ok(table.includes(title), `${command} ("${title}") is missing from the README's Commands table`);
  }
});

test('every setting is documented in package.json and in the README\'s Settings table', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Settings'), readme.indexOf('###', readme.indexOf('### Settings') + 4));
  const configuration = [manifest.contributes.configuration].flat() as { properties: Record<string, { description?: string; markdownDescription?: string }> }[];
  const settings = configuration.flatMap((c) => Object.entries(c.properties));
  assert.ok(settings.length >= 8, `socketLens.* settings (${settings.length})`);
  for (const [name, schema] of settings) {
    assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${name} has a description`);
    assert.ok(table.includes(`\`${name}\``), `${name} is missing from the README's Settings table`);
  }
});
