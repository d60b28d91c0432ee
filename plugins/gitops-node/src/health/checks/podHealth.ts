import { HealthCheck } from '../types';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode?: number;
    reason?: string;
    message?: string;
  };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/**
 * Waiting reasons that mean the container cannot start as things are (CrashLoopBackOff,
 * ImagePullBackOff, ErrImagePull, CreateContainerConfigError, RunContainerError, ...), recognized
 * as Argo CD does: by their "Err" prefix or "Error"/"BackOff" suffix.
 */
function isErrorReason(reason: string | undefined): boolean {
  return (
    !!reason &&
    (reason.startsWith('Err') ||
      reason.endsWith('Error') ||
      reason.endsWith('BackOff'))
  );
}

function describeWaiting(container: ContainerStatus): string {
  const waiting = container.state?.waiting ?? {};
  const reason = waiting.reason ? ` (${waiting.reason})` : '';
  const message = waiting.message ? `: ${waiting.message}` : '';
  return `container "${container.name}" is waiting${reason}${message}`;
}

/** Why a failed container failed, in Argo CD's words; '' when it did not fail. */
function failMessage(container: ContainerStatus): string {
  const terminated = container.state?.terminated;
  if (!terminated) {
    return '';
  }
  if (terminated.message) {
    return terminated.message;
  }
  if (terminated.reason === 'OOMKilled') {
    return terminated.reason;
  }
  if (terminated.exitCode) {
    return `container "${container.name}" failed with exit code ${terminated.exitCode}`;
  }
  return '';
}

function describeRestart(container: ContainerStatus): string {
  const terminated = container.lastState?.terminated ?? {};
  const restarts = container.restartCount ?? 0;
  const reason = terminated.reason ? ` (${terminated.reason})` : '';
  const message = terminated.message ? `: ${terminated.message}` : '';
  return `container "${container.name}" has restarted ${restarts} time${
    restarts === 1 ? '' : 's'
  } and is not ready; it last exited with code ${
    terminated.exitCode ?? 0
  }${reason}${message}`;
}

function condition(
  conditions: PodCondition[],
  type: string,
): PodCondition | undefined {
  return conditions.find(c => c.type === type);
}

/**
 * Health of a core/v1 Pod, as Argo CD's gitops-engine computes it (`health_pod.go`).
 *
 * A pod that restarts its containers forever (restartPolicy Always) is Degraded as soon as a
 * container waits on an error (crash loop, image pull, bad config), and, once running, when it is
 * not ready and a container has terminated before. Pods with restartPolicy OnFailure or Never run
 * to completion (jobs, hooks): they stay Progressing until they succeed or fail.
 *
 * Where Argo CD has no message (most of the time it passes on `status.message`, usually empty),
 * this check says what the pod is waiting for or why it is unhealthy.
 */
export const podHealth: HealthCheck = pod => {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const restartPolicy: string | undefined = spec.restartPolicy;
  const initContainers: ContainerStatus[] = status.initContainerStatuses ?? [];
  const containers: ContainerStatus[] = status.containerStatuses ?? [];
  const conditions: PodCondition[] = status.conditions ?? [];
  const statusMessage: string = status.message ?? '';

  if (restartPolicy === 'Always') {
    // Argo CD looks at app containers only; an init container in a crash loop blocks the pod too.
    const failing = [...initContainers, ...containers].filter(container =>
      isErrorReason(container.state?.waiting?.reason),
    );
    if (failing.length > 0) {
      return {
        status: 'Degraded',
        message: failing
          .map(
            container =>
              container.state?.waiting?.message || describeWaiting(container),
          )
          .join(', '),
      };
    }
  }

  switch (status.phase) {
    case 'Pending': {
      if (statusMessage) {
        return { status: 'Progressing', message: statusMessage };
      }
      const scheduled = condition(conditions, 'PodScheduled');
      if (scheduled?.status === 'False') {
        const why = scheduled.message || scheduled.reason || '';
        return {
          status: 'Progressing',
          message:
            scheduled.reason === 'Unschedulable'
              ? `Pod is unschedulable: ${why}`
              : `Waiting for the pod to be scheduled: ${why}`,
        };
      }
      const waiting = [...initContainers, ...containers].filter(
        container => container.state?.waiting,
      );
      return {
        status: 'Progressing',
        message:
          waiting.length > 0
            ? `Pod is pending: ${waiting.map(describeWaiting).join('; ')}`
            : 'Pod is pending',
      };
    }
    case 'Succeeded':
      return {
        status: 'Healthy',
        message: statusMessage || 'Pod completed successfully',
      };
    case 'Failed': {
      if (statusMessage) {
        return { status: 'Degraded', message: statusMessage };
      }
      for (const container of [...initContainers, ...containers]) {
        const message = failMessage(container);
        if (message) {
          return { status: 'Degraded', message };
        }
      }
      return {
        status: 'Degraded',
        message: status.reason ? `Pod failed: ${status.reason}` : 'Pod failed',
      };
    }
    case 'Running':
      if (restartPolicy === 'Always') {
        if (condition(conditions, 'Ready')?.status === 'True') {
          return {
            status: 'Healthy',
            message: statusMessage || 'Pod is running and ready',
          };
        }
        const restarted = containers.find(
          container => container.lastState?.terminated,
        );
        if (restarted) {
          return {
            status: 'Degraded',
            message: statusMessage || describeRestart(restarted),
          };
        }
        const ready = condition(conditions, 'Ready');
        return {
          status: 'Progressing',
          message:
            statusMessage ||
            `Waiting for the pod to become ready${
              ready?.message ? `: ${ready.message}` : ''
            }`,
        };
      }
      if (restartPolicy === 'OnFailure' || restartPolicy === 'Never') {
        return {
          status: 'Progressing',
          message:
            statusMessage ||
            `Pod is running; waiting for it to complete (restartPolicy ${restartPolicy})`,
        };
      }
      return {
        status: 'Unknown',
        message:
          statusMessage ||
          `Pod is running with an unknown restartPolicy "${
            restartPolicy ?? ''
          }"`,
      };
    default:
      return {
        status: 'Unknown',
        message:
          statusMessage ||
          (status.phase
            ? `Pod phase is ${status.phase}: its state could not be obtained, usually because its node stopped reporting`
            : 'Pod has not reported a phase yet'),
      };
  }
};
