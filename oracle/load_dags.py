#!/usr/bin/env python3
"""Load DAG files with Airflow's own DagBag and write, per file, what Airflow saw, as JSON.

Run it with the python of an oracle venv (see setup.sh):

    .oracle-venv/airflow-3/bin/python oracle/load_dags.py --airflow-major 3 --out DIR FILE_OR_FOLDER...

For every ``.py`` file given (folders are walked) it writes ``DIR/<name>.airflow-<major>.json``
with the import errors Airflow recorded for the file and, per DAG that Airflow accepted, its
tasks, edges, effective task arguments and the schedule as Airflow resolved it.

Every file is loaded in a forked child of one prepared process, with a fresh DagBag, so nothing
(module state, dag ids, warnings registries) leaks from one file into the next. No scheduler, no
database server and no network are used. The output is deterministic: sorted keys and lists, no
timestamps of the run, no absolute paths and no memory addresses.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback

# Set by this script when it re-executes itself with a clean environment.
_CLEAN_ENV_MARK = "_AIRLINT_ORACLE_CLEAN_ENV"
# A child that takes longer than this (Airflow's own import timeout is 30 s) is killed.
_CHILD_TIMEOUT_S = 180
# Exit code of a child whose oracle code (not the DAG file) failed.
_INTERNAL_ERROR = 97
SCHEMA_VERSION = 1


# --------------------------------------------------------------------------------------------
# Command line and environment
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Load DAG files with Airflow's DagBag and write one JSON file per DAG file."
    )
    parser.add_argument("--airflow-major", required=True, choices=["2", "3"])
    parser.add_argument("--out", required=True, help="folder for the JSON files (created if missing)")
    parser.add_argument("--verbose", action="store_true", help="keep Airflow's log output on stderr")
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    return parser.parse_args(argv)


def clean_environment(home: str, verbose: bool) -> dict[str, str]:
    """The whole environment of the loading process: nothing inherited can change a default."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        # Fixed string hashing. (Airflow still picks an arbitrary DAG when one file defines a
        # dag_id twice; see duplicate handling below.)
        "PYTHONHASHSEED": "0",
        # Never write __pycache__ next to the DAG files being loaded.
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        _CLEAN_ENV_MARK: "1",
        # Airflow: a throw-away home, production defaults otherwise.
        "AIRFLOW_HOME": home,
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": os.path.join(home, "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": os.path.join(home, "plugins"),
        # Nothing is read from or written to it by DAG loading; it only keeps any accidental
        # access inside the throw-away home.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "sqlite:///" + os.path.join(home, "airflow.db"),
        # Only changes how much traceback Airflow keeps in an import error's text; deeper
        # tracebacks let the oracle find the DAG file's own line.
        "AIRFLOW__CORE__DAGBAG_IMPORT_ERROR_TRACEBACK_DEPTH": "100",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO" if verbose else "CRITICAL",
        # The AWS SDK must not look for credentials on the network or in the user's files.
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "NO_PROXY": "*",
    }


