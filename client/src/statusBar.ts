// "kube-prod: 3 · 12/19": the active file's kube-prod findings and the checklist score (items passing
// out of the applicable ones). A click focuses the checklist view.
import { languages, StatusBarAlignment, window, workspace, type Disposable, type StatusBarItem } from 'vscode';
import type { ChecklistView } from './checklistView';
import { CHECKLIST_VIEW_ID, DIAGNOSTIC_SOURCE } from './protocol';

export class KubeProdStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly disposables: Disposable[] = [];

  constructor(private readonly checklist: ChecklistView) {
    this.item = window.createStatusBarItem('kubeProd.status', StatusBarAlignment.Left, 0);
    this.item.name = 'kube-prod';
    this.item.command = `${CHECKLIST_VIEW_ID}.focus`;
    this.disposables.push(
      this.item,
      window.onDidChangeActiveTextEditor(() => this.update()),
      languages.onDidChangeDiagnostics((event) => {
        const active = window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((u) => u.toString() === active)) this.update();
      }),
      checklist.onDidUpdate(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = window.activeTextEditor;
    const summary = this.checklist.checklistOf(editor && workspace.getWorkspaceFolder(editor.document.uri))?.summary;
    const isYaml = editor?.document.languageId === 'yaml';
    if (!isYaml && !summary) {
      this.item.hide();
      return;
    }
    const parts: string[] = [];
    const tooltip: string[] = [];
    if (editor && isYaml) {
      const findings = languages.getDiagnostics(editor.document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
      parts.push(String(findings));
      tooltip.push(`${findings} kube-prod ${findings === 1 ? 'finding' : 'findings'} in this file`);
    }
    if (summary) {
      parts.push(`${summary.pass}/${summary.pass + summary.fail}`);
      tooltip.push(`Production checklist: ${summary.pass} of ${summary.pass + summary.fail} applicable items pass` +
        (summary.requiredFailing.length ? `, ${summary.requiredFailing.length} required failing` : ''));
    }
    this.item.text = `kube-prod: ${parts.join(' · ')}`;
    this.item.tooltip = `${tooltip.join('\n')}\nClick to show the checklist`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
