import {
  assertSupportedFields,
  fieldValue,
  parseFieldSelector,
  SUPPORTED_FIELDS,
  supportedFieldsFor,
} from './parseFieldSelector';
import * as selectors from '.';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    nodeName: 'node-a',
    restartPolicy: 'Always',
    serviceAccountName: 'default',
  },
  status: { phase: 'Running', podIP: '10.0.0.7', podIPs: [{ ip: '10.0.0.7' }] },
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const parseError = (selector: string) =>
  errorOf(() => parseFieldSelector(selector));
const assertError = (
  kind: string,
  selector: string,
  options?: { custom?: boolean; namespaced?: boolean },
) => errorOf(() => assertSupportedFields(kind, selector, options));

describe('parseFieldSelector matching', () => {
  it.each([
    ['', true],
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['metadata.name=web-2', false],
    ['metadata.name!=web-2', true],
    ['metadata.namespace=shop', true],
    ['metadata.namespace=default', false],
    ['status.phase=Running', true],
    ['status.phase!=Running', false],
    ['status.phase=running', false],
    ['spec.nodeName=node-a', true],
    ['metadata.name=web-1,metadata.namespace=shop', true],
    ['metadata.name=web-1,metadata.namespace=other', false],
    ['status.phase!=Pending,status.phase!=Failed', true],
    ['status.phase!=Pending,status.phase!=Running', false],
    // Empty terms are skipped.
    ['metadata.name=web-1,,status.phase=Running', true],
    ['metadata.name=web-1,,status.phase=Failed', false],
    [',metadata.name=web-1', true],
    ['metadata.name=web-1,', true],
    [',,,', true],
    [',', true],
    // Missing fields are the empty string.
    ['spec.schedulerName=', true],
    ['spec.schedulerName!=', false],
    ['spec.schedulerName=default-scheduler', false],
    ['spec.nodeName=', false],
    ['spec.nodeName!=', true],
    ['no.such.field=', true],
    ['no.such.field=x', false],
    // Terms with neither field nor value are dropped; one with a value but no field matches nothing.
    ['=', true],
    ['!=', true],
    ['==', true],
    ['=,metadata.name=web-1', true],
    ['=x', false],
    ['!=x', true],
    // The field is taken literally.
    [' metadata.name=web-1', false],
    ['metadata.name =web-1', false],
    ['metadata.name= web-1', false],
    ['Metadata.name=web-1', false],
  ])('%j on a pod is %s', (selector, expected) => {
    expect(parseFieldSelector(selector)(pod)).toBe(expected);
  });

  it('splits a term at its first operator', () => {
    const object = { a: '!b', 'a!b': 'c', x: '' };
    expect(parseFieldSelector('a=!b')(object)).toBe(true); // field a, value "!b"
    expect(parseFieldSelector('a!b=c')(object)).toBe(true); // field "a!b", value c
    expect(parseFieldSelector('a!=!b')(object)).toBe(false); // field a, not-equal "!b"
    expect(parseFieldSelector('x==')(object)).toBe(true);
  });

  it('unescapes values and splits on unescaped commas only', () => {
    const object = {
      metadata: { name: 'a,b', namespace: 'x=y' },
      data: { path: 'c:\\dir' },
    };
    expect(parseFieldSelector('metadata.name=a\\,b')(object)).toBe(true);
    expect(
      parseFieldSelector('metadata.name=a\\,b,metadata.namespace=x\\=y')(
        object,
      ),
    ).toBe(true);
    expect(parseFieldSelector('metadata.namespace!=x\\=y')(object)).toBe(false);
    expect(parseFieldSelector('data.path=c:\\\\dir')(object)).toBe(true);
    expect(parseFieldSelector('metadata.name=a')(object)).toBe(false);
    // An escaped backslash before a comma leaves the comma a separator.
    expect(
      parseFieldSelector('data.path=c:\\\\dir,metadata.name=a\\,b')(object),
    ).toBe(true);
  });

  it('matches unicode values exactly', () => {
    const object = { metadata: { name: 'ñame-😀' } };
    expect(parseFieldSelector('metadata.name=ñame-😀')(object)).toBe(true);
    expect(parseFieldSelector('metadata.name=name-😀')(object)).toBe(false);
    expect(parseFieldSelector('metadata.name!=ñame-😀')(object)).toBe(false);
  });

  it('prints numbers and booleans, and reads nothing else as a value', () => {
    const object = {
      status: {
        replicas: 3,
        ready: true,
        paused: false,
        conditions: [{ type: 'Ready' }],
        nested: { a: 1 },
      },
      spec: { nothing: null },
    };
    expect(parseFieldSelector('status.replicas=3')(object)).toBe(true);
    expect(parseFieldSelector('status.ready=true')(object)).toBe(true);
    expect(parseFieldSelector('status.paused=false')(object)).toBe(true);
    expect(parseFieldSelector('status.conditions=')(object)).toBe(true);
    expect(parseFieldSelector('status.nested=')(object)).toBe(true);
    expect(parseFieldSelector('spec.nothing=')(object)).toBe(true);
    expect(parseFieldSelector('status.conditions.0.type=Ready')(object)).toBe(
      false,
    );
    expect(parseFieldSelector('status.nested.a=1')(object)).toBe(true);
  });

  it('does not read inherited object properties', () => {
    expect(parseFieldSelector('constructor=')({})).toBe(true);
    expect(
      parseFieldSelector('metadata.constructor.name=Object')({ metadata: {} }),
    ).toBe(false);
    expect(parseFieldSelector('__proto__.toString=')({})).toBe(true);
    expect(
      parseFieldSelector('metadata.name=x')({
        metadata: Object.assign(Object.create({ name: 'x' }), {}),
      }),
    ).toBe(false);
    expect(
      parseFieldSelector('metadata.name=x')({ metadata: null } as any),
    ).toBe(false);
    expect(
      parseFieldSelector('metadata.name=')({ metadata: 'text' } as any),
    ).toBe(true);
  });

  it('keeps no state between objects', () => {
    const match = parseFieldSelector('status.phase=Running');
    expect([
      match(pod),
      match({ status: { phase: 'Pending' } }),
      match(pod),
    ]).toEqual([true, false, true]);
  });
});

