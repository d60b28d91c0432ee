import {
  identityKey,
  KubernetesObject,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';

/**
 * One manifest as read from a file: JSON text (shared by every deployment and commit that uses
 * the file) and what its identity needs, so that placing it needs no parse.
 */
export interface DesiredManifest {
  apiVersion: string;
  kind: string;
  name: string;
  /** As the manifest writes it; undefined when it names none. */
  namespace?: string;
  /** JSON text; the object itself when JSON cannot hold it exactly (e.g. a YAML `.inf`). */
  source: string | KubernetesObject;
}

/** Whether JSON holds a value exactly: plain objects, arrays, strings, finite numbers (not -0). */
function isJsonData(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJsonData);
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (!isJsonData((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** A manifest in the form resourceIdentity reads. */
const identityOf = (manifest: DesiredManifest, defaultNamespace: string) =>
  resourceIdentity(
    {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      metadata: { name: manifest.name, namespace: manifest.namespace },
    },
    { defaultNamespace },
  );

/** apiVersion and kind strings, one copy each (bounded: a repository has few kinds). */
const shared = new Map<string, string>();
const share = (value: string) => {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < 10_000) shared.set(value, value);
  return value;
};

/**
 * Reads a parsed manifest into its compact form. Strings the YAML parser returns are slices of
 * the file's text and would keep all of it alive: only fresh copies are kept.
 */
export function toDesiredManifest(object: KubernetesObject): DesiredManifest {
  const text = JSON.stringify(object);
  const exact = isJsonData(object);
  // Parsed from the JSON text, not the YAML: fresh strings.
  const copy = JSON.parse(text) as KubernetesObject;
  const namespace = copy.metadata.namespace;
  return {
    apiVersion: share(copy.apiVersion),
    kind: share(copy.kind),
    name: copy.metadata.name ?? '',
    // Always set (maybe undefined): one shape for all, no property backing store.
    namespace,
    source: exact ? text : object,
  };
}

/**
 * The desired objects of one deployment by identity key. They are kept as JSON text and parsed
 * (namespace filled in) when read: a read returns a fresh copy.
 */
export class DesiredObjects {
  private constructor(
    private readonly manifests: Map<string, DesiredManifest>,
    private readonly namespace: string,
  ) {}

  /**
   * Places manifests in a namespace (the default of those that name none); a key declared twice
   * keeps its first manifest and is reported in `duplicates`.
   */
  static place(
    manifests: Iterable<DesiredManifest>,
    namespace: string,
  ): { objects: DesiredObjects; duplicates: string[] } {
    const byKey = new Map<string, DesiredManifest>();
    const duplicates: string[] = [];
    for (const manifest of manifests) {
      const key = identityKey(identityOf(manifest, namespace));
      if (byKey.has(key)) {
        duplicates.push(key);
        continue;
      }
      byKey.set(key, manifest);
    }
    return { objects: new DesiredObjects(byKey, namespace), duplicates };
  }

  /** Parsed objects placed in a namespace, e.g. for tests. */
  static of(objects: KubernetesObject[], namespace: string): DesiredObjects {
    return DesiredObjects.place(objects.map(toDesiredManifest), namespace)
      .objects;
  }

  get size(): number {
    return this.manifests.size;
  }

  keys(): IterableIterator<string> {
    return this.manifests.keys();
  }

  has(key: string): boolean {
    return this.manifests.has(key);
  }

  /** The object, with the namespace it is placed in. */
  get(key: string): KubernetesObject | undefined {
    const manifest = this.manifests.get(key);
    if (!manifest) return undefined;
    const namespace = identityOf(manifest, this.namespace).namespace;
    if (typeof manifest.source !== 'string') {
      const object = manifest.source;
      return namespace && object.metadata.namespace !== namespace
        ? { ...object, metadata: { ...object.metadata, namespace } }
        : object;
    }
    const object = JSON.parse(manifest.source) as KubernetesObject;
    if (namespace && object.metadata.namespace !== namespace) {
      object.metadata.namespace = namespace;
    }
    return object;
  }

  /** The kinds declared (apiVersion and kind), once each. */
  kinds(): Array<{ apiVersion: string; kind: string }> {
    const kinds = new Map<string, { apiVersion: string; kind: string }>();
    for (const { apiVersion, kind } of this.manifests.values()) {
      kinds.set(`${apiVersion}/${kind}`, { apiVersion, kind });
    }
    return [...kinds.values()];
  }
}
