/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The reference tokens of a JSON pointer; throws on a pointer that does not start with "/". */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw new Error(
      `'${pointer}' is not a JSON pointer: it must start with "/"`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Deletes what `pointer` points at, if it exists. */
export function removeAtPointer(root: unknown, pointer: string): void {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) {
    return;
  }
  let node: any = root;
  for (const token of tokens.slice(0, -1)) {
    node = node?.[Array.isArray(node) ? Number(token) : token];
    if (node === null || typeof node !== 'object') {
      return;
    }
  }
  const last = tokens[tokens.length - 1];
  if (Array.isArray(node)) {
    const index = Number(last);
    if (Number.isInteger(index) && index >= 0 && index < node.length) {
      node.splice(index, 1);
    }
  } else if (node && typeof node === 'object') {
    delete node[last];
  }
}

/** Sets what `pointer` points at, creating objects on the way. */
export function setAtPointer(root: any, pointer: string, value: unknown): void {
  const tokens = pointerTokens(pointer);
  let node = root;
  tokens.forEach((token, index) => {
    if (index === tokens.length - 1) {
      node[token] = value;
    } else {
      if (node[token] === null || typeof node[token] !== 'object') {
        node[token] = {};
      }
      node = node[token];
    }
  });
}