def reexec_clean(argv: list[str], verbose: bool) -> None:
    home = tempfile.mkdtemp(prefix="airlint-oracle-home-")
    for sub in ("dags", "plugins"):
        os.makedirs(os.path.join(home, sub))
    env = clean_environment(home, verbose)
    # -s: no user site-packages. The environment is ours alone, so no PYTHON* leaks in either.
    args = [sys.executable, "-s", os.path.abspath(__file__), *argv]
    try:
        os.execve(sys.executable, args, env)
    finally:  # only reached if execve itself failed
        shutil.rmtree(home, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Which files, and where their JSON goes
# --------------------------------------------------------------------------------------------


def collect_files(paths: list[str]) -> list[tuple[str, str, str]]:
    """Return (absolute file, root folder it was found under, output name) per .py file."""
    found: list[tuple[str, str, str]] = []
    for given in paths:
        given_abs = os.path.abspath(given)
        if os.path.isfile(given_abs):
            root = os.path.dirname(given_abs)
            found.append((given_abs, root, output_name(given_abs, root)))
        elif os.path.isdir(given_abs):
            for folder, dirs, files in os.walk(given_abs):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
                for name in sorted(files):
                    if name.endswith(".py"):
                        path = os.path.join(folder, name)
                        found.append((path, given_abs, output_name(path, given_abs)))
        else:
            raise SystemExit(f"load_dags.py: no such file or folder: {given}")
    seen: dict[str, str] = {}
    for path, _root, name in found:
        if name in seen and seen[name] != path:
            raise SystemExit(f"load_dags.py: {seen[name]} and {path} would both write {name}")
        seen[name] = path
    return sorted(set(found), key=lambda item: item[2])


def output_name(path: str, root: str) -> str:
    """`a.py` → `a`; `sub/a.py` under a given folder → `sub__a`."""
    rel = os.path.relpath(path, root)
    return rel[: -len(".py")].replace(os.sep, "__")


# --------------------------------------------------------------------------------------------
# Normalising what Airflow reports
# --------------------------------------------------------------------------------------------

_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}\b")
_PID = re.compile(r"\bPID: \d+")
_MODULE_HASH = re.compile(r"unusual_prefix_[0-9a-f]{40}_")
_EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?:: (.*))?$", re.DOTALL)
_TRACEBACK_HEADER = "Traceback (most recent call last):"


class Normaliser:
    """Replaces machine-specific text (paths, addresses, pids, module hashes) with stable tokens."""

    def __init__(self, dag_file: str, root: str, home: str):
        self.dag_file = dag_file
        replacements: list[tuple[str, str]] = [(dag_file, os.path.relpath(dag_file, root))]
        for site in sorted({p for p in sys.path if p.endswith("site-packages")}, key=len, reverse=True):
            replacements.append((site + os.sep, "<site-packages>/"))
            replacements.append((site, "<site-packages>"))
        stdlib = os.path.dirname(os.__file__)
        replacements += [
            (root + os.sep, ""),
            (home, "<airflow-home>"),
            (stdlib + os.sep, "<stdlib>/"),
            (sys.prefix, "<venv>"),
        ]
        self.replacements = [(old, new) for old, new in replacements if old]

    def text(self, value: str) -> str:
        for old, new in self.replacements:
            value = value.replace(old, new)
        value = _ADDRESS.sub("0x…", value)
        value = _PID.sub("PID: <pid>", value)
        value = _MODULE_HASH.sub("unusual_prefix_<sha1>_", value)
        return value

    def dag_file_line(self, traceback_text: str) -> int | None:
        """The line of the innermost traceback entry in the DAG file itself, if any."""
        pattern = re.compile(r'File "' + re.escape(self.dag_file) + r'", line (\d+)')
        lines = pattern.findall(traceback_text)
        return int(lines[-1]) if lines else None


def split_exception(text: str) -> tuple[str, str]:
    """('Type', 'message') from either a formatted traceback or Airflow's 'Type: message' form."""
    lines = text.rstrip().splitlines()
    headers = [i for i, line in enumerate(lines) if line.startswith(_TRACEBACK_HEADER)]
    if headers:
        i = headers[-1] + 1
        # Frames and a SyntaxError's location are indented; the exception line is not.
        while i < len(lines) and (not lines[i] or lines[i][0].isspace()):
            i += 1
        lines = lines[i:]
    body = "\n".join(lines).strip()
    match = _EXC_LINE.match(body)
    if not match:
        return "", body
    exc_type = match.group(1).rsplit(".", 1)[-1]
    return exc_type, (match.group(2) or "").strip()


