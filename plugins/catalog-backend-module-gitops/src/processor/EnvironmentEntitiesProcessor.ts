import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  ENVIRONMENT_KIND,
  GITOPS_API_VERSION,
} from '@shipshape/plugin-gitops-common';
import { validateEnvironmentEntity } from './environmentEntitySchema';

function isEnvironment(entity: Entity): boolean {
  return (
    entity.apiVersion === GITOPS_API_VERSION && entity.kind === ENVIRONMENT_KIND
  );
}

/**
 * Validates Environment entities and emits their ownership relations.
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
    if (!isEnvironment(entity)) {
      return false;
    }
    validateEnvironmentEntity(entity);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isEnvironment(entity)) {
      return entity;
    }
    validateEnvironmentEntity(entity);
    const self = getCompoundEntityRef(entity);
    const owner = parseEntityRef(entity.spec.owner, {
      defaultKind: 'Group',
      defaultNamespace: self.namespace,
    });
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_OWNED_BY,
        target: owner,
      }),
    );
    emit(
      processingResult.relation({
        source: owner,
        type: RELATION_OWNER_OF,
        target: self,
      }),
    );
    return entity;
  }
}
