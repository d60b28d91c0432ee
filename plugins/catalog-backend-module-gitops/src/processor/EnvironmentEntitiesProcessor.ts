import { AuthService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITOPS_INGESTION_ERROR,
  EnvironmentEntityV1alpha1,
  isEnvironmentEntity,
  RELATION_DEPLOYED_TO,
  RELATION_HAS_DEPLOYMENT,
  RELATION_HOSTS_ENVIRONMENT,
  RELATION_RUNS_ON,
} from '@shipshape/plugin-gitops-common';
import { validateEnvironmentEntity } from './environmentEntitySchema';

const CLUSTER_TYPE = 'kubernetes-cluster';

/**
 * Validates Environment entities and emits their relations, each pair in both directions:
 * ownedBy/ownerOf its Group, runsOn/hostsEnvironment its cluster Resources, and
 * hasDeployment/deployedTo the Components found in its directory of the GitOps repository.
 *
 * Given the catalog, it also checks that every cluster an environment names is a Resource of type
 * kubernetes-cluster in the catalog: a typo there would otherwise send deployments nowhere.
 *
 * @public
 */
export class EnvironmentEntitiesProcessor implements CatalogProcessor {
  static create(options?: {
    catalog?: CatalogService;
    auth?: AuthService;
  }): EnvironmentEntitiesProcessor {
    return new EnvironmentEntitiesProcessor(options?.catalog, options?.auth);
  }

  private constructor(
    private readonly catalog?: CatalogService,
    private readonly auth?: AuthService,
  ) {}

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
    await this.checkClustersExist(entity);
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

  private async checkClustersExist(entity: EnvironmentEntityV1alpha1) {
    if (!this.catalog || !this.auth) {
      return;
    }
    const refs = entity.spec.clusters.map(({ cluster }) =>
      stringifyEntityRef(
        parseEntityRef(cluster, {
          defaultKind: 'Resource',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata', 'spec.type'] },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const problems = items.flatMap((cluster, index) => {
      const field = `spec.clusters[${index}].cluster`;
      if (!cluster) {
        return [`${field}: ${refs[index]} does not exist in the catalog`];
      }
      if (cluster.spec?.type !== CLUSTER_TYPE) {
        return [
          `${field}: ${refs[index]} is of type '${cluster.spec?.type}', not ${CLUSTER_TYPE}`,
        ];
      }
      return [];
    });
    if (problems.length > 0) {
      throw new InputError(
        `Invalid Environment '${entity.metadata.name}': ${problems.join('; ')}`,
      );
    }
  }
}