class RecordingDict(dict):
    """A dict that remembers every value ever stored in it.

    DagBag keeps one import error per file path, so when several DAGs of one file fail the last
    one wins, and which one is last depends on set iteration order. The oracle reports all of
    them, sorted, to stay deterministic.
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: list[str] = []

    def __setitem__(self, key, value) -> None:
        self.history.append(value)
        super().__setitem__(key, value)

    def update(self, *args, **kwargs) -> None:  # noqa: D102 - same as dict.update
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


# --------------------------------------------------------------------------------------------
# Reading values off Airflow's objects
# --------------------------------------------------------------------------------------------


def seconds(value) -> float | int | None:
    if value is None:
        return None
    if hasattr(value, "total_seconds"):
        value = value.total_seconds()
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def plain(value):
    """Enum → its value, anything else JSON-able unchanged, the rest → str."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def qualified_class(obj) -> str:
    cls = obj if isinstance(obj, type) else type(obj)
    # DagBag imports a DAG file under a module name hashed from its absolute path: normalise it,
    # so goldens do not depend on where the repository is checked out.
    return _MODULE_HASH.sub("unusual_prefix_<sha1>_", f"{cls.__module__}.{cls.__qualname__}")


def operator_class(task) -> str:
    # A mapped task (.partial().expand()) is a MappedOperator; report the operator it maps.
    mapped_of = getattr(task, "operator_class", None)
    if isinstance(mapped_of, type):
        return qualified_class(mapped_of)
    return qualified_class(task)


def is_mapped(task) -> bool:
    # MappedOperator, or a subclass such as TaskFlow's DecoratedMappedOperator.
    return any(klass.__name__ == "MappedOperator" for klass in type(task).__mro__)


def effective(task, name: str):
    """The value a task runs with. A mapped task keeps its arguments in partial_kwargs and not
    every one is exposed as an attribute (Airflow 2 has no MappedOperator.email_on_failure);
    what it does not hold, the operator's own constructor default decides."""
    if is_mapped(task):
        partial = getattr(task, "partial_kwargs", None) or {}
        if name in partial:
            return partial[name]
    try:
        return getattr(task, name)
    except AttributeError:
        pass
    import inspect

    cls = getattr(task, "operator_class", None)
    for klass in (cls if isinstance(cls, type) else type(task)).__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        parameter = inspect.signature(init).parameters.get(name)
        if parameter is not None and parameter.default is not inspect.Parameter.empty:
            return parameter.default
    raise AttributeError(f"{type(task).__name__} {task.task_id!r} has no {name}")


def describe_task(task) -> dict:
    return {
        "operator": operator_class(task),
        "mapped": is_mapped(task),
        "retries": effective(task, "retries"),
        "retry_delay": seconds(effective(task, "retry_delay")),
        "trigger_rule": plain(effective(task, "trigger_rule")),
        "execution_timeout": seconds(effective(task, "execution_timeout")),
        "on_failure_callback": bool(effective(task, "on_failure_callback")),
        "email": plain(effective(task, "email")),
        "email_on_failure": bool(effective(task, "email_on_failure")),
    }


def describe_dag(dag, timetable) -> dict:
    tasks = {task.task_id: describe_task(task) for task in dag.tasks}
    edges = sorted(
        [upstream.task_id, downstream_id]
        for upstream in dag.tasks
        for downstream_id in upstream.downstream_task_ids
    )
    timezone = getattr(dag, "timezone", None)
    return {
        "dag_id": dag.dag_id,
        "task_ids": sorted(tasks),
        "edges": edges,
        "tasks": tasks,
        "schedule": {
            "timetable": qualified_class(timetable),
            "summary": getattr(timetable, "summary", None),
            "description": getattr(timetable, "description", None),
        },
        "catchup": bool(dag.catchup),
        "start_date": iso(dag.start_date),
        "end_date": iso(dag.end_date),
        "timezone": getattr(timezone, "name", None) or (str(timezone) if timezone else None),
        "dagrun_timeout": seconds(dag.dagrun_timeout),
        "max_active_runs": dag.max_active_runs,
        "on_failure_callback": bool(getattr(dag, "on_failure_callback", None)),
        "tags": sorted(dag.tags or []),
    }


# --------------------------------------------------------------------------------------------
# The two majors: how Airflow itself loads and serialises one file
# --------------------------------------------------------------------------------------------


