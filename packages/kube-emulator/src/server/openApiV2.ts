import { stringify as stringifyYaml } from 'yaml';
import { ResourceType } from './resourceTypes';
import { documentKeyOf, openApiV3Document } from './openApiV3';

/**
 * /openapi/v2, for clients older than OpenAPI v3: kubectl before 1.27 fetches it for `apply` and
 * `diff` (does PATCH take `dryRun`, `fieldValidation`?), and accepts only the protobuf form,
 * gnostic's `openapi_v2.Document`. The paths and operations are those of the v3 documents; there
 * are no definitions (the emulator has no schemas), so clients skip client-side validation.
 */

/** The media type kubectl asks for, and the one the server answers with. */
export const OPENAPI_V2_PROTOBUF =
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_RESPONSE =
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The v2 document (JSON form). */
export function openApiV2Document(types: ResourceType[]) {
  const paths: Record<string, any> = {};
  for (const key of [...new Set(types.map(documentKeyOf))].sort()) {
    const v3 = openApiV3Document(key, types)!;
    for (const [path, item] of Object.entries<any>(v3.paths)) {
      const v2Item: Record<string, any> = {};
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        v2Item[method] = {
          description: op.description,
          operationId: op.operationId,
          parameters: (op.parameters ?? []).map(parameterV2),
          responses: Object.fromEntries(
            Object.entries<any>(op.responses).map(([code, response]) => [
              code,
              { description: response.description },
            ]),
          ),
          tags: op.tags,
          'x-kubernetes-action': op['x-kubernetes-action'],
          'x-kubernetes-group-version-kind':
            op['x-kubernetes-group-version-kind'],
        };
      }
      v2Item.parameters = (item.parameters ?? []).map(parameterV2);
      paths[path] = v2Item;
    }
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.31.0' },
    paths,
  };
}

function parameterV2(parameter: any) {
  return {
    description: parameter.description,
    in: parameter.in,
    name: parameter.name,
    ...(parameter.required ? { required: true } : {}),
    type: parameter.schema.type,
    uniqueItems: true,
  };
}

/**
 * The document as protobuf. Field numbers from gnostic's OpenAPIv2.proto: Document{swagger=1,
 * info=2, paths=8}, Info{title=1, version=2}, Paths{path=2}, NamedPathItem{name=1, value=2},
 * PathItem{get=2, put=3, post=4, delete=5, patch=8, parameters=9}, Operation{tags=1,
 * description=3, operation_id=5, parameters=8, responses=9, vendor_extension=13}.
 */
export function encodeOpenApiV2(
  document: ReturnType<typeof openApiV2Document>,
) {
  const pathNumbers = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };
  return concat(
    string(1, document.swagger),
    message(
      2,
      string(1, document.info.title),
      string(2, document.info.version),
    ),
    message(
      8,
      ...Object.entries<any>(document.paths).map(([path, item]) =>
        message(
          2,
          string(1, path),
          message(
            2,
            ...METHODS.filter(m => item[m]).map(m =>
              operation(pathNumbers[m], item[m]),
            ),
            ...item.parameters.map((p: any) => parametersItem(9, p)),
          ),
        ),
      ),
    ),
  );
}

function operation(number: number, op: any): Buffer {
  return message(
    number,
    ...op.tags.map((tag: string) => string(1, tag)),
    string(3, op.description),
    string(5, op.operationId),
    ...op.parameters.map((p: any) => parametersItem(8, p)),
    // Responses{response_code=1: NamedResponseValue{name=1, value=2: ResponseValue{response=1:
    // Response{description=1}}}}
    message(
      9,
      ...Object.entries<any>(op.responses).map(([code, response]) =>
        message(
          1,
          string(1, code),
          message(2, message(1, string(1, response.description))),
        ),
      ),
    ),
    // NamedAny{name=1, value=2: Any{yaml=2}}
    ...['x-kubernetes-action', 'x-kubernetes-group-version-kind'].map(name =>
      message(
        13,
        string(1, name),
        message(2, string(2, stringifyYaml(op[name]))),
      ),
    ),
  );
}

/**
 * ParametersItem{parameter=1: Parameter{non_body_parameter=2: NonBodyParameter{...}}}, where a
 * query parameter is QueryParameterSubSchema (3: required=1, in=2, description=3, name=4, type=6,
 * unique_items=20) and a path parameter PathParameterSubSchema (4: the same up to name, type=5,
 * unique_items=19).
 */
function parametersItem(number: number, parameter: any): Buffer {
  const inPath = parameter.in === 'path';
  return message(
    number,
    message(
      1,
      message(
        2,
        message(
          inPath ? 4 : 3,
          parameter.required ? varintField(1, 1) : Buffer.alloc(0),
          string(2, parameter.in),
          string(3, parameter.description),
          string(4, parameter.name),
          string(inPath ? 5 : 6, parameter.type),
          varintField(inPath ? 19 : 20, 1),
        ),
      ),
    ),
  );
}

function concat(...parts: Buffer[]): Buffer {
  return Buffer.concat(parts);
}

/** A length-delimited field (wire type 2). */
function message(number: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([varint((number << 3) | 2), varint(body.length), body]);
}

function string(number: number, value: string): Buffer {
  return message(number, Buffer.from(value, 'utf8'));
}

/** A varint field (wire type 0). */
function varintField(number: number, value: number): Buffer {
  return Buffer.concat([varint(number << 3), varint(value)]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
