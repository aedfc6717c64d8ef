import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMutableReference, parseImage } from '../../../server/src/engine/image';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImage', () => {
  it('reads a Docker Hub name with and without a tag', () => {
    assert.deepEqual(parseImage('nginx'), { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImage('library/nginx:1.27.3'), { registry: undefined, repository: 'library/nginx', tag: '1.27.3', digest: undefined });
  });

  it('tells a registry port from a tag', () => {
    assert.deepEqual(parseImage('localhost:5000/app'), { registry: 'localhost:5000', repository: 'app', tag: undefined, digest: undefined });
    assert.deepEqual(parseImage('localhost:5000/team/app:v2'), { registry: 'localhost:5000', repository: 'team/app', tag: 'v2', digest: undefined });
    assert.deepEqual(parseImage('registry.example.com:443/a/b/c:1.0_rc-1'), { registry: 'registry.example.com:443', repository: 'a/b/c', tag: '1.0_rc-1', digest: undefined });
  });

  it('takes a first component as a registry only when it looks like a host', () => {
    assert.equal(parseImage('quay.io/argoproj/argocd:latest')?.registry, 'quay.io');
    assert.equal(parseImage('localhost/app')?.registry, 'localhost');
    assert.equal(parseImage('bitnami/redis:7')?.registry, undefined);
  });

  it('reads digests, with or without a tag', () => {
    assert.deepEqual(parseImage(`busybox@${DIGEST}`), { registry: undefined, repository: 'busybox', tag: undefined, digest: DIGEST });
    assert.deepEqual(parseImage(`busybox:1.38.0@${DIGEST}`), { registry: undefined, repository: 'busybox', tag: '1.38.0', digest: DIGEST });
    assert.deepEqual(parseImage(`localhost:5000/app@${DIGEST}`), { registry: 'localhost:5000', repository: 'app', tag: undefined, digest: DIGEST });
  });

  it('rejects placeholders and malformed references', () => {
    for (const text of ['', '  ', '<image_url>', '<YOUR-CONTAINER>', '$(IMAGE)', '${REGISTRY}/app:1', 'nginx:', 'Nginx:1', 'app@sha256:short', 'a b:1', 'app:tag/with/slash:1']) {
      assert.equal(parseImage(text), undefined, text);
    }
  });
});

describe('isMutableReference', () => {
  it('is true for no tag or latest without a digest', () => {
    assert.equal(isMutableReference(parseImage('nginx')!), true);
    assert.equal(isMutableReference(parseImage('nginx:latest')!), true);
    assert.equal(isMutableReference(parseImage('localhost:5000/app')!), true);
  });

  it('is false for a version tag or any digest', () => {
    assert.equal(isMutableReference(parseImage('nginx:1.27')!), false);
    assert.equal(isMutableReference(parseImage(`nginx:latest@${DIGEST}`)!), false);
  });
});
