#!/usr/bin/env python3
"""Regenerate, or check, the oracle goldens: fixtures/oracle/<name>.airflow-{2,3}.json.

    python3 oracle/run.py            set up the venvs if needed, then rewrite the goldens
    python3 oracle/run.py --check    regenerate into a temporary folder; exit 1 with a diff
                                     summary if a golden differs, is missing or is left over

The inputs are the top-level .py files of fixtures/model/ (the model fixtures; their `include/`
helper package is on sys.path but is not a DAG folder of its own) and of fixtures/oracle-dags/.
Goldens are flat, named by the file's stem, so a stem may appear in only one of the folders.
Each golden also records where its DAG file lives (`source`, relative to the repository) and the
Airflow majors the file is written for (`targets`, from its `# Targets:` header line: `airflow 2`,
`airflow 3` or `both`; `both` when the line is missing). Needs only the standard library; the
loading itself runs in the oracle venvs (oracle/setup.sh), one loader process per major.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The folders whose top-level .py files are DAG files for the oracle. Sub-folders (such as
# fixtures/model/include/, a helper package the model fixtures import) are not walked.
DAG_FOLDERS = (ROOT / "fixtures" / "model", ROOT / "fixtures" / "oracle-dags")
GOLDENS = ROOT / "fixtures" / "oracle"
MAJORS = ("2", "3")
DIFF_LINES = 40  # per file, in the --check summary


_TARGETS_LINE = re.compile(r"^#\s*Targets:\s*(.*?)\s*$")
_TARGETS = {"airflow 2": [2], "airflow 3": [3], "both": [2, 3]}


def dag_files() -> dict[str, Path]:
    """stem -> DAG file, over every folder in DAG_FOLDERS; a stem used twice is an error."""
    found: dict[str, Path] = {}
    clashes = []
    for folder in DAG_FOLDERS:
        for path in sorted(folder.glob("*.py")):
            if path.stem in found:
                clashes.append(f"{found[path.stem].relative_to(ROOT)} and {path.relative_to(ROOT)}")
            found[path.stem] = path
    if clashes:
        raise SystemExit(
            "run.py: goldens are named by the DAG file's stem, which must be unique across "
            + ", ".join(str(f.relative_to(ROOT)) for f in DAG_FOLDERS)
            + ":\n  "
            + "\n  ".join(clashes)
        )
    return dict(sorted(found.items()))


def targets_of(path: Path) -> list[int]:
    """The majors named by the file's `# Targets:` header line (the leading comment block)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            if line.strip():
                break  # the header is the leading comment block
            continue
        match = _TARGETS_LINE.match(line)
        if match:
            value = match.group(1).lower()
            if value not in _TARGETS:
                raise SystemExit(
                    f"run.py: {path.relative_to(ROOT)}: `# Targets: {match.group(1)}` is not one of "
                    + ", ".join(_TARGETS)
                )
            return _TARGETS[value]
    return [2, 3]


def annotate(out: Path, files: dict[str, Path]) -> None:
    """Add `source` and `targets` to every golden the loaders wrote (same JSON layout)."""
    for stem, path in files.items():
        extra = {"source": path.relative_to(ROOT).as_posix(), "targets": targets_of(path)}
        for major in MAJORS:
            golden = out / f"{stem}.airflow-{major}.json"
            if not golden.exists():
                raise SystemExit(f"run.py: the Airflow {major} loader wrote no {golden.name}")
            data = json.loads(golden.read_text(encoding="utf-8"))
            data.update(extra)
            golden.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def golden_files(folder: Path) -> dict[str, Path]:
    return {
        path.name: path
        for major in MAJORS
        for path in folder.glob(f"*.airflow-{major}.json")
    }


def generate(out: Path, files: dict[str, Path], verbose: bool) -> None:
    """Run both majors' loaders side by side (one per core) into `out`.

    One loader process per major loads every file, each in a forked child with a fresh DagBag;
    a file is given by its path, so its own folder plays the DAG folder (and is on sys.path).
    """
    procs = []
    for major in MAJORS:
        python = ROOT / ".oracle-venv" / f"airflow-{major}" / "bin" / "python"
        if not python.exists():
            raise SystemExit(f"run.py: {python.relative_to(ROOT)} is missing; run oracle/setup.sh")
        cmd = [str(python), str(ROOT / "oracle" / "load_dags.py"), "--airflow-major", major, "--out", str(out)]
        cmd += ["--verbose"] if verbose else []
        cmd += [str(path) for path in files.values()]
        procs.append((major, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
    failed = False
    for major, proc in procs:
        output, _ = proc.communicate()
        if proc.returncode != 0 or verbose:
            sys.stderr.write(output)
        if proc.returncode != 0:
            print(f"run.py: the Airflow {major} loader failed (exit {proc.returncode})", file=sys.stderr)
            failed = True
    if failed:
        raise SystemExit(2)


def check(fresh: Path) -> int:
    expected = golden_files(fresh)
    committed = golden_files(GOLDENS)
    problems = 0
    for name in sorted(set(expected) | set(committed)):
        if name not in committed:
            print(f"MISSING  fixtures/oracle/{name}")
            problems += 1
        elif name not in expected:
            print(f"STALE    fixtures/oracle/{name} (no such DAG file any more)")
            problems += 1
        else:
            new = expected[name].read_text(encoding="utf-8")
            old = committed[name].read_text(encoding="utf-8")
            if new != old:
                problems += 1
                print(f"DIFFERS  fixtures/oracle/{name}")
                diff = list(
                    difflib.unified_diff(
                        old.splitlines(), new.splitlines(), f"committed/{name}", f"regenerated/{name}", lineterm=""
                    )
                )
                for line in diff[:DIFF_LINES]:
                    print(f"    {line}")
                if len(diff) > DIFF_LINES:
                    print(f"    ... {len(diff) - DIFF_LINES} more diff lines")
    if problems:
        print(f"\n{problems} oracle golden(s) out of date; run `npm run oracle` and commit fixtures/oracle/.")
        return 1
    print(f"oracle goldens up to date ({len(committed)} files)")
    return 0


def write(fresh: Path) -> None:
    GOLDENS.mkdir(parents=True, exist_ok=True)
    expected = golden_files(fresh)
    for name, path in golden_files(GOLDENS).items():
        if name not in expected:
            path.unlink()
            print(f"removed  fixtures/oracle/{name}")
    changed = 0
    for name, path in sorted(expected.items()):
        target = GOLDENS / name
        content = path.read_bytes()
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
            changed += 1
            print(f"wrote    fixtures/oracle/{name}")
    print(f"{len(expected)} goldens, {changed} changed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 when stale")
    parser.add_argument("--no-setup", action="store_true", help="do not run oracle/setup.sh first")
    parser.add_argument("--verbose", action="store_true", help="show the loaders' and Airflow's output")
    args = parser.parse_args()

    files = dag_files()  # a stem clash or a bad `# Targets:` line stops the run before any work
    for path in files.values():
        targets_of(path)
    started = time.monotonic()
    if not args.no_setup:
        subprocess.run(["bash", str(ROOT / "oracle" / "setup.sh")], check=True)
    setup_done = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="airlint-oracle-") as tmp:
        fresh = Path(tmp)
        generate(fresh, files, args.verbose)
        annotate(fresh, files)
        code = check(fresh) if args.check else (write(fresh) or 0)
    done = time.monotonic()
    print(
        f"{len(files)} DAG files; setup {setup_done - started:.1f} s, loading {done - setup_done:.1f} s",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
