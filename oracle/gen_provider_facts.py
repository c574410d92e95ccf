#!/usr/bin/env python3
"""Operator knowledge for airlint: writes src/model/providers.data.ts.

Reads the wheels of Apache Airflow and of its providers straight from PyPI (``pip download
--no-deps``) and walks their source with Python's ``ast``: nothing is installed and nothing is
imported, so any Python 3 can run it and the result depends only on the pinned versions below.

For every operator, sensor and transfer class (public classes of modules inside an ``operators``,
``sensors`` or ``transfers`` package) it records:

* the qualified name (``<module>.<Class>``), and whether it is a sensor (``BaseSensorOperator`` in
  its resolved base-class chain; bases are followed across modules and packages);
* the keyword parameters of ``__init__``, merged along the method resolution order while an
  ``__init__`` passes ``**kwargs`` on, minus those a subclass binds itself in its ``super().__init__``
  call (``RedshiftSQLOperator`` passes ``conn_id=redshift_conn_id``), and stopping at Airflow's
  ``BaseOperator`` / ``BaseSensorOperator`` (their parameters are listed once, separately);
* the connection-id parameters (``^(?:[a-z0-9]+_)*conn_id$``) with their default id: literals,
  module constants (``DEFAULT_CONN_ID``), hook attributes (``AwsBaseHook.default_conn_name``) and
  ``NOTSET`` defaults whose fallback is written in the class (``if is_arg_set(x) ... else x =
  "aws_default"``) are resolved; ``None``, required and unresolvable defaults are ``null``;
* the IAM-role parameters (ROLE_PARAMS below, and any ``*_role_arn``), the literal default of
  ``wait_for_completion`` (``null`` when absent or not a boolean), whether ``deferrable`` exists, and
  ``template_fields`` (evaluated, including ``aws_template_fields(...)`` and ``*Base.template_fields``).

Older import paths become aliases of the canonical entry, from the source that declares them:
deprecation shim modules (a module-level ``warnings.warn`` plus re-exports), deprecated
subclasses that add nothing (``class EcsOperator(EcsRunTaskOperator)`` that only warns), Airflow 2's
``__deprecated_classes`` maps, Airflow 1.10's lazy ``_operators`` / ``_sensors`` maps, and the short
hand-written list HAND_ALIASES. Alias chains are followed to an entry; aliases to classes of
providers that are not read here are dropped.

Usage:
    python3 oracle/gen_provider_facts.py                  # download into a temp dir, write the TS file
    python3 oracle/gen_provider_facts.py --wheels DIR     # reuse (and fill) a wheel folder
    python3 oracle/gen_provider_facts.py --check          # exit 1 if the TS file is not up to date
    python3 oracle/gen_provider_facts.py --report         # also print unresolved names to stderr
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "model" / "providers.data.ts"

# (distribution, version, mode, why). Earlier sources win when two declare the same name.
#   full    - its classes become entries (and its shims become aliases)
#   aliases - only its deprecation shims and lazy-import maps are read
#   support - only used to resolve names that other sources import
SOURCES: list[tuple[str, str, str, str]] = [
    ("apache-airflow-providers-amazon", "9.39.0", "full", "newest Amazon provider (the oracle venvs pin it too)"),
    ("apache-airflow-providers-common-sql", "2.4.0", "full", "SQLExecuteQueryOperator and the SQL check operators"),
    ("apache-airflow-providers-standard", "1.21.0", "full", "Airflow 3 home of bash, python, empty, trigger, external task"),
    ("apache-airflow-providers-http", "6.3.0", "full", "HttpOperator, HttpSensor"),
    ("apache-airflow-providers-slack", "9.11.1", "full", "Slack operators and SQL-to-Slack transfers"),
    ("apache-airflow", "2.10.5", "full", "Airflow 2 core operators and sensors, BaseOperator parameters, deprecated-path maps"),
    ("apache-airflow-providers-common-compat", "1.23.0", "support", "resolves the compat re-exports providers import bases from"),
    ("apache-airflow-providers-amazon", "7.4.1", "full", "last 7.x: classes removed in 8.0.0 (RedshiftSQLOperator, ...)"),
    ("apache-airflow-providers-postgres", "5.14.0", "full", "last 5.x: PostgresOperator (removed in 6.0.0)"),
    ("apache-airflow-providers-http", "4.13.3", "aliases", "SimpleHttpOperator, a deprecated HttpOperator subclass"),
    ("apache-airflow-providers-amazon", "4.1.0", "full", "last 4.x: per-class modules and S3PrefixSensor, removed in 5.0.0"),
    ("apache-airflow", "2.0.2", "aliases", "airflow.contrib.* and *_operator shim modules"),
    ("apache-airflow", "1.10.15", "aliases", "Airflow 1 lazy imports (from airflow.operators import BashOperator)"),
]

# Hand-written aliases: old paths that none of the sources above declare in a form this script
# reads (a rename without a shim). (old qualified name, canonical qualified name, source of the fact)
HAND_ALIASES: list[tuple[str, str, str]] = [
    (
        "airflow.contrib.operators.hive_to_dynamodb.HiveToDynamoDBTransferOperator",
        "airflow.providers.amazon.aws.transfers.hive_to_dynamodb.HiveToDynamoDBOperator",
        "apache-airflow==1.10.15 airflow/contrib/operators/hive_to_dynamodb.py defines the class; "
        "apache-airflow==2.0.2 turns that module into a shim of the Amazon provider's HiveToDynamoDBOperator",
    ),
]

CONN_RE = re.compile(r"^(?:[a-z0-9]+_)*conn_id$")
ROLE_PARAMS = {
    "role_arn", "iam_role_arn", "iam_role_name", "execution_role_arn", "service_role", "role", "iam_roles",
    "default_iam_role_arn", "cluster_role_arn", "nodegroup_role_arn", "fargate_pod_execution_role_arn",
    "pod_execution_role_arn", "service_execution_role",
}
ROLE_RE = re.compile(r"(?:^|_)role_arns?$")
ROOTS = {"BaseOperator": "operator", "BaseSensorOperator": "sensor"}
KIND_DIRS = {"operators", "sensors", "transfers"}
# aws_template_fields() in airflow/providers/amazon/aws/utils/mixins.py (amazon 9.x): the generic AWS
# fields merged with the given ones, sorted.
AWS_TEMPLATE_FIELDS = ("aws_conn_id", "region_name", "verify")
MAX_DEPTH = 40


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN = _Sentinel("UNKNOWN")
NOTSET = _Sentinel("NOTSET")
REQUIRED = _Sentinel("REQUIRED")


# --------------------------------------------------------------------------------------------- wheels


def wheel_name(dist: str, version: str) -> str:
    return f"{dist.replace('-', '_')}-{version}-"


def fetch_wheels(folder: Path) -> dict[tuple[str, str], Path]:
    found: dict[tuple[str, str], Path] = {}
    for dist, version, _mode, _why in SOURCES:
        prefix = wheel_name(dist, version)
        have = sorted(p for p in folder.glob("*.whl") if p.name.startswith(prefix))
        if not have:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
                   "--disable-pip-version-check", "-d", str(folder), f"{dist}=={version}"]
            subprocess.run(cmd, check=True)
            have = sorted(p for p in folder.glob("*.whl") if p.name.startswith(prefix))
        if not have:
            sys.exit(f"no wheel for {dist}=={version} in {folder}")
        found[(dist, version)] = have[0]
    return found


# --------------------------------------------------------------------------------------------- model


@dataclass
class Source:
    index: int
    dist: str
    version: str
    mode: str
    zf: zipfile.ZipFile
    sha256: str
    modules: dict[str, str] = field(default_factory=dict)  # module name -> path in the wheel

    @property
    def label(self) -> str:
        return f"{self.dist}=={self.version}"


@dataclass
class Module:
    source: Source
    name: str
    path: str
    is_package: bool
    tree: ast.Module | None
    # name -> every binding of it at module level (version-gated imports give several), in source order
    symbols: dict[str, list[tuple[str, object]]] = field(default_factory=dict)


@dataclass(eq=False)
class ClassInfo:
    module: Module
    node: ast.ClassDef
    bases: list[object] = field(default_factory=list)  # ClassInfo | External
    attrs: dict[str, ast.expr] = field(default_factory=dict)
    methods: dict[str, ast.FunctionDef] = field(default_factory=dict)
    _mro: list[object] | None = None

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def qname(self) -> str:
        return f"{self.module.name}.{self.node.name}"


@dataclass(frozen=True)
class External:
    qname: str

    @property
    def name(self) -> str:
        return self.qname.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class ModuleRef:
    module: Module


class World:
    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.parsed: dict[tuple[int, str], Module | None] = {}
        self.classes: dict[int, ClassInfo] = {}
        self.warnings: list[str] = []

    # ---- modules

    def module(self, source: Source, name: str) -> Module | None:
        key = (source.index, name)
        if key in self.parsed:
            return self.parsed[key]
        path = source.modules.get(name)
        mod = None
        if path is not None:
            try:
                text = source.zf.read(path).decode("utf-8", errors="replace")
                tree = ast.parse(text, filename=path)
            except SyntaxError:
                tree = None
                self.warnings.append(f"{source.label}: cannot parse {path}")
            mod = Module(source, name, path, path.endswith("__init__.py"), tree)
            if tree is not None:
                self._collect_symbols(mod, tree.body)
        self.parsed[key] = mod
        return mod

    def _collect_symbols(self, mod: Module, body: list[ast.stmt]) -> None:
        def put(name: str, value: tuple[str, object]) -> None:
            mod.symbols.setdefault(name, []).append(value)

        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                put(stmt.name, ("class", stmt))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                put(stmt.name, ("func", stmt))
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        put(target.id, ("value", stmt.value))
                        if target.id == "_IMPORT_MAP":
                            self._collect_import_map(mod, stmt.value, put)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                put(stmt.target.id, ("value", stmt.value))
                if stmt.target.id == "_IMPORT_MAP":
                    self._collect_import_map(mod, stmt.value, put)
            elif isinstance(stmt, ast.ImportFrom):
                base = self.absolute_from(mod, stmt)
                for alias in stmt.names:
                    if alias.name != "*":
                        put(alias.asname or alias.name, ("import", f"{base}.{alias.name}"))
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:
                        put(alias.asname, ("import", alias.name))
                    else:
                        top = alias.name.split(".")[0]
                        put(top, ("import", top))
            elif isinstance(stmt, ast.If):
                self._collect_symbols(mod, stmt.body)
                self._collect_symbols(mod, stmt.orelse)
            elif isinstance(stmt, ast.Try):
                self._collect_symbols(mod, stmt.body)
                for handler in stmt.handlers:
                    self._collect_symbols(mod, handler.body)
                self._collect_symbols(mod, stmt.orelse)
            elif isinstance(stmt, ast.With):
                self._collect_symbols(mod, stmt.body)

    @staticmethod
    def _collect_import_map(mod: Module, value: ast.expr, put) -> None:
        """common-compat's lazy re-exports: ``_IMPORT_MAP = {"Name": ("new.module", "old.module"), ...}``."""
        try:
            table = ast.literal_eval(value)
        except ValueError:
            return
        if not isinstance(table, dict):
            return
        for name, paths in table.items():
            for path in (paths,) if isinstance(paths, str) else paths:
                if isinstance(name, str) and isinstance(path, str):
                    put(name, ("import", f"{path}.{name}"))

    @staticmethod
    def absolute_from(mod: Module, stmt: ast.ImportFrom) -> str:
        if not stmt.level:
            return stmt.module or ""
        parts = mod.name.split(".")
        if not mod.is_package:
            parts = parts[:-1]
        if stmt.level > 1:
            parts = parts[: len(parts) - (stmt.level - 1)]
        return ".".join(parts + ([stmt.module] if stmt.module else []))

    def search_order(self, prefer: Source) -> list[Source]:
        return [prefer] + [s for s in self.sources if s is not prefer]

    # ---- names

    def resolve_qualified(self, qname: str, prefer: Source, depth: int = 0) -> object:
        """A dotted name to a ClassInfo, ModuleRef, ('value', Module, expr) or External."""
        if depth > MAX_DEPTH:
            return External(qname)
        parts = qname.split(".")
        for source in self.search_order(prefer):
            for cut in range(len(parts), 0, -1):
                modname = ".".join(parts[:cut])
                if modname not in source.modules:
                    continue
                mod = self.module(source, modname)
                if mod is None:
                    continue
                ref: object = ModuleRef(mod)
                for attr in parts[cut:]:
                    ref = self.member(ref, attr, depth + 1)
                    if isinstance(ref, External):
                        break
                if isinstance(ref, External):
                    break  # found the module but not the member here: try the next source
                return ref
        return External(qname)

    def member(self, ref: object, attr: str, depth: int) -> object:
        if isinstance(ref, ModuleRef):
            return self.symbol(ref.module, attr, depth)
        if isinstance(ref, ClassInfo):
            found = self.class_attr(ref, attr)
            if found is not None:
                owner, expr = found
                return ("value", owner.module, expr)
        return External(f"{getattr(ref, 'qname', '?')}.{attr}")

    def symbol(self, mod: Module, name: str, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            return External(f"{mod.name}.{name}")
        entries = mod.symbols.get(name)
        if not entries:
            sub = f"{mod.name}.{name}"
            if mod.is_package and sub in mod.source.modules:
                submod = self.module(mod.source, sub)
                if submod is not None:
                    return ModuleRef(submod)
            return External(sub)
        first: object = None
        for entry in entries:  # the first binding that resolves wins (airflow.sdk first, then Airflow 2)
            ref = self._binding(mod, name, entry, depth)
            if not isinstance(ref, External):
                return ref
            first = first or ref
        return first

    def _binding(self, mod: Module, name: str, entry: tuple[str, object], depth: int) -> object:
        kind, payload = entry
        if kind == "class":
            assert isinstance(payload, ast.ClassDef)
            return self.class_info(mod, payload)
        if kind == "value":
            return ("value", mod, payload)
        if kind == "import":
            assert isinstance(payload, str)
            return self.resolve_qualified(payload, mod.source, depth + 1)
        return External(f"{mod.name}.{name}")

    def resolve_expr(self, expr: ast.expr, mod: Module, depth: int = 0) -> object:
        if isinstance(expr, ast.Subscript):  # Generic[...] bases, AwsBaseOperator[EmrHook]
            return self.resolve_expr(expr.value, mod, depth)
        if isinstance(expr, ast.Name):
            return self.symbol(mod, expr.id, depth)
        if isinstance(expr, ast.Attribute):
            base = self.resolve_expr(expr.value, mod, depth + 1)
            if isinstance(base, External):
                return External(f"{base.qname}.{expr.attr}")
            return self.member(base, expr.attr, depth + 1)
        return External(ast.unparse(expr))

    # ---- classes

    def class_info(self, mod: Module, node: ast.ClassDef) -> ClassInfo:
        key = id(node)
        info = self.classes.get(key)
        if info is not None:
            return info
        info = ClassInfo(mod, node)
        self.classes[key] = info
        for stmt in node.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        info.attrs.setdefault(target.id, stmt.value)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                info.attrs.setdefault(stmt.target.id, stmt.value)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                info.methods.setdefault(stmt.name, stmt)  # type: ignore[arg-type]
        if node.name not in ROOTS:
            for base in node.bases:
                ref = self.resolve_expr(base, mod)
                if isinstance(ref, ClassInfo) and ref is not info:
                    info.bases.append(ref)
                elif isinstance(ref, External):
                    info.bases.append(ref)
                elif isinstance(ref, tuple):  # a base bound to an expression (rare): keep its text
                    info.bases.append(External(ast.unparse(base)))
        return info

    def mro(self, info: ClassInfo) -> list[object]:
        if info._mro is not None:
            return info._mro
        info._mro = [info]  # guard against cycles while computing
        seqs = [self.mro(b) if isinstance(b, ClassInfo) else [b] for b in info.bases]
        seqs = [list(s) for s in seqs] + [list(info.bases)]
        result: list[object] = [info]
        while True:
            seqs = [s for s in seqs if s]
            if not seqs:
                break
            for seq in seqs:
                head = seq[0]
                if not any(head in s[1:] for s in seqs):
                    break
            else:  # no consistent order: fall back to depth-first, first occurrence
                for seq in seqs:
                    for item in seq:
                        if item not in result:
                            result.append(item)
                break
            result.append(head)
            for s in seqs:
                if s and s[0] == head:
                    del s[0]
        info._mro = result
        return result

    def class_attr(self, info: ClassInfo, name: str) -> tuple[ClassInfo, ast.expr] | None:
        for cls in self.mro(info):
            if isinstance(cls, ClassInfo) and name in cls.attrs:
                return cls, cls.attrs[name]
        return None

    # ---- values

    def evaluate(self, expr: ast.expr, mod: Module, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            return UNKNOWN
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            items: list[object] = []
            for elt in expr.elts:
                if isinstance(elt, ast.Starred):
                    inner = self.evaluate(elt.value, mod, depth + 1)
                    if not isinstance(inner, (tuple, list, set, frozenset)):
                        return UNKNOWN
                    items.extend(sorted(inner) if isinstance(inner, (set, frozenset)) else inner)
                else:
                    value = self.evaluate(elt, mod, depth + 1)
                    if value is UNKNOWN:
                        return UNKNOWN
                    items.append(value)
            if isinstance(expr, ast.Set):
                return frozenset(items)
            return tuple(items) if isinstance(expr, ast.Tuple) else list(items)
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
            value = self.evaluate(expr.operand, mod, depth + 1)
            return -value if isinstance(value, (int, float)) and not isinstance(value, bool) else UNKNOWN
        if isinstance(expr, ast.BinOp):
            left = self.evaluate(expr.left, mod, depth + 1)
            right = self.evaluate(expr.right, mod, depth + 1)
            if left is UNKNOWN or right is UNKNOWN:
                return UNKNOWN
            try:
                if isinstance(expr.op, ast.Add):
                    if isinstance(left, (tuple, list)) and isinstance(right, (tuple, list)):
                        return tuple(left) + tuple(right)
                    if isinstance(left, str) and isinstance(right, str):
                        return left + right
                numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
                if numbers and isinstance(expr.op, (ast.Mult, ast.Sub)):  # poke_interval = 60 * 3
                    return left * right if isinstance(expr.op, ast.Mult) else left - right  # type: ignore[operator]
                if isinstance(expr.op, ast.BitOr) and isinstance(left, (set, frozenset)):
                    return frozenset(left) | frozenset(right)  # type: ignore[arg-type]
            except TypeError:
                return UNKNOWN
            return UNKNOWN
        if isinstance(expr, ast.Call):
            func = expr.func
            fname = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            args = [self.evaluate(a.value if isinstance(a, ast.Starred) else a, mod, depth + 1) for a in expr.args]
            if any(a is UNKNOWN for a in args) or expr.keywords:
                return UNKNOWN
            flat: list[object] = []
            for node, value in zip(expr.args, args):
                if isinstance(node, ast.Starred):
                    if not isinstance(value, (tuple, list, set, frozenset)):
                        return UNKNOWN
                    flat.extend(value)
                else:
                    flat.append(value)
            if fname == "union" and isinstance(func, ast.Attribute):
                receiver = self.evaluate(func.value, mod, depth + 1)
                if isinstance(receiver, (set, frozenset)) and all(isinstance(a, (tuple, list, set, frozenset)) for a in flat):
                    out = frozenset(receiver)
                    for a in flat:
                        out |= frozenset(a)  # type: ignore[arg-type]
                    return out
                return UNKNOWN
            if fname == "aws_template_fields":
                if not all(isinstance(a, str) for a in flat):
                    return UNKNOWN
                return tuple(sorted(set(AWS_TEMPLATE_FIELDS) | set(flat)))  # type: ignore[arg-type]
            if fname in ("tuple", "list", "set", "frozenset", "sorted") and len(flat) <= 1:
                seq = flat[0] if flat else ()
                if not isinstance(seq, (tuple, list, set, frozenset)):
                    return UNKNOWN
                if fname in ("set", "frozenset"):
                    return frozenset(seq)
                if fname == "sorted":
                    return sorted(seq)  # type: ignore[type-var]
                return tuple(sorted(seq) if isinstance(seq, (set, frozenset)) else seq)
            return UNKNOWN
        if isinstance(expr, (ast.Name, ast.Attribute)):
            last = expr.id if isinstance(expr, ast.Name) else expr.attr
            if last == "NOTSET":
                return NOTSET
            ref = self.resolve_expr(expr, mod, depth + 1)
            if isinstance(ref, tuple) and ref[0] == "value":
                _, owner, value_expr = ref
                return self.evaluate(value_expr, owner, depth + 1)
            if isinstance(ref, External) and ref.name == "NOTSET":
                return NOTSET
            return UNKNOWN
        return UNKNOWN


# --------------------------------------------------------------------------------------------- facts


@dataclass
class Facts:
    qname: str
    kind: str
    source: int
    conn: list[tuple[str, str | None]]
    roles: list[str]
    wait: bool | None
    deferrable: bool
    params: list[str]
    template_fields: list[str]


def init_params(fn: ast.FunctionDef) -> tuple[list[tuple[str, ast.expr | None]], bool]:
    args = fn.args
    out: list[tuple[str, ast.expr | None]] = []
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults):
        if arg.arg not in ("self", "cls"):
            out.append((arg.arg, default))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        out.append((arg.arg, default))
    return out, args.kwarg is not None


def super_bound_keywords(fn: ast.FunctionDef) -> set[str]:
    """Names a subclass passes itself to the parent ``__init__`` (``super().__init__(conn_id=...)``)."""
    bound: set[str] = set()
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr != "__init__":
            continue
        target = node.func.value
        is_super = isinstance(target, ast.Call) and isinstance(target.func, ast.Name) and target.func.id == "super"
        is_explicit = isinstance(target, (ast.Name, ast.Attribute))
        if is_super or is_explicit:
            for kw in node.keywords:
                if kw.arg is not None:
                    bound.add(kw.arg)
    return bound


def is_root(item: object) -> bool:
    """Airflow's BaseOperator / BaseSensorOperator, or an operator class of a package not read here
    (``KubernetesPodOperator``, the common-compat ``BaseBranchOperator``): the parameter walk stops there."""
    name = getattr(item, "name", None)
    if name in ROOTS:
        return True
    return isinstance(item, External) and isinstance(name, str) and name.endswith(("Operator", "Sensor"))


def root_kind(item: object) -> str:
    name = getattr(item, "name", "")
    return "sensor" if name == "BaseSensorOperator" or (isinstance(item, External) and "Sensor" in name) else "operator"


def refers_to(expr: ast.expr, pname: str) -> bool:
    if isinstance(expr, ast.Name):
        return expr.id == pname
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr in (pname, f"_{pname}")
    return False


def unset_branch(test: ast.expr, pname: str) -> str | None:
    """Which branch of ``if <test>`` runs when parameter ``pname`` was not given (NOTSET)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = unset_branch(test.operand, pname)
        return {"body": "orelse", "orelse": "body"}.get(inner or "")
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.args and refers_to(test.args[0], pname):
        if test.func.id == "is_arg_set":
            return "orelse"
        if test.func.id == "isinstance" and len(test.args) == 2 and ast.unparse(test.args[1]).endswith("ArgNotSet"):
            return "body"
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and refers_to(test.left, pname):
        right = ast.unparse(test.comparators[0])
        if right.endswith("NOTSET"):
            if isinstance(test.ops[0], ast.Is):
                return "body"
            if isinstance(test.ops[0], ast.IsNot):
                return "orelse"
    return None


def statement_lists(fn: ast.AST):
    for node in ast.walk(fn):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def first_fallback(stmts: list[ast.stmt]) -> object:
    for stmt in stmts:
        value = None
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.Return)):
            value = stmt.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
            return ("param", value.attr.lstrip("_"))
    return None


def notset_fallback(world: World, info: ClassInfo, pname: str) -> object:
    for cls in world.mro(info):
        if not isinstance(cls, ClassInfo) or is_root(cls):
            continue
        for fn in cls.methods.values():
            for block in statement_lists(fn):
                for i, stmt in enumerate(block):
                    if not isinstance(stmt, ast.If):
                        continue
                    branch = unset_branch(stmt.test, pname)
                    if branch is None:
                        continue
                    if branch == "orelse":
                        stmts = stmt.orelse
                        if not stmts and stmt.body and isinstance(stmt.body[-1], ast.Return):
                            stmts = block[i + 1:]
                    else:
                        stmts = stmt.body
                    found = first_fallback(stmts)
                    if found is not None:
                        return found
    return None


def trivial_alias_base(world: World, info: ClassInfo, need_marker: bool) -> object | None:
    """The base of a deprecated subclass that adds nothing (``class EcsOperator(EcsRunTaskOperator)``)."""
    node = info.node
    if len(node.bases) != 1:
        return None
    marker = any("deprecat" in ast.unparse(d).lower() for d in node.decorator_list)
    doc = ast.get_docstring(node) or ""
    if "deprecated" in doc.lower():
        marker = True
    for stmt in node.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            continue
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            args = stmt.args
            if args.kwonlyargs or args.posonlyargs or len(args.args) != 1 or args.defaults:
                return None
            for inner in stmt.body:
                if isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Constant):
                    continue
                if not (isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call)):
                    return None
                call = inner.value
                text = ast.unparse(call.func)
                if text.endswith("warn"):
                    marker = True
                    continue
                if text.endswith("__init__") and all(isinstance(a, ast.Starred) for a in call.args) and all(
                    k.arg is None for k in call.keywords
                ):
                    continue
                return None
            continue
        return None
    if need_marker and not marker:
        return None
    base = info.bases[0] if info.bases else None
    return base


Params = dict[str, tuple[ast.expr | None, Module]]


def collect_params(world: World, info: ClassInfo) -> Params:
    """Keyword parameters along the MRO, most derived first, each with its default and module."""
    params: Params = {}
    consumed: set[str] = set()
    for cls in world.mro(info):
        if is_root(cls) or not isinstance(cls, ClassInfo):
            continue
        fn = cls.methods.get("__init__")
        if fn is None:
            continue
        names, passes_kwargs = init_params(fn)
        for name, default in names:
            if name not in params and name not in consumed:
                params[name] = (default, cls.module)
        consumed |= super_bound_keywords(fn)
        if not passes_kwargs:
            break
    return params


def param_default(world: World, info: ClassInfo, params: Params, name: str, seen: frozenset[str] = frozenset()) -> object:
    """The default of a parameter: a value, REQUIRED, UNKNOWN, or NOTSET's fallback when the class writes one."""
    default, owner = params[name]
    if default is None:
        return REQUIRED
    value = world.evaluate(default, owner)
    if value is NOTSET and name not in seen:
        fallback = notset_fallback(world, info, name)
        if isinstance(fallback, str):
            return fallback
        if isinstance(fallback, tuple) and fallback[1] in params:
            return param_default(world, info, params, fallback[1], seen | {name})
    return value


def compute_facts(world: World, info: ClassInfo, source_index: int) -> Facts | None:
    roots = [c for c in world.mro(info) if is_root(c)]
    if not roots:
        return None
    kind = "sensor" if any(root_kind(c) == "sensor" for c in roots) else "operator"
    for c in roots:
        if isinstance(c, External) and c.name not in ROOTS:
            world.warnings.append(f"{info.qname}: base {c.qname} not read; its parameters are missing")

    params = collect_params(world, info)

    def default_of(name: str) -> object:
        return param_default(world, info, params, name)

    conn: list[tuple[str, str | None]] = []
    for name in params:
        if CONN_RE.match(name):
            value = default_of(name)
            if isinstance(value, str):
                conn.append((name, value))
            else:
                if value not in (None, REQUIRED):
                    world.warnings.append(f"{info.qname}: default of {name} not resolved ({value!r})")
                conn.append((name, None))
    wait = None
    if "wait_for_completion" in params:
        value = default_of("wait_for_completion")
        wait = value if isinstance(value, bool) else None

    tf: list[str] = []
    found = world.class_attr(info, "template_fields")
    if found is not None:
        owner, expr = found
        value = world.evaluate(expr, owner.module)
        if isinstance(value, str):
            value = (value,)
        if isinstance(value, (tuple, list, set, frozenset)) and all(isinstance(v, str) for v in value):
            tf = sorted(value) if isinstance(value, (set, frozenset)) else list(value)  # type: ignore[arg-type]
        else:
            world.warnings.append(f"{info.qname}: template_fields not resolved ({ast.unparse(expr)[:80]})")
    tf = list(dict.fromkeys(tf))

    names = list(params)
    roles = [n for n in names if n in ROLE_PARAMS or ROLE_RE.search(n)]
    return Facts(info.qname, kind, source_index, conn, roles, wait, "deferrable" in params, names, tf)


# --------------------------------------------------------------------------------------------- walking


def module_kind_dir(modname: str) -> bool:
    parts = modname.split(".")
    return bool(KIND_DIRS & set(parts[:-1] if len(parts) > 1 else ())) and not {"example_dags", "tests"} & set(parts)


def worth_reading(modname: str) -> bool:
    """Modules that may hold operators or declare aliases of them (the rest are parsed on demand)."""
    parts = modname.split(".")
    return bool(KIND_DIRS & set(parts)) and not {"example_dags", "tests"} & set(parts)


def has_module_warning(tree: ast.Module) -> bool:
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            if ast.unparse(stmt.value.func).endswith("warn"):
                return True
    return False


def shim_aliases(world: World, mod: Module) -> list[tuple[str, str, str]]:
    """Aliases a module declares: re-exports of a deprecation shim, and deprecated-class maps."""
    out: list[tuple[str, str, str]] = []
    tree = mod.tree
    if tree is None:
        return out
    label = f"{mod.source.label} {mod.path}"
    if has_module_warning(tree):
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom):
                base = World.absolute_from(mod, stmt)
                for alias in stmt.names:
                    if alias.name != "*":
                        out.append((f"{mod.name}.{alias.asname or alias.name}", f"{base}.{alias.name}",
                                    f"{label} (deprecated module)"))
    for stmt in tree.body:
        if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            continue
        target = stmt.targets[0].id
        if target.endswith("__deprecated_classes") and mod.is_package:
            try:
                table = ast.literal_eval(stmt.value)
            except ValueError:
                continue
            for submodule, names in table.items():
                for name, new in names.items():
                    out.append((f"{mod.name}.{submodule}.{name}", new, f"{label} (__deprecated_classes)"))
        elif target in ("_operators", "_sensors") and mod.is_package:  # Airflow 1.10 lazy imports
            try:
                table = ast.literal_eval(stmt.value)
            except ValueError:
                continue
            for submodule, names in table.items():
                for name in names:
                    out.append((f"{mod.name}.{name}", f"{mod.name}.{submodule}.{name}", f"{label} ({target})"))
    return out


