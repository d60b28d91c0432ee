import chalk from 'chalk';
import { CommandOutcome } from './commands/CommandOutcome';

/** A table of the resources, the coloured unified diff of each drifted one, errors, a summary. */
export function formatText(outcome: CommandOutcome, color: boolean): string {
  const paint = new chalk.Instance({ level: color ? 1 : 0 });
  const { resources, errors, summary } = outcome.report;
  const withSync = resources.some(r => r.sync !== undefined);
  const header = [
    'KIND',
    'NAMESPACE',
    'NAME',
    ...(withSync ? ['SYNC'] : []),
    'HEALTH',
    'MESSAGE',
  ];
  const rows = resources.map(r => [
    r.kind,
    r.namespace ?? '',
    r.name,
    ...(withSync ? [r.sync ?? ''] : []),
    r.health?.status ?? '-',
    r.health?.message ?? '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();

  const out: string[] = [paint.bold(line(header)), ...rows.map(line)];
  outcome.diffs.forEach(diff => {
    if (!diff) return;
    out.push('');
    for (const text of diff.split('\n')) {
      if (text.startsWith('+++') || text.startsWith('---'))
        out.push(paint.bold(text));
      else if (text.startsWith('@@')) out.push(paint.cyan(text));
      else if (text.startsWith('+')) out.push(paint.green(text));
      else if (text.startsWith('-')) out.push(paint.red(text));
      else if (!text.startsWith('====')) out.push(text);
    }
  });
  if (errors.length > 0) {
    out.push('', paint.bold.red(`${errors.length} input error(s):`));
    for (const error of errors)
      out.push(paint.red(`  ${error.file}: ${error.message}`));
  }
  out.push(
    '',
    `${summary.sync ? `sync ${summary.sync}, ` : ''}health ${summary.health} (${
      resources.length
    } resource(s))`,
  );
  return `${out.join('\n')}\n`;
}