describe('parseFieldSelector errors', () => {
  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    [' ', "invalid selector: ' '; can't understand ' '"],
    [
      'metadata.name',
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    ],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b,,c', "invalid selector: 'a=b,,c'; can't understand 'c'"],
    ['a!b', "invalid selector: 'a!b'; can't understand 'a!b'"],
    ['a<b', "invalid selector: 'a<b'; can't understand 'a<b'"],
    ['a in (b)', "invalid selector: 'a in (b)'; can't understand 'a in (b)'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a==b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a===b', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['a=\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=\\ ', 'invalid field selector: invalid escape sequence: \\ '],
    ['a=\\😀', 'invalid field selector: invalid escape sequence: \\😀'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    // Terms are checked in sorted order, so the first error reported is not the first written.
    ['b=\\x,a', "invalid selector: 'b=\\x,a'; can't understand 'a'"],
    ['b=x=y,a=\\q', 'invalid field selector: invalid escape sequence: \\q'],
    ['z,a', "invalid selector: 'z,a'; can't understand 'a'"],
  ])('rejects %j with the server message', (selector, message) => {
    expect(parseError(selector)).toBe(message);
  });
});

describe('parseFieldSelector on hostile input', () => {
  it('handles very long values and many terms', () => {
    const name = 'n'.repeat(1_000_000);
    expect(
      parseFieldSelector(`metadata.name=${name}`)({ metadata: { name } }),
    ).toBe(true);
    expect(
      parseFieldSelector(`metadata.name=${name}`)({
        metadata: { name: `${name}x` },
      }),
    ).toBe(false);

    const terms = Array.from(
      { length: 20000 },
      (_, i) => `metadata.name!=n${i}`,
    ).join(',');
    expect(parseFieldSelector(terms)({ metadata: { name: 'other' } })).toBe(
      true,
    );
    expect(parseFieldSelector(terms)({ metadata: { name: 'n19999' } })).toBe(
      false,
    );
    expect(parseFieldSelector(','.repeat(100_000))(pod)).toBe(true);
  });

  it('reports a long invalid selector whole, quickly', () => {
    const started = Date.now();
    const text = `${'a'.repeat(500_000)},b=c`;
    expect(parseError(text)).toBe(
      `invalid selector: '${text}'; can't understand '${'a'.repeat(500_000)}'`,
    );
    expect(parseError(`a=${'\\'.repeat(100_001)}`)).toBe(
      'invalid field selector: invalid escape sequence: \\',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('field values the server derives', () => {
  it('reads a Pod as its field set does', () => {
    const bare = { kind: 'Pod', metadata: { name: 'p' }, spec: {}, status: {} };
    expect(fieldValue(bare, 'spec.hostNetwork')).toBe('false');
    expect(
      fieldValue({ ...bare, spec: { hostNetwork: true } }, 'spec.hostNetwork'),
    ).toBe('true');
    expect(fieldValue(pod, 'spec.host')).toBe('node-a');
    expect(fieldValue(bare, 'spec.host')).toBe('');
    expect(fieldValue(pod, 'status.podIP')).toBe('10.0.0.7');
    expect(
      fieldValue(
        {
          ...bare,
          status: { podIPs: [{ ip: 'fd00::1' }, { ip: '10.1.1.1' }] },
        },
        'status.podIP',
      ),
    ).toBe('fd00::1');
    expect(
      fieldValue({ ...bare, status: { podIPs: [] } }, 'status.podIP'),
    ).toBe('');
    expect(fieldValue(bare, 'status.podIP')).toBe('');
    expect(fieldValue(pod, 'status.podIPs')).toBe('');
    expect(
      fieldValue({ ...bare, status: { podIPs: '10.0.0.1' } }, 'status.podIPs'),
    ).toBe('');
    expect(
      fieldValue({ status: { podIPs: '10.0.0.1' } }, 'status.podIPs'),
    ).toBe('10.0.0.1');
    expect(fieldValue(pod, 'status.phase')).toBe('Running');
    expect(fieldValue(pod, 'metadata.namespace')).toBe('shop');
  });

  it('reads Node, ReplicationController, Job and Event fields with their defaults', () => {
    expect(fieldValue({ kind: 'Node' }, 'spec.unschedulable')).toBe('false');
    expect(
      fieldValue(
        { kind: 'Node', spec: { unschedulable: true } },
        'spec.unschedulable',
      ),
    ).toBe('true');
    expect(
      fieldValue({ kind: 'ReplicationController' }, 'status.replicas'),
    ).toBe('0');
    expect(
      fieldValue(
        { kind: 'ReplicationController', status: { replicas: 4 } },
        'status.replicas',
      ),
    ).toBe('4');
    expect(fieldValue({ kind: 'Job', status: {} }, 'status.successful')).toBe(
      '0',
    );
    expect(
      fieldValue(
        { kind: 'Job', status: { succeeded: 2 } },
        'status.successful',
      ),
    ).toBe('2');
    expect(
      fieldValue(
        { kind: 'Job', status: { successful: 9 } },
        'status.successful',
      ),
    ).toBe('0');
    const event = {
      kind: 'Event',
      source: { component: 'kubelet' },
      reportingComponent: 'other',
    };
    expect(fieldValue(event, 'source')).toBe('kubelet');
    expect(
      fieldValue({ kind: 'Event', reportingComponent: 'controller' }, 'source'),
    ).toBe('controller');
    expect(fieldValue({ kind: 'Event', source: {} }, 'source')).toBe('');
    expect(fieldValue({ kind: 'Event', type: 'Warning' }, 'type')).toBe(
      'Warning',
    );
  });

  it('takes the kind from the argument before the object', () => {
    const noKind = { spec: {} };
    expect(fieldValue(noKind, 'spec.hostNetwork')).toBe('');
    expect(fieldValue(noKind, 'spec.hostNetwork', 'Pod')).toBe('false');
    expect(
      fieldValue({ kind: 'Pod', spec: {} }, 'spec.hostNetwork', 'ConfigMap'),
    ).toBe('');
    expect(parseFieldSelector('spec.hostNetwork=false', 'Pod')(noKind)).toBe(
      true,
    );
    expect(parseFieldSelector('spec.hostNetwork=false')(noKind)).toBe(false);
    expect(
      parseFieldSelector(
        'spec.host=node-a',
        'Pod',
      )({ spec: { nodeName: 'node-a' } }),
    ).toBe(true);
    expect(
      parseFieldSelector('spec.unschedulable!=true')({ kind: 'Node' }),
    ).toBe(true);
    expect(
      parseFieldSelector('status.successful=1')({
        kind: 'Job',
        status: { succeeded: 1 },
      }),
    ).toBe(true);
  });

  it('is not fooled by kinds named like object properties', () => {
    expect(fieldValue({ kind: 'constructor', a: 'x' }, 'a')).toBe('x');
    expect(fieldValue({ kind: 'Pod', toString: 'x' }, 'toString')).toBe('x');
    expect(fieldValue({ a: 'x' }, 'a', '__proto__')).toBe('x');
    expect(fieldValue({ a: 'x' }, '')).toBe('');
  });
});

describe('supported fields', () => {
  it('lists the fields of the brief and the server', () => {
    expect(SUPPORTED_FIELDS['*']).toEqual([
      'metadata.name',
      'metadata.namespace',
    ]);
    expect(SUPPORTED_FIELDS.Pod).toEqual(
      expect.arrayContaining([
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'status.phase',
        'status.podIP',
        'status.nominatedNodeName',
      ]),
    );
    expect(SUPPORTED_FIELDS.Secret).toEqual(['type']);
    expect(SUPPORTED_FIELDS.Namespace).toEqual(['status.phase']);
    expect(SUPPORTED_FIELDS.ConfigMap).toBeUndefined();
  });

  it('combines the common fields with the kind', () => {
    expect(supportedFieldsFor('Secret')).toEqual([
      'metadata.name',
      'metadata.namespace',
      'type',
    ]);
    expect(supportedFieldsFor('Namespace')).toEqual([
      'metadata.name',
      'status.phase',
    ]);
    expect(supportedFieldsFor('Node')).toEqual([
      'metadata.name',
      'spec.unschedulable',
    ]);
    expect(supportedFieldsFor('ConfigMap')).toEqual([
      'metadata.name',
      'metadata.namespace',
    ]);
    expect(supportedFieldsFor('Widget', { custom: true })).toEqual([
      'metadata.name',
      'metadata.namespace',
    ]);
    expect(
      supportedFieldsFor('Widget', { custom: true, namespaced: false }),
    ).toEqual(['metadata.name']);
    expect(supportedFieldsFor('constructor')).toEqual([
      'metadata.name',
      'metadata.namespace',
    ]);
    expect(supportedFieldsFor('*')).toEqual([
      'metadata.name',
      'metadata.namespace',
    ]);
  });

  it.each([
    [
      'Pod',
      'metadata.name=a,metadata.namespace=b,spec.nodeName=n,status.phase=Running',
    ],
    [
      'Pod',
      'spec.restartPolicy=Always,spec.schedulerName=s,spec.serviceAccountName=sa',
    ],
    [
      'Pod',
      'status.podIP=1.2.3.4,status.nominatedNodeName=n,spec.hostNetwork=true',
    ],
    ['Pod', 'status.podIPs=x,spec.host=n'],
    ['Pod', ''],
    ['Pod', ',,'],
    ['Pod', '='],
    ['Pod', '!=,='],
    ['Secret', 'type=Opaque,metadata.name!=x'],
    ['Namespace', 'status.phase=Active,metadata.name=default'],
    ['Node', 'spec.unschedulable=false'],
    ['Service', 'spec.type=ClusterIP,spec.clusterIP=None'],
    ['ReplicationController', 'status.replicas=1'],
    ['Job', 'status.successful=1,metadata.namespace=x'],
    [
      'Event',
      'involvedObject.kind=Pod,involvedObject.name=x,reason=Failed,source=kubelet,type=Warning',
    ],
    ['ConfigMap', 'metadata.name=x,metadata.namespace=y'],
    ['ClusterRole', 'metadata.namespace='],
  ])('accepts %s fields in %j', (kind, selector) => {
    expect(assertSupportedFields(kind, selector)).toBeUndefined();
  });

  it.each([
    ['Pod', 'spec.foo=x', 'field label not supported: spec.foo'],
    [
      'Pod',
      'spec.nodeName=n,spec.foo=x',
      'field label not supported: spec.foo',
    ],
    ['Pod', 'type=Opaque', 'field label not supported: type'],
    ['Pod', ' metadata.name=x', 'field label not supported:  metadata.name'],
    ['Pod', '=x', 'field label not supported: '],
    ['Pod', 'z.field=1,a.field=1', 'field label not supported: a.field'],
    ['Secret', 'spec.type=x', 'field label not supported: spec.type'],
    [
      'Namespace',
      'metadata.namespace=x',
      'field label not supported: metadata.namespace',
    ],
    [
      'Namespace',
      'spec.finalizers=x',
      'field label not supported: spec.finalizers',
    ],
    [
      'Node',
      'metadata.namespace=',
      'field label not supported: metadata.namespace',
    ],
    ['Service', 'spec.ports=x', 'field label not supported: spec.ports'],
    ['Event', 'message=x', 'field label not supported: message'],
    [
      'Job',
      'status.succeeded=1',
      'field label "status.succeeded" not supported for batchv1.Job',
    ],
    [
      'ConfigMap',
      'data.key=x',
      '"data.key" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      'Deployment',
      'spec.replicas=1',
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      'ConfigMap',
      'a"b\u0001=x',
      '"a\\"b\\x01" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      '__proto__',
      'x=1',
      '"x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
  ])('rejects %s fields in %j', (kind, selector, message) => {
    expect(assertError(kind, selector)).toBe(message);
  });

  it('rejects the fields of a custom resource as the CRD handler does', () => {
    expect(
      assertSupportedFields('Widget', 'metadata.namespace=a', { custom: true }),
    ).toBeUndefined();
    expect(assertError('Widget', 'spec.color=red', { custom: true })).toBe(
      'field label not supported: spec.color',
    );
    expect(
      assertError('Widget', 'metadata.namespace=a', {
        custom: true,
        namespaced: false,
      }),
    ).toBe('field label not supported: metadata.namespace');
    // A custom kind named like a built-in one still follows the CRD rules.
    expect(assertError('Pod', 'status.phase=x', { custom: true })).toBe(
      'field label not supported: status.phase',
    );
  });

  it('reports a syntax error before an unsupported field', () => {
    expect(assertError('Pod', 'spec.foo=x,zzz')).toBe(
      "invalid selector: 'spec.foo=x,zzz'; can't understand 'zzz'",
    );
    expect(assertError('ConfigMap', 'a=b=c')).toBe(
      'invalid field selector: unescaped character in value: 61',
    );
  });
});

describe('index', () => {
  it('re-exports the API', () => {
    expect(selectors.parseLabelSelector('a=b')({ a: 'b' })).toBe(true);
    expect(selectors.parseFieldSelector('a=b')({ a: 'b' })).toBe(true);
    expect(() => selectors.assertSupportedFields('Pod', 'x=y')).toThrow(
      'field label not supported: x',
    );
    expect(selectors.SUPPORTED_FIELDS).toBe(SUPPORTED_FIELDS);
    expect(selectors.supportedFieldsFor('Pod')).toContain('spec.nodeName');
    expect(selectors.fieldValue({ a: 'b' }, 'a')).toBe('b');
  });
});
