import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { canonicalUri, FileFilter, fileUri, listManifests, pathOf, readManifest, readManifestNow, TimeSlicer } from '../../../server/src/services/files';

describe('file URIs', () => {
  it('spells a path as VS Code does, and one URI per file whatever the client sent', () => {
    assert.equal(fileUri('/w/a b.yaml'), pathToFileURL('/w/a b.yaml').href);
    assert.equal(fileUri('/w/a[1]!.yaml'), 'file:///w/a%5B1%5D%21.yaml');
    assert.equal(fileUri('C:\\w\\a.yaml'), 'file:///c%3A/w/a.yaml');
    assert.equal(canonicalUri('file:///w/a[1].yaml'), 'file:///w/a%5B1%5D.yaml');
    assert.equal(canonicalUri('file:///w/a%5B1%5D.yaml'), 'file:///w/a%5B1%5D.yaml');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(pathOf('file:///w/my%20repo/a.yaml'), '/w/my repo/a.yaml');
    assert.equal(pathOf('untitled:Untitled-1'), undefined);
  });
});

describe('FileFilter', () => {
  const filter = new FileFilter({ root: '/w', exclude: ['generated/**', '**/*.tmpl.yaml'], nestedRoots: ['/w/inner'] });

  it('accepts YAML manifests of the folder', () => {
    assert.equal(filter.accepts('/w/a.yaml'), true);
    assert.equal(filter.accepts('/w/deep/b.YML'), true);
    assert.equal(filter.accepts('/w/a.json'), false);
    assert.equal(filter.accepts('/elsewhere/a.yaml'), false);
  });

  it('leaves out our own files, node_modules, .git, excluded paths and nested folders', () => {
    assert.equal(filter.accepts('/w/.kube-prod.yaml'), false);
    assert.equal(filter.accepts('/w/.kube-prod-checklist.yaml'), false);
    assert.equal(filter.accepts('/w/node_modules/x/a.yaml'), false);
    assert.equal(filter.accepts('/w/.git/a.yaml'), false);
    assert.equal(filter.accepts('/w/generated/a.yaml'), false);
    assert.equal(filter.accepts('/w/x/a.tmpl.yaml'), false);
    assert.equal(filter.accepts('/w/inner/a.yaml'), false);
  });

  it('enters the folders a walk should visit, and knows whether a folder is reached at all', () => {
    assert.equal(filter.entersFolder('/w'), true);
    assert.equal(filter.entersFolder('/w/src'), true);
    assert.equal(filter.entersFolder('/w/node_modules'), false);
    assert.equal(filter.entersFolder('/w/generated'), false);
    assert.equal(filter.entersFolder('/w/inner'), false);
    assert.equal(filter.reaches('/w/src/deep'), true);
    assert.equal(filter.reaches('/w/node_modules/pkg/deep'), false);
    assert.equal(filter.reaches('/elsewhere'), false);
  });
});

describe('reading the disk', () => {
  let root: string;
  const write = (relative: string, text: string): void => {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-prod-files-'));
    for (const file of ['a.yaml', 'sub/b.yml', 'sub/deeper/c.yaml', 'node_modules/p/d.yaml', 'skip/e.yaml', 'f.txt', '.kube-prod.yaml']) write(file, 'kind: Pod\n');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists the manifests under a folder', async () => {
    const filter = new FileFilter({ root, exclude: ['skip'] });
    const found = (await listManifests(filter)).map((p) => p.slice(root.length + 1)).sort();
    assert.deepEqual(found, ['a.yaml', 'sub/b.yml', 'sub/deeper/c.yaml']);
    assert.deepEqual((await listManifests(filter, join(root, 'sub', 'deeper'))).map((p) => p.slice(root.length + 1)), ['sub/deeper/c.yaml']);
    assert.deepEqual(await listManifests(filter, join(root, 'gone')), []);
  });

  it('reads a file unless it is gone or too large', async () => {
    assert.deepEqual(await readManifest(join(root, 'a.yaml'), 1024), { kind: 'text', text: 'kind: Pod\n' });
    assert.deepEqual(await readManifest(join(root, 'a.yaml'), 4), { kind: 'too-large', bytes: 10 });
    assert.deepEqual(await readManifest(join(root, 'nope.yaml'), 1024), { kind: 'missing' });
    assert.deepEqual(await readManifest(join(root, 'sub'), 1024), { kind: 'missing' }, 'a folder is not a file');
  });

  it('lets the event loop run between slices of synchronous work', async () => {
    const slicer = new TimeSlicer(5);
    let ran = false;
    setImmediate(() => (ran = true));
    const end = performance.now() + 50;
    while (!ran && performance.now() < end) await slicer.step();
    assert.equal(ran, true);
  });

  it('reads a file at once, as the scan does', () => {
    assert.deepEqual(readManifestNow(join(root, 'a.yaml'), 1024), { kind: 'text', text: 'kind: Pod\n' });
    assert.deepEqual(readManifestNow(join(root, 'a.yaml'), 4), { kind: 'too-large', bytes: 10 });
    assert.deepEqual(readManifestNow(join(root, 'gone.yaml'), 4), { kind: 'missing' });
  });
});
