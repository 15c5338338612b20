import { test } from 'node:test';
import { runSuite } from './extensionHostSuite';

test('extension-host suite passes in code-server against the real vscode API', { timeout: 600_000 }, () =>
  runSuite({ entry: 'index', workspace: 'workspace-ext-host' }));
