// LSP mode: the real language server (dist/server.js) over stdio, one process for many sessions.
// A session opens a file holding an input, makes a few small incremental edits, asks for code
// actions (resolving some offered without an edit) and a hover, and closes it; the server must
// stay alive, answer every request and publish diagnostics for every version within 2 s.
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { describeError, LIMITED_SIZE, type Failure } from './engine';
import type { Rng } from './prng';

export const LSP_LIMIT_MS = 2000;
/** How long to wait past the limit to tell a slow server from a silent one. */
const GRACE_MS = 8000;

const SNIPPETS = ['x', ' ', '\n', ':', ': ', '- ', '  ', '\t', '{', '}', '[', ']', '#', '&a ', '*a', '<<: *a\n', '"', "'", '---\n', '\u0000', '\r\n', 'kind: Pod\n', 'image: nginx:latest', 'replicas: 1'];

export interface SessionResult {
  failures: Failure[];
  /** Slowest open-or-change to publish, in ms. */
  ms: number;
}

export class LspFuzzer {
  private client: LspClient | undefined;
  private starting: Promise<LspClient> | undefined;
  private readonly workspace: TempWorkspace = tempWorkspace();
  private sessions = 0;
  restarts = 0;
  /** A session found the server dead or silent: start a new one once the sessions in flight end. */
  needsRestart = false;

  private async server(): Promise<LspClient> {
    if (this.client?.running) return this.client;
    if (this.client) this.restarts++;
    this.client?.kill();
    // Sessions run side by side share one start.
    this.starting ??= LspClient.start({ folders: [this.workspace.dir], resolveCodeActions: true }).finally(() => (this.starting = undefined));
    this.client = await this.starting;
    return this.client;
  }

  /** Ends the server (it is started again by the next session). */
  restart(): void {
    if (this.client) this.restarts++;
    this.client?.kill();
    this.client = undefined;
    this.needsRestart = false;
  }

  dispose(): void {
    this.client?.kill();
    this.client = undefined;
    this.workspace.dispose();
  }

  /** One session over `text`; `edits` small random edits (0: open, ask, close). */
  async session(text: string, rng: Rng, edits = rng.range(1, 4)): Promise<SessionResult> {
    const failures: Failure[] = [];
    let slowest = 0;
    let client: LspClient;
    try {
      client = await this.server();
    } catch (error) {
      return { failures: [{ invariant: 'lsp-start', error: describeError(error) }], ms: 0 };
    }
    const uri = this.workspace.uri(`session-${++this.sessions}.yaml`);
    let document = TextDocument.create(uri, 'yaml', 1, text);
    const limit = text.length <= LIMITED_SIZE ? LSP_LIMIT_MS : 5 * LSP_LIMIT_MS;

    /** Waits for the publish of `version` (or a later one); records a failure when it is late or missing. */
    const published = async (version: number, what: string, since: number): Promise<PublishDiagnosticsParams | undefined> => {
      try {
        const params = await client.waitForDiagnostics(uri, (p) => (p.version ?? version) >= version, limit + GRACE_MS);
        const ms = performance.now() - since;
        slowest = Math.max(slowest, ms);
        if (ms > limit) failures.push({ invariant: 'lsp-slow-diagnostics', error: `diagnostics of ${what} (version ${version}) came after ${ms.toFixed(0)} ms (limit ${limit} ms)` });
        return params;
      } catch (error) {
        failures.push({ invariant: client.running ? 'lsp-silent' : 'lsp-died', error: `no diagnostics for ${what} (version ${version}) within ${limit + GRACE_MS} ms: ${describeError(error).slice(0, 2000)}` });
        return undefined;
      }
    };

    try {
      let since = performance.now();
      await client.open(uri, text);
      let latest = await published(1, 'the open', since);
      for (let version = 2; version <= edits + 1 && latest; version++) {
        const at = rng.int(document.getText().length + 1);
        const length = rng.chance(0.5) ? 0 : rng.small(16);
        const range = { start: document.positionAt(at), end: document.positionAt(at + length) };
        const change = { range, text: rng.chance(0.2) ? '' : rng.pick(SNIPPETS) };
        document = TextDocument.update(document, [change], version);
        since = performance.now();
        await client.change(uri, version, [change]);
        // Sometimes a burst of edits: only the last one's diagnostics are owed.
        if (version <= edits && rng.chance(0.3)) continue;
        latest = await published(version, `edit ${version - 1}`, since);
      }
      if (latest && client.running) {
        const diagnostics: Diagnostic[] = latest.diagnostics.slice(0, 20);
        const end = document.positionAt(document.getText().length);
        const actions = await client
          .codeActions(uri, diagnostics, { range: { start: { line: 0, character: 0 }, end } })
          .catch((error: unknown) => void failures.push({ invariant: 'lsp-no-answer', error: `codeAction: ${describeError(error).slice(0, 2000)}` }));
        // As VS Code does when one is picked: the edit of an action offered without one.
        for (const action of (actions ?? []).filter((a) => !a.edit).slice(0, 3)) {
          await client
            .resolveCodeAction(action)
            .catch((error: unknown) => failures.push({ invariant: 'lsp-no-answer', error: `codeAction/resolve: ${describeError(error).slice(0, 2000)}` }));
        }
        const position = document.positionAt(rng.int(document.getText().length + 1));
        await client
          .request('textDocument/hover', { textDocument: { uri }, position }, limit + GRACE_MS)
          .catch((error: unknown) => failures.push({ invariant: 'lsp-no-answer', error: `hover: ${describeError(error).slice(0, 2000)}` }));
      }
      await client.close(uri);
    } catch (error) {
      failures.push({ invariant: 'lsp-exception', error: describeError(error) });
    }
    if (!client.running) failures.push({ invariant: 'lsp-died', error: `the server exited (code ${String(client.exitCode)})` });
    // A dead or silent server is replaced (a silent one could still be busy with this input).
    if (failures.some((f) => f.invariant === 'lsp-died' || f.invariant === 'lsp-silent')) this.needsRestart = true;
    return { failures, ms: slowest };
  }
}
