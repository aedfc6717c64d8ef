import { pathToFileURL } from 'node:url';
import type { InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';

export interface Folder {
  /** The folder's URI without a trailing slash. */
  uri: string;
  name: string;
}

function folder(uri: string, name?: string): Folder {
  const trimmed = uri.replace(/\/+$/, '');
  return { uri: trimmed, name: name ?? decodeURIComponent(trimmed.slice(trimmed.lastIndexOf('/') + 1)) };
}

/** The workspace folders the client opened, and which of them holds a document. */
export class WorkspaceFolders {
  private folders: Folder[] = [];

  /** workspaceFolders when the client sends them, else the deprecated rootUri / rootPath. */
  initialize(params: InitializeParams): void {
    if (params.workspaceFolders) this.folders = params.workspaceFolders.map((f) => folder(f.uri, f.name));
    else if (params.rootUri) this.folders = [folder(params.rootUri)];
    else if (params.rootPath) this.folders = [folder(pathToFileURL(params.rootPath).href)];
  }

  change(event: WorkspaceFoldersChangeEvent): { added: Folder[]; removed: Folder[] } {
    const removed = event.removed.map((f) => folder(f.uri, f.name));
    const added = event.added.map((f) => folder(f.uri, f.name));
    this.folders = this.folders.filter((f) => !removed.some((r) => r.uri === f.uri)).concat(added);
    return { added, removed };
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The innermost folder containing `uri`, when there is one. */
  folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      if (uri.startsWith(`${f.uri}/`) && (!best || f.uri.length > best.uri.length)) best = f;
    }
    return best;
  }
}