class Airflow2:
    major = "2"

    def prepare(self) -> None:
        from airflow.models.dagbag import DagBag  # noqa: F401 - pre-import once, before forking
        from airflow.serialization.serialized_objects import SerializedDAG  # noqa: F401

    def pre_import_enabled(self) -> bool:
        from airflow.configuration import conf

        return conf.getboolean("scheduler", "parsing_pre_import_modules", fallback=True)

    def new_bag(self, path: str, root: str):
        from airflow.models.dagbag import DagBag

        # Airflow 2 puts [core] dags_folder on sys.path; the folder given here plays that role.
        if root not in sys.path:
            sys.path.append(root)
        return DagBag(dag_folder=path, include_examples=False, collect_dags=False)

    def collect(self, bag, path: str) -> None:
        from airflow.configuration import conf

        bag.collect_dags(
            dag_folder=path,
            only_if_updated=False,
            include_examples=False,
            safe_mode=conf.getboolean("core", "DAG_DISCOVERY_SAFE_MODE"),
        )

    def serialise(self, dag):
        """What DagFileProcessor does through SerializedDagModel.write_dag; returns the timetable."""
        from airflow.serialization.serialized_objects import SerializedDAG

        SerializedDAG.to_dict(dag)
        return dag.timetable

    def stability_warning(self, path: str, dag_ids: list[str]) -> str | None:
        return None


class Airflow3:
    major = "3"

    def prepare(self) -> None:
        from airflow.dag_processing.dagbag import BundleDagBag  # noqa: F401 - pre-import once
        from airflow.serialization.serialized_objects import DagSerialization  # noqa: F401

    def pre_import_enabled(self) -> bool:
        from airflow.configuration import conf

        return conf.getboolean("dag_processor", "parsing_pre_import_modules", fallback=True)

    def new_bag(self, path: str, root: str):
        from pathlib import Path

        from airflow.dag_processing.dagbag import BundleDagBag

        # The DAG processor's parsing child marks itself so; it decides e.g. the secrets chain.
        os.environ["_AIRFLOW_PROCESS_CONTEXT"] = "client"
        # As the DAG processor does (processor._parse_file), with the given folder as the bundle.
        return BundleDagBag(
            dag_folder=path,
            bundle_path=Path(root),
            bundle_name="oracle",
            load_op_links=False,
            collect_dags=False,
        )

    def collect(self, bag, path: str) -> None:
        from airflow.configuration import conf

        bag.collect_dags(
            dag_folder=path,
            only_if_updated=False,
            safe_mode=conf.getboolean("core", "DAG_DISCOVERY_SAFE_MODE"),
        )

    def serialise(self, dag):
        """As processor._serialize_dags; returns the core timetable the scheduler will use."""
        from airflow.serialization.serialized_objects import DagSerialization, LazyDeserializedDAG

        data = DagSerialization.to_dict(dag)
        return LazyDeserializedDAG(data=data).timetable

    def stability_warning(self, path: str, dag_ids: list[str]) -> str | None:
        from airflow.utils.dag_version_inflation_checker import check_dag_file_stability

        warnings = check_dag_file_stability(path).get_formatted_warnings(dag_ids)
        messages = sorted({w["message"] for w in warnings if w.get("message")})
        return "\n".join(messages) or None


# --------------------------------------------------------------------------------------------
# Loading one file (runs in a forked child)
# --------------------------------------------------------------------------------------------


