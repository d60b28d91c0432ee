import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { EnvironmentEntitiesProcessor } from './EnvironmentEntitiesProcessor';

const location = { type: 'url', target: 'https://example.com/env.yaml' };

function environment(spec: JsonObject): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'staging', namespace: 'default' },
    spec,
  };
}

describe('EnvironmentEntitiesProcessor', () => {
  const processor = EnvironmentEntitiesProcessor.create();

  it('accepts a valid Environment', async () => {
    await expect(
      processor.validateEntityKind(
        environment({ type: 'staging', owner: 'group:platform' }),
      ),
    ).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'orders' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it('names the missing owner and the bad type', async () => {
    await expect(
      processor.validateEntityKind(environment({ type: 'qa' })),
    ).rejects.toThrow(
      /Invalid Environment 'staging': spec\.type: .*; spec\.owner: /,
    );
  });

  it('emits ownership relations in both directions', async () => {
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(
      environment({ type: 'staging', owner: 'platform' }),
      location,
      result => emitted.push(result),
    );
    const env = { kind: 'Environment', namespace: 'default', name: 'staging' };
    const group = { kind: 'Group', namespace: 'default', name: 'platform' };
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: { source: env, type: 'ownedBy', target: group },
      },
      {
        type: 'relation',
        relation: { source: group, type: 'ownerOf', target: env },
      },
    ]);
  });
});
