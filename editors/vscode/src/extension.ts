// The VS Code extension: starts `airlint lsp --stdio` and hands Python documents to it. All the
// linting, quick fixes and hovers live in the server; this file only decides how to start it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { commands, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The settings that decide how the server runs. */
export interface Settings {
  /** `airlint.path`: a command (and its leading arguments) that runs airlint; empty for the default. */
  path: string[];
  /** `airlint.config`: a configuration file for every document; empty for discovery. */
  config: string;
}

/**
 * How to start the server: the configured command, else the workspace's own airlint
 * (`node_modules/airlint`, so the version matches the project's CI), else the bundled one.
 * Pure apart from the file checks passed in, so it can be tested without VS Code.
 */
export function serverOptions(settings: Settings, workspaceRoot: string | undefined, bundledBin: string | null, exists: (p: string) => boolean = existsSync): ServerOptions | null {
  const [command, ...rest] = settings.path.filter((s) => s.trim() !== '');
  if (command) return { command, args: [...rest, 'lsp'], transport: TransportKind.stdio };
  const local = workspaceRoot ? path.join(workspaceRoot, 'node_modules', 'airlint', 'bin', 'airlint.js') : null;
  const module = local && exists(local) ? local : bundledBin;
  if (!module) return null;
  return { module, args: ['lsp'], transport: TransportKind.stdio };
}

function bundledServer(): string | null {
  try {
    return path.join(path.dirname(require.resolve('airlint/package.json')), 'bin', 'airlint.js');
  } catch {
    return null;
  }
}

function readSettings(): Settings {
  const cfg = workspace.getConfiguration('airlint');
  const raw = cfg.get<string[] | string>('path', []);
  return { path: Array.isArray(raw) ? raw : raw ? [raw] : [], config: cfg.get<string>('config', '') };
}

let client: LanguageClient | undefined;

async function start(context: ExtensionContext): Promise<void> {
  // Restricted Mode: nothing from the workspace runs (its node_modules, its JavaScript config files).
  const trusted = workspace.isTrusted;
  const settings = trusted ? readSettings() : { path: [], config: '' };
  const root = trusted ? workspace.workspaceFolders?.[0]?.uri.fsPath : undefined;
  const server = serverOptions(settings, root, bundledServer());
  if (!server) throw new Error('airlint: no server to run; set "airlint.path" to the airlint command');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    initializationOptions: { config: settings.config, noConfig: !trusted },
  };
  client = new LanguageClient('airlint', 'airlint', server, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

async function restart(context: ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) await old.dispose();
  await start(context);
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand('airlint.restart', () => restart(context)),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('airlint.path') || e.affectsConfiguration('airlint.config')) void restart(context);
    }),
    workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.dispose();
  client = undefined;
}
