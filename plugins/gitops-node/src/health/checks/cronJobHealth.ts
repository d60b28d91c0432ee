import { HealthCheck } from '../types';

/**
 * Health of a batch/v1 CronJob, as Argo CD's built-in Lua check computes it
 * (`resource_customizations/batch/CronJob/health.lua`), from the times of its last scheduled and
 * last successful Job.
 *
 * As in Argo CD, a suspended CronJob is Healthy rather than Suspended (argo-cd#24428): a
 * Suspended resource makes a whole application Suspended, and a suspended CronJob is a normal,
 * deliberate state. A running Job hides whether the previous run failed (argo-cd#24429), so a
 * CronJob with an active Job is Healthy.
 */
export const cronJobHealth: HealthCheck = cronJob => {
  if (cronJob.spec?.suspend === true) {
    return { status: 'Healthy', message: 'CronJob is Suspended' };
  }

  const status = cronJob.status;
  if (!status) {
    return { status: 'Progressing', message: 'Waiting for CronJob' };
  }

  const lastScheduleTime: string | undefined = status.lastScheduleTime;
  if (!lastScheduleTime) {
    return { status: 'Healthy', message: 'CronJob has not been scheduled yet' };
  }
  const lastSuccessfulTime: string | undefined = status.lastSuccessfulTime;
  if (!lastSuccessfulTime) {
    return {
      status: 'Healthy',
      message:
        'The CronJob never completed successfully. It may not be healthy',
    };
  }
  if (Array.isArray(status.active) && status.active.length > 0) {
    return {
      status: 'Healthy',
      message:
        'The job is running. Its last execution may not have been successful',
    };
  }
  if (Date.parse(lastSuccessfulTime) < Date.parse(lastScheduleTime)) {
    return {
      status: 'Degraded',
      message: 'CronJob has not completed its last execution successfully',
    };
  }
  return {
    status: 'Healthy',
    message: 'CronJob has completed its last execution successfully',
  };
};
