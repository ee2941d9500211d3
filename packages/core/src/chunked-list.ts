/**
 * A persistent list: a counted B-tree whose leaves are chunks of up to {@link LEAF} items and
 * whose branches hold up to {@link BRANCH} children and their total size. Every change copies
 * only the path from the root to one leaf (one chunk and a few branches), so reading, replacing,
 * inserting and removing an item cost O(log n) and every older list stays as it was. Nodes are
 * never changed once built; lists share the nodes they have in common.
 */
export type ChunkedList<T> = Leaf<T> | Branch<T>;

type Leaf<T> = readonly T[];

interface Branch<T> {
  readonly size: number;
  readonly children: readonly ChunkedList<T>[];
}

const LEAF = 64;
const BRANCH = 32;

const isLeaf = <T>(node: ChunkedList<T>): node is Leaf<T> => Array.isArray(node);

/** The list with no items. */
export const emptyList: ChunkedList<never> = Object.freeze([]);

/** How many items the list holds. */
export function listSize<T>(list: ChunkedList<T>): number {
  return isLeaf(list) ? list.length : list.size;
}

function branch<T>(children: readonly ChunkedList<T>[]): Branch<T> {
  let size = 0;
  for (const child of children) size += listSize(child);
  return { size, children };
}

/** The child holding position `i` (the last one for the end), and `i` within it. */
function locate<T>(node: Branch<T>, i: number): [number, number] {
  let k = 0;
  for (let size: number; k < node.children.length - 1; k++, i -= size) {
    size = listSize(node.children[k] as ChunkedList<T>);
    if (i < size) break;
  }
  return [k, i];
}

/** The item at position `i` (0 <= i < size). */
export function itemAt<T>(list: ChunkedList<T>, i: number): T {
  let node = list;
  while (!isLeaf(node)) {
    const [k, j] = locate(node, i);
    node = node.children[k] as ChunkedList<T>;
    i = j;
  }
  return node[i] as T;
}

/** `items` with `drop` items at `k` replaced by `by`, in an array of exactly the size needed. */
function replaced<U>(items: readonly U[], k: number, drop: number, by: readonly U[]): U[] {
  const out = new Array<U>(items.length - drop + by.length);
  let j = 0;
  for (let i = 0; i < k; i++) out[j++] = items[i] as U;
  for (const item of by) out[j++] = item;
  for (let i = k + drop; i < items.length; i++) out[j++] = items[i] as U;
  return out;
}

/**
 * Nodes of at most `max` items: full ones from the left when they grew at the end, so a list
 * built by appending packs its chunks (one pointer per item, not two); even ones else.
 */
function pieces<U>(items: U[], max: number, atEnd: boolean): U[][] {
  if (items.length <= max) return [items];
  const size = atEnd ? max : Math.ceil(items.length / Math.ceil(items.length / max));
  const out: U[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The node after the change, as nodes: none (emptied), one, or more (it overflowed). */
function edit<T>(
  node: ChunkedList<T>,
  i: number,
  drop: number,
  by: readonly T[],
): ChunkedList<T>[] {
  const atEnd = i === listSize(node);
  if (isLeaf(node)) {
    const items = replaced(node, i, drop, by);
    return items.length === 0 ? [] : pieces(items, LEAF, atEnd);
  }
  const [k, j] = locate(node, i);
  const child = node.children[k] as ChunkedList<T>;
  const children: ChunkedList<T>[] = replaced(node.children, k, 1, edit(child, j, drop, by));
  if (children.length === 0) return [];
  if (children.length <= BRANCH) return [{ size: node.size - drop + by.length, children }];
  return pieces(children, BRANCH, atEnd).map((c) => branch(c));
}

/**
 * The list with `drop` items at position `i` replaced by `by`: replaces, inserts (0 <= i <=
 * size, many at once at the end in O(k + log n)) or removes. Chunks are not merged after
 * removals (rare here), so a list only gets shallower: a root with one child gives way to it.
 */
export function spliceList<T>(
  list: ChunkedList<T>,
  i: number,
  drop: number,
  by: readonly T[] = [],
): ChunkedList<T> {
  let parts: ChunkedList<T>[] = edit(list, i, drop, by);
  while (parts.length > 1) parts = pieces(parts, BRANCH, true).map(branch);
  let root = parts[0] ?? (emptyList as ChunkedList<T>);
  while (!isLeaf(root) && root.children.length === 1) root = root.children[0] as ChunkedList<T>;
  return root;
}

/** Appends the list's items to `into`, in order (O(n)). */
export function pushItems<T>(list: ChunkedList<T>, into: T[]): T[] {
  if (isLeaf(list)) for (const item of list) into.push(item);
  else for (const child of list.children) pushItems(child, into);
  return into;
}

/**
 * Appends to `into` the items of the nodes `seen` has not seen, in order, and marks those nodes
 * seen: what changed since the last call, found without reading the rest (lists share the
 * nodes that did not change). A superset: a changed chunk brings all its items.
 */
export function unseenItems<T>(list: ChunkedList<T>, seen: WeakSet<object>, into: T[]): T[] {
  if (seen.has(list)) return into;
  seen.add(list);
  if (isLeaf(list)) for (const item of list) into.push(item);
  else for (const child of list.children) unseenItems(child, seen, into);
  return into;
}

/**
 * The first position whose item passes `test`, or the size when none does; `test` must fail
 * for a prefix of the list and pass for the rest. O(log n) tests.
 */
export function firstWhere<T>(list: ChunkedList<T>, test: (item: T) => boolean): number {
  let low = 0;
  let high = listSize(list);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (test(itemAt(list, mid))) high = mid;
    else low = mid + 1;
  }
  return low;
}
