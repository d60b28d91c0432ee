import {
  HEALTH_STATUSES,
  HealthStatus,
  SYNC_STATUSES,
  SyncStatus,
} from './status';

/**
 * One resource in a report of the `shipshape` command.
 *
 * @public
 */
export interface ShipshapeReportResource {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** `diff` only. */
  sync?: SyncStatus;
  /** Absent for kinds without health (ConfigMap, Secret, ...) and for resources not live. */
  health?: { status: HealthStatus; message: string };
  /** `diff` only: the fields that differ; Secret values are never included. */
  changes?: Array<{ path: string; desired?: unknown; live?: unknown }>;
}

/**
 * What `shipshape diff|health --format json` prints.
 *
 * @public
 */
export interface ShipshapeReport {
  resources: ShipshapeReportResource[];
  errors: Array<{ file: string; message: string }>;
  summary: { sync?: 'Synced' | 'OutOfSync'; health: HealthStatus };
}

const healthStatus = { enum: HEALTH_STATUSES };

/**
 * JSON Schema (draft 2020-12) of {@link ShipshapeReport}, for consumers of the command's output.
 *
 * @public
 */
export const SHIPSHAPE_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://shipshape.dev/schemas/report.json',
  title: 'Shipshape diff and health report',
  type: 'object',
  additionalProperties: false,
  required: ['resources', 'errors', 'summary'],
  properties: {
    resources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['apiVersion', 'kind', 'name'],
        properties: {
          apiVersion: { type: 'string', minLength: 1 },
          kind: { type: 'string', minLength: 1 },
          namespace: { type: 'string', minLength: 1 },
          name: { type: 'string', minLength: 1 },
          sync: { enum: SYNC_STATUSES },
          health: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'message'],
            properties: { status: healthStatus, message: { type: 'string' } },
          },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path'],
              properties: {
                path: { type: 'string', pattern: '^(/([^~/]|~[01])*)+$' },
                desired: {},
                live: {},
              },
            },
          },
        },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'message'],
        properties: {
          file: { type: 'string' },
          message: { type: 'string', minLength: 1 },
        },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['health'],
      properties: {
        sync: { enum: ['Synced', 'OutOfSync'] },
        health: healthStatus,
      },
    },
  },
} as const;
