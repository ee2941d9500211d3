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

/** The child holding position `i`, and `i` within it. */
function locate<T>(node: Branch<T>, i: number): [number, number] {
  let k = 0;
  for (; k < node.children.length - 1; k++) {
    const size = listSize(node.children[k] as ChunkedList<T>);
    if (i < size) break;
    i -= size;
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
function replaced<U>(items: readonly U[], k: number, by: readonly U[], drop = 1): U[] {
  const out = new Array<U>(items.length - drop + by.length);
  let j = 0;
  for (let i = 0; i < k; i++) out[j++] = items[i] as U;
  for (const item of by) out[j++] = item;
  for (let i = k + drop; i < items.length; i++) out[j++] = items[i] as U;
  return out;
}

/** The list with the item at `i` replaced by `item`. */
export function setItem<T>(list: ChunkedList<T>, i: number, item: T): ChunkedList<T> {
  if (isLeaf(list)) return replaced(list, i, [item]);
  const [k, j] = locate(list, i);
  const child = setItem(list.children[k] as ChunkedList<T>, j, item);
  return { size: list.size, children: replaced(list.children, k, [child]) };
}

/**
 * Splits an overfull node in two. An item added at the very end keeps the left part full, so a
 * list built by appending packs its chunks (one pointer per item, not two).
 */
function split<U>(items: readonly U[], max: number, atEnd: boolean): [U[], U[]] {
  const cut = atEnd ? max : Math.ceil(items.length / 2);
  return [items.slice(0, cut), items.slice(cut)];
}

function insertInto<T>(node: ChunkedList<T>, i: number, item: T): ChunkedList<T>[] {
  if (isLeaf(node)) {
    const items = replaced(node, i, [item], 0);
    return items.length <= LEAF ? [items] : split(items, LEAF, i === node.length);
  }
  const [k, j] = locate(node, i);
  const parts = insertInto(node.children[k] as ChunkedList<T>, j, item);
  const children = replaced(node.children, k, parts);
  if (children.length <= BRANCH) return [{ size: node.size + 1, children }];
  const atEnd = i === node.size && k === node.children.length - 1;
  return split(children, BRANCH, atEnd).map((c) => branch(c));
}

/** The list with `item` inserted at position `i` (0 <= i <= size). */
export function insertItem<T>(list: ChunkedList<T>, i: number, item: T): ChunkedList<T> {
  const parts = insertInto(list, i, item);
  return parts.length === 1 ? (parts[0] as ChunkedList<T>) : branch(parts);
}

function removeFrom<T>(node: ChunkedList<T>, i: number): ChunkedList<T> | null {
  if (isLeaf(node)) return node.length === 1 ? null : replaced(node, i, []);
  const [k, j] = locate(node, i);
  const child = removeFrom(node.children[k] as ChunkedList<T>, j);
  const children = replaced(node.children, k, child ? [child] : []);
  return children.length === 0 ? null : { size: node.size - 1, children };
}

/**
 * The list without the item at `i`. Chunks are not merged again (removals are rare here), so a
 * list only gets shallower: a root with one child is replaced by that child.
 */
export function removeItem<T>(list: ChunkedList<T>, i: number): ChunkedList<T> {
  let next = removeFrom(list, i) ?? (emptyList as ChunkedList<T>);
  while (!isLeaf(next) && next.children.length === 1) next = next.children[0] as ChunkedList<T>;
  return next;
}

/** A list of these items, in full chunks (O(n)). */
export function listOf<T>(items: readonly T[]): ChunkedList<T> {
  if (items.length <= LEAF) return items.slice();
  let level: ChunkedList<T>[] = [];
  for (let i = 0; i < items.length; i += LEAF) level.push(items.slice(i, i + LEAF));
  while (level.length > 1) {
    const up: ChunkedList<T>[] = [];
    for (let i = 0; i < level.length; i += BRANCH) up.push(branch(level.slice(i, i + BRANCH)));
    level = up;
  }
  return level[0] as ChunkedList<T>;
}

/** Appends the list's items to `into`, in order (O(n)). */
export function pushItems<T>(list: ChunkedList<T>, into: T[]): T[] {
  if (isLeaf(list)) for (const item of list) into.push(item);
  else for (const child of list.children) pushItems(child, into);
  return into;
}

/**
 * The first position whose item satisfies `test`, or the size when none does; `test` must be
 * false for a prefix of the list and true for the rest. O(log² n) calls of `test`.
 */
export function firstWhere<T>(list: ChunkedList<T>, test: (item: T) => boolean): number {
  let node = list;
  let offset = 0;
  while (!isLeaf(node)) {
    const { children } = node;
    // The first child whose last item passes: the answer is in it (or past the end).
    let low = 0;
    let high = children.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const child = children[mid] as ChunkedList<T>;
      if (test(itemAt(child, listSize(child) - 1))) high = mid;
      else low = mid + 1;
    }
    for (let k = 0; k < low; k++) offset += listSize(children[k] as ChunkedList<T>);
    node = children[low] as ChunkedList<T>;
  }
  let low = 0;
  let high = node.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (test(node[mid] as T)) high = mid;
    else low = mid + 1;
  }
  return offset + low;
}