def load_sources(wheels: dict[tuple[str, str], Path]) -> list[Source]:
    sources: list[Source] = []
    for i, (dist, version, mode, _why) in enumerate(SOURCES):
        path = wheels[(dist, version)]
        zf = zipfile.ZipFile(path)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        src = Source(i, dist, version, mode, zf, sha)
        for name in zf.namelist():
            if not name.endswith(".py") or not name.startswith("airflow/"):
                continue
            parts = name[:-3].split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            src.modules[".".join(parts)] = name
        sources.append(src)
    return sources


def base_params(world: World, modname: str, cls: str, source: Source) -> list[str]:
    mod = world.module(source, modname)
    if mod is None or not mod.symbols.get(cls):
        sys.exit(f"{source.label}: {modname}.{cls} not found")
    info = world.symbol(mod, cls)
    assert isinstance(info, ClassInfo)
    names, _ = init_params(info.methods["__init__"])
    return [n for n, _ in names]


def build(wheels: dict[tuple[str, str], Path]) -> tuple[str, list[str]]:
    sources = load_sources(wheels)
    world = World(sources)
    defined: dict[str, tuple[str, object]] = {}  # qname -> ("entry", Facts) | ("alias", (target, label))
    alias_labels: list[str] = []

    for src in sources:
        entries: list[tuple[str, tuple[str, object]]] = []
        for modname in sorted(src.modules):
            if src.mode == "support" or not worth_reading(modname):
                continue
            mod = world.module(src, modname)
            if mod is None or mod.tree is None:
                continue
            for old, new, label in shim_aliases(world, mod):
                entries.append((old, ("alias", (new, label))))
            if not module_kind_dir(modname) or mod.is_package:
                continue
            for stmt in mod.tree.body:
                if not isinstance(stmt, ast.ClassDef) or stmt.name.startswith("_") or stmt.name in ROOTS:
                    continue
                info = world.class_info(mod, stmt)
                base = trivial_alias_base(world, info, need_marker=src.mode == "full")
                if base is not None:
                    target = base.qname if isinstance(base, (ClassInfo, External)) else None
                    if target and not is_root(base):
                        entries.append((info.qname, ("alias", (target, f"{src.label} {mod.path} (subclass that adds nothing)"))))
                    continue
                if src.mode != "full" or info.qname in defined:
                    continue
                facts = compute_facts(world, info, src.index)
                if facts is None:
                    if stmt.name.endswith(("Operator", "Sensor")):
                        world.warnings.append(f"{src.label} {info.qname}: no BaseOperator in its bases, skipped")
                    continue
                entries.append((info.qname, ("entry", facts)))
        for qname, value in entries:
            defined.setdefault(qname, value)
    for old, new, label in HAND_ALIASES:
        defined.setdefault(old, ("alias", (new, f"hand-written: {label}")))

    # Follow alias chains to an entry.
    aliases: list[tuple[str, str, int]] = []
    dropped: list[str] = []
    for qname in sorted(defined):
        kind, value = defined[qname]
        if kind != "alias":
            continue
        target, label = value  # type: ignore[misc]
        seen = {qname}
        while target in defined and defined[target][0] == "alias" and target not in seen:
            seen.add(target)
            target = defined[target][1][0]  # type: ignore[index]
        if target in defined and defined[target][0] == "entry":
            if label not in alias_labels:
                alias_labels.append(label)
            aliases.append((qname, target, alias_labels.index(label)))
        else:
            dropped.append(f"{qname} -> {target}")

    core = next(s for s in sources if s.dist == "apache-airflow" and s.mode == "full")
    bo = base_params(world, "airflow.models.baseoperator", "BaseOperator", core)
    bs = base_params(world, "airflow.sensors.base", "BaseSensorOperator", core)

    entries = [v for _, (k, v) in sorted(defined.items()) if k == "entry"]
    text = render(sources, entries, aliases, alias_labels, bo, bs)  # type: ignore[arg-type]
    report = world.warnings + [f"alias dropped (target not read): {d}" for d in dropped]
    return text, report


