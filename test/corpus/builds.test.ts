// Reviewed findings on real charts and overlays, as built with the real helm and kubectl: every
// finding of each build, on the source line it names, checked in with the reason a person agreed
// it is right (test/corpus/expected-builds/). No finding may land on a patch file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';
import { diskTree } from '../../server/src/build/diskTree';
import { planKustomize } from '../../server/src/engine/build/tree';
import { before, describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { runCli } from '../helpers/cli';
import { k8sTools, type K8sTools } from '../helpers/k8sTools';
import { chartsAndOverlaysDir, projectRoot, yamlFiles } from '../helpers/paths';

interface ReviewedBuild {
  /** What the build is, for people. */
  description: string;
  /** kube-prod check's arguments, relative to test/corpus/charts-and-overlays. */
  args: string[];
  /** Only findings in files under this path are part of the snapshot (one component of a larger tree). */
  under?: string;
  findings: Array<{ file: string; line: number; column: number; ruleId: string; message: string; reason: string }>;
}

const EXPECTED = join(projectRoot(), 'test', 'corpus', 'expected-builds');

/** Every file some kustomization of the trees uses as a patch, relative to the trees' folder. */
function patchFiles(): Set<string> {
  const root = chartsAndOverlaysDir();
  const kustomizations = [...yamlFiles(root)].filter((file) => /(^|[\\/])kustomization\.ya?ml$/.test(file));
  const plan = planKustomize(kustomizations, diskTree());
  return new Set([...plan.roles].filter(([, role]) => role === 'patch').map(([file]) => relative(root, file).split(sep).join('/')));
}
let tools: K8sTools;
before(async () => {
  tools = await k8sTools();
});

describe('reviewed findings on charts and overlays as built', () => {
  for (const snapshot of readdirSync(EXPECTED).filter((f) => f.endsWith('.json')).sort()) {
    const reviewed = JSON.parse(readFileSync(join(EXPECTED, snapshot), 'utf8')) as ReviewedBuild;
    it(`${reviewed.description}: exactly the ${reviewed.findings.length} reviewed findings`, () => {
      assert.ok(reviewed.findings.every((f) => f.reason.trim().length > 0), 'every reviewed finding states why it is right');
      const result = runCli(['check', '--format', 'json', '--fail-on', 'none', ...reviewed.args], {
        cwd: chartsAndOverlaysDir(),
        env: { PATH: [tools.dir, '/usr/bin', '/bin'].join(delimiter) },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      const output = JSON.parse(result.stdout) as JsonOutput;
      const actual = output.files
        .filter((file) => reviewed.under === undefined || file.path.startsWith(reviewed.under))
        .flatMap((file) => file.findings.map((f) => ({ file: file.path, line: f.line, column: f.column, ruleId: f.ruleId, message: f.message })));
      assert.deepEqual(actual, reviewed.findings.map(({ reason: _reason, ...rest }) => rest));
      const patches = patchFiles();
      assert.ok(patches.size > 0);
      assert.deepEqual(actual.filter((f) => patches.has(f.file)), [], 'no finding on a patch file');
    });
  }
});
