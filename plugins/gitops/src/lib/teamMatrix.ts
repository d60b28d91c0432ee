import {
  TeamSummaryCell,
  TeamSummaryEnvironment,
  TeamSummaryResponse,
  TeamSummaryService,
} from '@shipshape/plugin-gitops-common';
import { DateTime, Duration } from 'luxon';
import { refName } from './deployments';
import { shortSha } from './format';

/** What the team page's filters select. */
export interface MatrixFilters {
  /** An environment type, or undefined for all. */
  environmentType?: string;
  /** Only services with a problem in a shown environment. */
  problemsOnly: boolean;
}

/** The part of a team summary a matrix shows. */
export interface MatrixView {
  environments: TeamSummaryEnvironment[];
  services: TeamSummaryService[];
}

/** A cell that needs attention: out of sync or sync unknown, degraded, missing or unknown. */
export function isProblem(cell: TeamSummaryCell): boolean {
  return (
    cell.sync !== 'Synced' ||
    cell.health === 'Degraded' ||
    cell.health === 'Missing' ||
    cell.health === 'Unknown'
  );
}

/** The environment types present, in the order of the summary's environments. */
export function environmentTypes(summary: TeamSummaryResponse): string[] {
  return Array.from(new Set(summary.environments.map(e => e.type ?? 'other')));
}

/** The environments and services the filters keep. */
export function filterMatrix(
  summary: Pick<TeamSummaryResponse, 'environments' | 'services'>,
  filters: MatrixFilters,
): MatrixView {
  const environments = filters.environmentType
    ? summary.environments.filter(
        e => (e.type ?? 'other') === filters.environmentType,
      )
    : summary.environments;
  const shown = new Set(environments.map(e => e.environmentRef));
  const services = filters.problemsOnly
    ? summary.services.filter(s =>
        s.cells.some(c => shown.has(c.environmentRef) && isProblem(c)),
      )
    : summary.services;
  return { environments, services };
}

/** The cell of a service in an environment, if it is deployed there. */
export function cellOf(
  service: TeamSummaryService,
  environmentRef: string,
): TeamSummaryCell | undefined {
  return service.cells.find(c => c.environmentRef === environmentRef);
}

/** "3 days", "5 hours", "12 minutes", "less than a minute", from `since` to `now`. */
export function formatAge(since: string, now: DateTime): string | undefined {
  const start = DateTime.fromISO(since);
  if (!start.isValid) return undefined;
  const diff = now.diff(start, ['days', 'hours', 'minutes']);
  const pick = (unit: 'days' | 'hours' | 'minutes') =>
    Duration.fromObject({ [unit]: Math.floor(diff.get(unit)) }).toHuman({
      unitDisplay: 'long',
    });
  if (diff.days >= 1) return pick('days');
  if (diff.hours >= 1) return pick('hours');
  if (diff.minutes >= 1) return pick('minutes');
  return 'less than a minute';
}

/**
 * How long a cell has had its problems, in words: "degraded for 2 hours", "out of sync for 3
 * days", both when both; undefined when it has none.
 */
export function driftAgeText(
  cell: TeamSummaryCell,
  now: DateTime = DateTime.now(),
): string | undefined {
  const parts: string[] = [];
  if (cell.degradedSince) {
    const age = formatAge(cell.degradedSince, now);
    if (age) parts.push(`degraded for ${age}`);
  }
  if (cell.outOfSyncSince) {
    const age = formatAge(cell.outOfSyncSince, now);
    if (age) parts.push(`out of sync for ${age}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
 * doubled. Text a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The matrix as shown, as CSV: a header row, then a row per service with, per environment,
 * sync, health, drifted resources, revision and drift age ("" where it is not deployed).
 * Lines end with CRLF.
 */
export function matrixToCsv(
  view: MatrixView,
  now: DateTime = DateTime.now(),
): string {
  const header = ['Service', 'Owner'];
  for (const environment of view.environments) {
    const name = environment.title ?? refName(environment.environmentRef);
    header.push(
      `${name} sync`,
      `${name} health`,
      `${name} drifted resources`,
      `${name} revision`,
      `${name} problem age`,
    );
  }
  const rows = view.services.map(service => {
    const row: Array<string | number | undefined> = [
      service.title ?? refName(service.entityRef),
      refName(service.ownerRef),
    ];
    for (const environment of view.environments) {
      const cell = cellOf(service, environment.environmentRef);
      if (!cell) {
        row.push('', '', '', '', '');
      } else {
        row.push(
          cell.sync,
          cell.health,
          cell.driftCount,
          cell.revision ? shortSha(cell.revision) : '',
          driftAgeText(cell, now) ?? '',
        );
      }
    }
    return row;
  });
  return `${[header, ...rows]
    .map(row => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}
