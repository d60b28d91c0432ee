import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeEmulator } from '@shipshape/kube-emulator';
import { DefaultResourceHealthChecker } from '@shipshape/plugin-gitops-node';
import { REFRESH_ALL } from '@shipshape/plugin-gitops-common';
import { TestGitRepository } from '../__testUtils__/TestGitRepository';
import { ReconcilerConfig } from '../config/readGitopsConfig';
import { DatabaseGitopsStore } from '../database/DatabaseGitopsStore';
import { DesiredStateReader } from '../desired/DesiredStateReader';
import { LiveStateCache } from '../live';
import { Reconciler } from './Reconciler';
import { parseAllDocuments } from 'yaml';
import { eventually } from '../__testUtils__/eventually';

jest.setTimeout(60_000);

const TOKEN = 'test-token';
const CLUSTER_A = 'resource:default/cluster-a';
const CLUSTER_B = 'resource:default/cluster-b';

const deploymentYaml = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels: { backstage.io/kubernetes-id: checkout }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec:
      containers:
        - name: app
          image: shop/checkout:1.4.2
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 250m, memory: 128Mi } }
`;
const configMapYaml = (level: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: checkout-config }
data: { LOG_LEVEL: ${level} }
`;

const config: ReconcilerConfig = {
  gitPollIntervalMs: 60_000,
  resyncIntervalMs: 60_000,
  debounceMs: 50,
  leaseDurationMs: 60_000,
  watchdogMs: 60_000,
  unreachableAfterMs: 500,
  notificationGracePeriodMs: 60_000,
  notificationsEnabled: false,
  historyRetentionMs: 60_000,
  ignoreDifferences: {},
};

/** Server-side applies manifests (YAML documents) as a GitOps tool would. */
async function apply(emulator: KubeEmulator, namespace: string, yaml: string) {
  for (const document of parseAllDocuments(yaml)) {
    const object = document.toJS();
    const plural = `${object.kind.toLowerCase()}s`;
    const base =
      object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
    const url =
      object.kind === 'Namespace'
        ? `${emulator.url}${base}/namespaces/${object.metadata.name}`
        : `${emulator.url}${base}/namespaces/${namespace}/${plural}/${object.metadata.name}`;
    const response = await fetch(
      `${url}?fieldManager=argocd-controller&force=true`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/apply-patch+yaml',
        },
        body: JSON.stringify(object),
      },
    );
    if (!response.ok) {
      throw new Error(
        `apply ${url}: ${response.status} ${await response.text()}`,
      );
    }
  }
}

