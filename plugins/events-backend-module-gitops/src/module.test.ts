import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  DefaultEventsService,
  EventParams,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { eventsModuleGitopsGithubWebhook } from './module';

const SECRET = 'webhook-test-secret';
// What GitHub sends for a pull request event (trimmed; the shape is the real one).
const body = JSON.stringify({
  action: 'opened',
  number: 7,
  pull_request: {
    number: 7,
    state: 'open',
    merged: false,
    head: { ref: 'shipshape/preview-7', sha: 'a'.repeat(40) },
    base: { ref: 'main' },
  },
  repository: { full_name: 'acme/gitops' },
});

function sign(payload: string, secret = SECRET) {
  return `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;
}

async function setup() {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const rootLogger = mockServices.rootLogger.mock();
  rootLogger.child.mockReturnValue(logger);
  const events = DefaultEventsService.create({ logger });
  const received: EventParams[] = [];
  await events.subscribe({
    id: 'test-subscriber',
    topics: ['github'],
    onEvent: async event => {
      received.push(event);
    },
  });
  const backend = await startTestBackend({
    features: [
      eventsPlugin,
      eventsModuleGitopsGithubWebhook,
      rootLogger.factory,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      mockServices.rootConfig.factory({
        data: {
          events: { modules: { gitops: { githubWebhookSecret: SECRET } } },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const post = async (payload: string, signature?: string) => {
    const response = await fetch(
      `http://localhost:${port}/api/events/http/github`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'pull_request',
          'X-GitHub-Delivery': 'delivery-1234',
          ...(signature && { 'X-Hub-Signature-256': signature }),
        },
        body: payload,
      },
    );
    return { status: response.status, body: await response.json() };
  };
  return { backend, logger, received, post };
}

describe('eventsModuleGitopsGithubWebhook', () => {
  it('accepts a correctly signed delivery and publishes it on topic github', async () => {
    const { backend, received, post, logger } = await setup();
    const response = await post(body, sign(body));

    expect(response.status).toBe(202);
    expect(received).toEqual([
      expect.objectContaining({
        topic: 'github',
        eventPayload: JSON.parse(body),
        metadata: expect.objectContaining({
          'x-github-event': 'pull_request',
        }),
      }),
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
    await backend.stop();
  });

  it('rejects an unsigned delivery with 401 and logs why', async () => {
    const { backend, received, post, logger } = await setup();
    const response = await post(body);

    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      message:
        'Invalid GitHub webhook delivery: the X-Hub-Signature-256 header is missing',
    });
    expect(received).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Rejected GitHub webhook delivery delivery-1234 of event pull_request: the X-Hub-Signature-256 header is missing',
    );
    await backend.stop();
  });

  it('rejects a wrong signature with 401, does not deliver it and never logs the payload', async () => {
    const { backend, received, post, logger } = await setup();
    const wrong = await post(body, sign(body, 'another-secret'));
    // A valid signature of another body: the body was tampered with.
    const tampered = await post(body.replace('opened', 'closed'), sign(body));
    const malformed = await post(body, 'sha256=abc');

    expect([wrong.status, tampered.status, malformed.status]).toEqual([
      401, 401, 401,
    ]);
    expect(wrong.body.message).toContain('does not match');
    expect(received).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(3);
    for (const [message] of logger.warn.mock.calls) {
      expect(message).toContain('delivery-1234');
      expect(message).not.toContain('shipshape/preview-7');
    }
    await backend.stop();
  });

  it('refuses to start without a webhook secret', async () => {
    await expect(
      startTestBackend({
        features: [
          eventsPlugin,
          eventsModuleGitopsGithubWebhook,
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/githubWebhookSecret/);
  });
});
