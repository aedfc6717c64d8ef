import rule from '../../../server/src/rules/availability/statefulset-service-missing';
import { join, service, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'the Service in the same file', files: { 'db.yaml': join(service('db', 'app: db'), workload({ kind: 'StatefulSet', name: 'db', replicas: 3, serviceName: 'db' })) } },
    { name: 'the Service in another file, explicit namespace', files: { 'svc.yaml': service('db-headless', 'app: db', 'data'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', namespace: 'data', serviceName: 'db-headless' }) } },
    { name: 'no serviceName: the field is optional', files: { 'db.yaml': workload({ kind: 'StatefulSet', name: 'db' }) } },
    { name: 'the default namespace is configurable', defaultNamespace: 'data', files: { 'svc.yaml': service('db', 'app: db', 'data'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', serviceName: 'db' }) } },
  ],
  invalid: [
    {
      name: 'no Service of that name',
      files: { 'svc.yaml': service('db-svc', 'app: db'), 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', replicas: 3, serviceName: 'db' }) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": serviceName "db" names no Service in namespace "default"', line: 7, column: 3, endLine: 7, endColumn: 18 }],
    },
    {
      name: 'the Service is in another namespace, same file',
      files: { 'db.yaml': join(service('db', 'app: db', 'other'), workload({ kind: 'StatefulSet', name: 'db', namespace: 'data', serviceName: 'db' })) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db": serviceName "db" names no Service in namespace "data"', line: 17, column: 3, endLine: 17, endColumn: 18 }],
    },
  ],
});
