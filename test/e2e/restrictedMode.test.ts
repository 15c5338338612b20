import { test } from 'node:test';
import { runSuite } from './extensionHostSuite';

test('in Restricted Mode, workspace connections and mocks are listed but never started', { timeout: 600_000 }, () =>
  runSuite({ entry: 'restricted', workspace: 'workspace-restricted', workspaceTrust: true }));
