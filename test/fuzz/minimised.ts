// Every input the fuzzer minimised (and the issue's own self-referencing merge key), kept as
// regression tests in the engine (regressions.test.ts), the CLI (test/cli/fuzz-regressions.test.ts)
// and the language server (test/server/fuzz-regressions.test.ts). A new one goes here, once.
export interface MinimisedInput {
  name: string;
  text: string;
}

export const MINIMISED: readonly MinimisedInput[] = [
  { name: "the issue's own: metadata: &m {name: x, <<: *m}", text: 'apiVersion: v1\nkind: Pod\nmetadata: &m {name: x, <<: *m}\nspec:\n  containers:\n  - {name: app, image: "app:latest"}\n' },
  { name: 'a merge key that includes its own mapping', text: 'metadata: &m\n <<: *m\napiVersion: b\nkind: R' },
  { name: 'a Secret whose data merges itself', text: 'apiVersion: v\nkind: Secret\ndata: &m871\n <<: *m871' },
  { name: 'a container that merges itself', text: 'apiVersion: v\nkind: Pod\nspec:\n containers:\n - &m47\n      name: b\n      <<: *m47' },
  { name: 'metadata merging itself, unknown kind', text: 'kind: s\napiVersion: b\nmetadata: &m850\n <<: *m850' },
  { name: 'an anchored empty key in metadata (recommended-labels)', text: 'apiVersion: v\nkind: Service\nmetadata:\n &4 : o' },
  { name: 'an anchored labels mapping with a complex key', text: 'apiVersion: v\nkind: Service\nmetadata:\n labels: &8\n  ? i' },
  { name: 'an anchored empty key in a container (probes, capabilities)', text: 'apiVersion: v\nkind: Pod\nspec:\n containers:\n - &3 : my' },
  { name: 'an anchored key in a container (writable-root-filesystem)', text: 'kind: Pod\napiVersion: v\nspec:\n containers:\n - &1 e: n' },
  { name: 'an empty complex key in a pod spec (service-account-token)', text: 'apiVersion: v\nkind: Pod\nspec:\n ? ""' },
  { name: 'an empty complex key as a container (readiness probe, privilege escalation)', text: 'kind: ReplicationController\napiVersion: v\nspec:\n template:\n    spec:\n      containers:\n      - ?' },
  { name: 'an empty key in a pod spec, then a document of junk (namespace-default-deny-missing)', text: 'apiVersion: v\nkind: Pod\nspec:\n :\n...\nh' },
  { name: 'an alias as a complex key (fix-all)', text: 'apiVersion: v\nkind: Pod\nc:\n? *8\n   s:\n' },
  { name: 'a complex key with no value in metadata', text: 'apiVersion: v\nkind: Service\nmetadata:\n ?' },
  {
    name: 'a probe that contains an alias of itself (probes-identical)',
    text: 'apiVersion: "ap" # feta1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: cassandra\n          readinessProbe:\n            exec:\n                - /re.sh\n            initialDelaySeconds: 15\n            timeoutSeconds: 5\n          livenessProbe: &a341\n            exec:\n             atus"\n            initialDelaySeconds: 15\n            timeoutSeconds: 5\n            failureThreshold: *a341\n',
  },
  { name: 'a Deployment closed by ..., then junk (namespace-quota-missing adds its objects before the marker)', text: 'apiVersion: v\nkind: Deployment\nspec:\n  template:\n    spec:\n     e:\n...\nh' },
  { name: 'an empty key, ..., then an indented empty key (fix-all)', text: 'apiVersion: v\nkind: Pod\nspec:\n :\n...\n  :' },
  { name: 'a pod spec whose last key is a bare ? (pod-spread-missing: no fix rather than one nested under it)', text: 'apiVersion: p\nkind: Deployment\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        p: er\n    spec:\n      ?' },
  { name: 'a pod spec followed by a comment at a lower indentation (two cross-resource fixes at one end, fix-all)', text: 'apiVersion: /v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels:\n        ss: ""\n    spec:\n      securit:\n          sectext:\n  # # When\n' },
  { name: 'a Deployment closed by ..., then junk (pdb-missing adds its budget before the marker)', text: 'apiVersion: app\nkind: Deployment\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        app: re\n    spec:\n      cs:\n...\n oi' },
  {
    name: 'a pod spec followed by a comment and a key at a lower indentation (pod-spread-missing nested its constraints under that key; lone CRs in the original)',
    text: "2\n---\napiVersion: appr1beta1\nkind: Deployment\nme  name: \nspec:\n \n  replicas: 3\n  template:\n    metadata:\n      labels:\n        app: guestbook\n        tier: frontend\n    spec:\n      containers:\n               env:\n    # If your doow:\n    matchLabels:\n       ",
  },
  { name: 'a PDB selector that contains an alias of itself (deprecated-api-version overflowed the stack)', text: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nspec:\n selector: &a148\n  p: *a148' },
];
