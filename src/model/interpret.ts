// The static interpreter: walks a module the way Python would run it at import time, folding what
// can be folded, and records the DAGs, task groups, tasks and dependency edges Airflow would build.
// It never runs user code: calls it cannot fold become unknown values carrying the reason.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import { rangeOf, rangeWithText } from '../parse/parser.js';
import { NodeMemo } from './node-memo.js';
import {
  airflowOperatorKind,
  chainFunction,
  isEdgeLabel,
  isXComArgClass,
  setupTeardownRole,
  isClockCall,
  isDagClass,
  isDagDecorator,
  isOperatorBase,
  isTaskGroupClass,
  isTaskGroupDecorator,
  taskDecoratorKind,
} from './airflow.js';
import { evalBuiltin, evalMethod, parseStringLiteral, binaryOp, compareOp } from './evaluate.js';
import { Scope, runArms } from './scope.js';
import type {
  ArgSlot,
  BranchPath,
  CallArgs,
  ClassInfo,
  DagModel,
  EdgeVia,
  FileModel,
  FunctionInfo,
  GroupModel,
  Known,
  Py,
  TaskKind,
  TaskModel,
  Value,
} from './types.js';
import { dictCopy, dictLookup, dictSet, known, NONE, strOf, truthy, unknown } from './values.js';

/** Limits that keep hostile or huge files cheap. */
const MAX_CALL_DEPTH = 12;
const MAX_EXPR_DEPTH = 200;
const MAX_LOOP_ITERATIONS = 2000;
const MAX_STEPS = 300_000;

interface FunctionHandle {
  node: Node;
  scope: Scope;
  defaults: Map<string, Value>;
}

class Stop extends Error {}
/** `return` inside an inlined function body. */
class Return {
  constructor(readonly value: Value) {}
}

/**
 * Node types for the interpretation under way: a node's type is tested where its parent lists it (to
 * skip comments) and again where it is evaluated. Outside `interpret`, types are not remembered.
 */
let nodeTypes: NodeMemo | null = null;

function typeOf(node: Node): string {
  return nodeTypes ? nodeTypes.type(node) : node.type;
}

/**
 * Call arguments as the model keeps them: without the syntax nodes of their values, which are only for
 * the call being interpreted (a kept node holds memory for nothing, and outlives its tree).
 */
function withoutNodes(args: CallArgs): CallArgs {
  return { positional: args.positional, kwargs: args.kwargs, splat: args.splat };
}

function named(node: Node | null): Node[] {
  if (!node) return [];
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && typeOf(c) !== 'comment') out.push(c);
  return out;
}

export interface InterpretOptions {
  /** The Airflow major version the file targets, where semantics differ (null: unknown). */
  airflowMajor?: number | null;
}

export function interpret(root: Node, options: InterpretOptions = {}): FileModel {
  const it = new Interpreter(options.airflowMajor ?? null);
  nodeTypes = new NodeMemo();
  try {
    return it.run(root);
  } finally {
    nodeTypes = null;
  }
}

class Interpreter {
  constructor(private readonly airflowMajor: number | null) {}

  readonly model: FileModel = {
    calls: [],
    globals: new Map(),
    strings: () => [],
    dags: [],
    looseTasks: [],
    unknowns: [],
    imports: new Map(),
    uncalledDagFunctions: [],
    internalErrors: [],
  };
  private dagStack: DagModel[] = [];
  private groupStack: GroupModel[] = [];
  private branch: BranchPath = [];
  private stmtCounter = 0;
  /** > 0 inside code that may or may not run (unknown branches, loops over unknown values). */
  private conditional = 0;
  private unknownLoop = 0;
  private callStack: FunctionInfo[] = [];
  /** Where each inlined function call on the stack was made. */
  private callSites: Range[] = [];
  private exprDepth = 0;
  private steps = 0;
  private loopIterations = 0;
  private wildcardImport = false;
  private taskCounter = 0;
  /** Creation order shared by tasks and task groups (Airflow's id checks depend on it). */
  private seq = 0;
  private groupCounter = 0;
  private readonly dagFunctions = new Map<FunctionInfo, boolean>();
  private readonly upstream = new Map<TaskModel, Set<TaskModel>>();
  private readonly downstream = new Map<TaskModel, Set<TaskModel>>();
  private readonly usedIds = new Map<DagModel, Set<string>>();
  private readonly registered = new Set<DagModel>();
  private readonly groupUpstream = new Map<GroupModel, Set<TaskModel>>();
  /** `with` contexts airlint cannot resolve, outside any DAG: one of them may be a DAG. */
  private readonly opaqueContexts: string[] = [];

