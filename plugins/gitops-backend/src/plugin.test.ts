import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { gitopsRenderersExtensionPoint } from '@shipshape/plugin-gitops-node';
import request from 'supertest';
import { gitopsPlugin } from './plugin';

const kustomize = {
  name: 'kustomize',
  canRender: async () => false,
  render: async () => '',
};

function rendererModule(moduleId: string) {
  return createBackendModule({
    pluginId: 'gitops',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { renderers: gitopsRenderersExtensionPoint },
        async init({ renderers }) {
          renderers.addRenderer(kustomize);
        },
      });
    },
  });
}

describe('gitopsPlugin', () => {
  // Requests without a token are unauthenticated, as in a real backend.
  const startWithoutCredentials = () =>
    startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

  it('answers /health without credentials', async () => {
    const { server } = await startWithoutCredentials();

    const response = await request(server).get('/api/gitops/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('requires credentials on every other route', async () => {
    const { server } = await startWithoutCredentials();

    const response = await request(server).get('/api/gitops/entities');
    expect(response.status).toBe(401);
  });

  it('logs the renderers modules add through the extension point', async () => {
    const logger = mockServices.rootLogger.mock();
    const child = mockServices.logger.mock();
    logger.child.mockReturnValue(child);
    await startTestBackend({
      features: [gitopsPlugin, rendererModule('kustomize'), logger.factory],
    });
    expect(child.info).toHaveBeenCalledWith(
      'GitOps backend started with 1 manifest renderer(s), 0 added health check(s) and 0 cluster(s)',
    );
  });

  it('adds the kustomize renderer when gitops.kustomize is configured', async () => {
    const logger = mockServices.rootLogger.mock();
    const child = mockServices.logger.mock();
    logger.child.mockReturnValue(child);
    await startTestBackend({
      features: [
        gitopsPlugin,
        logger.factory,
        mockServices.rootConfig.factory({
          data: { gitops: { kustomize: { command: 'kustomize' } } },
        }),
      ],
    });
    expect(child.info).toHaveBeenCalledWith(
      'GitOps backend started with 1 manifest renderer(s), 0 added health check(s) and 0 cluster(s)',
    );
  });

  it('refuses two renderers with the same name', async () => {
    await expect(
      startTestBackend({
        features: [gitopsPlugin, rendererModule('one'), rendererModule('two')],
      }),
    ).rejects.toThrow(/'kustomize' is already registered/);
  });
});
