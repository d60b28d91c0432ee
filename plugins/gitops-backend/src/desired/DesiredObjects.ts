import {
  identityKey,
  KubernetesObject,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';
import { DesiredFile, ManifestIdentity } from './DesiredFile';

/** A manifest's identity in a namespace (the default of manifests that name none). */
const identityOf = (manifest: ManifestIdentity, defaultNamespace: string) =>
  resourceIdentity(
    {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      metadata: { name: manifest.name, namespace: manifest.namespace },
    },
    { defaultNamespace },
  );

/**
 * The desired objects of one deployment, by identity key: the manifests of its files placed in
 * a namespace. Only the keys are kept per deployment; the manifests stay in their (shared,
 * deflated) files and are parsed, namespace filled in, when read: a read returns a fresh copy.
 */
export class DesiredObjects {
  private constructor(
    private readonly files: readonly DesiredFile[],
    /** The identity key of every manifest of the files, in order; undefined for a duplicate. */
    private readonly keyByManifest: ReadonlyArray<string | undefined>,
    readonly size: number,
    private readonly namespace: string,
  ) {}

  /**
   * Places the manifests of files in a namespace (the default of those that name none); a key
   * declared twice keeps its first manifest and is reported in `duplicates`.
   */
  static place(
    files: readonly DesiredFile[],
    namespace: string,
  ): { objects: DesiredObjects; duplicates: string[] } {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const keyByManifest: Array<string | undefined> = [];
    for (const file of files) {
      for (const manifest of file.manifests) {
        const key = identityKey(identityOf(manifest, namespace));
        if (seen.has(key)) {
          duplicates.push(key);
          keyByManifest.push(undefined);
        } else {
          seen.add(key);
          keyByManifest.push(key);
        }
      }
    }
    return {
      objects: new DesiredObjects(files, keyByManifest, seen.size, namespace),
      duplicates,
    };
  }

  /** Objects placed in a namespace, as if read from one file (e.g. for tests). */
  static of(objects: KubernetesObject[], namespace: string): DesiredObjects {
    return DesiredObjects.place([DesiredFile.of(objects)], namespace).objects;
  }

  *keys(): IterableIterator<string> {
    for (const key of this.keyByManifest) {
      if (key !== undefined) yield key;
    }
  }

  has(key: string): boolean {
    return this.keyByManifest.includes(key);
  }

  /** Every object with its key, each file read once: what a reconcile reads. */
  *entries(): IterableIterator<[string, KubernetesObject]> {
    let index = 0;
    for (const file of this.files) {
      const objects = file.read();
      for (let i = 0; i < objects.length; i++, index++) {
        const key = this.keyByManifest[index];
        if (key === undefined) continue;
        yield [key, this.placed(file.manifests[i], objects[i])];
      }
    }
  }

  /** The object, with the namespace it is placed in (for tests: a reconcile reads entries). */
  get(key: string): KubernetesObject | undefined {
    for (const [placedKey, object] of this.entries()) {
      if (placedKey === key) return object;
    }
    return undefined;
  }

  /** The kinds declared (apiVersion and kind), once each. */
  kinds(): Array<{ apiVersion: string; kind: string }> {
    const kinds = new Map<string, { apiVersion: string; kind: string }>();
    let index = 0;
    for (const file of this.files) {
      for (const { apiVersion, kind } of file.manifests) {
        if (this.keyByManifest[index++] === undefined) continue;
        kinds.set(`${apiVersion}/${kind}`, { apiVersion, kind });
      }
    }
    return [...kinds.values()];
  }

  /** The object (a copy DesiredFile.read made) with its namespace filled in. */
  private placed(
    manifest: ManifestIdentity,
    object: KubernetesObject,
  ): KubernetesObject {
    const namespace = identityOf(manifest, this.namespace).namespace;
    if (namespace && object.metadata.namespace !== namespace) {
      object.metadata.namespace = namespace;
    }
    return object;
  }
}
