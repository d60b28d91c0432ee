import { PlannedResource } from '@shipshape/plugin-gitops-common';

/** One object of the live plan, with the component it belongs to. */
export type EnvironmentPlanResource = PlannedResource & { component: string };

/**
 * The what-if of a rendered environment: its files against the target branch, its objects against
 * the live cluster, and the components that depend on it.
 *
 * @public
 */
export interface EnvironmentPlan {
  environmentRef: string;
  /** `create` when the target branch has no such environment yet. */
  action: 'create' | 'update';
  repository: string;
  targetBranch: string;
  path: string;
  files: {
    added: string[];
    changed: string[];
    removed: string[];
    unchanged: number;
  };
  live: {
    available: boolean;
    /** Why live state is unavailable, when it is. */
    reason?: string;
    clusterRef: string;
    namespace: string;
    resources: EnvironmentPlanResource[];
  };
  /** Entity refs of components that depend, directly or not, on the environment's components. */
  dependants: string[];
  hasChanges: boolean;
}

const MAX_ROWS = 100;
const MAX_VALUE = 60;

/** Text safe inside a Markdown table cell's inline code. */
function cell(value: string): string {
  return value.replace(/[`|\r\n]/g, ' ');
}

function shortValue(value: unknown): string {
  if (value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
  return `\`${cell(short)}\``;
}

function isSecret(resource: PlannedResource): boolean {
  return resource.kind === 'Secret';
}

/**
 * The plan as Markdown for a pull request body. Values of Secrets never appear, not even when the
 * backend sent them: only the paths of their changed fields.
 */
export function formatPlanMarkdown(plan: EnvironmentPlan): string {
  const lines: string[] = [];
  const name = plan.path.split('/').pop();
  lines.push(`### Plan: ${plan.action} environment \`${cell(name ?? '')}\``);
  lines.push('');
  lines.push(
    `Target: \`${cell(plan.repository)}\` branch \`${cell(
      plan.targetBranch,
    )}\`, directory \`${cell(plan.path)}/\``,
  );
  lines.push('');
  const { added, changed, removed, unchanged } = plan.files;
  lines.push(
    `**Files:** ${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged} unchanged`,
  );
  const fileRows = [
    ...added.map(f => ['added', f]),
    ...changed.map(f => ['changed', f]),
    ...removed.map(f => ['removed', f]),
  ];
  if (fileRows.length > 0) {
    lines.push('', '| Change | File |', '| --- | --- |');
    for (const [change, file] of fileRows.slice(0, MAX_ROWS)) {
      lines.push(`| ${change} | \`${cell(file)}\` |`);
    }
    if (fileRows.length > MAX_ROWS) {
      lines.push(`| … | ${fileRows.length - MAX_ROWS} more |`);
    }
  }
  lines.push('');

  const { live } = plan;
  const where = `\`${cell(live.clusterRef)}\`, namespace \`${cell(
    live.namespace,
  )}\``;
  if (!live.available) {
    lines.push(
      `**Live state:** unavailable on ${where}: ${cell(
        live.reason ?? 'unknown reason',
      )}. The changes above are not compared with the cluster.`,
    );
  } else {
    const count = (action: string) =>
      live.resources.filter(r => r.action === action).length;
    lines.push(
      `**Live state** on ${where}: ${count('create')} to create, ${count(
        'update',
      )} to update, ${count('delete')} to delete, ${count(
        'unchanged',
      )} unchanged`,
    );
    const rows = live.resources.filter(r => r.action !== 'unchanged');
    if (rows.length > 0) {
      lines.push(
        '',
        '| Action | Component | Object | Changes |',
        '| --- | --- | --- | --- |',
      );
      for (const resource of rows.slice(0, MAX_ROWS)) {
        const object = `${resource.kind} ${resource.name}`;
        const changes = resource.changes
          .slice(0, 10)
          .map(change =>
            isSecret(resource)
              ? `\`${cell(change.path)}\` (value hidden)`
              : `\`${cell(change.path)}\`: ${shortValue(
                  change.live,
                )} → ${shortValue(change.desired)}`,
          );
        if (resource.changes.length > 10) {
          changes.push(`${resource.changes.length - 10} more`);
        }
        lines.push(
          `| ${resource.action} | ${cell(resource.component)} | \`${cell(
            object,
          )}\` | ${changes.join('<br>')} |`,
        );
      }
      if (rows.length > MAX_ROWS) {
        lines.push(`| … | | ${rows.length - MAX_ROWS} more | |`);
      }
    }
  }
  lines.push('');
  if (plan.dependants.length > 0) {
    lines.push(
      `**Affected dependants** (depend on these components, directly or not): ${plan.dependants
        .map(ref => `\`${cell(ref)}\``)
        .join(', ')}`,
    );
  } else {
    lines.push('**Affected dependants:** none');
  }
  return lines.join('\n');
}
