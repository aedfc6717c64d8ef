// Manifests as built, in the editor: each workspace folder's Helm charts and kustomizations are
// rendered with the user's tools after the folder is indexed and when a file is saved (never per
// keystroke), in the background, with work-done progress that can be cancelled. A newer build
// cancels an older one; unchanged inputs reuse the tools' previous output.
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { buildAll } from '../build/builder';
import { diskTree } from '../build/diskTree';
import type { RunResult } from '../build/tools';
import { isKustomizationFile, kustomizationFileIn, type FileTree } from '../engine/build/tree';
import type { Workspace } from '../engine/workspace/workspace';
import type { AnyRule } from '../engine/rule';
import type { Finding, Range } from '../engine/types';
import { canonicalUri, fileUri, pathOf } from './files';
import type { Folder, WorkspaceFolders } from './folders';
import { describeError, type Log } from './log';
import type { SettingsService } from './settings';
import type { WorkspaceService } from './workspaces';

/** The client says the workspace became trusted (VS Code's workspace trust). */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'kubeProd/workspaceTrusted';

/** Saves and file events come in bursts (save all, git checkout): one build after the burst. */
const BUILD_DELAY_MS = 300;

export interface BuildServiceDependencies {
  connection: Connection;
  workspaces: WorkspaceService;
  folders: WorkspaceFolders;
  settings: SettingsService;
  rules: readonly AnyRule[];
  log: Log;
}

interface FolderBuild {
  timer: NodeJS.Timeout | undefined;
  running: AbortController | undefined;
  /** Tool outputs by tool, arguments and input content. */
  cache: Map<string, RunResult>;
  /** The folder has charts or kustomizations (as of its last build). */
  hasBuilds: boolean;
}

export class BuildService {
  /** Rendering runs programs from the user's machine on workspace content: only once the user trusts it. */
  private trusted = false;
  private readonly folders = new Map<string, FolderBuild>();
  private readonly waiting = new Set<() => void>();

  constructor(private readonly deps: BuildServiceDependencies) {
    deps.workspaces.onDidChange((change) => {
      // A folder finished (re-)indexing: its builds are what they were before the rebuild, or none yet.
      if (change.uris === undefined && change.scope !== '') this.scheduleFolderUri(change.scope);
    });
  }

  initialize(initializationOptions: unknown): void {
    const options = initializationOptions as { workspaceTrusted?: unknown } | undefined;
    // Clients that know nothing of trust (other editors) run with the user's own rights anyway.
    this.trusted = options?.workspaceTrusted !== false;
  }

  /** The user trusted the workspace: render what could not be rendered before. */
  trust(): void {
    if (this.trusted) return;
    this.trusted = true;
    this.scheduleAll();
  }

  /** Settings changed: render again (the tools' paths or values files may be new). */
  scheduleAll(): void {
    for (const folder of this.deps.folders.all()) this.schedule(folder);
  }

  /** A file was saved, or changed on disk: its folder's builds, if it has any, run again. */
  fileChanged(uri: string): void {
    const folder = this.deps.folders.folderOf(uri);
    if (!folder) return;
    const state = this.folders.get(folder.uri);
    const path = pathOf(uri) ?? '';
    if (state?.hasBuilds || isKustomizationFile(path) || basename(path) === 'Chart.yaml') this.schedule(folder);
  }

  /** Resolves when no build is scheduled or running (tests, and a checklist request that wants builds done). */
  idle(): Promise<void> {
    if (![...this.folders.values()].some((f) => f.timer || f.running)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  dispose(): void {
    for (const state of this.folders.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.running?.abort();
    }
  }

  private scheduleFolderUri(uri: string): void {
    const folder = this.deps.folders.all().find((f) => f.uri === uri);
    if (folder) this.schedule(folder);
  }

  private stateOf(folder: Folder): FolderBuild {
    let state = this.folders.get(folder.uri);
    if (!state) this.folders.set(folder.uri, (state = { timer: undefined, running: undefined, cache: new Map(), hasBuilds: false }));
    return state;
  }

  private schedule(folder: Folder): void {
    const state = this.stateOf(folder);
    if (state.timer) clearTimeout(state.timer);
    state.running?.abort();
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.build(folder, state)
        .catch((error: unknown) => this.deps.log.error(`kube-prod: building the charts and overlays of ${folder.name} failed: ${describeError(error)}`))
        .finally(() => this.settleIfIdle());
    }, BUILD_DELAY_MS);
  }

