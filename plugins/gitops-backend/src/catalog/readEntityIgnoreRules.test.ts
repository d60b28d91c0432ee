import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseIgnoreAnnotation,
  readEntityIgnoreRules,
} from './readEntityIgnoreRules';

describe('readEntityIgnoreRules', () => {
  it('parses pointers separated by commas and new lines, and keeps what is not a pointer apart', () => {
    expect(
      parseIgnoreAnnotation('/spec/replicas, /data/A\n\n spec.x '),
    ).toEqual({
      pointers: ['/spec/replicas', '/data/A'],
      invalid: ['spec.x'],
    });
  });

  it('reads the annotated components from the catalog', async () => {
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'checkout',
            annotations: {
              'gitops.shipshape.dev/ignore-differences':
                '/spec/replicas,replicas',
            },
          },
          spec: {},
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments' },
          spec: {},
        },
      ],
    });
    const rules = await readEntityIgnoreRules({
      catalog,
      auth: mockServices.auth(),
      logger,
    });
    expect([...rules]).toEqual([
      ['component:default/checkout', ['/spec/replicas']],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/not JSON pointers .*: replicas$/),
    );
  });
});
