import rule from '../../../server/src/rules/api-versions/deprecated-api-version';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'current apps/v1', code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec: {}') },
    { name: 'policy/v1 PodDisruptionBudget', code: yaml('apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: pdb}', 'spec: {maxUnavailable: 1}') },
    { name: 'a CRD whose group is not Kubernetes, with a beta version', code: yaml('apiVersion: example.com/v1beta1', 'kind: Deployment', 'metadata: {name: x}') },
    { name: 'a removed version of another kind is not this kind', code: yaml('apiVersion: scheduling.k8s.io/v1alpha1', 'kind: Workload', 'metadata: {name: w}') },
    { name: 'not Kubernetes', code: yaml('apiVersion: extensions/v1beta1', 'jobs: {}') },
    {
      name: 'kubernetesVersion 1.24: batch/v1beta1 CronJob is still served (removed in 1.25)',
      code: yaml('apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata: {name: nightly}'),
      kubernetesVersion: '1.24',
    },
    { name: 'kubernetesVersion 1.9: older than 1.16 (compared as numbers, not text)', code: yaml('apiVersion: extensions/v1beta1', 'kind: NetworkPolicy', 'metadata: {name: np}'), kubernetesVersion: '1.9' },
  ],
  invalid: [
    {
      name: 'kubernetesVersion 1.25: the release that removed batch/v1beta1 CronJob',
      code: yaml('apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata: {name: nightly}'),
      kubernetesVersion: '1.25',
      errors: [{ message: 'CronJob "nightly": apiVersion batch/v1beta1 was removed in Kubernetes 1.25; use batch/v1', line: 1, column: 1, endLine: 1, endColumn: 26 }],
      output: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: nightly}'),
    },
    {
      name: 'kubernetesVersion 1.16: the release that removed extensions/v1beta1 NetworkPolicy',
      code: yaml('apiVersion: extensions/v1beta1', 'kind: NetworkPolicy', 'metadata: {name: np}'),
      kubernetesVersion: '1.16',
      errors: [{ message: 'NetworkPolicy "np": apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; use networking.k8s.io/v1', line: 1, column: 1, endLine: 1, endColumn: 31 }],
      output: yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: np}'),
    },
    {
      name: 'extensions/v1beta1 Deployment, the entry is the whole apiVersion pair',
      code: yaml('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata:', '  name: x', 'spec:', '  template: {}'),
      errors: [{ message: 'Deployment "x": apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1', line: 1, column: 1, endLine: 1, endColumn: 31 }],
      // No fix: without spec.selector apps/v1 rejects the object (the old version derived it from the template).
    },
    {
      name: 'extensions/v1beta1 Deployment with a selector: rewritten in its single quotes, the comment kept',
      code: yaml("apiVersion: 'extensions/v1beta1' # legacy", 'kind: Deployment', 'metadata: {name: x}', 'spec:', '  selector: {matchLabels: {app: x}}', '  template: {metadata: {labels: {app: x}}}'),
      errors: [{ message: 'Deployment "x": apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1', line: 1, column: 1, endLine: 1, endColumn: 33 }],
      output: yaml("apiVersion: 'apps/v1' # legacy", 'kind: Deployment', 'metadata: {name: x}', 'spec:', '  selector: {matchLabels: {app: x}}', '  template: {metadata: {labels: {app: x}}}'),
    },
    {
      name: 'a field the new version dropped (rollbackTo): no fix',
      code: yaml('apiVersion: apps/v1beta1', 'kind: Deployment', 'metadata: {name: x}', 'spec:', '  selector: {matchLabels: {app: x}}', '  rollbackTo: {revision: 2}'),
      errors: [{ message: 'Deployment "x": apiVersion apps/v1beta1 was removed in Kubernetes 1.16; use apps/v1', line: 1, column: 1, endLine: 1, endColumn: 25 }],
    },
    {
      name: 'PodSecurityPolicy has no replacement; apiVersion after kind',
      code: yaml('kind: PodSecurityPolicy', 'apiVersion: policy/v1beta1', 'metadata: {name: restricted}', 'spec: {privileged: false}'),
      errors: [
        {
          message:
            'PodSecurityPolicy "restricted": apiVersion policy/v1beta1 was removed in Kubernetes 1.25; PodSecurityPolicy has no replacement (use Pod Security Admission: pod-security.kubernetes.io labels on the Namespace)',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'several documents: only the removed versions',
      code: yaml(
        'apiVersion: batch/v1beta1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata: {name: ok}',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1alpha1',
        'kind: ClusterRoleBinding',
        'metadata: {name: old}',
      ),
      errors: [
        { message: 'CronJob "nightly": apiVersion batch/v1beta1 was removed in Kubernetes 1.25; use batch/v1', line: 1, column: 1, endLine: 1, endColumn: 26 },
        { message: 'ClusterRoleBinding "old": apiVersion rbac.authorization.k8s.io/v1alpha1 was removed in Kubernetes 1.23; use rbac.authorization.k8s.io/v1', line: 9, column: 1, endLine: 9, endColumn: 47 },
      ],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata: {name: ok}',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata: {name: old}',
      ),
    },
    {
      name: 'flow style',
      code: yaml('{apiVersion: autoscaling/v2beta2, kind: HorizontalPodAutoscaler, metadata: {name: web}}'),
      errors: [{ message: 'HorizontalPodAutoscaler "web": apiVersion autoscaling/v2beta2 was removed in Kubernetes 1.26; use autoscaling/v2', line: 1, column: 2, endLine: 1, endColumn: 33 }],
      output: yaml('{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: web}}'),
    },
    {
      name: 'CSIStorageCapacity (a built-in kind the engine must know)',
      code: yaml('apiVersion: storage.k8s.io/v1beta1', 'kind: CSIStorageCapacity', 'metadata: {name: cap, namespace: kube-system}', 'storageClassName: fast'),
      errors: [{ message: 'CSIStorageCapacity "cap": apiVersion storage.k8s.io/v1beta1 was removed in Kubernetes 1.27; use storage.k8s.io/v1', line: 1, column: 1, endLine: 1, endColumn: 35 }],
      output: yaml('apiVersion: storage.k8s.io/v1', 'kind: CSIStorageCapacity', 'metadata: {name: cap, namespace: kube-system}', 'storageClassName: fast'),
    },
    {
      name: 'quoted apiVersion',
      code: yaml('apiVersion: "apps/v1beta2"', 'kind: StatefulSet', 'metadata: {name: db}'),
      errors: [{ message: 'StatefulSet "db": apiVersion apps/v1beta2 was removed in Kubernetes 1.16; use apps/v1', line: 1, column: 1, endLine: 1, endColumn: 27 }],
      output: yaml('apiVersion: "apps/v1"', 'kind: StatefulSet', 'metadata: {name: db}'),
    },
  ],
});
