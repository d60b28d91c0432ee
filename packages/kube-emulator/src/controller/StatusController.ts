import { createHash } from 'node:crypto';
import { ObjectStore, StoreEvent } from '../store/ObjectStore';

/**
 * Set on an object to make the emulated cluster misbehave for it: `unavailable` (a Deployment
 * that never becomes available), `crash-loop` and `image-pull-backoff` (its pods, or a Pod).
 */
export const BEHAVIOR_ANNOTATION = 'emulator.shipshape.dev/behavior';

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Advances status as a cluster's controllers would, a little after each change: rollouts become
 * available, Pods Ready, LoadBalancers get an address, Jobs complete — unless the object's
 * behavior annotation asks for a failure.
 */
export class StatusController {
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe?: () => void;
  private nextAddress = 10;

  constructor(
    private readonly store: ObjectStore,
    private readonly delayMs = 100,
  ) {}

  start(): void {
    this.unsubscribe = this.store.subscribe(event => this.onChange(event));
  }

  stop(): void {
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private onChange(event: StoreEvent) {
    if (event.type === 'DELETED' || event.object.metadata.deletionTimestamp)
      return;
    const status = this.statusFor(event.typeKey, event.object);
    if (!status) return;
    const { namespace, name, resourceVersion } = event.object.metadata;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.store.get(event.typeKey, namespace, name);
      // Only if nothing changed meanwhile (a newer change schedules its own status).
      if (current && current.metadata.resourceVersion === resourceVersion) {
        this.store.update(event.typeKey, { ...current, status });
      }
    }, this.delayMs);
    this.timers.add(timer);
  }

  /** The status the controllers would write, or undefined when it is already current. */
  private statusFor(
    typeKey: string,
    object: Record<string, any>,
  ): Record<string, any> | undefined {
    const generation = object.metadata.generation ?? 1;
    const observed = object.status?.observedGeneration;
    const behavior = object.metadata.annotations?.[BEHAVIOR_ANNOTATION];
    const replicas = object.spec?.replicas ?? 1;
    switch (typeKey) {
      case 'apps/deployments':
        if (observed === generation) return undefined;
        return behavior === 'unavailable'
          ? {
              observedGeneration: generation,
              replicas,
              updatedReplicas: replicas,
              unavailableReplicas: replicas,
              conditions: [
                {
                  type: 'Available',
                  status: 'False',
                  reason: 'MinimumReplicasUnavailable',
                  message: 'Deployment does not have minimum availability.',
                  lastUpdateTime: now(),
                  lastTransitionTime: now(),
                },
                {
                  type: 'Progressing',
                  status: 'False',
                  reason: 'ProgressDeadlineExceeded',
                  message: `ReplicaSet "${object.metadata.name}" has timed out progressing.`,
                  lastUpdateTime: now(),
                  lastTransitionTime: now(),
                },
              ],
            }
          : {
              observedGeneration: generation,
              replicas,
              updatedReplicas: replicas,
              readyReplicas: replicas,
              availableReplicas: replicas,
              conditions: [
                {
                  type: 'Available',
                  status: 'True',
                  reason: 'MinimumReplicasAvailable',
                  message: 'Deployment has minimum availability.',
                  lastUpdateTime: now(),
                  lastTransitionTime: now(),
                },
                {
                  type: 'Progressing',
                  status: 'True',
                  reason: 'NewReplicaSetAvailable',
                  message: `ReplicaSet "${object.metadata.name}" has successfully progressed.`,
                  lastUpdateTime: now(),
                  lastTransitionTime: now(),
                },
              ],
            };
      case 'apps/statefulsets':
      case 'apps/replicasets':
        if (observed === generation) return undefined;
        return {
          observedGeneration: generation,
          replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          ...(typeKey === 'apps/statefulsets'
            ? {
                currentReplicas: replicas,
                updatedReplicas: replicas,
                currentRevision: `${object.metadata.name}-1`,
                updateRevision: `${object.metadata.name}-1`,
              }
            : { fullyLabeledReplicas: replicas }),
        };
      case 'apps/daemonsets':
        if (observed === generation) return undefined;
        return {
          observedGeneration: generation,
          desiredNumberScheduled: 1,
          currentNumberScheduled: 1,
          updatedNumberScheduled: 1,
          numberAvailable: 1,
          numberReady: 1,
          numberMisscheduled: 0,
        };
      case '/pods':
        if (object.status?.phase && object.status.phase !== 'Pending')
          return undefined;
        if (object.status?.containerStatuses) return undefined;
        return podStatus(object, behavior);
      case '/services':
        if (
          object.spec?.type !== 'LoadBalancer' ||
          object.status?.loadBalancer?.ingress
        )
          return undefined;
        return {
          loadBalancer: {
            ingress: [
              { ip: `203.0.113.${this.nextAddress++ % 250}`, ipMode: 'VIP' },
            ],
          },
        };
      case 'autoscaling/horizontalpodautoscalers': {
        // The HPA controller: metrics found, replicas within bounds (the steady state).
        if (object.status?.conditions) return undefined;
        const current = Math.max(object.spec?.minReplicas ?? 1, 1);
        const condition = (type: string, status: string, reason: string) => ({
          type,
          status,
          reason,
          lastTransitionTime: now(),
        });
        return {
          currentReplicas: current,
          desiredReplicas: current,
          currentMetrics: [],
          conditions: [
            condition('AbleToScale', 'True', 'ReadyForNewScale'),
            condition('ScalingActive', 'True', 'ValidMetricFound'),
            condition('ScalingLimited', 'False', 'DesiredWithinRange'),
          ],
        };
      }
      case 'batch/jobs':
        if (object.status?.completionTime || object.spec?.suspend)
          return undefined;
        return {
          startTime: now(),
          completionTime: now(),
          succeeded: object.spec?.completions ?? 1,
          conditions: [
            {
              type: 'Complete',
              status: 'True',
              lastProbeTime: now(),
              lastTransitionTime: now(),
            },
          ],
        };
      default:
        return undefined;
    }
  }
}

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** The kubelet's imageID of a pulled image: its repository at a (made-up, stable) digest. */
function imageIDOf(image: string) {
  if (image.includes('@')) return image;
  return `${image.replace(/:[^/:]*$/, '')}@sha256:${sha256(image)}`;
}