def block_network() -> None:
    """DAG loading needs no network; a DAG file that tries gets an error, not a hang."""
    import socket

    def refuse(*_args, **_kwargs):
        raise OSError("network access is disabled in the airlint oracle")

    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_connect(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    socket.create_connection = refuse  # type: ignore[assignment]


def pre_import(adapter, path: str) -> None:
    """The DAG processor imports a file's airflow modules before parsing it (outside the
    warning capture), so warnings raised at those imports never reach the DagBag."""
    import importlib

    if not adapter.pre_import_enabled():
        return
    from airflow.utils.file import iter_airflow_imports

    for module in iter_airflow_imports(path):
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - Airflow only logs these too
            pass


def parse_warning(formatted: str, norm: Normaliser) -> dict:
    # DagBag formats captured warnings as "{filename}:{lineno}: {category}: {message}".
    match = re.match(r"^(.*?):(\d+|None): ([\w.]+): (.*)$", formatted, re.DOTALL)
    if not match:
        return {"file": None, "line": None, "category": "", "message": norm.text(formatted)}
    filename, line, category, message = match.groups()
    in_dag_file = filename == norm.dag_file
    return {
        "file": norm.text(filename),
        # A line inside Airflow's or a provider's own source is noise for a golden.
        "line": int(line) if in_dag_file and line.isdigit() else None,
        "category": category.rsplit(".", 1)[-1],
        "message": norm.text(message),
    }


def load_file(adapter, path: str, root: str, home: str, version: str) -> dict:
    from airflow.configuration import conf
    from airflow.utils.file import might_contain_dag

    norm = Normaliser(path, root, home)
    safe_mode = conf.getboolean("core", "DAG_DISCOVERY_SAFE_MODE")
    result: dict = {
        "schema_version": SCHEMA_VERSION,
        "airflow_version": version,
        "file": os.path.relpath(path, root).replace(os.sep, "/"),
        # False: Airflow's safe-mode heuristic (the file must mention "airflow" and "dag")
        # skips the file without running it.
        "dag_file_candidate": bool(might_contain_dag(path, safe_mode)),
        "import_errors": [],
        "warnings": [],
        "stability_warning": None,
        "dags": [],
        "processor_crash": None,
    }

    pre_import(adapter, path)
    bag = adapter.new_bag(path, root)
    errors = RecordingDict()
    bag.import_errors = errors

    # Observe (never change) what reaches DagBag.bag_dag successfully: a dag_id bagged twice from
    # one file means Airflow silently kept one of them.
    bagged: list = []
    real_bag_dag = bag.bag_dag

    def observing_bag_dag(*args, **kwargs):
        outcome = real_bag_dag(*args, **kwargs)
        bagged.append(kwargs.get("dag", args[0] if args else None))
        return outcome

    bag.bag_dag = observing_bag_dag
    try:
        adapter.collect(bag, path)
    except BaseException as exc:  # noqa: BLE001
        # Airflow 2's DagBag catches only Exception: sys.exit() in a DAG file ends the DAG
        # processor's child, and no import error is recorded. Say so instead of crashing.
        text = traceback.format_exc(limit=-100)
        exc_type, message = split_exception(text)
        result["processor_crash"] = {
            "type": exc_type or type(exc).__name__,
            "message": norm.text(message),
            "line": norm.dag_file_line(text),
        }

    raw_errors = [("import" if e.lstrip().startswith(_TRACEBACK_HEADER) else "dag", e) for e in errors.history]

    by_id: dict[str, list] = {}
    for dag in bagged:
        if dag is not None and all(dag is not other for other in by_id.get(dag.dag_id, [])):
            by_id.setdefault(dag.dag_id, []).append(dag)
    # Airflow 2 also bags SubDAGs, outside bag_dag(); keep whatever DagBag holds in addition.
    for dag_id, dag in bag.dags.items():
        by_id.setdefault(dag_id, [dag])

    dags = []
    for dag_id in sorted(by_id):
        candidates = by_id[dag_id]
        for dag in candidates:
            try:
                timetable = adapter.serialise(dag)
            except Exception:  # noqa: BLE001 - Airflow turns these into import errors too
                raw_errors.append(("serialization", traceback.format_exc(limit=-100)))
                continue
            entry = describe_dag(dag, timetable)
            entry["duplicate_in_file"] = len(candidates) > 1
            dags.append(entry)

    result["dags"] = sorted(dags, key=lambda d: (d["dag_id"], json.dumps(d, sort_keys=True)))

    seen = set()
    for stage, text in raw_errors:
        exc_type, message = split_exception(text)
        item = {
            "stage": stage,
            "type": exc_type,
            "message": norm.text(message),
            "line": norm.dag_file_line(text),
        }
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            result["import_errors"].append(item)
    result["import_errors"].sort(key=lambda e: json.dumps(e, sort_keys=True))

    warnings_seen = set()
    for formatted in bag.captured_warnings.get(path, ()):
        item = parse_warning(formatted, norm)
        key = json.dumps(item, sort_keys=True)
        if key not in warnings_seen:
            warnings_seen.add(key)
            result["warnings"].append(item)
    result["warnings"].sort(key=lambda w: json.dumps(w, sort_keys=True))

    if result["dag_file_candidate"]:
        result["stability_warning"] = adapter.stability_warning(path, sorted(by_id))
        if result["stability_warning"]:
            result["stability_warning"] = norm.text(result["stability_warning"])
    return result


def write_json(path: str, data: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    os.replace(tmp, path)


def process_died(path: str, root: str, version: str, code: int) -> dict:
    """The record for a file whose loading process died without reporting."""
    if code == -signal.SIGKILL:
        message = f"killed by the oracle after {_CHILD_TIMEOUT_S} s"
    elif code < 0:
        message = f"killed by signal {signal.Signals(-code).name}"
    else:
        message = f"exit code {code}"
    return {
        "schema_version": SCHEMA_VERSION,
        "airflow_version": version,
        "file": os.path.relpath(path, root).replace(os.sep, "/"),
        "dag_file_candidate": True,
        "import_errors": [],
        "warnings": [],
        "stability_warning": None,
        "dags": [],
        "processor_crash": {"type": "ProcessDied", "message": message, "line": None},
    }


@contextlib.contextmanager
def quiet_stderr(quiet: bool):
    """Send file descriptor 2 to /dev/null for a while; yields a writer to the real stderr."""
    saved = os.dup(2)
    real = os.fdopen(saved, "w", closefd=False)
    if quiet:
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    try:
        yield real
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        real.close()
        os.close(saved)


def run_child(adapter, path: str, root: str, out_file: str, home: str, version: str, verbose: bool) -> None:
    """Body of the forked child; never returns."""
    code = 0
    if not verbose:  # what the DAG file prints is not ours to show
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    with quiet_stderr(not verbose) as real_stderr:
        try:
            block_network()
            write_json(out_file, load_file(adapter, path, root, home, version))
        except BaseException:  # noqa: BLE001 - an oracle bug, not an import error: report it
            real_stderr.write(f"load_dags.py: internal error while loading {path}:\n{traceback.format_exc()}")
            real_stderr.flush()
            code = _INTERNAL_ERROR
    os._exit(code)


def wait_child(pid: int) -> int:
    deadline = time.monotonic() + _CHILD_TIMEOUT_S
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return -signal.SIGKILL
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if os.environ.get(_CLEAN_ENV_MARK) != "1":
        reexec_clean(argv, args.verbose)
    home = os.environ["AIRFLOW_HOME"]
    try:
        files = collect_files(args.paths)
        os.makedirs(args.out, exist_ok=True)

        # Airflow 2 warns about its own metrics settings at import: hide that noise (without
        # touching the warning filters, which Airflow sets up at import and which must stay).
        with quiet_stderr(not args.verbose):
            import airflow

            version = airflow.__version__
            adapter = Airflow2() if args.airflow_major == "2" else Airflow3()
            if version.split(".")[0] == args.airflow_major:
                adapter.prepare()
        if version.split(".")[0] != args.airflow_major:
            print(f"load_dags.py: this python has Airflow {version}, not {args.airflow_major}.x", file=sys.stderr)
            return 2

        failures = 0
        for path, root, name in files:
            out_file = os.path.join(args.out, f"{name}.airflow-{args.airflow_major}.json")
            if os.path.exists(out_file):
                os.remove(out_file)
            started = time.monotonic()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                run_child(adapter, path, root, out_file, home, version, args.verbose)
            code = wait_child(pid)
            elapsed = time.monotonic() - started
            if code == _INTERNAL_ERROR:
                failures += 1
                print(f"FAILED  {name}: internal error in the oracle (see above)", file=sys.stderr)
                continue
            if code != 0 or not os.path.exists(out_file):
                # The DAG file ended the process itself (os._exit, a crash in native code) or hung.
                write_json(out_file, process_died(path, root, version, code))
            print(f"loaded  {name}.airflow-{args.airflow_major}.json  {elapsed:.2f}s")
        return 1 if failures else 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
