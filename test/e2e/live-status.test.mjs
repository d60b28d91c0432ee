// Live status in the running demo: the reconciler compares the demo GitOps repository with the
// two emulated clusters that scripts/e2e.sh starts. A `kubectl scale` against a cluster shows on
// the service's page as OutOfSync with the field that changed within 5 seconds; scaling back
// turns it green again; a commit to the repository shows after the next poll.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  eventually,
  gitopsGet,
  guestToken,
  openStorefrontDrift,
  screenshot,
  useChromium,
  withGuestPage,
} from './lib.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KUBECONFIG = path.join(ROOT, '.demo/clusters/cluster-eu-west/kubeconfig');
const DEMO_REPO = path.join(ROOT, '.demo/gitops-repo');

const statusOf = async (token, component) =>
  gitopsGet(token, '/status', { entityRef: `component:default/${component}` });

function kubectl(...args) {
  return execFileSync('kubectl', ['--kubeconfig', KUBECONFIG, ...args], {
    encoding: 'utf8',
  });
}

function git(...args) {
  return execFileSync('git', ['-C', DEMO_REPO, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@shipshape.invalid',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@shipshape.invalid',
    },
  }).trim();
}

test('every demo service has a reconciled status per environment', async () => {
  const token = await guestToken();
  for (const component of [
    'checkout',
    'payments',
    'orders',
    'inventory',
    'notifier',
    'product-catalog',
    'storefront-web',
  ]) {
    await eventually(async () => {
      const status = await statusOf(token, component);
      assert.ok(status.deployments.length >= 3, `${component} has deployments`);
      for (const deployment of status.deployments) {
        assert.notEqual(
          deployment.sync,
          'Unknown',
          `${component} in ${deployment.environmentRef}: ${deployment.reason}`,
        );
      }
    });
  }
  // The demo's deliberate problems: inventory in staging never becomes available.
  const inventory = await statusOf(token, 'inventory');
  const staging = inventory.deployments.find(
    d => d.environmentRef === 'environment:default/staging',
  );
  assert.equal(staging.health, 'Degraded');
});

const browser = useChromium();

test('kubectl scale shows as drift on the service page within 5 seconds, and reverting clears it', async () => {
  const token = await guestToken();
  const staging = async () =>
    (await statusOf(token, 'payments')).deployments.find(
      d => d.environmentRef === 'environment:default/staging',
    );
  await eventually(async () => assert.equal((await staging())?.sync, 'Synced'));

  await withGuestPage(
    browser(),
    '/catalog/default/component/payments',
    'live-status',
    async page => {
      const card = page.getByRole('table', { name: 'Deployments' });
      const row = card.locator('tbody tr', { hasText: 'Staging' });
      await row.getByText('Synced').waitFor();
      await screenshot(page, 'live-status-synced');

      kubectl(
        '-n',
        'shop-staging',
        'scale',
        'deployment/payments',
        '--replicas=4',
      );
      const scaledAt = Date.now();
      try {
        await row.getByText('OutOfSync').waitFor({ timeout: 5_000 });
        const seconds = (Date.now() - scaledAt) / 1000;
        process.stderr.write(
          `live-status: kubectl scale -> OutOfSync on the page in ${seconds.toFixed(
            1,
          )} s\n`,
        );
        await screenshot(page, 'live-status-drifted');

        const resources = await gitopsGet(token, '/resources', {
          entityRef: 'component:default/payments',
          environmentRef: 'environment:default/staging',
          clusterRef: 'resource:default/cluster-eu-west',
        });
        const deployment = resources.resources.find(
          r => r.kind === 'Deployment',
        );
        assert.deepEqual(deployment.changes, [
          { path: '/spec/replicas', desired: 2, live: 4 },
        ]);
      } finally {
        kubectl(
          '-n',
          'shop-staging',
          'scale',
          'deployment/payments',
          '--replicas=2',
        );
      }
      await row.getByText('Synced').waitFor({ timeout: 10_000 });
    },
  );
});

test('the GitOps tab shows the resources and the field diff of a drifted one', async () => {
  await withGuestPage(
    browser(),
    '/catalog/default/component/storefront-web/gitops',
    'gitops-tab',
    async page => {
      await openStorefrontDrift(page);
      await screenshot(page, 'gitops-tab-diff');
    },
  );
});

test('a commit to the GitOps repository shows after the next poll', async () => {
  const token = await guestToken();
  const file = path.join(DEMO_REPO, 'environments/dev/notifier/configmap.yaml');
  const original = fs.readFileSync(file, 'utf8');
  const before = await statusOf(token, 'notifier');
  const dev = status =>
    status.deployments.find(
      d => d.environmentRef === 'environment:default/dev',
    );
  assert.equal(dev(before).sync, 'Synced');
  try {
    fs.writeFileSync(file, `${original.trimEnd()}\n  E2E_MARKER: "1"\n`);
    git('commit', '--quiet', '-am', 'e2e: a value that is not live');
    const sha = git('rev-parse', 'HEAD');
    await eventually(
      async () => {
        const deployment = dev(await statusOf(token, 'notifier'));
        assert.equal(deployment.revision, sha);
        assert.equal(deployment.sync, 'OutOfSync');
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  } finally {
    fs.writeFileSync(file, original);
    git('commit', '--quiet', '-am', 'e2e: revert');
  }
  await eventually(
    async () =>
      assert.equal(dev(await statusOf(token, 'notifier')).sync, 'Synced'),
    { timeoutMs: 30_000, intervalMs: 1_000 },
  );
});
