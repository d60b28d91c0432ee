import { HealthCheck } from '../types';

interface JobCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/**
 * Health of a batch/v1 Job, as Argo CD's gitops-engine computes it (`health_job.go`): a Failed
 * condition is Degraded with its message, a Suspended one is Suspended, a Complete one is Healthy,
 * anything else is still running (Progressing).
 *
 * Unlike Argo CD, only conditions with status "True" count: a Job resumed after a suspension keeps
 * a Suspended condition with status "False" (reason JobResumed) while it runs again, which Argo CD
 * takes for a finished, healthy Job.
 */
export const jobHealth: HealthCheck = job => {
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  const conditions: JobCondition[] = status.conditions ?? [];
  const holds = (type: string) =>
    conditions.find(c => c.type === type && c.status === 'True');

  const failed = holds('Failed');
  if (failed) {
    return {
      status: 'Degraded',
      message:
        failed.message ||
        `Job failed${failed.reason ? `: ${failed.reason}` : ''}`,
    };
  }
  if (holds('Suspended')) {
    return {
      status: 'Suspended',
      message: 'Job is suspended; it runs once spec.suspend is set to false',
    };
  }

  const succeeded: number = status.succeeded ?? 0;
  const completions: number | undefined = spec.completions ?? undefined;
  const progress =
    typeof completions === 'number'
      ? `${succeeded} of ${completions} succeeded`
      : `${succeeded} succeeded`;
  const complete = holds('Complete');
  if (complete) {
    return {
      status: 'Healthy',
      message: complete.message || `Job completed: ${progress}`,
    };
  }
  if (!status.startTime) {
    return { status: 'Progressing', message: 'Waiting for the job to start' };
  }
  return {
    status: 'Progressing',
    message: `Job is running: ${status.active ?? 0} active, ${progress}, ${
      status.failed ?? 0
    } failed`,
  };
};
