// .kube-prod-checklist.yaml: validation that names the key, and edits that keep the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigValidationError } from '../../server/src/engine/config';
import { parseChecklistFile, updateChecklistFile } from '../../server/src/engine/workspace/checklistFile';
import { yaml } from '../helpers/ruleTester';

function errorsOf(text: string): string[] {
  try {
    parseChecklistFile(text);
  } catch (error) {
    assert.ok(error instanceof ConfigValidationError, String(error));
    return error.message.split('\n');
  }
  assert.fail('expected the checklist file to be rejected');
}

describe('parseChecklistFile', () => {
  it('reads the manual items, done defaulting to false', () => {
    const state = parseChecklistFile(
      yaml(
        '# kube-prod production checklist',
        'items:',
        '  runbooks: {done: true, by: alice, date: 2026-11-20, note: "docs/runbooks/"}',
        '  dr-restore-tested: {done: false}',
        '  multi-az: {notApplicable: true, note: single-zone edge site}',
      ),
    );
    assert.deepEqual(state, {
      items: {
        runbooks: { done: true, by: 'alice', date: '2026-11-20', note: 'docs/runbooks/' },
        'dr-restore-tested': { done: false },
        'multi-az': { done: false, notApplicable: true, note: 'single-zone edge site' },
      },
    });
  });

  it('treats an empty file, or one without items, as nothing recorded', () => {
    assert.deepEqual(parseChecklistFile(''), { items: {} });
    assert.deepEqual(parseChecklistFile('# nothing yet\n'), { items: {} });
    assert.deepEqual(parseChecklistFile('items: {}\n'), { items: {} });
  });

  it('names an unknown item with its line and column, and lists the manual items', () => {
    assert.deepEqual(errorsOf(yaml('items:', '  runbook: {done: true}')), [
      '.kube-prod-checklist.yaml:2:3: items.runbook: unknown checklist item "runbook" (manual items: multi-az, runbooks, dr-restore-tested, on-call, alert-routing)',
    ]);
  });

  it('names bad values and unknown keys', () => {
    assert.deepEqual(errorsOf(yaml('items:', '  on-call: {done: yes, date: 2026-1-5, owner: bob}')), [
      '.kube-prod-checklist.yaml:2:13: items.on-call.done: must be boolean',
      '.kube-prod-checklist.yaml:2:24: items.on-call.date: must be a date written YYYY-MM-DD',
      '.kube-prod-checklist.yaml:2:40: items.on-call.owner: unknown key "owner"',
    ]);
    assert.deepEqual(errorsOf('checklist: {}\n'), ['.kube-prod-checklist.yaml:1:1: checklist: unknown key "checklist"']);
    assert.deepEqual(errorsOf('items: [runbooks]\n'), ['.kube-prod-checklist.yaml:1:1: items: must be object']);
  });

  it('reports YAML syntax errors as validation errors, never anything else', () => {
    const [first] = errorsOf('items: {runbooks: \n');
    assert.match(first, /^\.kube-prod-checklist\.yaml:\d+:\d+: YAML syntax error/);
    for (const text of ['- a\n- b\n', '42\n', 'items:\n  runbooks: 7\n', 'items:\n  runbooks: {done: true, by: ""}\n']) {
      assert.ok(errorsOf(text).length > 0, text);
    }
  });
});

describe('updateChecklistFile', () => {
  it('creates the file with a header comment when there is none', () => {
    const text = updateChecklistFile(undefined, 'runbooks', true, 'alice', '2026-11-20');
    assert.ok(text.startsWith('# kube-prod production checklist'), text);
    assert.ok(text.endsWith('items:\n  runbooks: {done: true, by: alice, date: 2026-11-20}\n'), text);
    assert.deepEqual(parseChecklistFile(text).items, { runbooks: { done: true, by: 'alice', date: '2026-11-20' } });
  });

  it('edits one item and keeps comments, notes and the other items', () => {
    const before = yaml(
      '# Our go-live checklist. Ask #platform before changing it.',
      'items:',
      '  # the runbooks live in the wiki',
      '  runbooks: {done: true, by: alice, date: 2026-11-20, note: "docs/runbooks/"} # reviewed',
      '  on-call: {done: false, note: rotation starts in December}',
      '',
    );
    const after = updateChecklistFile(before, 'on-call', true, 'bob', '2026-12-01');
    assert.equal(
      after,
      yaml(
        '# Our go-live checklist. Ask #platform before changing it.',
        'items:',
        '  # the runbooks live in the wiki',
        '  runbooks: {done: true, by: alice, date: 2026-11-20, note: "docs/runbooks/"} # reviewed',
        '  on-call: {done: true, note: rotation starts in December, by: bob, date: 2026-12-01}',
      ),
    );
  });

  it('adds an item that is not recorded yet, at the end', () => {
    const after = updateChecklistFile(yaml('items:', '  runbooks: {done: true}'), 'alert-routing', false);
    assert.equal(after, yaml('items:', '  runbooks: {done: true}', '  alert-routing: {done: false}'));
  });

  it('drops a stale "by", "date" and "notApplicable" when they are not given again', () => {
    const after = updateChecklistFile(yaml('items:', '  multi-az: {done: true, notApplicable: true, by: alice, date: 2026-01-02}'), 'multi-az', false);
    assert.deepEqual(parseChecklistFile(after).items['multi-az'], { done: false });
  });

  it('fills a file of comments only', () => {
    const after = updateChecklistFile('# shared with the team\n', 'on-call', true);
    assert.ok(after.startsWith('# shared with the team\n'), after);
    assert.deepEqual(parseChecklistFile(after).items, { 'on-call': { done: true } });
  });

  it('refuses unknown items, bad dates and invalid files', () => {
    assert.throws(() => updateChecklistFile(undefined, 'probes', true), /"probes" is not a manual checklist item/);
    assert.throws(() => updateChecklistFile(undefined, 'runbooks', true, 'alice', '20.11.2026'), /date "20.11.2026" is not YYYY-MM-DD/);
    assert.throws(() => updateChecklistFile('items:\n  runbook: {done: true}\n', 'runbooks', true), ConfigValidationError);
  });
});
