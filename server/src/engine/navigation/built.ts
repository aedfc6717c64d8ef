import { isWithin, shiftRange, type Position, type Range } from '../types';
import type { IndexedResource } from '../workspace/index';
import type { AttachedApplication } from '../workspace/workspace';
import { definitionAt } from './definition';
import { placesOnce, selectorKeyOf, type Target } from './graph';
import { relationHints, type RelationHint } from './hints';
import { referencesAt } from './references';

/**
 * Navigation in the files Helm and kustomize build (templates, values, kustomize resources and
 * patches): the objects are the build's, checked in the build's own Workspace, and each build can
 * say where a place of its objects comes from. A request in a source file finds the place of a
 * built object that comes from under the cursor, asks the build's Workspace, and moves the answer
 * back to the sources. What comes from no source line (a label a chart's helper adds through an
 * include, say) is not navigable from the source.
 */

/** A place of a built object that navigation starts from, and where it comes from. */
interface Spot {
  app: AttachedApplication;
  resource: IndexedResource;
  /** In the built object's document. */
  at: Range;
  source: Target;
}

/** The spots of each build, mapped once: a build's objects do not change until it is built again. */
const spotsOfBuild = new WeakMap<AttachedApplication['workspace'], Spot[]>();

function startPoints(resource: IndexedResource): Range[] {
  const { facts } = resource;
  const out: Range[] = [facts.kindAt];
  if (facts.nameAt) out.push(facts.nameAt);
  for (const reference of facts.references ?? []) out.push(reference.at, ...reference.keys.map((k) => k.at));
  for (const site of facts.labelSites ?? []) out.push(site.keyAt, site.valueAt);
  if (facts.workload?.selectorAt) out.push(facts.workload.selectorAt);
  for (const port of facts.service?.ports ?? []) if (port.targetPort) out.push(port.targetPort.at);
  const selector = selectorKeyOf(facts);
  if (selector) out.push(selector);
  for (const backend of facts.ingress?.backends ?? []) if (backend.port) out.push(backend.port.at);
  return out;
}

function spotsOf(app: AttachedApplication): Spot[] {
  let spots = spotsOfBuild.get(app.workspace);
  if (spots) return spots;
  spots = [];
  for (const resource of app.workspace.index.resources()) {
    for (const at of startPoints(resource)) {
      const source = app.locate(resource.uri, shiftRange(at, resource.startLine));
      if (source) spots.push({ app, resource, at, source });
    }
  }
  spotsOfBuild.set(app.workspace, spots);
  return spots;
}

/**
 * The built place under the cursor: a spot whose source range holds the position, the narrowest
 * first; else one whose source is on the cursor's line (a template line renders a value the
 * build cannot pin to a column: `name: {{ .Values.secret }}`).
 */
function spotAt(applications: readonly AttachedApplication[], uri: string, position: Position): Spot[] {
  const all = applications.flatMap(spotsOf).filter((spot) => spot.source.uri === uri);
  const width = (r: Range): number => (r.end.line - r.start.line) * 10_000 + r.end.character - r.start.character;
  const exact = all.filter((spot) => isWithin(position, spot.source.range)).sort((a, b) => width(a.source.range) - width(b.source.range));
  if (exact.length > 0) return exact.filter((spot) => width(spot.source.range) === width(exact[0].source.range));
  return all.filter((spot) => spot.source.range.start.line === position.line && spot.source.range.end.line === position.line);
}

/** Targets in the builds, moved to their sources (those with none are left out), once each. */
function toSources(found: Array<{ app: AttachedApplication; targets: Target[] }>): Target[] {
  return placesOnce(found.flatMap(({ app, targets }) => targets.flatMap((target) => app.locate(target.uri, target.range) ?? [])));
}

/** Go to Definition in a built file. */
export function builtDefinition(applications: readonly AttachedApplication[], uri: string, position: Position): Target[] {
  return toSources(
    spotAt(applications, uri, position).map(({ app, resource, at }) => {
      const document = app.workspace.openDocumentAt(resource.uri, resource.startLine + at.start.line);
      if (!document || document.startLine !== resource.startLine) return { app, targets: [] };
      return { app, targets: definitionAt(app.workspace.index, resource.uri, document, document.lines.offsetAt(at.start)) };
    }),
  );
}

/** Find References in a built file. */
export function builtReferences(applications: readonly AttachedApplication[], uri: string, position: Position, includeDeclaration: boolean): Target[] {
  return toSources(
    spotAt(applications, uri, position).map(({ app, resource, at }) => ({ app, targets: referencesAt(app.workspace.index, resource.uri, resource.startLine, at.start, includeDeclaration) })),
  );
}

/**
 * The relation hints of the built objects that come from lines of this file, between `fromLine` and
 * `toLine`. A line several builds render differently (two overlays of one base) gets one hint per
 * build, named.
 */
export function builtHints(applications: readonly AttachedApplication[], uri: string, fromLine: number, toLine: number): RelationHint[] {
  const byLine = new Map<number, Array<{ label: string; hint: RelationHint }>>();
  for (const app of applications) {
    for (const file of app.workspace.index.files()) {
      for (const hint of relationHints(app.workspace.index, file.uri, 0, Number.MAX_SAFE_INTEGER)) {
        const source = app.locate(file.uri, hint.at);
        if (!source || source.uri !== uri) continue;
        const line = source.range.start.line;
        if (line < fromLine || line > toLine) continue;
        const parts = hint.parts.map((part) => {
          const target = part.target && app.locate(part.target.uri, part.target.range);
          return target ? { text: part.text, target } : { text: part.text };
        });
        const list = byLine.get(line) ?? [];
        byLine.set(line, list);
        list.push({ label: app.label, hint: { line, at: source.range, parts } });
      }
    }
  }
  const out: RelationHint[] = [];
  for (const list of byLine.values()) {
    const text = (hint: RelationHint): string => hint.parts.map((p) => p.text).join('');
    const distinct = [...new Map(list.map((entry) => [text(entry.hint), entry])).values()];
    for (const { label, hint } of distinct) out.push(distinct.length > 1 ? { ...hint, parts: [...hint.parts, { text: ` (${label})` }] } : hint);
  }
  return out.sort((a, b) => a.line - b.line);
}
