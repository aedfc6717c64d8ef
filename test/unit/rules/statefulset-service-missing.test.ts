import rule from '../../../server/src/rules/availability/statefulset-service-missing';
import { join, service, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

/** A Service with these spec lines (2 spaces of indentation). */
const serviceWith = (name: string, ...spec: string[]): string => yaml('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...spec, '  ports: [{port: 26257}]');

const db = (serviceName: string): string => workload({ kind: 'StatefulSet', name: 'db', replicas: 3, serviceName, labels: 'app: db, tier: data' });

workspaceRuleTester(rule, {
  valid: [
    { name: 'the Service in the same file', files: { 'db.yaml': join(service('db', 'app: db'), workload({ kind: 'StatefulSet', name: 'db', replicas: 3, serviceName: 'db' })) } },
    { name: 'the Service in another file, explicit namespace', files: { 'svc.yaml': service('db-headless', 'app: db', 'data'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', namespace: 'data', serviceName: 'db-headless' }) } },
    { name: 'no serviceName: the field is optional', files: { 'db.yaml': workload({ kind: 'StatefulSet', name: 'db' }) } },
    { name: 'the default namespace is configurable', defaultNamespace: 'data', files: { 'svc.yaml': service('db', 'app: db', 'data'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', serviceName: 'db' }) } },
    { name: 'a headless selector on some of the pod labels, clusterIP quoted', files: { 'svc.yaml': serviceWith('db', '  clusterIP: "None"', '  selector: {app: db}'), 'db.yaml': db('db') } },
    {
      name: 'a headless Service without selector: its endpoints are managed elsewhere, we cannot see them',
      files: { 'svc.yaml': serviceWith('db', '  clusterIP: None'), 'db.yaml': db('db') },
    },
  ],
  invalid: [
    {
      name: 'no Service of that name; a headless one that selects the pods is named',
      files: { 'svc.yaml': service('db-svc', 'app: db'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', replicas: 3, serviceName: 'db' }) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": serviceName "db" names no Service in namespace "default"; Service "db-svc" (svc.yaml) is headless and selects its pods', line: 7, column: 3, endLine: 7, endColumn: 18 }],
    },
    {
      name: 'the Service is in another namespace, same file',
      files: { 'db.yaml': join(service('db', 'app: db', 'other'), workload({ kind: 'StatefulSet', name: 'db', namespace: 'data', serviceName: 'db' })) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": serviceName "db" names no Service in namespace "data"', line: 17, column: 3, endLine: 17, endColumn: 18 }],
    },
    {
      name: 'the client Service, not headless; the chart\'s headless one is named',
      files: {
        'svc.yaml': join(serviceWith('db-public', '  type: LoadBalancer', '  selector: {app: db}'), serviceWith('db-headless', '  clusterIP: None', '  selector: {app: db}')),
        'db.yaml': db('db-public'),
      },
      errors: [
        {
          file: 'db.yaml',
          message: 'StatefulSet "db": Service "db-public" (svc.yaml) is not headless (clusterIP: None is not set), so the pods get no stable DNS names; Service "db-headless" (svc.yaml) is headless and selects its pods',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 25,
        },
      ],
    },
    {
      name: 'a cluster IP written out, same file',
      files: { 'db.yaml': join(serviceWith('db', '  clusterIP: 10.96.0.20', '  selector: {app: db}'), db('db')) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": Service "db" is not headless (clusterIP: 10.96.0.20), so the pods get no stable DNS names', line: 16, column: 3, endLine: 16, endColumn: 18 }],
    },
    {
      name: 'headless, but its selector was copied from another workload',
      files: { 'svc.yaml': serviceWith('db', '  clusterIP: None', '  selector: {app: cache}'), 'db.yaml': db('db') },
      errors: [
        {
          file: 'db.yaml',
          message: 'StatefulSet "db": Service "db" (svc.yaml) selects app=cache, not this StatefulSet\'s pods (app=db,tier=data), so the pods get no stable DNS names',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'neither headless nor selecting the pods: both said',
      files: { 'svc.yaml': serviceWith('db', '  selector: {app: db, tier: cache}'), 'db.yaml': db('db') },
      errors: [
        {
          file: 'db.yaml',
          message: 'StatefulSet "db": Service "db" (svc.yaml) is not headless (clusterIP: None is not set) and selects app=db,tier=cache, not this StatefulSet\'s pods (app=db,tier=data), so the pods get no stable DNS names',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'an ExternalName Service',
      files: { 'svc.yaml': serviceWith('db', '  type: ExternalName', '  externalName: db.example.com'), 'db.yaml': db('db') },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": Service "db" (svc.yaml) is an ExternalName Service, so the pods get no stable DNS names', line: 7, column: 3, endLine: 7, endColumn: 18 }],
    },
  ],
});
