import { parse as parseYaml } from 'yaml';
import { encodeOpenApiV2, openApiV2Document } from './openApiV2';
import { BUILT_IN_TYPES } from './resourceTypes';

/** A minimal protobuf reader: the fields of one message, by number (length-delimited as Buffers). */
function fields(buffer: Buffer): Array<[number, Buffer | number]> {
  const result: Array<[number, Buffer | number]> = [];
  let offset = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (offset < buffer.length) {
    const key = varint();
    const wireType = key & 7;
    if (wireType === 0) {
      result.push([key >>> 3, varint()]);
    } else if (wireType === 2) {
      const length = varint();
      result.push([key >>> 3, buffer.subarray(offset, offset + length)]);
      offset += length;
    } else {
      throw new Error(`unexpected wire type ${wireType}`);
    }
  }
  return result;
}

const all = (buffer: Buffer, number: number) =>
  fields(buffer)
    .filter(([n]) => n === number)
    .map(([, value]) => value as Buffer);
const one = (buffer: Buffer, number: number) => all(buffer, number)[0];
const text = (buffer: Buffer, number: number) =>
  one(buffer, number)?.toString('utf8');

describe('OpenAPI v2', () => {
  const document = openApiV2Document(BUILT_IN_TYPES);

  it('describes every resource path, without definitions', () => {
    expect(document).toMatchObject({
      swagger: '2.0',
      info: { title: 'Kubernetes' },
    });
    expect(document).not.toHaveProperty('definitions');
    const patch =
      document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']
        .patch;
    expect(patch).toMatchObject({
      operationId: 'patchAppsV1NamespacedDeployment',
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': {
        group: 'apps',
        kind: 'Deployment',
        version: 'v1',
      },
    });
    expect(patch.parameters.map((p: any) => [p.in, p.name])).toEqual([
      ['query', 'dryRun'],
      ['query', 'fieldManager'],
      ['query', 'fieldValidation'],
      ['query', 'force'],
    ]);
  });

  // Field numbers of gnostic's OpenAPIv2.proto, which kubectl decodes the document with.
  it('encodes as gnostic’s openapi_v2.Document, with what kubectl looks for in PATCH operations', () => {
    const encoded = encodeOpenApiV2(document);
    expect(text(encoded, 1)).toBe('2.0');
    expect(text(one(encoded, 2), 1)).toBe('Kubernetes');

    const paths = all(one(encoded, 8), 2); // Paths.path: NamedPathItem
    expect(paths.map(p => text(p, 1))).toEqual(Object.keys(document.paths));

    const configMapPath = paths.find(
      p => text(p, 1) === '/api/v1/namespaces/{namespace}/configmaps/{name}',
    )!;
    const item = one(configMapPath, 2); // PathItem
    const patch = one(item, 8); // PathItem.patch: Operation
    expect(text(patch, 5)).toBe('patchCoreV1NamespacedConfigMap');
    // Operation.parameters → ParametersItem.parameter → Parameter.non_body_parameter →
    // NonBodyParameter.query_parameter_sub_schema; name = 4, in = 2.
    const queryParameters = all(patch, 8).map(p => one(one(one(p, 1), 2), 3));
    expect(queryParameters.map(q => [text(q, 2), text(q, 4)])).toEqual([
      ['query', 'dryRun'],
      ['query', 'fieldManager'],
      ['query', 'fieldValidation'],
      ['query', 'force'],
    ]);
    // Operation.vendor_extension: NamedAny{name, value: Any{yaml = 2}}
    const extensions = Object.fromEntries(
      all(patch, 13).map(e => [text(e, 1), parseYaml(text(one(e, 2), 2))]),
    );
    expect(extensions).toEqual({
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': {
        group: '',
        kind: 'ConfigMap',
        version: 'v1',
      },
    });
    // Path parameters: PathParameterSubSchema (4), required = 1.
    const pathParameters = all(item, 9)
      .map(p => one(one(p, 1), 2))
      .filter(p => one(p, 4))
      .map(p => one(p, 4));
    expect(pathParameters.map(p => text(p, 4))).toEqual(['name', 'namespace']);
    expect(fields(pathParameters[0])).toContainEqual([1, 1]);
  });
});
