import { randomUUID } from 'node:crypto';

/** A change to one object, as a watch reports it. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** "group/plural" of the object's kind. */
  typeKey: string;
  namespace?: string;
  object: Record<string, any>;
  resourceVersion: number;
}

/** Raised when a resourceVersion is older than the event history kept. */
export class ExpiredError extends Error {}

const keyOf = (namespace: string | undefined, name: string) =>
  `${namespace ?? ''}/${name}`;

/**
 * Every object of the emulated cluster, with one resourceVersion counter for all of them (as
 * etcd's revision) and a bounded history of changes for watches: a watch from a resourceVersion
 * older than the history gets 410 Expired, as from a real server after compaction.
 */
export class ObjectStore {
  private revision = 1;
  private readonly objects = new Map<
    string,
    Map<string, Record<string, any>>
  >();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly historyLimit = 1000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  get(typeKey: string, namespace: string | undefined, name: string) {
    return this.objects.get(typeKey)?.get(keyOf(namespace, name));
  }

  /** Objects of a kind, in one namespace or all, sorted by namespace and name. */
  list(typeKey: string, namespace?: string): Record<string, any>[] {
    const all = [...(this.objects.get(typeKey)?.entries() ?? [])]
      .filter(
        ([key]) => namespace === undefined || key.startsWith(`${namespace}/`),
      )
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return all.map(([, object]) => object);
  }

  /** Stores a new object, stamping resourceVersion, generation, creationTimestamp and a uid if it has none. */
  create(typeKey: string, object: Record<string, any>): Record<string, any> {
    const stored = structuredClone(object);
    stored.metadata.uid ||= randomUUID();
    stored.metadata.creationTimestamp = new Date()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    stored.metadata.generation = 1;
    return this.write('ADDED', typeKey, stored);
  }

  /** Replaces an object; the generation moves when anything but metadata and status changed. */
  update(typeKey: string, object: Record<string, any>): Record<string, any> {
    const { namespace, name } = object.metadata;
    const current = this.get(typeKey, namespace, name);
    if (!current) {
      throw new Error(`no ${typeKey} ${keyOf(namespace, name)} to update`);
    }
    const stored = structuredClone(object);
    stored.metadata.uid = current.metadata.uid;
    stored.metadata.creationTimestamp = current.metadata.creationTimestamp;
    const { metadata: _a, status: _b, ...before } = current;
    const { metadata: _c, status: _d, ...after } = stored;
    stored.metadata.generation =
      (current.metadata.generation ?? 1) +
      (JSON.stringify(before) === JSON.stringify(after) ? 0 : 1);
    return this.write('MODIFIED', typeKey, stored);
  }

  /** Removes an object for good (finalizers are the caller's business). */
  remove(
    typeKey: string,
    namespace: string | undefined,
    name: string,
  ): Record<string, any> {
    const current = this.get(typeKey, namespace, name);
    if (!current) {
      throw new Error(`no ${typeKey} ${keyOf(namespace, name)} to remove`);
    }
    this.objects.get(typeKey)!.delete(keyOf(namespace, name));
    this.revision += 1;
    const removed = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: String(this.revision) },
    };
    this.emit({
      type: 'DELETED',
      typeKey,
      namespace,
      object: removed,
      resourceVersion: this.revision,
    });
    return removed;
  }

  /** The changes after `resourceVersion`; ExpiredError when the history no longer reaches back. */
  eventsSince(resourceVersion: number): StoreEvent[] {
    const oldest = this.history[0]?.resourceVersion ?? this.revision + 1;
    if (resourceVersion < oldest - 1 && resourceVersion < this.revision) {
      throw new ExpiredError(`resourceVersion ${resourceVersion} is too old`);
    }
    return this.history.filter(
      event => event.resourceVersion > resourceVersion,
    );
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(
    type: StoreEvent['type'],
    typeKey: string,
    object: Record<string, any>,
  ) {
    this.revision += 1;
    object.metadata.resourceVersion = String(this.revision);
    const { namespace, name } = object.metadata;
    if (!this.objects.has(typeKey)) this.objects.set(typeKey, new Map());
    this.objects.get(typeKey)!.set(keyOf(namespace, name), object);
    this.emit({
      type,
      typeKey,
      namespace,
      object,
      resourceVersion: this.revision,
    });
    return object;
  }

  private emit(event: StoreEvent) {
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }
}
