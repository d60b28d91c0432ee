import { parseYamlDocuments } from '@shipshape/plugin-gitops-node';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  YAMLMap,
} from 'yaml';

/** The label every rendered object carries so the reconciler can tell its component. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
/** The label the demo repository puts on every object: the environment's name. */
export const ENVIRONMENT_LABEL = 'gitops.shipshape.dev/environment';

/** Kinds that have no namespace: their `metadata.namespace` is left alone. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'CSIDriver',
  'VolumeAttachment',
  'ClusterIssuer',
]);

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** Optional changes to a component's workloads. */
export interface ComponentOverrides {
  replicas?: number;
  /** The image of the container named after the component, else of the first container. */
  image?: string;
}

/** A file to render: its name inside the component's directory and its text. */
export interface ManifestFile {
  path: string;
  content: string;
}

/** What rendering a component produced. */
export interface RenderedComponent {
  files: ManifestFile[];
  /** Every object, as plain data, with the file it is in (for schema checks). */
  objects: Array<{ file: string; object: Record<string, unknown> }>;
  /** Problems that make the manifests unusable, `file: problem` each. */
  errors: string[];
}

/**
 * Copies a component's manifests from one environment to another: namespaces, the environment
 * label and in-cluster service addresses (`<svc>.<namespace>.svc`) are rewritten, every object
 * gets the `backstage.io/kubernetes-id` label, and overrides are applied. Comments and layout of
 * the source files are kept. Patching a component in its own environment only applies the
 * overrides: a pull request that scales a service changes nothing else (a new pod-template label
 * would roll it out).
 */
export function renderComponentManifests(options: {
  component: string;
  files: ManifestFile[];
  environment: string;
  namespace: string;
  baseEnvironment: string;
  baseNamespace?: string;
  overrides?: ComponentOverrides;
}): RenderedComponent {
  const { component, environment, namespace, baseNamespace, overrides } =
    options;
  const result: RenderedComponent = { files: [], objects: [], errors: [] };
  let imageApplied = false;
  let replicasApplied = false;
  for (const file of options.files) {
    // Syntax errors, duplicate keys and alias bombs are reported with their line.
    const checked = parseYamlDocuments(file.content, file.path);
    for (const error of checked.errors) {
      result.errors.push(
        `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`,
      );
    }
    if (checked.errors.length > 0) continue;
    const documents = parseAllDocuments(file.content).filter(
      (doc): doc is Document.Parsed => doc instanceof Document,
    );
    const rendered: string[] = [];
    for (const doc of documents) {
      if (doc.contents === null) continue;
      if (!isMap(doc.contents)) {
        result.errors.push(
          `${file.path}: a document is not a Kubernetes object`,
        );
        continue;
      }
      const kind = doc.get('kind');
      const name = doc.getIn(['metadata', 'name']);
      if (typeof kind !== 'string' || typeof name !== 'string' || !name) {
        result.errors.push(
          `${file.path}: every object needs a kind and metadata.name`,
        );
        continue;
      }
      if (kind === 'Namespace') {
        doc.setIn(['metadata', 'name'], namespace);
      } else if (!CLUSTER_SCOPED_KINDS.has(kind)) {
        doc.setIn(['metadata', 'namespace'], namespace);
      }
      const inPlace = options.baseEnvironment === environment;
      if (!inPlace) {
        relabel(doc, ['metadata', 'labels'], component, environment);
      }
      if (!inPlace && doc.hasIn(['spec', 'template', 'metadata'])) {
        relabel(
          doc,
          ['spec', 'template', 'metadata', 'labels'],
          component,
          environment,
        );
      }
      if (baseNamespace && baseNamespace !== namespace) {
        rewriteServiceAddresses(doc, baseNamespace, namespace);
      }
      if (WORKLOAD_KINDS.has(kind) && overrides?.replicas !== undefined) {
        doc.setIn(['spec', 'replicas'], overrides.replicas);
        replicasApplied = true;
      }
      if (overrides?.image && setImage(doc, component, overrides.image)) {
        imageApplied = true;
      }
      result.objects.push({
        file: file.path,
        object: doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>,
      });
      rendered.push(
        doc.toString({ lineWidth: 0, flowCollectionPadding: false }),
      );
    }
    if (rendered.length > 0) {
      result.files.push({ path: file.path, content: joinDocuments(rendered) });
    }
  }
  if (overrides?.replicas !== undefined && !replicasApplied) {
    result.errors.push(
      `replicas: ${component} has no Deployment, StatefulSet or ReplicaSet to scale`,
    );
  }
  if (overrides?.image && !imageApplied) {
    result.errors.push(`image: ${component} has no container to set it on`);
  }
  return result;
}

function joinDocuments(documents: string[]): string {
  return documents
    .map((text, index) =>
      index === 0 || text.startsWith('---') ? text : `---\n${text}`,
    )
    .join('');
}

function relabel(
  doc: Document.Parsed,
  labelsPath: string[],
  component: string,
  environment: string,
) {
  const labels = doc.getIn(labelsPath);
  if (labels !== undefined && !isMap(labels)) return;
  if (labels === undefined) {
    doc.setIn(labelsPath, doc.createNode({}));
  }
  doc.setIn([...labelsPath, KUBERNETES_ID_LABEL], component);
  if (doc.hasIn([...labelsPath, ENVIRONMENT_LABEL])) {
    doc.setIn([...labelsPath, ENVIRONMENT_LABEL], environment);
  }
}

function rewriteServiceAddresses(
  doc: Document.Parsed,
  from: string,
  to: string,
) {
  const pattern = new RegExp(`\\.${escapeRegExp(from)}(\\.svc\\b)`, 'g');
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && pattern.test(node.value)) {
        pattern.lastIndex = 0;
        node.value = node.value.replace(pattern, `.${to}$1`);
      }
      pattern.lastIndex = 0;
    },
  });
}

function setImage(doc: Document.Parsed, component: string, image: string) {
  for (const podSpec of [
    ['spec', 'template', 'spec'],
    ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    ['spec'],
  ]) {
    const containers = doc.getIn([...podSpec, 'containers']);
    if (!isSeq(containers) || containers.items.length === 0) continue;
    const maps = containers.items.filter((item): item is YAMLMap =>
      isMap(item),
    );
    const target =
      maps.find(item => {
        const name = item.get('name', true);
        return isScalar(name) && name.value === component;
      }) ?? maps[0];
    if (!target) continue;
    target.set('image', image);
    return true;
  }
  return false;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
