/**
 * The three patch formats a Kubernetes API server accepts, as far as the fake needs them:
 * strategic merge patch (lists of containers, env, ports, volumes… merged by their key, with
 * `$setElementOrder`, `$patch` and `$retainKeys` directives), JSON merge patch (RFC 7386) and
 * JSON patch (RFC 6902). Pure functions on plain JSON; errors are thrown as PatchError.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

export class PatchError extends Error {}

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

/** Merge keys of the Kubernetes types the fake stores, by field name (`patchMergeKey` in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  volumes: 'name',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};
/** Primitive lists with patchStrategy=merge (a set union). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** Applies a strategic merge patch (`application/strategic-merge-patch+json`). */
export function strategicMergePatch(original: Json, patch: Json): Json {
  if (!isMap(patch)) throw new PatchError('a strategic merge patch must be a JSON object');
  const result = mergeMap(isMap(original) ? clone(original) : {}, patch);
  if (result === undefined) throw new PatchError('the patch deletes the whole object');
  return result;
}

/** Returns undefined when the map itself is deleted (`$patch: delete`). */
function mergeMap(original: JsonMap, patch: JsonMap): JsonMap | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const replaced = clone(patch);
    delete replaced.$patch;
    return replaced;
  }
  if (directive !== undefined && directive !== 'merge')
    throw new PatchError(`unknown patch type: ${String(directive)}`);

  const retain = patch.$retainKeys;
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError('$retainKeys must be a list');
    for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const list = original[field];
      if (Array.isArray(list) && Array.isArray(value)) original[field] = list.filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = original[key];
    if (isMap(value)) {
      const merged = mergeMap(isMap(current) ? current : {}, value);
      if (merged === undefined) delete original[key];
      else original[key] = merged;
    } else if (Array.isArray(value)) {
      original[key] = mergeList(key, Array.isArray(current) ? current : [], value, patch[`$setElementOrder/${key}`]);
    } else {
      original[key] = value;
    }
  }
  // An order given for a list that the patch did not otherwise touch still reorders it.
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith('$setElementOrder/')) continue;
    const field = key.slice('$setElementOrder/'.length);
    if (field in patch) continue;
    const list = original[field];
    if (Array.isArray(list)) original[field] = applyOrder(field, list, order);
  }
  return original;
}

function mergeList(field: string, original: Json[], patch: Json[], order: Json | undefined): Json[] {
  if (patch.some((item) => isMap(item) && item.$patch === 'replace')) {
    return clone(patch.filter((item) => !(isMap(item) && item.$patch === 'replace')));
  }
  const mergeKey = MERGE_KEYS[field];
  if (!mergeKey) {
    if (MERGED_PRIMITIVE_LISTS.has(field)) {
      const merged = [...original];
      for (const v of patch) if (!merged.includes(v)) merged.push(v);
      return applyOrder(field, merged, order);
    }
    return clone(patch);
  }
  const result = [...original];
  for (const item of patch) {
    if (!isMap(item) || !(mergeKey in item)) {
      throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    }
    const at = result.findIndex((o) => isMap(o) && o[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      const merged = mergeMap(result[at] as JsonMap, item);
      if (merged === undefined) result.splice(at, 1);
      else result[at] = merged;
    } else {
      const added = clone(item);
      delete added.$patch;
      result.push(added);
    }
  }
  return applyOrder(field, result, order);
}

/** `$setElementOrder/<field>`: listed elements first in the given order, the others after in their order. */
function applyOrder(field: string, list: Json[], order: Json | undefined): Json[] {
  if (!Array.isArray(order)) return list;
  const mergeKey = MERGE_KEYS[field];
  const keyOf = (v: Json): Json => (mergeKey && isMap(v) ? (v[mergeKey] ?? null) : v);
  const wanted = order.map(keyOf);
  const rank = (v: Json) => {
    const i = wanted.findIndex((w) => JSON.stringify(w) === JSON.stringify(keyOf(v)));
    return i < 0 ? wanted.length : i;
  };
  return list
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

/** Applies a JSON merge patch (RFC 7386, `application/merge-patch+json`). */
export function jsonMergePatch(original: Json, patch: Json): Json {
  if (!isMap(patch)) return clone(patch);
  const result: JsonMap = isMap(original) ? clone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = jsonMergePatch(result[key] ?? null, value);
  }
  return result;
}

interface JsonPatchOperation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(doc: Json, tokens: string[], path: string): { parent: JsonMap | Json[]; last: string } {
  let node: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(token)] : isMap(node) ? node[token] : undefined;
    if (next === undefined) throw new PatchError(`jsonpatch: path not found: ${path}`);
    node = next;
  }
  if (!Array.isArray(node) && !isMap(node)) throw new PatchError(`jsonpatch: path not found: ${path}`);
  return { parent: node, last: tokens[tokens.length - 1] ?? '' };
}

function arrayIndex(list: Json[], token: string, forInsert: boolean, path: string): number {
  if (forInsert && token === '-') return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`jsonpatch: invalid array index in ${path}`);
  const i = Number(token);
  if (i > list.length || (!forInsert && i === list.length))
    throw new PatchError(`jsonpatch: index out of range: ${path}`);
  return i;
}

function getAt(doc: Json, path: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const { parent, last } = resolveParent(doc, tokens, path);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, last, false, path)] : parent[last];
  if (value === undefined) throw new PatchError(`jsonpatch: path not found: ${path}`);
  return value;
}

function removeAt(doc: Json, path: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new PatchError('jsonpatch: cannot remove the whole document');
  const { parent, last } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false, path), 1)[0] ?? null;
  if (!(last in parent))
    throw new PatchError(`jsonpatch: remove operation does not apply: doc is missing key: ${path}`);
  const value = parent[last] ?? null;
  delete parent[last];
  return value;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, last } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, !replace, path);
    parent.splice(i, replace ? 1 : 0, clone(value));
  } else {
    if (replace && !(last in parent)) {
      throw new PatchError(`jsonpatch: replace operation does not apply: doc is missing key: ${path}`);
    }
    parent[last] = clone(value);
  }
  return doc;
}

/** Applies a JSON patch (RFC 6902, `application/json-patch+json`): add, remove, replace, test, move, copy. */
export function jsonPatch(original: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be a list of operations');
  let doc = clone(original);
  for (const raw of operations) {
    if (!isMap(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError('each JSON patch operation needs "op" and "path"');
    }
    const op = raw as unknown as JsonPatchOperation;
    switch (op.op) {
      case 'add':
      case 'replace':
        if (op.value === undefined) throw new PatchError(`jsonpatch: ${op.op} operation needs a value`);
        doc = addAt(doc, op.path, op.value, op.op === 'replace');
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value ?? null)) {
          throw new PatchError(`jsonpatch: testing value ${op.path} failed`);
        }
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError(`jsonpatch: ${op.op} operation needs "from"`);
        const value = op.op === 'move' ? removeAt(doc, op.from) : clone(getAt(doc, op.from));
        doc = addAt(doc, op.path, value, false);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
