// Generated from openapi.yaml by scripts/generate-openapi-spec.js. Do not edit.
/* eslint-disable */

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'gitops',
    version: '1',
    description:
      "Live GitOps status of catalog entities, as Shipshape's reconciler computed it: sync, health and field-level drift per deployment (a component in an environment on a cluster), history of transitions, and refresh requests. Answers come from the store, never from the clusters.",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: true,
        allowReserved: true,
        description:
          "A Component's or an Environment's entity ref, e.g. component:default/checkout",
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      environmentRef: {
        name: 'environmentRef',
        in: 'query',
        required: true,
        allowReserved: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      clusterRef: {
        name: 'clusterRef',
        in: 'query',
        required: true,
        allowReserved: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: "An error, in Backstage's error body shape.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
            required: ['statusCode'],
          },
        },
        required: ['error', 'response'],
      },
      HealthStatus: {
        type: 'string',
        enum: [
          'Healthy',
          'Suspended',
          'Progressing',
          'Missing',
          'Degraded',
          'Unknown',
        ],
      },
      SyncStatus: {
        type: 'string',
        enum: ['Synced', 'OutOfSync', 'Missing', 'Extraneous'],
      },
      DeploymentSyncStatus: {
        type: 'string',
        enum: ['Synced', 'OutOfSync', 'Unknown'],
      },
      DeploymentStatus: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          environmentRef: {
            type: 'string',
          },
          clusterRef: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          sync: {
            $ref: '#/components/schemas/DeploymentSyncStatus',
          },
          health: {
            $ref: '#/components/schemas/HealthStatus',
          },
          reason: {
            type: 'string',
          },
          revision: {
            type: 'string',
          },
          revisionUrl: {
            type: 'string',
          },
          resourceCount: {
            type: 'integer',
          },
          driftCount: {
            type: 'integer',
          },
          syncSince: {
            type: 'string',
            format: 'date-time',
          },
          healthSince: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'entityRef',
          'environmentRef',
          'clusterRef',
          'namespace',
          'sync',
          'health',
          'resourceCount',
          'driftCount',
          'syncSince',
          'healthSince',
          'updatedAt',
        ],
      },
      ResourceFieldChange: {
        type: 'object',
        additionalProperties: false,
        properties: {
          path: {
            type: 'string',
          },
          desired: {},
          live: {},
        },
        required: ['path'],
      },
      ResourceStatus: {
        type: 'object',
        additionalProperties: false,
        properties: {
          key: {
            type: 'string',
          },
          apiVersion: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          sync: {
            $ref: '#/components/schemas/SyncStatus',
          },
          health: {
            type: 'object',
            additionalProperties: false,
            properties: {
              status: {
                $ref: '#/components/schemas/HealthStatus',
              },
              message: {
                type: 'string',
              },
            },
            required: ['status'],
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ResourceFieldChange',
            },
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'key',
          'apiVersion',
          'kind',
          'name',
          'sync',
          'changes',
          'updatedAt',
        ],
      },
      EntityStatusResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          summary: {
            type: 'object',
            additionalProperties: false,
            properties: {
              sync: {
                $ref: '#/components/schemas/DeploymentSyncStatus',
              },
              health: {
                $ref: '#/components/schemas/HealthStatus',
              },
            },
            required: ['sync', 'health'],
          },
          deployments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DeploymentStatus',
            },
          },
        },
        required: ['entityRef', 'summary', 'deployments'],
      },
      DeploymentResourcesResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          deployment: {
            $ref: '#/components/schemas/DeploymentStatus',
          },
          resources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ResourceStatus',
            },
          },
        },
        required: ['deployment', 'resources'],
      },
      ResourceDiffResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          resource: {
            $ref: '#/components/schemas/ResourceStatus',
          },
          desired: {
            type: 'string',
          },
          live: {
            type: 'string',
          },
          diff: {
            type: 'string',
          },
        },
        required: ['resource', 'diff'],
      },
      DeploymentHistoryEntry: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          environmentRef: {
            type: 'string',
          },
          clusterRef: {
            type: 'string',
          },
          field: {
            type: 'string',
            enum: ['sync', 'health', 'revision'],
          },
          from: {
            type: 'string',
          },
          to: {
            type: 'string',
          },
          revision: {
            type: 'string',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'entityRef',
          'environmentRef',
          'clusterRef',
          'field',
          'to',
          'at',
        ],
      },
      DeploymentHistoryResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DeploymentHistoryEntry',
            },
          },
        },
        required: ['items'],
      },
      EnvironmentSummaryResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          environmentRef: {
            type: 'string',
          },
          summary: {
            type: 'object',
            additionalProperties: false,
            properties: {
              sync: {
                $ref: '#/components/schemas/DeploymentSyncStatus',
              },
              health: {
                $ref: '#/components/schemas/HealthStatus',
              },
              deployments: {
                type: 'integer',
              },
              outOfSync: {
                type: 'integer',
              },
              degraded: {
                type: 'integer',
              },
            },
            required: [
              'sync',
              'health',
              'deployments',
              'outOfSync',
              'degraded',
            ],
          },
          deployments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DeploymentStatus',
            },
          },
        },
        required: ['environmentRef', 'summary', 'deployments'],
      },
      RefreshRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
        },
        required: ['entityRef'],
      },
      RefreshResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          accepted: {
            type: 'boolean',
            enum: [true],
          },
        },
        required: ['accepted'],
      },
      ChangeRequestState: {
        type: 'string',
        enum: [
          'open',
          'changes_requested',
          'approved',
          'merged',
          'syncing',
          'healthy',
          'failed',
          'closed',
        ],
      },
      ChangeRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          number: {
            type: 'integer',
          },
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/ChangeRequestState',
          },
          draft: {
            type: 'boolean',
          },
          approvals: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          checks: {
            type: 'string',
            enum: ['pending', 'success', 'failure'],
          },
          headBranch: {
            type: 'string',
          },
          baseBranch: {
            type: 'string',
          },
          headSha: {
            type: 'string',
          },
          mergeCommitSha: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          stateSince: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          action: {
            type: 'string',
            enum: ['create', 'update'],
          },
          environmentRef: {
            type: 'string',
          },
          entityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          requester: {
            type: 'string',
          },
          reviewers: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
        required: [
          'id',
          'repository',
          'number',
          'title',
          'url',
          'state',
          'draft',
          'approvals',
          'headBranch',
          'baseBranch',
          'createdAt',
          'stateSince',
          'updatedAt',
          'action',
          'environmentRef',
          'entityRefs',
        ],
      },
      ChangeRequestListResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeRequest',
            },
          },
        },
        required: ['items'],
      },
      RegisterChangeRequestBody: {
        type: 'object',
        additionalProperties: false,
        properties: {
          repository: {
            type: 'string',
            pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
            maxLength: 200,
          },
          number: {
            type: 'integer',
            minimum: 1,
          },
          action: {
            type: 'string',
            enum: ['create', 'update'],
          },
          environmentRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          entityRefs: {
            type: 'array',
            maxItems: 200,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          requester: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          reviewers: {
            type: 'array',
            maxItems: 100,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
        },
        required: [
          'repository',
          'number',
          'action',
          'environmentRef',
          'entityRefs',
        ],
      },
      PlanRequestBody: {
        type: 'object',
        additionalProperties: false,
        properties: {
          clusterRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          namespace: {
            type: 'string',
            minLength: 1,
            maxLength: 253,
          },
          entityRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          manifests: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                path: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 1024,
                },
                content: {
                  type: 'string',
                  maxLength: 1048576,
                },
              },
              required: ['path', 'content'],
            },
          },
        },
        required: ['clusterRef', 'manifests'],
      },
      PlannedResource: {
        type: 'object',
        additionalProperties: false,
        properties: {
          key: {
            type: 'string',
          },
          apiVersion: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          action: {
            type: 'string',
            enum: ['create', 'update', 'delete', 'unchanged'],
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ResourceFieldChange',
            },
          },
        },
        required: ['key', 'apiVersion', 'kind', 'name', 'action', 'changes'],
      },
      PlanResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          clusterRef: {
            type: 'string',
          },
          liveAvailable: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
          resources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlannedResource',
            },
          },
        },
        required: ['clusterRef', 'liveAvailable', 'resources'],
      },
      TeamSummaryCell: {
        type: 'object',
        additionalProperties: false,
        properties: {
          environmentRef: {
            type: 'string',
          },
          sync: {
            $ref: '#/components/schemas/DeploymentSyncStatus',
          },
          health: {
            $ref: '#/components/schemas/HealthStatus',
          },
          driftCount: {
            type: 'integer',
          },
          resourceCount: {
            type: 'integer',
          },
          revision: {
            type: 'string',
          },
          revisionUrl: {
            type: 'string',
          },
          mixedRevisions: {
            type: 'boolean',
          },
          clusterRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          reason: {
            type: 'string',
          },
          outOfSyncSince: {
            type: 'string',
            format: 'date-time',
          },
          degradedSince: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'environmentRef',
          'sync',
          'health',
          'driftCount',
          'resourceCount',
          'clusterRefs',
        ],
      },
      TeamSummaryService: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
          },
          sync: {
            $ref: '#/components/schemas/DeploymentSyncStatus',
          },
          health: {
            $ref: '#/components/schemas/HealthStatus',
          },
          cells: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TeamSummaryCell',
            },
          },
        },
        required: ['entityRef', 'ownerRef', 'sync', 'health', 'cells'],
      },
      TeamSummaryEnvironment: {
        type: 'object',
        additionalProperties: false,
        properties: {
          environmentRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
        },
        required: ['environmentRef'],
      },
      TeamSummaryDependant: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          ownerRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          degradedDependencies: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          distance: {
            type: 'integer',
            minimum: 1,
          },
        },
        required: [
          'entityRef',
          'ownerRefs',
          'degradedDependencies',
          'distance',
        ],
      },
      TeamSummaryResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          groupRef: {
            type: 'string',
          },
          includeSubgroups: {
            type: 'boolean',
          },
          groupRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          summary: {
            type: 'object',
            additionalProperties: false,
            properties: {
              sync: {
                $ref: '#/components/schemas/DeploymentSyncStatus',
              },
              health: {
                $ref: '#/components/schemas/HealthStatus',
              },
            },
            required: ['sync', 'health'],
          },
          counts: {
            type: 'object',
            additionalProperties: false,
            properties: {
              services: {
                type: 'integer',
              },
              deployments: {
                type: 'integer',
              },
              outOfSync: {
                type: 'integer',
              },
              degraded: {
                type: 'integer',
              },
              awaitingApproval: {
                type: 'integer',
              },
            },
            required: [
              'services',
              'deployments',
              'outOfSync',
              'degraded',
              'awaitingApproval',
            ],
          },
          environments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TeamSummaryEnvironment',
            },
          },
          services: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TeamSummaryService',
            },
          },
          awaitingApproval: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeRequest',
            },
          },
          degradedDependants: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TeamSummaryDependant',
            },
          },
          generatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'groupRef',
          'includeSubgroups',
          'groupRefs',
          'summary',
          'counts',
          'environments',
          'services',
          'awaitingApproval',
          'degradedDependants',
          'generatedAt',
        ],
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness, without authentication.',
        security: [],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ok'],
                    },
                  },
                  required: ['status'],
                },
              },
            },
          },
        },
      },
    },
    '/status': {
      get: {
        operationId: 'GetEntityStatus',
        description:
          'Every deployment of a component (or in an environment), with the worst sync and health.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description:
              "The entity's deployments (an empty list when it is deployed nowhere).",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityStatusResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/resources': {
      get: {
        operationId: 'GetDeploymentResources',
        description:
          'The Kubernetes objects of one deployment with their sync, health and changed fields.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/environmentRef',
          },
          {
            $ref: '#/components/parameters/clusterRef',
          },
        ],
        responses: {
          '200': {
            description: 'The deployment and its resources.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DeploymentResourcesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/diff': {
      get: {
        operationId: 'GetResourceDiff',
        description:
          'The field-level diff of one resource; Secret values are masked.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/environmentRef',
          },
          {
            $ref: '#/components/parameters/clusterRef',
          },
          {
            name: 'resource',
            in: 'query',
            required: true,
            allowReserved: true,
            description: "The resource's key, group/Kind/namespace/name.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The resource and its diff.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ResourceDiffResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/history': {
      get: {
        operationId: 'GetHistory',
        description: 'Transitions of sync, health and revision, newest first.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'environmentRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
          {
            name: 'before',
            in: 'query',
            required: false,
            description: 'Only entries strictly older than this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'beforeId',
            in: 'query',
            required: false,
            description:
              'With before, a cursor: entries at exactly that time are included when their id is smaller (pass the last entry shown).',
            schema: {
              type: 'string',
              pattern: '^[0-9]+$',
              maxLength: 20,
            },
          },
        ],
        responses: {
          '200': {
            description: 'History entries.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DeploymentHistoryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/environment': {
      get: {
        operationId: 'GetEnvironmentSummary',
        description: 'Every deployment in an environment, with counts.',
        parameters: [
          {
            $ref: '#/components/parameters/environmentRef',
          },
        ],
        responses: {
          '200': {
            description: "The environment's summary.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentSummaryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'RequestRefresh',
        description:
          'Asks the reconciler to re-read Git and reconcile the entity now.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RefreshRequest',
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'Accepted; the reconciler picks it up within seconds.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RefreshResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/change-requests': {
      get: {
        operationId: 'ListChangeRequests',
        description:
          'Tracked change requests (pull requests on the GitOps repository), newest first. Without filters, every request the caller may read.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Only requests that change this component.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            name: 'environmentRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            name: 'awaitingApprovalBy',
            in: 'query',
            required: false,
            allowReserved: true,
            description:
              "A group or user ref: open requests (also with changes requested) whose reviewers include it or, for a user, one of the user's groups.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            name: 'state',
            in: 'query',
            required: false,
            description:
              'open (default) lists requests not yet healthy, failed or closed; all lists every one.',
            schema: {
              type: 'string',
              enum: ['open', 'all'],
              default: 'open',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The change requests.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeRequestListResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'RegisterChangeRequest',
        description:
          'Starts tracking a pull request of the GitOps repository (read from GitHub).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RegisterChangeRequestBody',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The tracked change request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeRequest',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/plan': {
      post: {
        operationId: 'Plan',
        description:
          'What applying manifests to a cluster would do (create, update with field changes, unchanged, delete), compared with live state; Secret values are masked.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PlanRequestBody',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The plan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PlanResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/team-summary': {
      get: {
        operationId: 'GetTeamSummary',
        description:
          "Everything a group owns (and, with includeSubgroups, its sub-groups): a services × environments matrix with sync, health, drift and drift age, counts, the change requests awaiting the group's approval and the dependants of its degraded services. From the store and a cached copy of the catalog's relations, never from the clusters.",
        parameters: [
          {
            name: 'groupRef',
            in: 'query',
            required: true,
            allowReserved: true,
            description:
              "A Group's entity ref, e.g. group:default/team-payments",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            name: 'includeSubgroups',
            in: 'query',
            required: false,
            description:
              'Default from gitops.teams.includeSubgroups (true unless configured).',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
        ],
        responses: {
          '200': {
            description: "The team's summary.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TeamSummaryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;
