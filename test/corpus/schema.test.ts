// Schema validation over the whole corpus, custom resources against the corpus's own CRDs: every
// finding is one a person reviewed (each is an upstream mistake the API server would reject), so a
// false positive, or a lost true one, fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../server/src/engine/config';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import crdSchemaViolation from '../../server/src/rules/api-versions/crd-schema-violation';
import schemaViolation from '../../server/src/rules/api-versions/schema-violation';
import { corpusDir, yamlFiles } from '../helpers/paths';

/** `file:line message`, and why it is right. */
const REVIEWED: ReadonlyArray<[finding: string, reason: string]> = [
  ['kubernetes-examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml:12 `protocol` must be one of UDP, TCP, SCTP, not the string "tcp": Protocol for port.', 'the API server accepts the protocol in capitals only'],
  ['kubernetes-examples/_archived/volumes/cinder/cinder-web.yaml:12 `protocol` must be one of UDP, TCP, SCTP, not the string "tcp": Protocol for port.', 'the same example, copied'],
  ['kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml:17 `lun` must be an integer, not the string "<ADD LUN ID Here>": lun is Optional: FC target lun number', 'a placeholder left for the reader: applied as is, it is rejected'],
  ['kubernetes-examples/_archived/volumes/rbd/rbd.yaml:25 Unknown field `imageformat` in RBDVolumeSource: the API server rejects it.', 'a StorageClass parameter of the RBD provisioner, not a field of the volume source'],
  ['kubernetes-examples/_archived/volumes/rbd/rbd.yaml:26 Unknown field `imagefeatures` in RBDVolumeSource: the API server rejects it.', 'the same'],
  ['kubernetes-examples/_archived/volumes/scaleio/pod.yaml:17 Unknown field `protectionDoamin` in ScaleIOVolumeSource; did you mean `protectionDomain`?', 'a typo upstream'],
  ['kubernetes-examples/_archived/volumes/storageos/storageos-pod.yaml:35 Unknown field `pool` in StorageOSVolumeSource: the API server rejects it.', 'StorageOS volumes take no pool (a StorageClass parameter)'],
  ['kubernetes-examples/_archived/volumes/storageos/storageos-pv.yaml:22 Unknown field `secretName` in StorageOSPersistentVolumeSource: the API server rejects it.', 'the field is secretRef'],
];

describe('schema validation on the corpus', () => {
  it('finds exactly the reviewed mistakes, custom resources included, and nothing in the other files', () => {
    const rules = [schemaViolation, crdSchemaViolation];
    const errors: string[] = [];
    const workspace = new Workspace({ rules, config: resolveConfig(rules), onRuleError: (id, error) => errors.push(`${id}: ${String(error)}`) });
    const corpus = corpusDir();
    for (const file of yamlFiles(corpus)) workspace.update(relative(corpus, file), readFileSync(file, 'utf8'));
    const found = [...workspace.allFindings()].flatMap(([file, findings]) => findings.map((f) => `${file}:${f.range.start.line + 1} ${f.message}`)).sort();
    assert.deepEqual(found, REVIEWED.map(([finding]) => finding).sort());
    assert.deepEqual(errors, []);
    // The custom resources really were checked: kube-prometheus's and argo-cd's CRDs are in the corpus.
    const resources = [...workspace.index.files()].flatMap((file) => file.resources);
    const defined = new Set(resources.flatMap((r) => (r.facts.crd ? [`${r.facts.crd.group}/${r.facts.crd.kind}`] : [])));
    const checked = resources.filter((r) => r.facts.customResource && defined.has(`${r.facts.apiVersion.split('/')[0]}/${r.facts.kind}`));
    assert.ok(defined.size >= 12, `${defined.size} CRDs`);
    assert.ok(checked.length >= 15, `${checked.length} custom resources with their CRD in the corpus`);
  });
});
