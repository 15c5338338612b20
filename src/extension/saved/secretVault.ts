import * as vscode from 'vscode';

const NAMES_KEY = 'socketLens.secretNames';
const PREFIX = 'socketLens.secret.';
/** What `${secret:NAME}` accepts. */
export const SECRET_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * The `${secret:NAME}` values, in VS Code's SecretStorage. SecretStorage cannot list its keys,
 * so the names (never the values) are also kept in global state, for Delete Secret to offer.
 */
export class SecretVault {
  constructor(private readonly context: vscode.ExtensionContext) {}

  get(name: string): Thenable<string | undefined> {
    return this.context.secrets.get(PREFIX + name);
  }

  async store(name: string, value: string): Promise<void> {
    await this.context.secrets.store(PREFIX + name, value);
    await this.context.globalState.update(NAMES_KEY, [...new Set([...this.names(), name])].sort());
  }

  async delete(name: string): Promise<void> {
    await this.context.secrets.delete(PREFIX + name);
    await this.context.globalState.update(NAMES_KEY, this.names().filter((n) => n !== name));
  }

  names(): string[] {
    return this.context.globalState.get<string[]>(NAMES_KEY) ?? [];
  }

  /** The values of `names` that are set, to resolve a connection with. */
  async lookup(names: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const name of names) {
      const value = await this.get(name);
      if (value !== undefined) found.set(name, value);
    }
    return found;
  }
}

/** "Socket Lens: Set Secret…": a name and a value in a password box. `name` and `value` skip the boxes (scripts, tests). */
export async function setSecretCommand(vault: SecretVault, nameArgument?: unknown, valueArgument?: unknown): Promise<string | undefined> {
  const name = typeof nameArgument === 'string' ? nameArgument : await askName(vault);
  if (name === undefined) return undefined;
  if (!SECRET_NAME.test(name)) {
    void vscode.window.showErrorMessage(`Socket Lens: "${name}" cannot be a secret name: use letters, digits, "_", "-" and ".".`);
    return undefined;
  }
  const value = typeof valueArgument === 'string' ? valueArgument : await askValue(name);
  if (value === undefined) return undefined;
  await vault.store(name, value);
  void vscode.window.setStatusBarMessage(`Socket Lens: stored the secret "${name}"`, 3000);
  return name;
}

/** "Socket Lens: Delete Secret…": picks one of the names stored so far. */
export async function deleteSecretCommand(vault: SecretVault, nameArgument?: unknown): Promise<void> {
  const names = vault.names();
  if (typeof nameArgument !== 'string' && names.length === 0) {
    void vscode.window.showInformationMessage('Socket Lens: no secret is stored. "Socket Lens: Set Secret…" stores one.');
    return;
  }
  const name = typeof nameArgument === 'string' ? nameArgument : await vscode.window.showQuickPick(names, { title: 'Socket Lens: Delete Secret', placeHolder: 'Which secret?' });
  if (name !== undefined) await vault.delete(name);
}

function askName(vault: SecretVault): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Socket Lens: Set Secret (1/2)',
    prompt: 'Secret name, as in ${secret:NAME}',
    placeHolder: vault.names()[0] ?? 'api-token',
    ignoreFocusOut: true,
    validateInput: (value) => (SECRET_NAME.test(value) ? undefined : 'Letters, digits, "_", "-" and "." only.'),
  });
}

function askValue(name: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: 'Socket Lens: Set Secret (2/2)', prompt: `Value of "${name}" (kept in VS Code's secret storage)`, password: true, ignoreFocusOut: true });
}
