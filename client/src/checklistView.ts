// The "Production checklist" tree: sections, items (pass / fail / not applicable, with their count),
// the failing objects under a failing item (click: open at the object), manual items as checkboxes.
import {
  commands,
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCheckboxState,
  TreeItemCollapsibleState,
  Uri,
  window,
  workspace,
  type Disposable,
  type Event,
  type LogOutputChannel,
  type TreeCheckboxChangeEvent,
  type TreeDataProvider,
  type TreeView,
  type WorkspaceFolder,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { itemState } from '../../server/src/cli/formatters/checklistText';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  CHECKLIST_VIEW_ID,
  SET_MANUAL_ITEM_REQUEST,
  type Checklist,
  type ChecklistChangedParams,
  type ChecklistFailure,
  type ChecklistItem,
  type ChecklistSection,
  type SetManualItemParams,
} from './protocol';

/** Set while the workspace has folders but no Kubernetes object in them (package.json viewsWelcome). */
const NO_MANIFESTS_CONTEXT = 'kubeProd.noManifests';

type Node =
  | { type: 'folder'; folder: WorkspaceFolder }
  | { type: 'section'; folder: WorkspaceFolder; section: ChecklistSection }
  | { type: 'item'; folder: WorkspaceFolder; item: ChecklistItem }
  | { type: 'failure'; failure: ChecklistFailure; item: ChecklistItem };

const STATUS_ICONS: Record<ChecklistItem['status'], ThemeIcon> = {
  pass: new ThemeIcon('testing-passed-icon', new ThemeColor('testing.iconPassed')),
  fail: new ThemeIcon('testing-failed-icon', new ThemeColor('testing.iconFailed')),
  'not-applicable': new ThemeIcon('circle-slash'),
};

/** A checklist with no object counted anywhere: the folder holds no Kubernetes manifest. */
export function isEmptyChecklist(checklist: Checklist): boolean {
  return checklist.sections.every((s) => s.items.every((i) => i.kind === 'manual' || i.count.total === 0));
}

export class ChecklistView implements TreeDataProvider<Node>, Disposable {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;
  private readonly updated = new EventEmitter<void>();
  /** Fired whenever a checklist arrives (the status bar shows the score). */
  readonly onDidUpdate: Event<void> = this.updated.event;

