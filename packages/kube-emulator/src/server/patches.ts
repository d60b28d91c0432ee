import { itemKey, matchesKey } from './listKeys';
import { StatusError } from './status';

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, any> = isObject(target)
    ? structuredClone(target)
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Strategic merge patch for the built-in kinds: a merge patch whose keyed lists merge by key. */
export function strategicMergePatch(
  target: unknown,
  patch: unknown,
  field = '',
): unknown {
  if (
    Array.isArray(target) &&
    Array.isArray(patch) &&
    patch.every(item => itemKey(field, item))
  ) {
    const result = structuredClone(target);
    for (const item of patch) {
      const key = itemKey(field, item)!;
      const index = result.findIndex((existing: unknown) =>
        matchesKey(existing, key),
      );
      if (item?.$patch === 'delete') {
        if (index >= 0) result.splice(index, 1);
      } else if (index >= 0) {
        result[index] = strategicMergePatch(result[index], item);
      } else {
        result.push(item);
      }
    }
    return result;
  }
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, any> = isObject(target)
    ? structuredClone(target)
    : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = strategicMergePatch(result[name], value, name);
  }
  return result;
}

const unescape = (token: string) =>
  token.replace(/~1/g, '/').replace(/~0/g, '~');

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw new StatusError(
      400,
      'BadRequest',
      'json patch must be an array of operations',
    );
  }
  let document = structuredClone(target);
  const locate = (path: string) => {
    const tokens = path.split('/').slice(1).map(unescape);
    const last = tokens.pop();
    let parent: any = document;
    for (const token of tokens) {
      parent = parent?.[Array.isArray(parent) ? Number(token) : token];
    }
    if (parent === undefined || last === undefined) {
      throw new StatusError(422, 'Invalid', `doc is missing path: "${path}"`);
    }
    return { parent, last };
  };
  const read = (path: string) => {
    const { parent, last } = locate(path);
    return parent[Array.isArray(parent) ? Number(last) : last];
  };
  const write = (path: string, value: unknown, insert: boolean) => {
    if (path === '') {
      document = value;
      return;
    }
    const { parent, last } = locate(path);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      parent.splice(index, insert ? 0 : 1, value);
    } else {
      parent[last] = value;
    }
  };
  const remove = (path: string) => {
    const { parent, last } = locate(path);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (last in parent) delete parent[last];
    else throw new StatusError(422, 'Invalid', `doc is missing key: "${path}"`);
  };
  for (const op of operations) {
    switch (op?.op) {
      case 'add':
        write(op.path, op.value, true);
        break;
      case 'replace':
        if (read(op.path) === undefined) {
          throw new StatusError(
            422,
            'Invalid',
            `replace operation does not apply: doc is missing key: ${op.path}`,
          );
        }
        write(op.path, op.value, false);
        break;
      case 'remove':
        remove(op.path);
        break;
      case 'test':
        if (JSON.stringify(read(op.path)) !== JSON.stringify(op.value)) {
          throw new StatusError(
            422,
            'Invalid',
            `testing value ${op.path} failed`,
          );
        }
        break;
      case 'copy':
        write(op.path, structuredClone(read(op.from)), true);
        break;
      case 'move': {
        const value = read(op.from);
        remove(op.from);
        write(op.path, value, true);
        break;
      }
      default:
        throw new StatusError(400, 'BadRequest', `Unexpected kind: ${op?.op}`);
    }
  }
  return document;
}
