import { ShipshapeReport } from '@shipshape/plugin-gitops-common';

/** What a command found: the report, the unified diffs for text output, and the exit code. */
export interface CommandOutcome {
  report: ShipshapeReport;
  /** Unified diffs of drifted resources, in report order (text output only). */
  diffs: string[];
  exitCode: number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT_ERRORS = 2;

/** "line 8: message" for errors located in a file. */
export function errorMessage(error: {
  line?: number;
  message: string;
}): string {
  return error.line ? `line ${error.line}: ${error.message}` : error.message;
}

/**
 * A live dump (`kubectl get -o yaml` of many objects) is legitimately far larger than a manifest
 * in Git, which keeps the loader's default limit.
 */
export const MAX_LIVE_FILE_BYTES = 256 * 1024 * 1024;