  private readonly checklists = new Map<string, Checklist>();
  private readonly view: TreeView<Node>;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly log: LogOutputChannel,
  ) {
    this.view = window.createTreeView(CHECKLIST_VIEW_ID, { treeDataProvider: this, showCollapseAll: true, manageCheckboxStateManually: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.updated,
      this.view.onDidChangeCheckboxState((event) => void this.checkboxesChanged(event)),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible && this.checklists.size === 0) void this.refresh();
      }),
      workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
  }

  /** Listens for checklistChanged; call once the client runs (and again after a restart: the handler stays). */
  listen(): Disposable {
    return this.client.onNotification(CHECKLIST_CHANGED_NOTIFICATION, (params: ChecklistChangedParams) => {
      const folder = workspace.workspaceFolders?.find((f) => f.uri.toString() === params.folderUri);
      if (folder) void this.load(folder);
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The checklist of a folder, the first one when none is named (for the status bar and the export). */
  checklistOf(folder?: WorkspaceFolder): Checklist | undefined {
    const target = folder ?? workspace.workspaceFolders?.[0];
    return target && this.checklists.get(target.uri.toString());
  }

  /** Asks the server again for every folder's checklist. */
  async refresh(): Promise<void> {
    const folders = workspace.workspaceFolders ?? [];
    for (const key of [...this.checklists.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.checklists.delete(key);
    await Promise.all(folders.map((folder) => this.load(folder)));
    if (folders.length === 0) this.show();
  }

  private async load(folder: WorkspaceFolder): Promise<void> {
    if (!this.client.isRunning()) return;
    try {
      const checklist = await this.client.sendRequest<Checklist>(CHECKLIST_REQUEST, { folderUri: folder.uri.toString() });
      this.checklists.set(folder.uri.toString(), checklist);
    } catch (error) {
      this.log.warn(`checklist of ${folder.name}: ${String(error)}`);
    }
    this.show();
  }

  private show(): void {
    const folders = workspace.workspaceFolders ?? [];
    const loaded = folders.map((f) => this.checklists.get(f.uri.toString())).filter((c): c is Checklist => c !== undefined);
    const empty = loaded.length > 0 && loaded.every(isEmptyChecklist);
    void commands.executeCommand('setContext', NO_MANIFESTS_CONTEXT, empty);
    const first = loaded[0];
    this.view.badge = first && first.summary.requiredFailing.length > 0
      ? { value: first.summary.requiredFailing.length, tooltip: `${first.summary.requiredFailing.length} required checklist items fail` }
      : undefined;
    this.changed.fire(undefined);
    this.updated.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const folders = (workspace.workspaceFolders ?? []).filter((f) => {
        const checklist = this.checklists.get(f.uri.toString());
        return checklist && !isEmptyChecklist(checklist);
      });
      if (folders.length === 1) return this.sectionsOf(folders[0]);
      return folders.map((folder) => ({ type: 'folder', folder }));
    }
    switch (node.type) {
      case 'folder':
        return this.sectionsOf(node.folder);
      case 'section':
        return node.section.items.map((item) => ({ type: 'item', folder: node.folder, item }));
      case 'item':
        return node.item.failures.map((failure) => ({ type: 'failure', failure, item: node.item }));
      case 'failure':
        return [];
    }
  }

  private sectionsOf(folder: WorkspaceFolder): Node[] {
    const checklist = this.checklists.get(folder.uri.toString());
    return (checklist?.sections ?? []).map((section) => ({ type: 'section', folder, section }));
  }

  getTreeItem(node: Node): TreeItem {
    switch (node.type) {
      case 'folder': {
        const item = new TreeItem(node.folder.name, TreeItemCollapsibleState.Expanded);
        item.iconPath = ThemeIcon.Folder;
        const summary = this.checklists.get(node.folder.uri.toString())?.summary;
        if (summary) item.description = `${summary.pass}/${summary.pass + summary.fail}`;
        return item;
      }
      case 'section': {
        const items = node.section.items;
        const failing = items.filter((i) => i.status === 'fail').length;
        const tree = new TreeItem(node.section.title, failing > 0 ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed);
        tree.description = failing > 0 ? `${failing} failing` : 'all pass';
        tree.contextValue = 'section';
        return tree;
      }
      case 'item':
        return itemTreeItem(node.item);
      case 'failure':
        return failureTreeItem(node.failure);
    }
  }

  private async checkboxesChanged(event: TreeCheckboxChangeEvent<Node>): Promise<void> {
    for (const [node, state] of event.items) {
      if (node.type !== 'item' || node.item.kind !== 'manual') continue;
      const params: SetManualItemParams = {
        folderUri: node.folder.uri.toString(),
        itemId: node.item.id,
        done: state === TreeItemCheckboxState.Checked,
        date: new Date().toISOString().slice(0, 10),
      };
      try {
        const checklist = await this.client.sendRequest<Checklist>(SET_MANUAL_ITEM_REQUEST, params);
        this.checklists.set(node.folder.uri.toString(), checklist);
      } catch (error) {
        this.log.error(`setManualItem ${node.item.id}: ${String(error)}`);
        void window.showErrorMessage(`kube-prod: could not record "${node.item.title}": ${error instanceof Error ? error.message : String(error)}`);
      }
      this.show();
    }
  }
}

function itemTreeItem(item: ChecklistItem): TreeItem {
  const expandable = item.status === 'fail' && item.failures.length > 0;
  const tree = new TreeItem(item.title, expandable ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
  tree.id = `${item.section}/${item.id}`;
  tree.iconPath = STATUS_ICONS[item.status];
  tree.description = item.kind === 'manual' ? manualDescription(item) : itemState(item);
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${item.title}**${item.required ? ' (required)' : ''}\n\n`).appendText(item.description);
  if (item.note) tooltip.appendMarkdown('\n\n').appendText(item.note);
  if (item.rules?.length) tooltip.appendMarkdown(`\n\nRules: ${item.rules.map((r) => `\`${r}\``).join(', ')}`);
  tree.tooltip = tooltip;
  tree.contextValue = `item.${item.kind}.${item.status}`;
  if (item.kind === 'manual') {
    tree.checkboxState = {
      state: item.manual?.done ? TreeItemCheckboxState.Checked : TreeItemCheckboxState.Unchecked,
      tooltip: item.manual?.done ? 'Mark as not done' : 'Mark as done',
    };
  }
  return tree;
}

function manualDescription(item: ChecklistItem): string {
  const record = item.manual;
  if (!record?.done) return 'manual';
  return ['done', record.by && `by ${record.by}`, record.date].filter(Boolean).join(' ');
}

function failureTreeItem(failure: ChecklistFailure): TreeItem {
  const name = failure.name ? `${failure.kind} "${failure.name}"` : failure.kind;
  const tree = new TreeItem(name, TreeItemCollapsibleState.None);
  const uri = Uri.parse(failure.uri);
  tree.description = `${workspace.asRelativePath(uri)}:${failure.range.start.line + 1}`;
  tree.tooltip = failure.messages.join('\n');
  tree.iconPath = new ThemeIcon('symbol-object');
  tree.resourceUri = uri;
  const { start, end } = failure.range;
  tree.command = {
    command: 'vscode.open',
    title: 'Open',
    arguments: [uri, { selection: new Range(start.line, start.character, end.line, end.character) }],
  };
  tree.contextValue = 'failure';
  return tree;
}
