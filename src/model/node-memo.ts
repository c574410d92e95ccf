// What the model asks of tree-sitter nodes, remembered by node id for one tree: every read of a node's
// type or parent is a call into WebAssembly (and a parent is found by descending from the root), while
// the model asks the same nodes again soon after (a parent lists its children, then each is evaluated;
// neighbouring strings share their ancestors). Ids are unique within one tree only.
import type { Node } from 'web-tree-sitter';

/** Entries kept before everything is forgotten: answers are asked again soon after, so this bounds memory on huge generated files. */
const LIMIT = 50_000;

export class NodeMemo {
  private readonly types = new Map<number, string>();
  private readonly parents = new Map<number, Node | null>();

  type(node: Node): string {
    let t = this.types.get(node.id);
    if (t === undefined) {
      if (this.types.size >= LIMIT) this.types.clear();
      this.types.set(node.id, (t = node.type));
    }
    return t;
  }

  parent(node: Node): Node | null {
    let p = this.parents.get(node.id);
    if (p === undefined) {
      if (this.parents.size >= LIMIT) this.parents.clear();
      this.parents.set(node.id, (p = node.parent));
    }
    return p;
  }
}