const containerIDOf = (pod: Record<string, any>, container: string) =>
  `containerd://${sha256(`${pod.metadata.uid}/${container}`)}`;

function podStatus(pod: Record<string, any>, behavior: string | undefined) {
  const containers: any[] = pod.spec?.containers ?? [];
  // Set by the API server on create; the kubelet's status keeps it.
  const qosClass = pod.status?.qosClass;
  const waiting = (reason: string, message: string) => ({
    phase: reason === 'CrashLoopBackOff' ? 'Running' : 'Pending',
    ...(qosClass ? { qosClass } : {}),
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        lastTransitionTime: now(),
      },
    ],
    containerStatuses: containers.map(c => ({
      name: c.name,
      image: c.image,
      // Never pulled: the kubelet reports an empty imageID (the field is required).
      imageID: reason === 'CrashLoopBackOff' ? imageIDOf(c.image) : '',
      ready: false,
      started: false,
      restartCount: reason === 'CrashLoopBackOff' ? 5 : 0,
      state: { waiting: { reason, message } },
      ...(reason === 'CrashLoopBackOff'
        ? {
            containerID: containerIDOf(pod, c.name),
            lastState: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                containerID: containerIDOf(pod, c.name),
              },
            },
          }
        : {}),
    })),
  });
  if (behavior === 'crash-loop') {
    return waiting(
      'CrashLoopBackOff',
      `back-off 5m0s restarting failed container=${containers[0]?.name} pod=${pod.metadata.name}_${pod.metadata.namespace}`,
    );
  }
  if (behavior === 'image-pull-backoff') {
    return waiting(
      'ImagePullBackOff',
      `Back-off pulling image "${containers[0]?.image}"`,
    );
  }
  return {
    phase: 'Running',
    ...(qosClass ? { qosClass } : {}),
    startTime: now(),
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      type => ({ type, status: 'True', lastTransitionTime: now() }),
    ),
    containerStatuses: containers.map(c => ({
      name: c.name,
      image: c.image,
      imageID: imageIDOf(c.image),
      containerID: containerIDOf(pod, c.name),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now() } },
    })),
  };
}