describe('Reconciler', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'follows live changes and commits, with one cluster failing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const repo = TestGitRepository.create();
      const healthy = await KubeEmulator.start({
        tokens: [TOKEN],
        controllerDelayMs: 20,
      });
      const failing = await KubeEmulator.start({
        tokens: [TOKEN],
        faults: { errorRate: 1, errorCode: 503 },
      });
      const clusters = new Map([
        [
          CLUSTER_A,
          LiveStateCache.create({
            cluster: { name: CLUSTER_A, url: healthy.url, token: TOKEN },
            unreachableAfterMs: 300,
            backoff: { initialMs: 50, maxMs: 200 },
          }),
        ],
        [
          CLUSTER_B,
          LiveStateCache.create({
            cluster: { name: CLUSTER_B, url: failing.url, token: TOKEN },
            unreachableAfterMs: 300,
            backoff: { initialMs: 50, maxMs: 200 },
          }),
        ],
      ]);
      const store = await DatabaseGitopsStore.create({ database: knex });
      const reader = DesiredStateReader.create({
        source: { url: repo.path, branch: 'main', root: 'environments' },
        cacheDirectory: repo.cacheDirectory,
        logger: mockServices.logger.mock(),
      });
      const reconciler = Reconciler.create({
        config,
        reader,
        store,
        clusters,
        checker: DefaultResourceHealthChecker.create(),
        logger: mockServices.logger.mock(),
      });
      const lease = new AbortController();
      let running: Promise<void> | undefined;
      try {
        repo
          .writeEnvironment('staging', [
            { cluster: CLUSTER_A, namespace: 'shop-staging' },
          ])
          .writeEnvironment('prod', [
            { cluster: CLUSTER_B, namespace: 'shop-prod' },
          ])
          // Shares staging's namespace: its cart declares checkout's ConfigMap too.
          .writeEnvironment('qa', [
            { cluster: CLUSTER_A, namespace: 'shop-staging' },
          ])
          .write('environments/qa/cart/configmap.yaml', configMapYaml('info'))
          .write(
            'environments/staging/checkout/deployment.yaml',
            deploymentYaml(2),
          )
          .write(
            'environments/staging/checkout/configmap.yaml',
            configMapYaml('info'),
          )
          .write(
            'environments/prod/checkout/deployment.yaml',
            deploymentYaml(3),
          );
        const first = repo.commit('first');
        await apply(
          healthy,
          'shop-staging',
          'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop-staging }\n',
        );
        await apply(
          healthy,
          'shop-staging',
          `${deploymentYaml(2)}---\n${configMapYaml('info')}`,
        );

        running = reconciler.runLease(lease.signal, 60_000);
        const statusOf = async (environmentRef: string) =>
          (
            await store.listDeployments({
              entityRef: 'component:default/checkout',
            })
          ).find(d => d.environmentRef === environmentRef);

        // The healthy cluster: in sync once the emulated rollout completes; server defaults
        // (strategy, probes, protocol, …) and canonical quantities are not drift.
        await eventually(async () =>
          expect(await statusOf('environment:default/staging')).toMatchObject({
            sync: 'Synced',
            health: 'Healthy',
            revision: first,
            resourceCount: 2,
            driftCount: 0,
          }),
        );
        // The failing cluster turns Unknown with the reason, without blocking the other.
        await eventually(async () => {
          const prod = await statusOf('environment:default/prod');
          expect(prod).toMatchObject({ sync: 'Unknown', health: 'Unknown' });
          expect(prod?.reason).toMatch(/503/);
        });

        // A live change (kubectl scale) shows as drift with the field that changed.
        await apply(healthy, 'shop-staging', deploymentYaml(5));
        await eventually(async () =>
          expect(await statusOf('environment:default/staging')).toMatchObject({
            sync: 'OutOfSync',
            driftCount: 1,
          }),
        );
        const key = {
          entityRef: 'component:default/checkout',
          environmentRef: 'environment:default/staging',
          clusterRef: CLUSTER_A,
        };
        const resource = await store.getResource(
          key,
          'apps/Deployment/shop-staging/checkout',
        );
        expect(resource?.changes).toEqual([
          { path: '/spec/replicas', desired: 2, live: 5 },
        ]);
        expect(resource?.diff).toContain('+  replicas: 5');

        // Reverting it makes it green again.
        await apply(healthy, 'shop-staging', deploymentYaml(2));
        await eventually(async () =>
          expect(await statusOf('environment:default/staging')).toMatchObject({
            sync: 'Synced',
          }),
        );

        // A live object two deployments declare: a change reaches both.
        const sharing = async () => [
          await statusOf('environment:default/staging'),
          (
            await store.listDeployments({ entityRef: 'component:default/cart' })
          )[0],
        ];
        await eventually(async () =>
          expect(await sharing()).toMatchObject([
            { sync: 'Synced' },
            { sync: 'Synced', resourceCount: 1 },
          ]),
        );
        await apply(healthy, 'shop-staging', configMapYaml('warn'));
        await eventually(async () =>
          expect(await sharing()).toMatchObject([
            { sync: 'OutOfSync', driftCount: 1 },
            { sync: 'OutOfSync', driftCount: 1 },
          ]),
        );
        await apply(healthy, 'shop-staging', configMapYaml('info'));
        await eventually(async () =>
          expect(await sharing()).toMatchObject([
            { sync: 'Synced' },
            { sync: 'Synced' },
          ]),
        );

        // A commit is picked up on a refresh request (a webhook or the portal's button).
        repo.write(
          'environments/staging/checkout/configmap.yaml',
          configMapYaml('debug'),
        );
        const second = repo.commit('debug logs');
        await store.requestRefresh(REFRESH_ALL);
        await eventually(async () =>
          expect(await statusOf('environment:default/staging')).toMatchObject({
            sync: 'OutOfSync',
            revision: second,
          }),
        );
        const history = await store.listHistory({
          entityRef: 'component:default/checkout',
          environmentRef: 'environment:default/staging',
          limit: 20,
        });
        expect(history.map(h => `${h.field}:${h.from ?? ''}>${h.to}`)).toEqual(
          expect.arrayContaining([
            'sync:Synced>OutOfSync',
            'sync:OutOfSync>Synced',
            `revision:${first}>${second}`,
          ]),
        );

        // The failing cluster recovers: its deployment is reconciled for real.
        failing.setFaults({});
        await eventually(async () =>
          expect(await statusOf('environment:default/prod')).toMatchObject({
            sync: 'OutOfSync', // nothing applied there: the Deployment is Missing
            health: 'Missing',
          }),
        );

        // Steady state: a full resync writes nothing. (A deployment whose files a commit left
        // alone, qa's cart here, takes the commit's revision at the next resync: settle that.)
        (reconciler as any).markAll();
        await reconciler.flush();
        const before = reconciler.stats.rowsWritten;
        (reconciler as any).markAll();
        await reconciler.flush();
        expect(reconciler.stats.rowsWritten).toBe(before);
      } finally {
        lease.abort();
        await running;
        reconciler.stop();
        reader.close();
        await healthy.stop();
        await failing.stop();
        repo.cleanup();
      }
    },
  );

  it('releases memory once per lease, after the first complete reconcile', async () => {
    const knex = await databases.init('SQLITE_3');
    const repo = TestGitRepository.create();
    const emulator = await KubeEmulator.start({
      tokens: [TOKEN],
      controllerDelayMs: 20,
    });
    const cache = LiveStateCache.create({
      cluster: { name: CLUSTER_A, url: emulator.url, token: TOKEN },
    });
    const store = await DatabaseGitopsStore.create({ database: knex });
    const reader = DesiredStateReader.create({
      source: { url: repo.path, branch: 'main', root: 'environments' },
      cacheDirectory: repo.cacheDirectory,
      logger: mockServices.logger.mock(),
    });
    // What was stored when the release came: the cold start must be over by then.
    const storedAtRelease: number[] = [];
    const created: { reconciler?: Reconciler } = {};
    const releaseMemory = jest.fn(async () => {
      storedAtRelease.push(created.reconciler!.stats.reconciles);
      return {
        rssBefore: 2 << 20,
        rssAfter: 1 << 20,
        durationMs: 1,
        nativeTrimmed: true,
      };
    });
    const reconciler = Reconciler.create({
      config,
      reader,
      store,
      clusters: new Map([[CLUSTER_A, cache]]),
      checker: DefaultResourceHealthChecker.create(),
      logger: mockServices.logger.mock(),
      releaseMemory,
    });
    created.reconciler = reconciler;
    let lease = new AbortController();
    let running: Promise<void> | undefined;
    try {
      repo
        .writeEnvironment('staging', [
          { cluster: CLUSTER_A, namespace: 'shop-staging' },
        ])
        .writeEnvironment('qa', [{ cluster: CLUSTER_A, namespace: 'shop-qa' }])
        .write(
          'environments/staging/checkout/configmap.yaml',
          configMapYaml('info'),
        )
        .write('environments/qa/checkout/configmap.yaml', configMapYaml('info'))
        .commit('first');
      running = reconciler.runLease(lease.signal, 60_000);
      await eventually(async () =>
        expect(releaseMemory).toHaveBeenCalledTimes(1),
      );
      // Both deployments had been reconciled (and saved) before it.
      expect(storedAtRelease).toEqual([2]);
      expect(
        (
          await store.listDeployments({
            entityRef: 'component:default/checkout',
          })
        ).length,
      ).toBe(2);

      // Later live changes and resyncs do not release again within the lease.
      await apply(
        emulator,
        'shop-staging',
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop-staging }\n',
      );
      await apply(emulator, 'shop-staging', configMapYaml('warn'));
      (reconciler as any).markAll();
      await reconciler.flush();
      await eventually(async () =>
        expect(reconciler.stats.reconciles).toBeGreaterThanOrEqual(4),
      );
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(releaseMemory).toHaveBeenCalledTimes(1);

      // The next lease (its caches relisted) releases once more.
      lease.abort();
      await running;
      lease = new AbortController();
      running = reconciler.runLease(lease.signal, 60_000);
      await eventually(async () =>
        expect(releaseMemory).toHaveBeenCalledTimes(2),
      );
    } finally {
      lease.abort();
      await running;
      reconciler.stop();
      reader.close();
      await emulator.stop();
      repo.cleanup();
    }
  });
});