  run(root: Node): FileModel {
    const scope = new Scope(null, 'module');
    scope.vars.set('__name__', known({ t: 'str', v: 'airflow_dag_module' }, null));
    scope.vars.set('__file__', unknown('the file path is known only at run time', null));
    try {
      this.execBlock(named(root), scope);
    } catch (e) {
      if (e instanceof Return) {
        // a top-level return is a syntax error; nothing more to do
      } else if (e instanceof Stop) {
        this.model.internalErrors.push('analysis budget exceeded; the rest of the file is unknown');
      } else {
        this.model.internalErrors.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
    }
    for (const [fn, called] of this.dagFunctions) if (!called) this.model.uncalledDagFunctions.push(fn);
    this.dropUnregisteredDags(scope);
    this.model.globals = scope.vars;
    return this.model;
  }

  /**
   * DagBag loads a DAG that is a module-level global or was auto-registered (used with `with`, or
   * built by a `@dag` call). A DAG built and thrown away, e.g. by a factory whose result is not kept,
   * never reaches the scheduler, so it leaves the model (with a note).
   */
  private dropUnregisteredDags(moduleScope: Scope): void {
    for (const v of moduleScope.vars.values()) if (v.k === 'known' && v.py.t === 'dag') this.registered.add(v.py.dag);
    const kept = this.model.dags.filter((d) => this.registered.has(d));
    if (kept.length === this.model.dags.length) return;
    for (const d of this.model.dags) {
      if (this.registered.has(d)) continue;
      this.model.unknowns.push({ loc: d.loc, what: 'DAG not loaded', reason: 'it is not kept in a module-level variable nor used with `with`, so DagBag never sees it' });
    }
    this.model.dags = kept;
    kept.forEach((d, i) => (d.index = i));
  }

  // ---------------------------------------------------------------- statements

  private execBlock(stmts: Node[], scope: Scope): void {
    for (const s of stmts) this.exec(s, scope);
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new Stop();
  }

  private exec(node: Node, scope: Scope): void {
    this.tick();
    switch (typeOf(node)) {
      case 'expression_statement':
        for (const e of named(node)) this.ev(e, scope);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.execImport(node, scope);
        return;
      case 'with_statement':
        this.execWith(node, scope);
        return;
      case 'function_definition':
        this.defineFunction(node, [], scope);
        return;
      case 'decorated_definition':
        this.execDecorated(node, scope);
        return;
      case 'class_definition':
        this.defineClass(node, [], scope);
        return;
      case 'if_statement':
        this.execIf(node, scope);
        return;
      case 'for_statement':
        this.execFor(node, scope);
        return;
      case 'while_statement':
        this.execWhile(node, scope);
        return;
      case 'try_statement':
        this.execTry(node, scope);
        return;
      case 'match_statement':
        this.execMatch(node, scope);
        return;
      case 'return_statement': {
        const e = named(node)[0];
        throw new Return(e ? this.ev(e, scope) : known(NONE, rangeOf(node)));
      }
      case 'global_statement':
        for (const id of named(node)) scope.globals.add(id.text);
        return;
      case 'block':
        this.execBlock(named(node), scope);
        return;
      default:
        // pass, assert, raise, delete, break, continue, nonlocal, print/exec (py2), type aliases:
        // evaluate sub-expressions for their side effects (operators created inside asserts...) only when cheap.
        if (typeOf(node) === 'delete_statement') this.execDelete(node, scope);
        else if (typeOf(node) === 'assert_statement') for (const e of named(node)) this.ev(e, scope);
        return;
    }
  }

  /** `del d["k"]` removes a key from a known dict (conditionally: the key becomes unknown). */
  private execDelete(node: Node, scope: Scope): void {
    const targets = named(node).flatMap((t) => (typeOf(t) === 'expression_list' ? named(t) : [t]));
    for (const t of targets) {
      if (typeOf(t) !== 'subscript') continue;
      const obj = t.childForFieldName('value');
      const sub = t.childForFieldName('subscript');
      if (!obj || !sub) continue;
      const container = this.ev(obj, scope);
      const key = keyOf(this.ev(sub, scope));
      if (container.k !== 'known' || container.py.t !== 'dict') continue;
      if (key === undefined) container.py.open ??= 'a key that cannot be known was deleted';
      else if (this.conditional > 0) dictSet(container.py, { key, value: unknown(`"${key}" is deleted conditionally`, rangeOf(t)), loc: rangeOf(t) });
      else container.py.entries = container.py.entries.filter((e) => e.key !== key);
    }
  }

  private execImport(node: Node, scope: Scope): void {
    if (typeOf(node) === 'future_import_statement') return;
    if (typeOf(node) === 'import_statement') {
      for (const c of named(node)) {
        if (typeOf(c) === 'dotted_name') {
          const first = c.text.split('.')[0]!;
          this.bindImport(scope, first, first);
        } else if (typeOf(c) === 'aliased_import') {
          const name = c.childForFieldName('name')?.text ?? '';
          const alias = c.childForFieldName('alias')?.text ?? name;
          this.bindImport(scope, alias, name.replace(/\s+/g, ''));
        }
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    const module = (moduleNode?.text ?? '').replace(/\s+/g, '');
    for (const c of named(node)) {
      if (c === moduleNode || c.id === moduleNode?.id) continue;
      if (typeOf(c) === 'wildcard_import') {
        this.wildcardImport = true;
      } else if (typeOf(c) === 'dotted_name') {
        this.bindImport(scope, c.text, `${module}.${c.text}`);
      } else if (typeOf(c) === 'aliased_import') {
        const name = c.childForFieldName('name')?.text ?? '';
        const alias = c.childForFieldName('alias')?.text ?? name;
        this.bindImport(scope, alias, `${module}.${name}`);
      }
    }
  }

  private bindImport(scope: Scope, local: string, qname: string): void {
    scope.bind(local, known({ t: 'ref', qname }, null));
    if (scope.kind === 'module') this.model.imports.set(local, qname);
  }

  private execWith(node: Node, scope: Scope): void {
    const clause = named(node).find((c) => typeOf(c) === 'with_clause');
    const pushed: ('dag' | 'group' | 'opaque')[] = [];
    for (const item of named(clause ?? null)) {
      if (typeOf(item) !== 'with_item') continue;
      let valueNode = item.childForFieldName('value');
      let alias: Node | null = null;
      if (valueNode && typeOf(valueNode) === 'as_pattern') {
        alias = valueNode.childForFieldName('alias');
        valueNode = named(valueNode)[0] ?? null;
      }
      if (!valueNode) continue;
      const v = this.ev(valueNode, scope);
      if (v.k === 'known' && v.py.t === 'dag') {
        this.dagStack.push(v.py.dag);
        // Entering a DAG as a context manager registers it with DagBag (auto_register, Airflow >= 2.4).
        this.registered.add(v.py.dag);
        pushed.push('dag');
      } else if (v.k === 'known' && v.py.t === 'group') {
        this.groupStack.push(v.py.group);
        pushed.push('group');
      } else if (v.k === 'unknown' && !this.currentDag()) {
        this.opaqueContexts.push(valueNode.text.slice(0, 60));
        pushed.push('opaque');
      }
      if (alias) {
        const target = typeOf(alias) === 'as_pattern_target' ? (named(alias)[0] ?? alias) : alias;
        this.assign(target, v, scope);
      }
    }
    try {
      this.execBlock(named(node.childForFieldName('body')), scope);
    } finally {
      for (const p of pushed.reverse()) {
        if (p === 'dag') this.dagStack.pop();
        else if (p === 'group') this.groupStack.pop();
        else this.opaqueContexts.pop();
      }
    }
  }

  private withArm<T>(stmt: number, arm: number, f: () => T): T {
    const saved = this.branch;
    this.branch = [...saved, { stmt, arm }];
    try {
      return f();
    } finally {
      this.branch = saved;
    }
  }

  private conditionally<T>(f: () => T): T {
    this.conditional++;
    try {
      return f();
    } finally {
      this.conditional--;
    }
  }

  private execIf(node: Node, scope: Scope): void {
    type Arm = { cond: Node | null; body: Node | null };
    const arms: Arm[] = [{ cond: node.childForFieldName('condition'), body: node.childForFieldName('consequence') }];
    for (const alt of node.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (typeOf(alt) === 'elif_clause') arms.push({ cond: alt.childForFieldName('condition'), body: alt.childForFieldName('consequence') });
      else arms.push({ cond: null, body: alt.childForFieldName('body') });
    }
    const candidates: Arm[] = [];
    let certain = false;
    for (const arm of arms) {
      if (!arm.cond) {
        candidates.push(arm);
        certain = true;
        break;
      }
      const c = this.ev(arm.cond, scope);
      const t = c.k === 'known' ? truthy(c.py) : undefined;
      if (t === false) continue;
      candidates.push(arm);
      if (t === true) {
        certain = true;
        break;
      }
    }
    const only = candidates.length === 1 && certain ? candidates[0] : undefined;
    if (only) {
      this.execBlock(named(only.body), scope);
      return;
    }
    if (candidates.length === 0) return;
    const stmt = this.stmtCounter++;
    this.conditionally(() =>
      runArms(
        scope,
        candidates.map((arm, i) => () => this.withArm(stmt, i, () => this.execBlock(named(arm.body), scope))),
        !certain,
        sameBinding,
      ),
    );
  }

  private iterate(v: Value): Value[] | null {
    if (v.k !== 'known') return null;
    const py = v.py;
    if (py.t === 'list') return py.items;
    if (py.t === 'dict' && !py.open) return py.entries.map((e) => known({ t: 'str', v: e.key }, e.loc));
    if (py.t === 'str') return [...py.v].map((ch) => known({ t: 'str', v: ch }, v.loc));
    return null;
  }

  private execFor(node: Node, scope: Scope): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const body = node.childForFieldName('body');
    const elseClause = node.childForFieldName('alternative');
    if (!left || !right) return;
    const iterable = this.ev(right, scope);
    const items = this.iterate(iterable);
    if (items && this.loopIterations + items.length <= MAX_LOOP_ITERATIONS) {
      this.loopIterations += items.length;
      for (const item of items) {
        this.assign(left, item, scope);
        this.execBlock(named(body), scope);
      }
      if (elseClause) this.execBlock(named(elseClause.childForFieldName('body')), scope);
      return;
    }
    const reason = items ? 'loop too long to unroll' : `loop over ${iterable.k === 'unknown' ? iterable.reason : 'a value that cannot be iterated statically'}`;
    this.unknownBody(scope, left, reason, body, rangeOf(right));
    if (elseClause) this.execBlock(named(elseClause.childForFieldName('body')), scope);
  }

  /** A loop body that may run zero or many times with values that cannot be known. */
  private unknownBody(scope: Scope, target: Node | null, reason: string, body: Node | null, loc: Range): void {
    const before = this.model.dags.reduce((n, d) => n + d.tasks.length, 0) + this.model.looseTasks.length;
    this.unknownLoop++;
    try {
      this.conditionally(() =>
        runArms(
          scope,
          [
            () => {
              // Names the body assigns differ from one iteration to the next: unknown throughout.
              for (const name of assignedNames(body)) scope.bind(name, unknown(`"${name}" changes from one iteration of a ${reason} to the next`, loc));
              if (target) this.assign(target, unknown(reason, loc), scope);
              this.execBlock(named(body), scope);
            },
          ],
          true,
          sameBinding,
        ),
      );
    } finally {
      this.unknownLoop--;
    }
    const after = this.model.dags.reduce((n, d) => n + d.tasks.length, 0) + this.model.looseTasks.length;
    if (after > before) {
      this.model.unknowns.push({ loc, what: 'tasks created in a loop', reason });
      this.currentDag()?.incomplete.push(`line ${loc.line}: tasks created in a loop that cannot be unrolled (${reason})`);
    }
  }

  private execWhile(node: Node, scope: Scope): void {
    const cond = node.childForFieldName('condition');
    if (cond) {
      const c = this.ev(cond, scope);
      if (c.k === 'known' && truthy(c.py) === false) return;
    }
    this.unknownBody(scope, null, 'while loop', node.childForFieldName('body'), rangeOf(node));
  }

  private execTry(node: Node, scope: Scope): void {
    const stmt = this.stmtCounter++;
    const body = node.childForFieldName('body');
    this.withArm(stmt, 0, () => this.execBlock(named(body), scope));
    const handlers = named(node).filter((c) => typeOf(c) === 'except_clause' || typeOf(c) === 'except_group_clause');
    const elseClause = named(node).find((c) => typeOf(c) === 'else_clause');
    const finallyClause = named(node).find((c) => typeOf(c) === 'finally_clause');
    if (handlers.length > 0) {
      this.conditionally(() =>
        runArms(
          scope,
          handlers.map((h, i) => () =>
            this.withArm(stmt, i + 1, () => {
              const block = named(h).find((c) => typeOf(c) === 'block');
              this.execBlock(named(block ?? null), scope);
            }),
          ),
          true,
          sameBinding,
        ),
      );
    }
    if (elseClause) this.withArm(stmt, 0, () => this.execBlock(named(named(elseClause).find((c) => typeOf(c) === 'block') ?? null), scope));
    if (finallyClause) this.execBlock(named(named(finallyClause).find((c) => typeOf(c) === 'block') ?? null), scope);
  }

  private execMatch(node: Node, scope: Scope): void {
    const subject = node.childForFieldName('subject');
    if (subject) this.ev(subject, scope);
    const body = node.childForFieldName('body');
    const cases = named(body).filter((c) => typeOf(c) === 'case_clause');
    const stmt = this.stmtCounter++;
    this.conditionally(() =>
      runArms(
        scope,
        cases.map((c, i) => () => this.withArm(stmt, i, () => this.execBlock(named(c.childForFieldName('consequence')), scope))),
        true,
        sameBinding,
      ),
    );
  }

  // ---------------------------------------------------------------- definitions

  private execDecorated(node: Node, scope: Scope): void {
    const decorators = named(node)
      .filter((c) => typeOf(c) === 'decorator')
      .map((d) => {
        const e = named(d)[0];
        return e ? this.ev(e, scope) : unknown('empty decorator', rangeOf(d));
      });
    const def = node.childForFieldName('definition');
    if (!def) return;
    if (typeOf(def) === 'class_definition') this.defineClass(def, decorators, scope);
    else this.defineFunction(def, decorators, scope, node);
  }

  private defineFunction(node: Node, decorators: Value[], scope: Scope, decoratedNode?: Node): void {
    const name = node.childForFieldName('name')?.text ?? '<function>';
    const defaults = new Map<string, Value>();
    for (const p of named(node.childForFieldName('parameters'))) {
      if (typeOf(p) === 'default_parameter' || typeOf(p) === 'typed_default_parameter') {
        const pname = p.childForFieldName('name')?.text;
        const pv = p.childForFieldName('value');
        if (pname && pv) defaults.set(pname, this.ev(pv, scope));
      }
    }
    const handle: FunctionHandle = { node, scope, defaults };
    const fn: FunctionInfo = { name, loc: rangeOf(node.childForFieldName('name') ?? node), decorators, handle };
    let value: Value = known({ t: 'func', fn, bound: [] }, rangeOf(node));
    // Decorators apply bottom-up; Airflow's decorators are the ones that matter and are usually alone.
    for (let i = decorators.length - 1; i >= 0; i--) {
      const d = decorators[i]!;
      const decoLoc = rangeOf(named(decoratedNode ?? null).filter((c) => typeOf(c) === 'decorator')[i] ?? node);
      value = this.applyDecorator(d, value, fn, decoLoc);
    }
    scope.bind(name, value);
  }

  private applyDecorator(deco: Value, target: Value, fn: FunctionInfo, decoLoc: Range): Value {
    if (deco.k !== 'known') return unknown(`decorated with something airlint cannot resolve (${deco.reason})`, fn.loc);
    const py = deco.py;
    const qname = py.t === 'ref' ? py.qname : py.t === 'instance' ? py.qname : null;
    const kwargs = py.t === 'instance' ? py.args.kwargs : new Map<string, ArgSlot>();
    if (qname && isDagDecorator(qname)) {
      this.dagFunctions.set(fn, false);
      return known({ t: 'dagfactory', fn, kwargs, loc: decoLoc }, fn.loc);
    }
    if (qname && isTaskGroupDecorator(qname)) return known({ t: 'groupfactory', fn, kwargs }, fn.loc);
    const kind = qname ? taskDecoratorKind(qname) : null;
    if (kind) return known({ t: 'taskflow', fn, kind, kwargs, loc: decoLoc }, fn.loc);
    const role = qname ? setupTeardownRole(qname) : null;
    if (role) {
      // @setup / @teardown over a @task function, or over a plain function (which becomes a @task).
      if (target.k === 'known' && target.py.t === 'taskflow') return known({ ...target.py, role }, fn.loc);
      return known({ t: 'taskflow', fn, kind: 'python', kwargs, loc: decoLoc, role }, fn.loc);
    }
    if (target.k === 'known' && (target.py.t === 'taskflow' || target.py.t === 'dagfactory' || target.py.t === 'groupfactory')) return target;
    return unknown(`function "${fn.name}" has a decorator airlint does not model`, fn.loc);
  }

  private defineClass(node: Node, _decorators: Value[], scope: Scope): void {
    const name = node.childForFieldName('name')?.text ?? '<class>';
    const bases: Value[] = [];
    for (const a of named(node.childForFieldName('superclasses'))) if (typeOf(a) !== 'keyword_argument') bases.push(this.ev(a, scope));
    let operatorKind: 'operator' | 'sensor' | null = null;
    for (const b of bases) {
      if (b.k !== 'known') continue;
      const k = b.py.t === 'ref' ? isOperatorBase(b.py.qname) : b.py.t === 'class' ? b.py.cls.operatorKind : null;
      if (k === 'sensor' || (k && !operatorKind)) operatorKind = k;
    }
    const mentions = new Set<string>();
    const body = node.childForFieldName('body');
    if (body && operatorKind) for (const id of body.descendantsOfType('identifier')) if (id) mentions.add(id.text);
    const cls: ClassInfo = { name, qname: `<local>.${name}`, bases, loc: rangeOf(node), mentions, operatorKind };
    scope.bind(name, known({ t: 'class', cls }, rangeOf(node)));
  }

  // ---------------------------------------------------------------- assignment

  private assign(target: Node, value: Value, scope: Scope): void {
    switch (typeOf(target)) {
      case 'identifier':
        scope.bind(target.text, value);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'expression_list':
      case 'tuple':
      case 'list': {
        const targets = named(target);
        const items = value.k === 'known' && value.py.t === 'list' ? value.py.items : null;
        const hasStar = targets.some((t) => typeOf(t) === 'list_splat_pattern');
        targets.forEach((t, i) => {
          const item = items && !hasStar && items.length === targets.length ? items[i] : undefined;
          const inner = typeOf(t) === 'list_splat_pattern' ? named(t)[0] : t;
          if (inner) this.assign(inner, item ?? unknown('unpacked from a value that cannot be known', rangeOf(t)), scope);
        });
        return;
      }
      case 'parenthesized_expression': {
        const inner = named(target)[0];
        if (inner) this.assign(inner, value, scope);
        return;
      }
      case 'subscript': {
        const obj = target.childForFieldName('value');
        const sub = target.childForFieldName('subscript');
        if (!obj || !sub) return;
        const container = this.ev(obj, scope);
        const key = this.ev(sub, scope);
        if (container.k !== 'known') return;
        if (container.py.t === 'globals') {
          const k = strOf(key);
          if (k !== undefined) scope.module().vars.set(k, value);
          return;
        }
        if (container.py.t === 'dict') {
          const k = keyOf(key);
          const loc = rangeOf(target.parent ?? target);
          if (k === undefined) container.py.open ??= 'a key that cannot be known was set';
          else dictSet(container.py, { key: k, value: this.conditional > 0 ? unknown(`"${k}" is set conditionally`, loc) : value, loc });
        }
        return;
      }
      case 'attribute': {
        // Attributes set after construction: `task.dag = dag` attaches a task built outside any DAG;
        // `task.retries = 3`, `dag.on_failure_callback = f` override what the constructor was given.
        const obj = target.childForFieldName('object');
        const attr = target.childForFieldName('attribute')?.text;
        if (!obj || !attr) return;
        const t = this.ev(obj, scope);
        if (t.k !== 'known' || (t.py.t !== 'task' && t.py.t !== 'dag')) return;
        const loc = rangeOf(target.parent ?? target);
        const slot: ArgSlot = { name: attr, value: this.conditional > 0 ? unknown(`${attr} is set conditionally`, loc) : value, loc };
        if (t.py.t === 'dag') {
          t.py.dag.args.kwargs.set(attr, slot);
          return;
        }
        const task = t.py.task;
        if (attr !== 'dag') {
          task.args.kwargs.set(attr, slot);
          return;
        }
        if (task.dag) return;
        if (value.k === 'known' && value.py.t === 'dag') this.attach(task, value.py.dag);
        else if (value.k === 'unknown') task.dagUnknown = `dag assigned from a value that cannot be known (${value.reason})`;
        return;
      }
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- expressions

  ev(node: Node, scope: Scope): Value {
    if (++this.exprDepth > MAX_EXPR_DEPTH) {
      this.exprDepth--;
      return unknown('expression nested too deeply', rangeOf(node));
    }
    try {
      return this.evInner(node, scope);
    } finally {
      this.exprDepth--;
    }
  }

  private evInner(node: Node, scope: Scope): Value {
    const type = typeOf(node);
    // The commonest expression: its range comes with its value.
    if (type === 'string') return parseStringLiteral(node, (e) => this.ev(e, scope));
    if (type === 'identifier') {
      const name = node.text;
      return this.lookup(name, scope, rangeWithText(node, name));
    }
    const loc = rangeOf(node);
    switch (type) {
      case 'integer': {
        const t = node.text.replace(/_/g, '').toLowerCase();
        const v = /^0[xob]/.test(t) ? Number(t) : /[j]$/.test(t) ? NaN : Number(t);
        return Number.isFinite(v) ? known({ t: 'int', v }, loc) : unknown('complex number', loc);
      }
      case 'float': {
        const t = node.text.replace(/_/g, '');
        return /j$/i.test(t) ? unknown('complex number', loc) : known({ t: 'float', v: Number(t) }, loc);
      }
      case 'true':
        return known({ t: 'bool', v: true }, loc);
      case 'false':
        return known({ t: 'bool', v: false }, loc);
      case 'none':
        return known(NONE, loc);
      case 'concatenated_string': {
        let s = '';
        for (const part of named(node)) {
          const v = this.ev(part, scope);
          if (v.k !== 'known' || v.py.t !== 'str') return v.k === 'unknown' ? { ...v, loc } : unknown('bytes or mixed string', loc);
          s += v.py.v;
        }
        return known({ t: 'str', v: s }, loc);
      }
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.ev(inner, scope) : known(NONE, loc);
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
      case 'set':
        return this.evSequence(node, scope, type !== 'list');
      case 'dictionary':
        return this.evDict(node, scope);
      case 'attribute':
        return this.evAttribute(node, scope);
      case 'subscript':
        return this.evSubscript(node, scope);
      case 'call':
        return this.evCall(node, scope);
      case 'binary_operator':
        return this.evBinary(node, scope).value;
      case 'unary_operator': {
        const arg = node.childForFieldName('argument');
        const op = node.childForFieldName('operator')?.text ?? '';
        const v = arg ? this.ev(arg, scope) : unknown('missing operand', loc);
        if (v.k !== 'known') return v;
        if ((v.py.t === 'int' || v.py.t === 'float') && (op === '-' || op === '+')) return known({ t: v.py.t, v: op === '-' ? -v.py.v : v.py.v }, loc);
        if (v.py.t === 'timedelta' && op === '-') return known({ t: 'timedelta', seconds: -v.py.seconds }, loc);
        return unknown(`unary ${op} on ${v.py.t}`, loc);
      }
      case 'not_operator': {
        const arg = node.childForFieldName('argument');
        const v = arg ? this.ev(arg, scope) : unknown('missing operand', loc);
        const t = v.k === 'known' ? truthy(v.py) : undefined;
        return t === undefined ? unknown('negation of a value that cannot be known', loc) : known({ t: 'bool', v: !t }, loc);
      }
      case 'boolean_operator': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text;
        if (!l || !r) return unknown('incomplete expression', loc);
        const lv = this.ev(l, scope);
        const lt = lv.k === 'known' ? truthy(lv.py) : undefined;
        if (lt === undefined) {
          this.conditionally(() => this.ev(r, scope));
          return unknown('boolean expression over a value that cannot be known', loc);
        }
        if ((op === 'and' && !lt) || (op === 'or' && lt)) return lv;
        return this.ev(r, scope);
      }
      case 'comparison_operator':
        return compareOp(named(node).map((n) => this.ev(n, scope)), node, loc);
      case 'conditional_expression': {
        const [a, cond, b] = named(node);
        if (!a || !cond || !b) return unknown('incomplete expression', loc);
        const c = this.ev(cond, scope);
        const t = c.k === 'known' ? truthy(c.py) : undefined;
        if (t === true) return this.ev(a, scope);
        if (t === false) return this.ev(b, scope);
        const [va, vb] = this.conditionally(() => [this.ev(a, scope), this.ev(b, scope)]);
        return va.k === 'known' && vb.k === 'known' && sameBinding(va, vb) ? va : unknown('conditional expression over a value that cannot be known', loc);
      }
      case 'lambda':
        return known({ t: 'lambda' }, loc);
      case 'named_expression': {
        const n = node.childForFieldName('name');
        const v = node.childForFieldName('value');
        const val = v ? this.ev(v, scope) : unknown('missing value', loc);
        if (n) scope.bind(n.text, val);
        return val;
      }
      case 'assignment': {
        const right = node.childForFieldName('right');
        const left = node.childForFieldName('left');
        if (!right) return known(NONE, loc);
        const v = this.ev(right, scope);
        if (left) this.assign(left, v, scope);
        return v;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const op = (node.childForFieldName('operator')?.text ?? '').replace('=', '');
        if (!left || !right) return unknown('incomplete assignment', loc);
        const lv = this.ev(left, scope);
        const rv = this.ev(right, scope);
        const v = op === '>>' || op === '<<' ? this.shift(lv, rv, op, loc) : binaryOp(op, lv, rv, loc);
        this.assign(left, v, scope);
        return v;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return this.evComprehension(node, scope);
      case 'keyword_argument':
      case 'await':
      case 'yield':
      default:
        for (const c of named(node)) this.ev(c, scope);
        return unknown(`${typeOf(node).replace(/_/g, ' ')} is not evaluated statically`, loc);
    }
  }

  private lookup(name: string, scope: Scope, loc: Range): Value {
    const v = scope.lookup(name);
    if (v) return v.loc === null || v.k === 'unknown' ? v : { ...v, loc: v.loc };
    if (BUILTINS.has(name)) return known({ t: 'ref', qname: `builtins.${name}` }, loc);
    if (this.wildcardImport) return unknown(`"${name}" may come from a wildcard import`, loc);
    return unknown(`"${name}" is not defined in this file`, loc);
  }

  private evSequence(node: Node, scope: Scope, tuple: boolean): Value {
    const items: Value[] = [];
    let open: string | null = null;
    for (const c of named(node)) {
      if (typeOf(c) === 'list_splat' || typeOf(c) === 'parenthesized_list_splat') {
        const inner = named(c)[0];
        const v = inner ? this.ev(inner, scope) : unknown('empty splat', rangeOf(c));
        const it = this.iterate(v);
        if (it) items.push(...it);
        else open = v.k === 'unknown' ? v.reason : 'unpacks a value that cannot be iterated';
      } else items.push(this.ev(c, scope));
    }
    const loc = rangeOf(node);
    if (open) return unknown(`sequence ${open}`, loc);
    return known({ t: 'list', items, tuple }, loc);
  }

  private evDict(node: Node, scope: Scope): Value {
    const py: Extract<Py, { t: 'dict' }> = { t: 'dict', entries: [], open: null };
    for (const c of named(node)) {
      if (typeOf(c) === 'pair') {
        const kn = c.childForFieldName('key');
        const vn = c.childForFieldName('value');
        const kv = kn ? this.ev(kn, scope) : unknown('missing key', rangeOf(c));
        const vv = vn ? this.ev(vn, scope) : unknown('missing value', rangeOf(c));
        const key = keyOf(kv);
        if (key === undefined) py.open = kv.k === 'unknown' ? `a key is unknown (${kv.reason})` : 'a key is not a string';
        else dictSet(py, { key, value: vv, loc: rangeOf(c) });
      } else if (typeOf(c) === 'dictionary_splat') {
        const inner = named(c)[0];
        const v = inner ? this.ev(inner, scope) : unknown('empty splat', rangeOf(c));
        if (v.k === 'known' && v.py.t === 'dict') {
          for (const e of v.py.entries) dictSet(py, e);
          if (v.py.open) py.open = v.py.open;
        } else {
          // Keys set after the splat are still certain; earlier ones may be overridden by it.
          py.entries = [];
          py.open = `**${inner?.text ?? ''} cannot be known (${v.k === 'unknown' ? v.reason : 'not a dict'})`;
        }
      }
    }
    return known(py, rangeOf(node));
  }

  private evAttribute(node: Node, scope: Scope): Value {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text ?? '';
    const loc = rangeOf(node);
    if (!obj) return unknown('incomplete attribute', loc);
    const v = this.ev(obj, scope);
    if (v.k === 'unknown') return v.clock ? unknown(v.reason, loc, true) : unknown(`attribute "${attr}" of a value that cannot be known`, loc);
    const py = v.py;
    switch (py.t) {
      case 'ref':
        return known({ t: 'ref', qname: `${py.qname}.${attr}` }, loc);
      case 'task':
        if (attr === 'output') return known({ t: 'task', task: py.task, xcom: true }, loc);
        if (attr === 'task_id') return py.task.taskId;
        if (attr === 'operator') return known({ t: 'task', task: py.task, xcom: false }, loc);
        return unknown(`attribute "${attr}" of a task`, loc);
      case 'dag':
        if (attr === 'dag_id') return py.dag.dagId;
        if (attr === 'default_args') {
          let slot = py.dag.args.kwargs.get('default_args');
          if (!slot && !py.dag.args.splat) {
            // DAG() stores {} when no default_args is given; mutating it later is legal.
            slot = { name: 'default_args', value: known({ t: 'dict', entries: [], open: null }, loc), loc };
            py.dag.args.kwargs.set('default_args', slot);
          }
          return slot ? slot.value : unknown('default_args of a DAG built with **kwargs', loc);
        }
        return unknown(`attribute "${attr}" of a DAG`, loc);
      case 'group':
        if (attr === 'group_id') return py.group.groupId;
        return unknown(`attribute "${attr}" of a task group`, loc);
      case 'class':
        return unknown(`class attribute ${py.cls.name}.${attr}`, loc);
      default:
        // Methods of known values are handled at the call; a bare attribute is not folded.
        return unknown(`attribute "${attr}" of a ${py.t}`, loc);
    }
  }

  private evSubscript(node: Node, scope: Scope): Value {
    const obj = node.childForFieldName('value');
    const subs = node.childrenForFieldName('subscript').filter((s): s is Node => !!s);
    const loc = rangeOf(node);
    if (!obj) return unknown('incomplete subscript', loc);
    const v = this.ev(obj, scope);
    const keys = subs.map((s) => (typeOf(s) === 'slice' ? unknown('slice', rangeOf(s)) : this.ev(s, scope)));
    if (v.k !== 'known' || keys.length !== 1) return unknown(`item of ${v.k === 'unknown' ? 'a value that cannot be known' : 'a value'}`, loc, v.k === 'unknown' && !!v.clock);
    const key = keys[0]!;
    if (v.py.t === 'task' && v.py.xcom) return known({ t: 'task', task: v.py.task, xcom: true }, loc);
    if (v.py.t === 'dict') {
      const k = keyOf(key);
      if (k === undefined) return unknown('dict item with a key that cannot be known', loc);
      const found = dictLookup(v, k);
      if (found.state === 'found') return found.entry.value;
      return unknown(found.state === 'unknown' ? found.reason : `key "${k}" is not in the dict`, loc);
    }
    if (v.py.t === 'list' && key.k === 'known' && key.py.t === 'int') {
      const i = key.py.v < 0 ? v.py.items.length + key.py.v : key.py.v;
      const item = v.py.items[i];
      return item ?? unknown('index out of range', loc);
    }
    if (v.py.t === 'ref' && v.py.qname === 'os.environ') return unknown('environment variable', loc);
    return unknown(`item of a ${v.py.t}`, loc);
  }

  private evComprehension(node: Node, scope: Scope): Value {
    const loc = rangeOf(node);
    const body = node.childForFieldName('body');
    const clauses = named(node).filter((c) => typeOf(c) === 'for_in_clause' || typeOf(c) === 'if_clause');
    const inner = new Scope(scope, 'function');
    const results: Value[] = [];
    let exact = true;
    const step = (i: number): void => {
      if (i === clauses.length) {
        if (body) results.push(this.ev(body, inner));
        return;
      }
      const c = clauses[i]!;
      if (typeOf(c) === 'if_clause') {
        const cond = named(c)[0];
        const v = cond ? this.ev(cond, inner) : unknown('', loc);
        const t = v.k === 'known' ? truthy(v.py) : undefined;
        if (t === false) return;
        if (t === undefined) exact = false;
        step(i + 1);
        return;
      }
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (!left || !right) return;
      const items = this.iterate(this.ev(right, inner));
      if (items && this.loopIterations + items.length <= MAX_LOOP_ITERATIONS) {
        this.loopIterations += items.length;
        for (const item of items) {
          this.assign(left, item, inner);
          step(i + 1);
        }
      } else {
        exact = false;
        this.unknownLoop++;
        this.conditional++;
        try {
          this.assign(left, unknown('comprehension over a value that cannot be known', rangeOf(right)), inner);
          step(i + 1);
        } finally {
          this.unknownLoop--;
          this.conditional--;
        }
      }
    };
    step(0);
    if (!exact || typeOf(node) === 'dictionary_comprehension' || typeOf(node) === 'generator_expression' || typeOf(node) === 'set_comprehension') {
      return unknown('comprehension', loc);
    }
    return known({ t: 'list', items: results, tuple: false }, loc);
  }

  // ---------------------------------------------------------------- >> and <<

  /** Binary operators; `a >> b >> c` chains are folded left to right without recursion (they can be long). */
  private evBinary(node: Node, scope: Scope): { value: Value; result: Node } {
    const isShift = (n: Node): boolean => {
      const op = n.childForFieldName('operator')?.text;
      return typeOf(n) === 'binary_operator' && (op === '>>' || op === '<<');
    };
    if (!isShift(node)) {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const loc = rangeOf(node);
      if (!l || !r) return { value: unknown('incomplete expression', loc), result: node };
      return { value: binaryOp(node.childForFieldName('operator')?.text ?? '', this.ev(l, scope), this.ev(r, scope), loc), result: node };
    }
    const chain: Node[] = [];
    let leftmost: Node | null = node;
    while (leftmost && isShift(leftmost)) {
      chain.push(leftmost);
      leftmost = leftmost.childForFieldName('left');
    }
    if (!leftmost) return { value: unknown('incomplete expression', rangeOf(node)), result: node };
    let value = this.ev(leftmost, scope);
    let result: Node = leftmost;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      const r = link.childForFieldName('right');
      const op = link.childForFieldName('operator')?.text ?? '>>';
      if (!r) return { value: unknown('incomplete expression', rangeOf(link)), result: link };
      const right = this.ev(r, scope);
      const end = rangeOf(link);
      value = this.shift(value, right, op, { ...rangeOf(result), endLine: end.endLine, endColumn: end.endColumn });
      result = r;
    }
    return { value, result };
  }

  private shift(left: Value, right: Value, op: string, loc: Range): Value {
    if (op === '>>' && right.k === 'known' && right.py.t === 'label') {
      return known({ t: 'label', upstream: [...right.py.upstream, ...this.operandTasks(left, 'upstream', loc)] }, right.loc);
    }
    if (op === '>>' && left.k === 'known' && left.py.t === 'label') {
      for (const t of left.py.upstream) for (const d of this.operandTasks(right, 'downstream', loc)) this.addEdge(t, d, loc, '>>');
      return right;
    }
    const lt = isTaskish(left);
    const rt = isTaskish(right);
    if (!lt && !rt) {
      if (left.k === 'known' && right.k === 'known') return binaryOp(op, left, right, loc);
      if ((left.k === 'unknown' || right.k === 'unknown') && this.currentDag()) {
        const dag = this.currentDag()!;
        dag.incomplete.push(`${op} with operands that cannot be known at line ${loc.line}`);
        this.model.unknowns.push({ loc, what: `dependency (${op})`, reason: left.k === 'unknown' ? left.reason : right.k === 'unknown' ? right.reason : 'operand' });
      }
      return right.k === 'known' ? right : unknown('result of >> / <<', loc);
    }
    if (op === '>>') this.connect(left, right, loc, '>>');
    else this.connect(right, left, loc, '<<');
    return right;
  }

  /** Sets `up >> down` for tasks, XComArgs, task groups and lists of them, as Airflow's DependencyMixin does. */
  private connect(up: Value, down: Value, loc: Range, via: EdgeVia): void {
    const ups = this.operandTasks(up, 'upstream', loc);
    const downs = this.operandTasks(down, 'downstream', loc);
    // TaskGroup.update_relative: a group remembers the tasks set upstream of it.
    for (const g of groupsIn(down)) {
      const set = this.groupUpstream.get(g) ?? new Set<TaskModel>();
      for (const t of ups) set.add(t);
      this.groupUpstream.set(g, set);
    }
    const opaque = (v: Value): string | null =>
      v.k === 'unknown' ? v.reason : v.py.t === 'ref' || v.py.t === 'instance' ? `${v.py.qname} comes from code airlint cannot see` : null;
    const upOpaque = opaque(up);
    const downOpaque = opaque(down);
    if (upOpaque) this.mayHaveJoined(downs, upOpaque);
    if (downOpaque) this.mayHaveJoined(ups, downOpaque);
    for (const a of ups) for (const b of downs) this.addEdge(a, b, loc, via);
  }

  private operandTasks(v: Value, side: 'upstream' | 'downstream', loc: Range): TaskModel[] {
    if (v.k === 'unknown') {
      this.markIncomplete(loc, v.reason);
      return [];
    }
    const py = v.py;
    if (py.t === 'task') return [py.task];
    if (py.t === 'group') return side === 'upstream' ? this.groupLeaves(py.group, loc) : this.groupEnds(py.group, 'roots');
    if (py.t === 'list') return py.items.flatMap((i) => this.operandTasks(i, side, loc));
    this.markIncomplete(loc, `a ${py.t} is not a task`);
    return [];
  }

  private markIncomplete(loc: Range, reason: string): void {
    const dag = this.currentDag();
    if (dag) dag.incomplete.push(`dependency at line ${loc.line}: ${reason}`);
    this.model.unknowns.push({ loc, what: 'dependency operand', reason });
  }

  /**
   * The tasks a `group >> x` starts from. A group with no leaves (an empty group) adds no edge in
   * Airflow 2; Airflow 3 falls back to the tasks set upstream of the group, then to the leaves of
   * its parent group, up to the DAG (TaskGroup._set_relatives, find_leaves).
   */
  private groupLeaves(group: GroupModel, loc: Range): TaskModel[] {
    const leaves = this.groupEnds(group, 'leaves');
    if (leaves.length > 0 || this.airflowMajor === 2) return leaves;
    if (this.airflowMajor !== 3) {
      this.markIncomplete(loc, 'an edge from an empty task group (Airflow 2 adds none, Airflow 3 falls back to the tasks before it)');
      return [];
    }
    for (let g: GroupModel | null = group; g; g = g.parent) {
      const own = this.groupEnds(g, 'leaves');
      if (own.length > 0) return own;
      const before = this.groupUpstream.get(g);
      if (before && before.size > 0) return [...before];
    }
    const dag = group.dag;
    if (!dag) return [];
    const hasDown = new Set(dag.edges.map((e) => e.from));
    return dag.tasks.filter((t) => !hasDown.has(t));
  }

  private groupEnds(group: GroupModel, which: 'roots' | 'leaves'): TaskModel[] {
    const members = new Set(allGroupTasks(group));
    const rel = which === 'roots' ? this.upstream : this.downstream;
    return [...members].filter((t) => ![...(rel.get(t) ?? [])].some((o) => members.has(o)));
  }

  private addEdge(from: TaskModel, to: TaskModel, loc: Range, via: EdgeVia): void {
    const dag = from.dag ?? to.dag;
    if (!dag || (from.dag && to.dag && from.dag !== to.dag)) return;
    // Setting a relationship adds a DAG-less task to the other task's DAG (BaseOperator._set_relatives).
    if (!from.dag) this.attach(from, dag);
    if (!to.dag) this.attach(to, dag);
    const down = this.downstream.get(from) ?? new Set();
    if (down.has(to)) return;
    down.add(to);
    this.downstream.set(from, down);
    const up = this.upstream.get(to) ?? new Set();
    up.add(from);
    this.upstream.set(to, up);
    dag.edges.push({ from, to, loc, via, branch: this.branch });
  }

  /** Puts a task built outside any DAG into one (dependency, `dag.add_task`, `task.dag = dag`). */
  private attach(task: TaskModel, dag: DagModel): void {
    if (task.dag) return;
    this.model.looseTasks = this.model.looseTasks.filter((x) => x !== task);
    task.dag = dag;
    task.dagUnknown = null;
    // default_args are applied when a task is built; a task that joins a DAG later gets none of them.
    task.dagDefaultArgs = null;
    dag.tasks.push(task);
    const id = strOf(task.taskId);
    if (id !== undefined) this.usedIds.get(dag)?.add(id);
  }

  /** A DAG-less task linked to something airlint cannot resolve may have joined that thing's DAG. */
  private mayHaveJoined(tasks: TaskModel[], reason: string): void {
    for (const t of tasks) if (!t.dag && !t.dagUnknown) t.dagUnknown = `a dependency on a value airlint cannot resolve may attach it to a DAG (${reason})`;
  }

  private currentDag(): DagModel | null {
    const g = this.groupStack[this.groupStack.length - 1];
    return g?.dag ?? this.dagStack[this.dagStack.length - 1] ?? null;
  }

  // ---------------------------------------------------------------- calls

  private evArgs(argList: Node | null, scope: Scope): CallArgs & { nodes: Map<Value, Node> } {
    const positional: Value[] = [];
    const kwargs = new Map<string, ArgSlot>();
    const nodes = new Map<Value, Node>();
    let splat: string | null = null;
    if (argList && typeOf(argList) === 'generator_expression') {
      const v = this.ev(argList, scope);
      positional.push(v);
      nodes.set(v, argList);
      return { positional, kwargs, splat, nodes };
    }
    for (const a of named(argList)) {
      const type = typeOf(a);
      if (type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text ?? '';
        const vn = a.childForFieldName('value');
        const v = vn ? this.ev(vn, scope) : unknown('missing value', rangeOf(a));
        kwargs.set(name, { name, value: v, loc: rangeOf(a) });
        if (vn) nodes.set(v, vn);
      } else if (type === 'dictionary_splat') {
        const inner = named(a)[0];
        const v = inner ? this.ev(inner, scope) : unknown('empty splat', rangeOf(a));
        if (v.k === 'known' && v.py.t === 'dict') {
          for (const e of v.py.entries) kwargs.set(e.key, { name: e.key, value: e.value, loc: e.loc ?? rangeOf(a) });
          if (v.py.open) splat = `**${inner?.text}: ${v.py.open}`;
        } else splat = `**${inner?.text ?? ''} cannot be known${v.k === 'unknown' ? ` (${v.reason})` : ''}`;
      } else if (type === 'list_splat') {
        const inner = named(a)[0];
        const v = inner ? this.ev(inner, scope) : unknown('empty splat', rangeOf(a));
        const items = this.iterate(v);
        if (items) positional.push(...items);
        else splat ??= `*${inner?.text ?? ''} cannot be known`;
      } else {
        const v = this.ev(a, scope);
        positional.push(v);
        nodes.set(v, a);
      }
    }
    return { positional, kwargs, splat, nodes };
  }

  private evCall(node: Node, scope: Scope): Value {
    const loc = rangeOf(node);
    const fnNode = node.childForFieldName('function');
    const argNode = node.childForFieldName('arguments');
    if (!fnNode) return unknown('incomplete call', loc);

    // Method calls on known values: evaluate the object once, then dispatch on the method name.
    if (typeOf(fnNode) === 'attribute') {
      const objNode = fnNode.childForFieldName('object');
      const method = fnNode.childForFieldName('attribute')?.text ?? '';
      const obj = objNode ? this.ev(objNode, scope) : unknown('incomplete call', loc);
      const args = this.evArgs(argNode, scope);
      if (obj.k === 'unknown') return unknown(obj.clock ? obj.reason : `call to .${method}() on a value that cannot be known`, loc, !!obj.clock);
      if (obj.py.t !== 'ref') return this.callMethod(obj, method, args, node, loc);
      const qname = obj.py.qname;
      if (method === 'partial' && airflowOperatorKind(qname)) return known({ t: 'partial', target: obj, kwargs: args.kwargs, splat: args.splat, loc }, loc);
      return this.callValue(known({ t: 'ref', qname: `${qname}.${method}` }, rangeOf(fnNode)), args, node, loc);
    }
    const callee = this.ev(fnNode, scope);
    const args = this.evArgs(argNode, scope);
    return this.callValue(callee, args, node, loc);
  }

  private callMethod(obj: Known, method: string, args: CallArgs & { nodes: Map<Value, Node> }, node: Node, loc: Range): Value {
    const py = obj.py;
    switch (py.t) {
      case 'task':
      case 'group': {
        if (py.t === 'task' && (method === 'as_setup' || method === 'as_teardown')) {
          py.task.role = method === 'as_setup' ? 'setup' : 'teardown';
          // BaseOperator.as_teardown() sets trigger_rule=ALL_DONE_SETUP_SUCCESS.
          if (method === 'as_teardown') py.task.args.kwargs.set('trigger_rule', { name: 'trigger_rule', value: known({ t: 'str', v: 'all_done_setup_success' }, loc), loc });
          const setups = args.kwargs.get('setups')?.value;
          if (method === 'as_teardown' && setups) this.connect(setups, obj, loc, '>>');
          return obj;
        }
        if (method === 'set_downstream' || method === 'set_upstream') {
          const other = args.positional[0] ?? unknown('missing argument', loc);
          if (method === 'set_downstream') this.connect(obj, other, loc, 'set_downstream');
          else this.connect(other, obj, loc, 'set_upstream');
          return known(NONE, loc);
        }
        return unknown(`result of .${method}()`, loc);
      }
      case 'taskflow':
        if (method === 'override') {
          const kwargs = new Map(py.kwargs);
          for (const [k, v] of args.kwargs) kwargs.set(k, v);
          return known({ ...py, kwargs }, loc);
        }
        if (method === 'partial') return known({ t: 'partial', target: obj, kwargs: args.kwargs, splat: args.splat, loc }, loc);
        if (method === 'expand' || method === 'expand_kwargs') return this.callTaskflow(py, args, node, loc, true, null);
        return unknown(`result of .${method}()`, loc);
      case 'groupfactory':
        if (method === 'override') {
          const kwargs = new Map(py.kwargs);
          for (const [k, v] of args.kwargs) kwargs.set(k, v);
          return known({ ...py, kwargs }, loc);
        }
        if (method === 'expand' || method === 'expand_kwargs') return this.callGroupFactory(py, args, loc, true);
        return unknown(`result of .${method}()`, loc);
      case 'class':
        if (method === 'partial' && py.cls.operatorKind) return known({ t: 'partial', target: obj, kwargs: args.kwargs, splat: args.splat, loc }, loc);
        return unknown(`call to ${py.cls.name}.${method}()`, loc);
      case 'partial':
        if (method === 'expand' || method === 'expand_kwargs') return this.expandPartial(py, args, node, loc);
        if (method === 'partial') return unknown('partial of a partial', loc);
        return unknown(`result of .${method}()`, loc);
      case 'dag': {
        if (method === 'add_task' || method === 'add_tasks') {
          const arg = args.positional[0] ?? args.kwargs.get(method === 'add_task' ? 'task' : 'tasks')?.value;
          const items = arg?.k === 'known' && arg.py.t === 'list' ? arg.py.items : arg ? [arg] : [];
          for (const item of items) {
            if (item.k === 'known' && item.py.t === 'task') this.attach(item.py.task, py.dag);
            else py.dag.incomplete.push(`line ${loc.line}: ${method}() of a value airlint cannot resolve`);
          }
          return known(NONE, loc);
        }
        if (method === 'set_dependency') {
          const [up, down] = args.positional.map((v) => strOf(v));
          const find = (id: string | undefined): TaskModel | undefined => (id === undefined ? undefined : py.dag.tasks.find((t) => strOf(t.taskId) === id));
          const a = find(up);
          const b = find(down);
          if (a && b) this.addEdge(a, b, loc, 'set_downstream');
          else this.markIncomplete(loc, 'set_dependency() with task ids that cannot be resolved');
          return known(NONE, loc);
        }
        return unknown(`result of dag.${method}()`, loc);
      }
      default:
        if (py.t === 'instance') this.recordCall(`${py.qname}.${method}`, args, loc);
        return evalMethod(obj, method, args, loc, this.conditional > 0);
    }
  }

  private callValue(callee: Value, args: CallArgs & { nodes: Map<Value, Node> }, node: Node, loc: Range): Value {
    if (callee.k === 'unknown') return this.maybeTask(null, args, node, loc, `call to something airlint cannot resolve (${callee.reason})`);
    const py = callee.py;
    switch (py.t) {
      case 'ref':
        return this.callRef(py.qname, args, node, loc);
      case 'class':
        if (py.cls.operatorKind) return this.createOperatorTask(py.cls.qname, py.cls.operatorKind, args, node, loc, { local: py.cls });
        return this.maybeTask(py.cls.qname, args, node, loc, `instance of class ${py.cls.name}`);
      case 'func':
        return this.callFunction(py.fn, args, loc);
      case 'taskflow':
        return this.callTaskflow(py, args, node, loc, false, null);
      case 'dagfactory':
        return this.callDagFactory(py, args, loc);
      case 'groupfactory':
        return this.callGroupFactory(py, args, loc, false);
      case 'instance': {
        // A configured decorator applied by hand: `task(retries=2)(fn)`.
        const fn = args.positional[0];
        if (fn?.k === 'known' && fn.py.t === 'func' && args.positional.length === 1) return this.applyDecorator(callee, fn, fn.py.fn, loc);
        return unknown(`call of ${py.qname}(...)(...)`, loc);
      }
      case 'partial':
        return unknown('call of a partial', loc);
      default:
        return unknown(`call of a ${py.t}`, loc);
    }
  }

  private callRef(qname: string, args: CallArgs & { nodes: Map<Value, Node> }, node: Node, loc: Range): Value {
    if (isDagClass(qname)) return this.createDag(args, node, loc, 'constructor');
    if (isTaskGroupClass(qname)) return this.createGroup(args, loc, null);
    if (isDagDecorator(qname) || isTaskGroupDecorator(qname) || taskDecoratorKind(qname) || setupTeardownRole(qname)) {
      // `task(fn)` applies the decorator by hand; `task(retries=2)` configures it.
      const fn = args.positional[0];
      if (fn?.k === 'known' && fn.py.t === 'func' && args.positional.length === 1 && args.kwargs.size === 0) {
        return this.applyDecorator(known({ t: 'ref', qname }, loc), fn, fn.py.fn, loc);
      }
      return known({ t: 'instance', qname, args: withoutNodes(args) }, loc);
    }
    if (isXComArgClass(qname)) {
      const t = args.positional[0] ?? args.kwargs.get('operator')?.value;
      if (t?.k === 'known' && t.py.t === 'task') return known({ t: 'task', task: t.py.task, xcom: true }, loc);
      return unknown('XComArg of a value that cannot be known', loc);
    }
    if (isEdgeLabel(qname)) return known({ t: 'label', upstream: [] }, loc);
    const chain = chainFunction(qname);
    if (chain) {
      this.chain(chain, args.positional, loc);
      return known(NONE, loc);
    }
    if (isClockCall(qname)) return unknown(`${qname.replace(/^builtins\./, '')}() depends on the clock at parse time`, loc, true);
    const op = airflowOperatorKind(qname);
    if (op) return this.createOperatorTask(qname, op, args, node, loc, {});
    if (qname === 'builtins.globals') return known({ t: 'globals' }, loc);
    this.recordCall(qname, args, loc);
    const folded = evalBuiltin(qname, args, loc);
    if (folded) return folded;
    return this.maybeTask(qname, args, node, loc, `call to ${qname.replace(/^builtins\./, '')}()`);
  }

  /** Every call the file makes while Airflow imports it (module level, DAG bodies, factories). */
  private recordCall(qname: string, args: CallArgs, loc: Range): void {
    if (qname.startsWith('builtins.')) return;
    this.model.calls.push({ qname, loc, args, inDag: this.currentDag() !== null, inFunction: this.callStack.length > 0 });
  }

  /** Any call with `task_id=` is a task (a custom operator airlint cannot see); anything else is unknown. */
  private maybeTask(qname: string | null, args: CallArgs & { nodes: Map<Value, Node> }, node: Node, loc: Range, reason: string): Value {
    const name = qname ?? node.childForFieldName('function')?.text ?? 'operator';
    // A class called with task_id= is an operator; a plain function taking task_id= (a config helper
    // such as sagemaker's deploy_config_from_estimator) is one only where a DAG could receive it.
    const looksLikeClass = /^[A-Z]/.test(name.split('.').pop() ?? '');
    if (args.kwargs.has('task_id') && !qname?.startsWith('builtins.') && (looksLikeClass || this.currentDag())) {
      return this.createOperatorTask(name, 'unknown', args, node, loc, { opaque: `${name} is not an Airflow class airlint knows; it may set defaults of its own` });
    }
    this.scanXcomArgs(args, null, node);
    for (const v of [...args.positional, ...[...args.kwargs.values()].map((a) => a.value)]) {
      if (v.k === 'known' && v.py.t === 'dag') v.py.dag.incomplete.push(`line ${loc.line}: passed to ${name}(), which may add tasks`);
    }
    const dag = this.currentDag();
    if (dag && mayCreateTasks(qname)) dag.incomplete.push(`line ${loc.line}: ${reason} may create tasks or dependencies`);
    return unknown(reason, loc);
  }

  private callFunction(fn: FunctionInfo, args: CallArgs, loc: Range): Value {
    const handle = fn.handle as FunctionHandle;
    if (fn.decorators.length > 0) return unknown(`call to decorated function ${fn.name}()`, loc);
    if (!this.mayInline(fn)) return unknown(`recursive or deeply nested call to ${fn.name}()`, loc);
    const scope = new Scope(handle.scope, 'function');
    this.bindParameters(handle, args, scope, fn.name);
    const returned = this.runBody(fn, scope, loc);
    if (!returned) return known(NONE, loc);
    return returned.k === 'known' ? returned : { ...returned, loc: returned.loc ?? loc };
  }

  private mayInline(fn: FunctionInfo): boolean {
    return !this.callStack.includes(fn) && this.callStack.length < MAX_CALL_DEPTH;
  }

  /** Runs an inlined function body at a call site; the value of its `return`, or null when it falls off the end. */
  private runBody(fn: FunctionInfo, scope: Scope, site: Range): Value | null {
    const handle = fn.handle as FunctionHandle;
    this.callStack.push(fn);
    this.callSites.push(site);
    try {
      this.execBlock(named(handle.node.childForFieldName('body')), scope);
      return null;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.callStack.pop();
      this.callSites.pop();
    }
  }

  private bindParameters(handle: FunctionHandle, args: CallArgs, scope: Scope, fnName: string, asUnknown?: string): void {
    const params = named(handle.node.childForFieldName('parameters'));
    const positional = [...args.positional];
    const usedKw = new Set<string>();
    for (const p of params) {
      let name: string | undefined;
      if (typeOf(p) === 'identifier') name = p.text;
      else if (typeOf(p) === 'typed_parameter') name = named(p).find((c) => typeOf(c) === 'identifier')?.text;
      else if (typeOf(p) === 'default_parameter' || typeOf(p) === 'typed_default_parameter') name = p.childForFieldName('name')?.text;
      else if (typeOf(p) === 'list_splat_pattern' || (typeOf(p) === 'typed_parameter' && p.text.startsWith('*'))) {
        const n = named(p)[0]?.text;
        if (n) scope.bind(n, asUnknown ? unknown(asUnknown, null) : args.splat ? unknown(args.splat, null) : known({ t: 'list', items: positional.splice(0), tuple: true }, null));
        continue;
      } else if (typeOf(p) === 'dictionary_splat_pattern') {
        const n = named(p)[0]?.text;
        if (!n) continue;
        const entries = [...args.kwargs.values()].filter((s) => !usedKw.has(s.name)).map((s) => ({ key: s.name, value: s.value, loc: s.loc }));
        scope.bind(n, asUnknown ? unknown(asUnknown, null) : known({ t: 'dict', entries, open: args.splat }, null));
        continue;
      }
      if (!name) continue;
      if (asUnknown) {
        scope.bind(name, unknown(asUnknown, null));
        continue;
      }
      const kw = args.kwargs.get(name);
      if (positional.length > 0) scope.bind(name, positional.shift()!);
      else if (kw) {
        scope.bind(name, kw.value);
        usedKw.add(name);
      } else if (args.splat) scope.bind(name, unknown(`argument "${name}" of ${fnName}() may come from ${args.splat}`, null));
      else scope.bind(name, handle.defaults.get(name) ?? unknown(`argument "${name}" of ${fnName}() is missing`, null));
    }
  }

  // ---------------------------------------------------------------- DAGs, groups, tasks

  private createDag(args: CallArgs & { nodes?: Map<Value, Node> }, node: Node, loc: Range, form: DagModel['form']): Value {
    const idSlot = args.kwargs.get('dag_id');
    let dagId: Value;
    let idLoc: Range | null = null;
    if (idSlot) {
      dagId = idSlot.value;
      idLoc = idSlot.loc;
    } else if (args.positional[0]) {
      dagId = args.positional[0];
      const argNode = args.nodes?.get(dagId);
      idLoc = argNode ? rangeOf(argNode) : dagId.loc;
    } else dagId = unknown(args.splat ? `dag_id may come from ${args.splat}` : 'no dag_id given', loc);
    const dag = this.registerDag(dagId, idLoc, loc, form, args);
    if (node.parent?.type === 'as_pattern' || node.parent?.type === 'with_item') dag.form = 'with';
    return known({ t: 'dag', dag }, loc);
  }

  private registerDag(dagId: Value, idLoc: Range | null, loc: Range, form: DagModel['form'], args: CallArgs): DagModel {
    // DAG.__init__ deep-copies default_args: later mutations of the dict do not reach it.
    const da = args.kwargs.get('default_args');
    if (da && da.value.k === 'known' && da.value.py.t === 'dict') {
      args.kwargs.set('default_args', { ...da, value: known(dictCopy(da.value.py), da.value.loc) });
    }
    const dag: DagModel = { index: this.model.dags.length, dagId, loc, idLoc, form, args: withoutNodes(args), tasks: [], groups: [], edges: [], incomplete: [], branch: this.branch, repeated: this.unknownLoop > 0, callSite: this.callSites[0] ?? null };
    if (dagId.k === 'unknown') this.model.unknowns.push({ loc: idLoc ?? loc, what: 'dag_id', reason: dagId.reason });
    if (da && da.value.k === 'unknown') this.model.unknowns.push({ loc: da.loc, what: 'default_args', reason: da.value.reason });
    if (args.splat) this.model.unknowns.push({ loc, what: 'DAG arguments', reason: args.splat });
    this.model.dags.push(dag);
    this.usedIds.set(dag, new Set());
    return dag;
  }

  private callDagFactory(py: Extract<Py, { t: 'dagfactory' }>, args: CallArgs, loc: Range): Value {
    this.dagFunctions.set(py.fn, true);
    const idSlot = py.kwargs.get('dag_id');
    const fnName = known({ t: 'str', v: py.fn.name }, py.fn.loc);
    // Airflow 2's @dag uses `dag_id or f.__name__`; Airflow 3 rejects an empty dag_id.
    const falsy = idSlot?.value.k === 'known' && truthy(idSlot.value.py) === false;
    const dagId = !idSlot || (falsy && this.airflowMajor !== 3) ? fnName : idSlot.value;
    const dagArgs: CallArgs = { positional: [], kwargs: new Map(py.kwargs), splat: null };
    const dag = this.registerDag(dagId, idSlot?.loc ?? py.fn.loc, py.loc, 'decorator', dagArgs);
    dag.callSite ??= loc;
    this.registered.add(dag);
    const handle = py.fn.handle as FunctionHandle;
    const scope = new Scope(handle.scope, 'function');
    // Inside a @dag function its parameters are DAG params, resolved only at run time.
    this.bindParameters(handle, args, scope, py.fn.name, 'a @dag function parameter (a DAG param, resolved at run time)');
    this.dagStack.push(dag);
    try {
      if (this.mayInline(py.fn)) this.runBody(py.fn, scope, loc);
      else dag.incomplete.push(`the @dag function ${py.fn.name}() calls itself`);
    } finally {
      this.dagStack.pop();
    }
    return known({ t: 'dag', dag }, loc);
  }

  private createGroup(args: CallArgs, loc: Range, forcedId: Value | null, suffixOnCollision = false): Value {
    const kw = (name: string, pos: number): Value | undefined => args.kwargs.get(name)?.value ?? args.positional[pos];
    const localId = forcedId ?? kw('group_id', 0) ?? unknown(args.splat ? `group_id may come from ${args.splat}` : 'no group_id given', loc);
    const idLoc = forcedId ? null : (args.kwargs.get('group_id')?.loc ?? (args.positional[0]?.loc ?? null));
    const prefix = kw('prefix_group_id', 1) ?? known({ t: 'bool', v: true }, null);
    const parentVal = kw('parent_group', 2);
    const dagVal = kw('dag', 3);
    let parent: GroupModel | null = this.groupStack[this.groupStack.length - 1] ?? null;
    if (parentVal?.k === 'known' && parentVal.py.t === 'group') parent = parentVal.py.group;
    let dag: DagModel | null = parent?.dag ?? this.dagStack[this.dagStack.length - 1] ?? null;
    if (dagVal?.k === 'known' && dagVal.py.t === 'dag') dag = dagVal.py.dag;
    const defaultArgsSlot = args.kwargs.get('default_args') ?? (args.positional[4] ? { value: args.positional[4] } : undefined);
    let defaultArgs: Value | null = defaultArgsSlot?.value ?? null;
    if (defaultArgs?.k === 'known' && defaultArgs.py.t === 'dict') defaultArgs = known(dictCopy(defaultArgs.py), defaultArgs.loc);
    const suffix = suffixOnCollision || truthy(args.kwargs.get('add_suffix_on_collision')?.value.k === 'known' ? (args.kwargs.get('add_suffix_on_collision')!.value as Known).py : NONE) === true;
    let groupId = this.childId(parent, localId);
    const used = dag ? this.usedIds.get(dag) : undefined;
    // Airflow 2 checks a nested group's bare id against the full ids already used in the DAG.
    const bare = strOf(localId);
    const collidesInAirflow2 = !suffix && !!parent && !!used && bare !== undefined && used.has(bare);
    let finalLocal = localId;
    if (suffix && used && groupId.k === 'known' && groupId.py.t === 'str' && used.has(groupId.py.v) && localId.k === 'known' && localId.py.t === 'str') {
      finalLocal = known({ t: 'str', v: nextSuffix(localId.py.v, used, groupId.py.v) }, localId.loc);
      groupId = this.childId(parent, finalLocal);
    }
    const group: GroupModel = {
      index: this.groupCounter++,
      seq: this.seq++,
      groupId,
      localId: finalLocal,
      idLoc,
      collidesInAirflow2,
      prefixGroupId: prefix,
      parent,
      dag,
      defaultArgs,
      loc,
      tasks: [],
      children: [],
    };
    if (parent) parent.children.push(group);
    if (dag) dag.groups.push(group);
    if (used && groupId.k === 'known' && groupId.py.t === 'str') used.add(groupId.py.v);
    if (groupId.k === 'unknown') this.model.unknowns.push({ loc, what: 'group_id', reason: groupId.reason });
    return known({ t: 'group', group }, loc);
  }

  private callGroupFactory(py: Extract<Py, { t: 'groupfactory' }>, args: CallArgs, loc: Range, mapped: boolean): Value {
    const fnName = py.fn.name;
    const idSlot = py.kwargs.get('group_id');
    const groupArgs: CallArgs = { positional: [], kwargs: new Map(py.kwargs), splat: null };
    // The @task_group decorator creates its TaskGroup with add_suffix_on_collision=True.
    const g = this.createGroup(groupArgs, loc, idSlot?.value ?? known({ t: 'str', v: fnName }, py.fn.loc), true);
    if (g.k !== 'known' || g.py.t !== 'group') return g;
    const group = g.py.group;
    group.idLoc = idSlot?.loc ?? py.fn.loc;
    const handle = py.fn.handle as FunctionHandle;
    const scope = new Scope(handle.scope, 'function');
    this.bindParameters(handle, args, scope, fnName, mapped ? 'a mapped task group argument' : undefined);
    this.groupStack.push(group);
    let returned: Value | null = null;
    try {
      if (this.mayInline(py.fn)) returned = this.runBody(py.fn, scope, loc);
      else group.dag?.incomplete.push(`the @task_group function ${fnName}() calls itself or nests too deeply`);
    } finally {
      this.groupStack.pop();
    }
    // A @task_group call returns what the function returns, or the group when that is None.
    if (returned && !(returned.k === 'known' && returned.py.t === 'none')) return returned;
    return g;
  }

  private childId(group: GroupModel | null, label: Value): Value {
    if (!group) return label;
    const prefix = group.prefixGroupId;
    const p = prefix.k === 'known' ? truthy(prefix.py) : undefined;
    if (p === undefined) return unknown('prefix_group_id cannot be known', group.loc);
    if (!p) return label;
    if (group.groupId.k === 'known' && group.groupId.py.t === 'none') return label;
    const gid = strOf(group.groupId);
    const l = strOf(label);
    if (gid === undefined) return unknown(`the task group id cannot be known`, label.loc);
    if (l === undefined) return label.k === 'unknown' ? label : unknown('id is not a string', label.loc);
    return known({ t: 'str', v: `${gid}.${l}` }, label.loc);
  }

  private placement(args: CallArgs): { dag: DagModel | null; dagUnknown: string | null; group: GroupModel | null } {
    const dagSlot = args.kwargs.get('dag');
    const groupSlot = args.kwargs.get('task_group');
    let group: GroupModel | null = this.groupStack[this.groupStack.length - 1] ?? null;
    let dag: DagModel | null = group?.dag ?? this.dagStack[this.dagStack.length - 1] ?? null;
    let dagUnknown: string | null = null;
    if (groupSlot) {
      const v = groupSlot.value;
      if (v.k === 'known' && v.py.t === 'group') {
        group = v.py.group;
        dag = group.dag ?? dag;
      } else if (v.k === 'known' && v.py.t === 'none') group = null;
    }
    if (dagSlot) {
      const v = dagSlot.value;
      if (v.k === 'known' && v.py.t === 'dag') {
        if (dag !== v.py.dag) group = group?.dag === v.py.dag ? group : null;
        dag = v.py.dag;
      } else if (v.k === 'known' && v.py.t === 'none') {
        dag = group?.dag ?? this.dagStack[this.dagStack.length - 1] ?? null;
      } else {
        dag = null;
        group = null;
        dagUnknown = `dag=${v.k === 'unknown' ? ` cannot be known (${v.reason})` : ' is not a DAG'}`;
      }
    } else if (!dag && args.splat) dagUnknown = `the DAG may come from ${args.splat}`;
    else if (!dag && this.opaqueContexts.length > 0) dagUnknown = `created inside \`with ${this.opaqueContexts[this.opaqueContexts.length - 1]}\`, which may be a DAG`;
    else if (!dag) {
      const da = args.kwargs.get('default_args')?.value;
      if (da && dictLookup(da, 'dag').state !== 'absent') dagUnknown = 'default_args may carry the DAG';
    }
    return { dag, dagUnknown, group };
  }

  private createOperatorTask(
    operator: string,
    kind: TaskKind,
    args: CallArgs & { nodes?: Map<Value, Node> },
    node: Node,
    loc: Range,
    cls: { local?: ClassInfo; opaque?: string },
    mapped = false,
  ): Value {
    const idSlot = args.kwargs.get('task_id');
    const localId = idSlot ? idSlot.value : unknown(args.splat ? `task_id may come from ${args.splat}` : 'no task_id given', loc);
    const task = this.registerTask({
      operator,
      kind,
      args,
      localId,
      idLoc: idSlot?.loc ?? null,
      loc,
      mapped,
      classMentions: cls.local?.mentions ?? null,
      classOpaque: cls.opaque ?? null,
      argsSource: mapped ? 'partial' : 'task',
      decorator: null,
    });
    if (args.nodes) this.scanXcomArgs(args, task, node);
    return known({ t: 'task', task, xcom: false }, loc);
  }

  private expandPartial(py: Extract<Py, { t: 'partial' }>, expandArgs: CallArgs & { nodes: Map<Value, Node> }, node: Node, loc: Range): Value {
    const target = py.target;
    const partialArgs: CallArgs & { nodes: Map<Value, Node> } = { positional: [], kwargs: py.kwargs, splat: py.splat, nodes: new Map() };
    if (target.k === 'known' && target.py.t === 'taskflow') {
      const merged = new Map(target.py.kwargs);
      const r = this.callTaskflow({ ...target.py, kwargs: merged }, expandArgs, node, loc, true, py.kwargs);
      return r;
    }
    let operator = 'operator';
    let kind: TaskKind = 'unknown';
    let local: ClassInfo | undefined;
    if (target.k === 'known' && target.py.t === 'class') {
      operator = target.py.cls.qname;
      kind = target.py.cls.operatorKind ?? 'unknown';
      local = target.py.cls;
    } else if (target.k === 'known' && target.py.t === 'ref') {
      operator = target.py.qname;
      kind = airflowOperatorKind(operator) ?? 'unknown';
    }
    const r = this.createOperatorTask(operator, kind, partialArgs, node, py.loc, local ? { local } : kind === 'unknown' ? { opaque: `${operator} is not an Airflow class airlint knows` } : {}, true);
    if (r.k === 'known' && r.py.t === 'task') this.scanXcomArgs(expandArgs, r.py.task, node);
    return r;
  }

  private callTaskflow(
    py: Extract<Py, { t: 'taskflow' }>,
    callArgs: CallArgs & { nodes?: Map<Value, Node> },
    node: Node,
    loc: Range,
    mapped: boolean,
    partialKwargs: Map<string, ArgSlot> | null,
  ): Value {
    // For TaskFlow, `.partial(...)` binds the Python function's own parameters (op_kwargs): they are
    // data passed to the function (and may carry XComArgs), never operator arguments.
    const kwargs = new Map(py.kwargs);
    if (partialKwargs) callArgs = { ...callArgs, kwargs: new Map([...partialKwargs, ...callArgs.kwargs]) };
    const idSlot = kwargs.get('task_id');
    const base = idSlot ? idSlot.value : known({ t: 'str', v: py.fn.name }, py.fn.loc);
    const args: CallArgs = { positional: [], kwargs, splat: null };
    const placement = this.placement(args);
    let localId = base;
    const used = placement.dag ? this.usedIds.get(placement.dag) : undefined;
    const baseStr = strOf(base);
    if (used && baseStr !== undefined) {
      const full = this.childId(placement.group, base);
      const fullStr = strOf(full);
      if (fullStr !== undefined && used.has(fullStr)) localId = known({ t: 'str', v: nextSuffix(baseStr, used, fullStr) }, base.loc);
    }
    const kind: TaskKind = py.kind === 'sensor' ? 'sensor' : 'taskflow';
    const task = this.registerTask({
      operator: 'taskflow',
      kind,
      args,
      localId,
      idLoc: idSlot?.loc ?? null,
      loc,
      mapped,
      classMentions: null,
      classOpaque: null,
      argsSource: 'decorator',
      decorator: py.kind === 'python' ? 'task' : `task.${py.kind}`,
      role: py.role ?? null,
    });
    // @teardown tasks get trigger_rule=ALL_DONE_SETUP_SUCCESS, like as_teardown().
    if (py.role === 'teardown' && !kwargs.has('trigger_rule')) kwargs.set('trigger_rule', { name: 'trigger_rule', value: known({ t: 'str', v: 'all_done_setup_success' }, py.loc), loc: py.loc });
    this.scanXcomArgs(callArgs, task, node);
    return known({ t: 'task', task, xcom: true }, loc);
  }

  private registerTask(t: {
    operator: string;
    kind: TaskKind;
    args: CallArgs;
    localId: Value;
    idLoc: Range | null;
    loc: Range;
    mapped: boolean;
    classMentions: Set<string> | null;
    classOpaque: string | null;
    argsSource: 'task' | 'decorator' | 'partial';
    decorator: string | null;
    role?: 'setup' | 'teardown' | null;
  }): TaskModel {
    const { dag, dagUnknown, group } = this.placement(t.args);
    const ownDa = t.args.kwargs.get('default_args')?.value ?? null;
    const task: TaskModel = {
      index: this.taskCounter++,
      seq: this.seq++,
      dag,
      dagUnknown,
      taskId: this.childId(group, t.localId),
      localId: t.localId,
      idLoc: t.idLoc,
      loc: t.loc,
      operator: t.operator,
      kind: t.kind,
      decorator: t.decorator,
      role: t.role ?? null,
      group,
      args: withoutNodes(t.args),
      argsSource: t.argsSource,
      ownDefaultArgs: ownDa?.k === 'known' && ownDa.py.t === 'dict' ? known(dictCopy(ownDa.py), ownDa.loc) : ownDa,
      dagDefaultArgs: snapshotDefaultArgs(dag),
      mapped: t.mapped,
      branch: this.branch,
      repeated: this.unknownLoop > 0,
      classMentions: t.classMentions,
      classOpaque: t.classOpaque,
    };
    if (task.taskId.k === 'unknown') this.model.unknowns.push({ loc: t.idLoc ?? t.loc, what: 'task_id', reason: task.taskId.reason });
    if (t.args.splat) this.model.unknowns.push({ loc: t.loc, what: 'task arguments', reason: t.args.splat });
    if (dag) {
      dag.tasks.push(task);
      const id = strOf(task.taskId);
      if (id !== undefined) this.usedIds.get(dag)?.add(id);
    } else this.model.looseTasks.push(task);
    if (group) group.tasks.push(task);
    return task;
  }

  /** TaskFlow data passing: XComArgs among a task's arguments (also inside lists and dicts) make edges. */
  private scanXcomArgs(args: CallArgs & { nodes?: Map<Value, Node> }, consumer: TaskModel | null, callNode: Node): void {
    const visit = (v: Value, at: Range, depth: number): void => {
      if (v.k !== 'known' || depth > 6) return;
      const py = v.py;
      if (py.t === 'task' && py.xcom) {
        if (consumer) this.addEdge(py.task, consumer, at, 'xcom');
      } else if (py.t === 'list') for (const i of py.items) visit(i, at, depth + 1);
      else if (py.t === 'dict') for (const e of py.entries) visit(e.value, at, depth + 1);
    };
    for (const v of args.positional) visit(v, rangeOf(args.nodes?.get(v) ?? callNode), 0);
    for (const s of args.kwargs.values()) visit(s.value, s.loc, 0);
  }

  private chain(kind: 'chain' | 'chain_linear' | 'cross_downstream', elements: Value[], loc: Range): void {
    if (kind === 'cross_downstream') {
      const [from, to] = elements;
      if (!from || !to) return;
      const froms = from.k === 'known' && from.py.t === 'list' ? from.py.items : [from];
      for (const f of froms) this.connect(f, to, loc, 'cross_downstream');
      return;
    }
    for (let i = 0; i + 1 < elements.length; i++) {
      const up = elements[i]!;
      const down = elements[i + 1]!;
      const upList = up.k === 'known' && up.py.t === 'list' ? up.py.items : null;
      const downList = down.k === 'known' && down.py.t === 'list' ? down.py.items : null;
      if (kind === 'chain' && upList && downList) {
        if (upList.length !== downList.length) {
          this.markIncomplete(loc, `chain() with lists of different lengths (${upList.length} and ${downList.length}) raises at import`);
          continue;
        }
        upList.forEach((u, j) => this.connect(u, downList[j]!, loc, 'chain'));
      } else this.connect(up, down, loc, kind);
    }
  }
}

/** Calls that certainly create no task: the standard library and Airflow's non-operator API. */
const INERT_MODULES = /^(builtins|os|sys|json|re|datetime|time|pendulum|logging|pathlib|math|random|uuid|typing|collections|functools|itertools|yaml|airflow)\./;

function mayCreateTasks(qname: string | null): boolean {
  return qname === null || !INERT_MODULES.test(qname);
}

/** BaseOperator merges the DAG's default_args when the task is built: later changes do not reach it. */
function snapshotDefaultArgs(dag: DagModel | null): Value | null {
  if (!dag) return null;
  const slot = dag.args.kwargs.get('default_args');
  if (!slot) return dag.args.splat ? unknown(`default_args may come from ${dag.args.splat}`, dag.loc) : null;
  const v = slot.value;
  return v.k === 'known' && v.py.t === 'dict' ? known(dictCopy(v.py), v.loc) : v;
}

/** Names a block assigns (not inside nested functions or classes): for loop bodies run many times. */
function assignedNames(block: Node | null): Set<string> {
  const out = new Set<string>();
  const visit = (n: Node, depth: number): void => {
    if (depth > 50) return;
    if (typeOf(n) === 'function_definition' || typeOf(n) === 'class_definition' || typeOf(n) === 'lambda') return;
    if (typeOf(n) === 'assignment' || typeOf(n) === 'augmented_assignment' || typeOf(n) === 'for_statement' || typeOf(n) === 'for_in_clause') {
      // Plain names and unpacking patterns; `d[k] = v` and `x.a = v` mutate rather than rebind.
      const bind = (t: Node | null): void => {
        if (!t) return;
        if (typeOf(t) === 'identifier') out.add(t.text);
        else if (/pattern|expression_list|^tuple$|^list$|list_splat/.test(typeOf(t))) for (const c of t.namedChildren) bind(c);
      };
      bind(n.childForFieldName('left'));
    } else if (typeOf(n) === 'named_expression') {
      const name = n.childForFieldName('name');
      if (name) out.add(name.text);
    } else if (typeOf(n) === 'as_pattern_target') out.add(n.text);
    for (const c of n.namedChildren) if (c) visit(c, depth + 1);
  };
  if (block) visit(block, 0);
  return out;
}

function groupsIn(v: Value): GroupModel[] {
  if (v.k !== 'known') return [];
  if (v.py.t === 'group') return [v.py.group];
  return v.py.t === 'list' ? v.py.items.flatMap(groupsIn) : [];
}

function allGroupTasks(group: GroupModel): TaskModel[] {
  return [...group.tasks, ...group.children.flatMap(allGroupTasks)];
}

/** Airflow's suffixing of repeated TaskFlow task ids and @task_group group ids: `name`, `name__1`, `name__2`... */
function nextSuffix(local: string, used: Set<string>, full: string): string {
  const core = local.replace(/__\d+$/, '');
  const fullCore = full.replace(/__\d+$/, '');
  let max = 0;
  const re = new RegExp(`^${escapeRegExp(fullCore)}__(\\d+)$`);
  for (const id of used) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${core}__${max + 1}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isTaskish(v: Value): boolean {
  if (v.k !== 'known') return false;
  const py = v.py;
  if (py.t === 'task' || py.t === 'group') return true;
  return py.t === 'list' && py.items.some(isTaskish);
}

function keyOf(v: Value): string | undefined {
  if (v.k !== 'known') return undefined;
  if (v.py.t === 'str') return v.py.v;
  return undefined;
}

/** Two bindings are "the same" when they are the same value, the same scalar, or the same Airflow import. */
export function sameBinding(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.k !== 'known' || b.k !== 'known') return false;
  const pa = a.py;
  const pb = b.py;
  if (pa.t === 'ref' && pb.t === 'ref') {
    if (pa.qname === pb.qname) return true;
    // try: from airflow.providers.standard... import X / except ImportError: from airflow.operators... import X
    const la = pa.qname.split('.').pop();
    return la === pb.qname.split('.').pop() && pa.qname.startsWith('airflow.') && pb.qname.startsWith('airflow.');
  }
  if ((pa.t === 'str' && pb.t === 'str') || (pa.t === 'int' && pb.t === 'int') || (pa.t === 'bool' && pb.t === 'bool') || (pa.t === 'float' && pb.t === 'float')) return pa.v === pb.v;
  if (pa.t === 'none' && pb.t === 'none') return true;
  if (pa.t === 'task' && pb.t === 'task') return pa.task === pb.task;
  if (pa.t === 'dag' && pb.t === 'dag') return pa.dag === pb.dag;
  if (pa.t === 'group' && pb.t === 'group') return pa.group === pb.group;
  return false;
}

const BUILTINS = new Set([
  'dict', 'list', 'tuple', 'set', 'frozenset', 'range', 'str', 'int', 'float', 'bool', 'len', 'print', 'sorted', 'reversed',
  'enumerate', 'zip', 'globals', 'locals', 'min', 'max', 'sum', 'abs', 'round', 'open', 'isinstance', 'getattr', 'setattr',
  'hasattr', 'type', 'object', 'super', 'repr', 'map', 'filter', 'any', 'all', 'iter', 'next', 'Exception', 'ValueError',
  'KeyError', 'TypeError', 'ImportError', 'ModuleNotFoundError', 'RuntimeError', 'NotImplementedError', 'vars', 'id', 'hash',
  'format', 'chr', 'ord', 'callable', 'staticmethod', 'classmethod', 'property', 'exec', 'eval', 'compile', 'input', '__import__',
]);
