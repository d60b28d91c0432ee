import { KubernetesObject } from '@shipshape/plugin-gitops-node';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** What placing a manifest needs of it, without reading the manifest itself. */
export interface ManifestIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  /** As the manifest writes it; undefined when it names none. */
  namespace?: string;
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

/** apiVersion and kind strings, one copy each (bounded: a repository has few kinds). */
const shared = new Map<string, string>();
const share = (value: string) => {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < 10_000) shared.set(value, value);
  return value;
};

/**
 * A copy of a string the YAML parser returned: those are slices of the file's text and would
 * keep all of it alive.
 */
const fresh = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

/** Below this, deflate's own overhead outweighs what it saves. */
const MIN_DEFLATE_BYTES = 256;

/**
 * The manifests of one file, as the reconciler keeps them between commits: their identities,
 * and their JSON text deflated together (one file's manifests repeat each other's labels, names
 * and structure: a fifth to a tenth of the text). Shared by every deployment and commit that
 * use the file; read back (inflated and parsed, a fresh copy) once per reconcile.
 */
export class DesiredFile {
  private constructor(
    readonly manifests: readonly ManifestIdentity[],
    /** The JSON array of the manifests: deflated bytes as a Latin-1 string, or the text itself. */
    private readonly packed: string,
    private readonly deflated: boolean,
    /** Manifests JSON cannot hold exactly (e.g. a YAML `.inf`), by position; null in `packed`. */
    private readonly exotic?: ReadonlyMap<number, KubernetesObject>,
  ) {}

  static of(objects: KubernetesObject[]): DesiredFile {
    let exotic: Map<number, KubernetesObject> | undefined;
    const texts = objects.map((object, index) => {
      if (isJsonData(object)) return JSON.stringify(object);
      (exotic ??= new Map()).set(index, object);
      return 'null';
    });
    const manifests = objects.map(object => {
      const namespace = object.metadata?.namespace;
      return {
        apiVersion: share(fresh(String(object.apiVersion))),
        kind: share(fresh(String(object.kind))),
        name: fresh(String(object.metadata?.name ?? '')),
        // Always set (maybe undefined): one shape for all, no property backing store.
        namespace: typeof namespace === 'string' ? fresh(namespace) : undefined,
      };
    });
    const json = `[${texts.join(',')}]`;
    const bytes = Buffer.from(json, 'utf8');
    if (bytes.length >= MIN_DEFLATE_BYTES) {
      const deflated = deflateRawSync(bytes);
      if (deflated.length < bytes.length) {
        return new DesiredFile(
          manifests,
          deflated.toString('latin1'),
          true,
          exotic,
        );
      }
    }
    return new DesiredFile(manifests, json, false, exotic);
  }

  /** Bytes kept for the manifests' text (for tests and figures). */
  get packedBytes(): number {
    return this.packed.length;
  }

  /**
   * Every manifest, in file order: fresh copies (of exotic ones, the top level and metadata:
   * enough for a caller to set the namespace without changing the kept object).
   */
  read(): KubernetesObject[] {
    const json = this.deflated
      ? inflateRawSync(Buffer.from(this.packed, 'latin1')).toString('utf8')
      : this.packed;
    const objects = JSON.parse(json) as Array<KubernetesObject | null>;
    return objects.map((object, index) => {
      if (object !== null) return object;
      const kept = this.exotic!.get(index)!;
      return { ...kept, metadata: { ...kept.metadata } };
    });
  }
}