  private settleIfIdle(): void {
    if ([...this.folders.values()].some((f) => f.timer || f.running)) return;
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  private async build(folder: Folder, state: FolderBuild): Promise<void> {
    const root = pathOf(folder.uri);
    const serving = this.deps.workspaces.serving(folder);
    if (root === undefined || !serving?.complete) return;
    const files = [...serving.workspace.index.files()].map((file) => file.uri);
    const paths = files.flatMap((uri) => pathOf(uri) ?? []);
    // A kustomization named `Kustomization` has no .yaml extension, so the index does not hold it:
    // look for one beside every indexed file.
    const disk = diskTree();
    const kustomizationFiles = [...new Set([...paths.filter(isKustomizationFile), ...[...new Set(paths.map((path) => dirname(path)))].flatMap((dir) => kustomizationFileIn(dir, disk) ?? [])])];
    const chartFiles = paths.filter((path) => basename(path) === 'Chart.yaml');
    const hadBuilds = state.hasBuilds;
    state.hasBuilds = kustomizationFiles.length > 0 || chartFiles.length > 0;
    if (!state.hasBuilds) {
      if (hadBuilds) this.deps.workspaces.applyBuilds(folder, [], new Map());
      return;
    }
    // Running from here on: a save while the settings are read cancels this build too.
    const controller = new AbortController();
    state.running = controller;
    try {
      await this.render(folder, state, controller, root, serving.workspace, files, kustomizationFiles, chartFiles, disk);
    } finally {
      if (state.running === controller) state.running = undefined;
    }
  }

  private async render(
    folder: Folder,
    state: FolderBuild,
    controller: AbortController,
    root: string,
    workspace: Workspace,
    files: readonly string[],
    kustomizationFiles: readonly string[],
    chartFiles: readonly string[],
    disk: FileTree,
  ): Promise<void> {
    const settings = await this.deps.settings.forDocument(folder.uri);
    if (controller.signal.aborted) return;
    const render = settings.render && this.trusted;
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin('kube-prod', undefined, `Rendering the charts and overlays of ${folder.name}`, true);
    progress.token.onCancellationRequested(() => controller.abort());
    try {
      const resolveIn = (file: string): string => (isAbsolute(file) ? file : join(root, file));
      const valuesByChart = new Map(Object.entries(settings.helmValues).map(([chart, values]) => [resolveIn(chart).replace(/[\\/]+$/, ''), values.map(resolveIn)]));
      const result = await buildAll({
        kustomizationFiles,
        chartFiles,
        tree: disk,
        rules: this.deps.rules,
        config: workspace.config,
        render,
        helmPath: settings.helmPath || undefined,
        kustomizePath: settings.kustomizePath || undefined,
        valuesFiles: (chartDir) => valuesByChart.get(chartDir) ?? [],
        timeoutMs: settings.renderTimeoutMs,
        signal: controller.signal,
        labelBase: root,
        cache: state.cache,
        onProgress: (message) => progress.report(message),
        onRuleError: (ruleId, error) => this.deps.log.once(`rule:${ruleId}`, 'error', `kube-prod: rule ${ruleId} failed and was skipped (reported once): ${describeError(error)}`),
      });
      if (controller.signal.aborted || state.running !== controller) return;
      if (!render && settings.render && !this.trusted) {
        this.deps.log.once(`untrusted:${folder.uri}`, 'warn', `kube-prod: ${folder.name} is not a trusted workspace, so its Helm charts and kustomizations are not rendered (kustomizations are applied directly, without their patches). Trust the workspace to render them.`);
      } else {
        for (const notice of result.notices) this.deps.log.once(`notice:${notice}`, 'warn', `kube-prod: ${notice}`);
      }
      const built = files.filter((uri) => {
        const path = pathOf(uri);
        return path !== undefined && result.roleOf(path) !== undefined;
      });
      const findings = new Map<string, Finding[]>();
      for (const [file, list] of result.findings) findings.set(canonicalUri(fileUri(file)), list);
      const applications = result.applications.map((app) => ({
        label: app.label,
        workspace: app.workspace,
        locate: (uri: string, range: Range) => {
          const where = app.locate(uri, range);
          return where && { uri: canonicalUri(fileUri(where.file)), range: where.range };
        },
      }));
      this.deps.workspaces.applyBuilds(folder, built, findings, applications);
      const { rendered, direct, failed } = result.counts;
      this.deps.log.info(`kube-prod: built ${folder.name}: ${rendered} rendered, ${direct} applied directly, ${failed} failed`);
    } finally {
      progress.done();
    }
  }
}
