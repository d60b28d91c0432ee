// Self-service in the running demo: a user asks for a preview environment of a service from the
// portal's template; the pull request appears on the demo GitHub (packages/github-emulator) with
// the plan in its body and the owners as reviewers; a reviewer approves and merges it on the
// emulator's page (a real git merge into the branch the GitOps source follows); the Environment
// appears in the catalog, the reconciler reports it syncing and then healthy, and the requester
// gets a notification. Screenshots of each step are kept in the results folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND,
  catalogGet,
  eventually,
  gitopsGet,
  guestToken,
  screenshot,
  useChromium,
  withGuestPage,
} from './lib.mjs';

const GITHUB = 'http://127.0.0.1:7011';
const REPO = 'shipshape-demo/gitops';
const GITHUB_TOKEN = 'shipshape-demo-github-token';

async function githubGet(path) {
  const response = await fetch(`${GITHUB}/api/v3${path}`, {
    headers: { authorization: `token ${GITHUB_TOKEN}` },
  });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

const browser = useChromium();

test('webhook deliveries without a valid signature are rejected with 401', async () => {
  const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
  for (const signature of [undefined, `sha256=${'0'.repeat(64)}`]) {
    const response = await fetch(`${BACKEND}/api/events/http/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        ...(signature && { 'x-hub-signature-256': signature }),
      },
      body,
    });
    assert.equal(response.status, 401, `signature ${signature ?? 'missing'}`);
  }
});

test('a preview environment: requested in the portal, reviewed and merged on GitHub, healthy, requester notified', async () => {
  const token = await guestToken();
  // DNS-1123 and unique per run (the demo repository keeps earlier runs' merges until restarted).
  const name = `checkout-e2e-${Date.now().toString(36)}`;
  const environmentRef = `environment:default/${name}`;
  let pullRequestUrl;

  // 1. The template, filled in as a user does.
  await withGuestPage(
    browser(),
    '/create/templates/default/preview-environment',
    'self-service',
    async page => {
      const service = page.locator('#root_component');
      await service.click();
      await service.fill('checkout');
      await page.getByRole('option', { name: 'Checkout' }).click();
      await page.locator('#root_name').fill(name);
      const owner = page.locator('#root_owner');
      await owner.click();
      await owner.fill('payments');
      await page.getByRole('option', { name: 'Payments team' }).click();
      await screenshot(page, 'self-service-1-form');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      const link = page.getByRole('link', { name: 'Pull request' });
      await link.waitFor({ timeout: 120_000 });
      pullRequestUrl = await link.getAttribute('href');
      await screenshot(page, 'self-service-2-task');
    },
  );
  const number = Number(pullRequestUrl.match(/\/pull\/(\d+)$/)?.[1]);
  assert.ok(number > 0, `a pull request link: ${pullRequestUrl}`);

  // 2. The pull request: the plan in its body, the owners as reviewers, the files it adds.
  const pull = await githubGet(`/repos/${REPO}/pulls/${number}`);
  assert.equal(pull.state, 'open');
  assert.match(pull.body, /### Plan: create environment/);
  assert.match(pull.body, /\| create \| checkout \| `Deployment checkout` \|/);
  assert.match(pull.body, /<!-- shipshape:change-request /);
  assert.deepEqual(
    pull.requested_teams.map(team => team.slug),
    ['team-payments'],
  );
  const files = (await githubGet(`/repos/${REPO}/pulls/${number}/files`)).map(
    file => file.filename,
  );
  assert.ok(
    files.includes(`environments/${name}/environment.yaml`) &&
      files.includes(`environments/${name}/checkout/deployment.yaml`),
    `files: ${files.join(', ')}`,
  );
  // The portal follows it from the start.
  await eventually(
    async () => {
      const { items } = await gitopsGet(token, '/change-requests', {
        environmentRef,
        state: 'all',
      });
      assert.equal(items[0]?.state, 'open');
      assert.equal(items[0].requester, 'user:default/guest');
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  );

  // 3. A member of the owning team approves and merges it on the emulator's page.
  const page = await browser().newPage({
    viewport: { width: 1400, height: 900 },
  });
  page.setDefaultTimeout(60_000);
  const states = [];
  let polling = true;
  // Every state the API reports, in order (final ones are listed with state=all only).
  const poller = (async () => {
    while (polling) {
      const { items } = await gitopsGet(token, '/change-requests', {
        environmentRef,
        state: 'all',
      });
      const state = items[0]?.state;
      if (state && states.at(-1) !== state) states.push(state);
      if (state === 'healthy' || state === 'failed') break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  })();
  poller.catch(() => {});
  try {
    await page.goto(pullRequestUrl);
    await screenshot(page, 'self-service-3-pull-request');
    await page
      .locator('#review-form select[name=reviewer]')
      .selectOption('grace-hopper');
    await page.locator('#review-form button[value=APPROVE]').click();
    await page.locator('#notice').waitFor();
    await eventually(
      async () => {
        const { items } = await gitopsGet(token, '/change-requests', {
          environmentRef,
          state: 'all',
        });
        assert.equal(items[0].state, 'approved');
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await page
      .locator('#merge-form select[name=merger]')
      .selectOption('grace-hopper');
    await page.locator('#merge-form button[name=merge]').click();
    await page
      .getByText(/merged/i)
      .first()
      .waitFor();
    await screenshot(page, 'self-service-4-merged');
  } finally {
    await page.close();
  }

  // 4. Merged → the reconciler sees the new revision → syncing → healthy.
  try {
    await eventually(
      async () =>
        assert.ok(
          ['healthy', 'failed'].includes(states.at(-1)),
          `states so far: ${states.join(' → ')}`,
        ),
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
  } finally {
    polling = false;
  }
  await poller;
  // "merged" can last less than one 200 ms poll (the reconciler acts on the push webhook at
  // once); "syncing" lasts at least the demo operator's 5 s delay. So: the states seen, in the
  // lifecycle's order, with syncing and then healthy; the merge itself is checked on GitHub.
  const lifecycle = ['open', 'approved', 'merged', 'syncing', 'healthy'];
  assert.deepEqual(
    states,
    lifecycle.filter(state => states.includes(state)),
    `states seen, in order: ${states.join(' → ')}`,
  );
  for (const state of ['open', 'approved', 'syncing', 'healthy']) {
    assert.ok(states.includes(state), `${state} seen: ${states.join(' → ')}`);
  }
  assert.equal(
    (await githubGet(`/repos/${REPO}/pulls/${number}`)).merged,
    true,
  );
  const { deployments } = await gitopsGet(token, '/environment', {
    environmentRef,
  });
  assert.deepEqual(
    deployments.map(d => [d.entityRef, d.sync, d.health]),
    [['component:default/checkout', 'Synced', 'Healthy']],
  );

  // 5. The Environment is in the catalog, with the request on the service's page.
  await eventually(() =>
    catalogGet(token, `/entities/by-name/environment/default/${name}`),
  );
  await withGuestPage(
    browser(),
    `/catalog/default/component/checkout`,
    'self-service-component',
    async componentPage => {
      const card = componentPage
        .locator('article, .MuiCard-root')
        .filter({ hasText: 'Pending changes' })
        .first();
      await card.getByText(`Preview environment ${name}`).waitFor();
      await card.getByText('Healthy').first().waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(componentPage, 'self-service-5-service-page');
    },
  );

  // 6. The requester is told.
  await eventually(
    async () => {
      const response = await fetch(`${BACKEND}/api/notifications?limit=20`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { notifications } = await response.json();
      assert.ok(
        notifications.some(
          n =>
            n.payload.title.includes(name) && /healthy/.test(n.payload.title),
        ),
        'a notification that the preview is healthy',
      );
    },
    { timeoutMs: 30_000, intervalMs: 1_000 },
  );
  await withGuestPage(
    browser(),
    '/notifications',
    'self-service-notifications',
    async notificationsPage => {
      await notificationsPage.getByText(`${name} is healthy`).first().waitFor();
      await screenshot(notificationsPage, 'self-service-6-notification');
    },
  );
});
