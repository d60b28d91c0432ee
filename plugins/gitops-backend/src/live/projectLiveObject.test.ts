import {
  DefaultResourceHealthChecker,
  diffResource,
  KubernetesObject,
} from '@shipshape/plugin-gitops-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectLiveObject } from './projectLiveObject';

const GITOPS_NODE = path.dirname(
  require.resolve('@shipshape/plugin-gitops-node/package.json'),
);
const HEALTH_TESTDATA = path.join(GITOPS_NODE, 'src/health/testdata');
const DIFF_TESTDATA = path.join(GITOPS_NODE, 'src/diff/testdata');

const read = (file: string): KubernetesObject =>
  parse(fs.readFileSync(file, 'utf8'));

/** As the cache keeps it: projected, then through JSON. */
const kept = (object: KubernetesObject): KubernetesObject =>
  JSON.parse(JSON.stringify(projectLiveObject(object)));

describe('projectLiveObject', () => {
  it('drops the server bookkeeping and the times of conditions, and keeps the rest', () => {
    const object: KubernetesObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: '0956ec0a-3b5b-428b-8669-662f7b15ec59',
        resourceVersion: '4711',
        creationTimestamp: '2026-01-01T00:00:00Z',
        selfLink: '/apis/apps/v1/namespaces/shop/deployments/web',
        generation: 3,
        deletionTimestamp: '2026-01-02T00:00:00Z',
        labels: { 'backstage.io/kubernetes-id': 'web' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
        ownerReferences: [{ kind: 'X', name: 'x', uid: 'u', controller: true }],
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: { replicas: 2, paused: false },
      status: {
        observedGeneration: 3,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'ok',
            lastUpdateTime: '2026-01-01T00:00:00Z',
            lastTransitionTime: '2026-01-01T00:00:00Z',
          },
          'not a condition',
        ],
      },
    };
    const before = structuredClone(object);

    expect(projectLiveObject(object)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        generation: 3,
        deletionTimestamp: '2026-01-02T00:00:00Z',
        labels: { 'backstage.io/kubernetes-id': 'web' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
        ownerReferences: [{ kind: 'X', name: 'x', uid: 'u', controller: true }],
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: { replicas: 2, paused: false },
      status: {
        observedGeneration: 3,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'ok',
          },
          'not a condition',
        ],
      },
    });
    expect(object).toEqual(before); // the input is not modified
  });

  it('judges every health test case of gitops-node as the whole object', () => {
    const checker = DefaultResourceHealthChecker.create();
    const files = fs
      .readdirSync(HEALTH_TESTDATA)
      .filter(f => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const object = read(path.join(HEALTH_TESTDATA, file));
      expect({ file, health: checker.check(kept(object)) }).toEqual({
        file,
        health: checker.check(object),
      });
    }
  });

  it.each(['deployment', 'secret', 'service'])(
    'diffs %s as the whole live object does, in sync and drifted',
    name => {
      const desired = read(path.join(DIFF_TESTDATA, `${name}.desired.yaml`));
      const live = read(path.join(DIFF_TESTDATA, `${name}.live.yaml`));
      const drifted: KubernetesObject = {
        ...desired,
        metadata: {
          ...desired.metadata,
          labels: { ...desired.metadata.labels, changed: 'in-git' },
        },
      };
      const ignores = [
        {},
        { pointers: ['/metadata/labels'] },
        { managers: ['kube-controller-manager', 'kubectl-client-side-apply'] },
      ];
      for (const object of [desired, drifted]) {
        for (const ignore of ignores) {
          expect(diffResource(object, kept(live), { ignore })).toEqual(
            diffResource(object, live, { ignore }),
          );
        }
      }
      // The extraneous (undeclared) view shows the same too.
      expect(diffResource(undefined, kept(live)).diff).toEqual(
        diffResource(undefined, live).diff,
      );
    },
  );
});
