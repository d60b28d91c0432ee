/** A kind the emulator serves, as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** The URL segment, e.g. "deployments". */
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Served from a CustomResourceDefinition created at run time. */
  custom?: boolean;
}

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** The verbs discovery lists for a kind: Namespaces, as on a real server, have no deletecollection. */
export const verbsOf = (type: ResourceType): string[] =>
  type.group === '' && type.kind === 'Namespace'
    ? VERBS.filter(verb => verb !== 'deletecollection')
    : VERBS;

const t = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames?: string[],
): ResourceType => ({ group, version, kind, plural, namespaced, shortNames });

/** The built-in kinds the project uses, at the versions a current Kubernetes serves. */
export const BUILT_IN_TYPES: ResourceType[] = [
  t('', 'v1', 'Namespace', 'namespaces', false, ['ns']),
  t('', 'v1', 'Pod', 'pods', true, ['po']),
  t('', 'v1', 'Service', 'services', true, ['svc']),
  t('', 'v1', 'ConfigMap', 'configmaps', true, ['cm']),
  t('', 'v1', 'Secret', 'secrets', true),
  t('', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']),
  t('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc']),
  t('', 'v1', 'ResourceQuota', 'resourcequotas', true, ['quota']),
  t('', 'v1', 'Event', 'events', true, ['ev']),
  t('apps', 'v1', 'Deployment', 'deployments', true, ['deploy']),
  t('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs']),
  t('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts']),
  t('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds']),
  t('batch', 'v1', 'Job', 'jobs', true),
  t('batch', 'v1', 'CronJob', 'cronjobs', true, ['cj']),
  t('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing']),
  t(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    ['hpa'],
  ),
  t('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, [
    'pdb',
  ]),
  t('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  t('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  t('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  t(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    false,
  ),
  t(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    ['crd', 'crds'],
  ),
];

export const groupVersionOf = (type: ResourceType) =>
  type.group ? `${type.group}/${type.version}` : type.version;

/** "deployments.apps", as the server names a resource in messages. */
export const qualifiedResource = (type: ResourceType) =>
  type.group ? `${type.plural}.${type.group}` : type.plural;

/** The kinds served now: the built-in ones and those of the CRDs created so far. */
export class ResourceRegistry {
  private readonly types: ResourceType[] = [...BUILT_IN_TYPES];

  all(): ResourceType[] {
    return this.types;
  }

  byPath(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    return this.types.find(
      type =>
        type.group === group &&
        type.version === version &&
        type.plural === plural,
    );
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find(
      type => groupVersionOf(type) === apiVersion && type.kind === kind,
    );
  }

  /** Serves the kinds a CustomResourceDefinition defines (its served versions). */
  addCustomResourceDefinition(crd: Record<string, any>): void {
    const { group, names, scope, versions } = crd.spec ?? {};
    for (const version of versions ?? []) {
      if (
        version.served === false ||
        this.byPath(group, version.name, names.plural)
      )
        continue;
      this.types.push({
        group,
        version: version.name,
        kind: names.kind,
        plural: names.plural,
        namespaced: scope !== 'Cluster',
        shortNames: names.shortNames,
        custom: true,
      });
    }
  }

  removeCustomResourceDefinition(crd: Record<string, any>): void {
    const { group, names } = crd.spec ?? {};
    for (let i = this.types.length - 1; i >= 0; i--) {
      const type = this.types[i];
      if (
        type.custom &&
        type.group === group &&
        type.plural === names?.plural
      ) {
        this.types.splice(i, 1);
      }
    }
  }
}

/** The built-in kinds in discovery's "all" category, what `kubectl get all` lists. */
export const ALL_CATEGORY_KINDS = new Set([
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
]);