# --------------------------------------------------------------------------------------------- output


def js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(sources: list[Source], entries: list[Facts], aliases: list[tuple[str, str, int]],
           alias_labels: list[str], bo: list[str], bs: list[str]) -> str:
    lines: list[str] = []
    w = lines.append
    w("// GENERATED by oracle/gen_provider_facts.py. Do not edit: change the script and regenerate with")
    w("//   python3 oracle/gen_provider_facts.py")
    w("// (it runs `pip download --no-deps` for each wheel below and reads the source with Python's ast).")
    w("// Facts were read from these wheels (earlier ones win when two declare the same name):")
    for s in sources:
        why = SOURCES[s.index][3]
        w(f"//   {s.label:<48} {s.mode:<7} sha256:{s.sha256[:16]}  {why}")
    w(f"// {len(entries)} classes, {len(aliases)} aliases.")
    w("")
    w("/** The wheels the facts were read from, as `dist==version`; an entry's third field indexes this list. */")
    w("export const SOURCES: readonly string[] = [")
    for s in sources:
        w(f"  {js(s.label)},")
    w("];")
    w("")
    w("/** Keyword parameters of Airflow's BaseOperator.__init__ (apache-airflow 2.10.5 airflow/models/baseoperator.py). */")
    w(f"export const BASE_OPERATOR_PARAMS = {js(' '.join(bo))};")
    w("/** Keyword parameters of BaseSensorOperator.__init__ (apache-airflow 2.10.5 airflow/sensors/base.py). */")
    w(f"export const BASE_SENSOR_PARAMS = {js(' '.join(bs))};")
    w("")
    w("/**")
    w(" * [qualified name, 1 if sensor, source index, [conn param, default id or null, ...],")
    w(" *  role params, wait_for_completion default (1/0/null), 1 if `deferrable` exists,")
    w(" *  params, template_fields]; name lists are space-separated.")
    w(" */")
    w("export type OperatorRow = readonly [string, 0 | 1, number, readonly (string | null)[], string, 0 | 1 | null, 0 | 1, string, string];")
    w("")
    w("export const OPERATORS: readonly OperatorRow[] = [")
    for f in entries:
        conn: list[str | None] = []
        for name, default in f.conn:
            conn += [name, default]
        wait = "null" if f.wait is None else ("1" if f.wait else "0")
        row = [js(f.qname), "1" if f.kind == "sensor" else "0", str(f.source), js(conn), js(" ".join(f.roles)),
               wait, "1" if f.deferrable else "0", js(" ".join(f.params)), js(" ".join(f.template_fields))]
        w(f"  [{', '.join(row)}],")
    w("];")
    w("")
    w("/** Where each alias is declared; an alias's third field indexes this list. */")
    w("export const ALIAS_SOURCES: readonly string[] = [")
    for label in alias_labels:
        w(f"  {js(label)},")
    w("];")
    w("")
    w("/** [old qualified name, canonical qualified name (an OPERATORS entry), ALIAS_SOURCES index]. */")
    w("export const ALIASES: readonly (readonly [string, string, number])[] = [")
    for old, new, idx in aliases:
        w(f"  [{js(old)}, {js(new)}, {idx}],")
    w("];")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheels", type=Path, help="folder holding (or receiving) the wheels")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is not up to date")
    parser.add_argument("--report", action="store_true", help="print unresolved facts and dropped aliases")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="airlint-wheels-") as tmp:
        folder = opts.wheels or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        text, report = build(fetch_wheels(folder))

    if opts.report:
        for line in report:
            print(line, file=sys.stderr)
    if opts.check:
        current = opts.out.read_text(encoding="utf-8") if opts.out.exists() else ""
        if current != text:
            print(f"{opts.out} is out of date: run python3 oracle/gen_provider_facts.py", file=sys.stderr)
            return 1
        return 0
    opts.out.write_text(text, encoding="utf-8")
    print(f"wrote {os.path.relpath(opts.out, ROOT)} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
