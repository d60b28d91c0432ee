import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITOPS_INGESTION_ERROR,
  isEnvironmentEntity,
  RELATION_DEPLOYED_TO,
  RELATION_HAS_DEPLOYMENT,
  RELATION_HOSTS_ENVIRONMENT,
  RELATION_RUNS_ON,
} from '@shipshape/plugin-gitops-common';
import { validateEnvironmentEntity } from './environmentEntitySchema';

/**
 * Validates Environment entities and emits their relations, each pair in both directions:
 * ownedBy/ownerOf its Group, runsOn/hostsEnvironment its cluster Resources, and
 * hasDeployment/deployedTo the Components found in its directory of the GitOps repository.
 *
 * @public
 */
export class EnvironmentEntitiesProcessor implements CatalogProcessor {
  static create(): EnvironmentEntitiesProcessor {
    return new EnvironmentEntitiesProcessor();
  }

  private constructor() {}

  getProcessorName(): string {
    return 'EnvironmentEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isEnvironmentEntity(entity)) {
      return false;
    }
    const ingestionError =
      entity.metadata.annotations?.[ANNOTATION_GITOPS_INGESTION_ERROR];
    if (ingestionError) {
      throw new InputError(ingestionError);
    }
    validateEnvironmentEntity(entity);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isEnvironmentEntity(entity)) {
      return entity;
    }
    validateEnvironmentEntity(entity);
    const self = getCompoundEntityRef(entity);
    // The schema has checked each ref's kind; spell it the catalog's way ("Component").
    const ref = (value: string, kind: string) => ({
      ...parseEntityRef(value, {
        defaultKind: kind,
        defaultNamespace: self.namespace,
      }),
      kind,
    });
    const pair = (
      target: CompoundEntityRef,
      forward: string,
      backward: string,
    ) => {
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: backward,
          target: self,
        }),
      );
    };

    pair(ref(entity.spec.owner, 'Group'), RELATION_OWNED_BY, RELATION_OWNER_OF);
    for (const { cluster } of entity.spec.clusters) {
      pair(
        ref(cluster, 'Resource'),
        RELATION_RUNS_ON,
        RELATION_HOSTS_ENVIRONMENT,
      );
    }
    for (const { component } of entity.spec.deployments ?? []) {
      pair(
        ref(component, 'Component'),
        RELATION_HAS_DEPLOYMENT,
        RELATION_DEPLOYED_TO,
      );
    }
    return entity;
  }
}
