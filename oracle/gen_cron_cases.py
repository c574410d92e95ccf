#!/usr/bin/env python3
"""Ground truth for airlint's cron checker (src/model/cron.ts): fixtures/cron/cases.json.

Every case is judged by the real croniter (and cron-descriptor), called the way Airflow calls them
when a DAG's ``schedule=`` string is turned into a timetable and validated:

* ``create_timetable`` / ``_create_timetable``: exactly ``"@once"`` and ``"@continuous"`` are
  timetables of their own; any other string becomes a cron timetable;
* ``CronMixin``: Airflow's six presets (``@hourly`` ... ``@yearly``, case-sensitive) are swapped
  for their expansion, the rest goes to croniter as it is;
* the core ``CronMixin.__init__`` builds a description with cron-descriptor, swallowing only
  ``CroniterBadCronError``, ``FormatException`` and ``MissingFieldException``;
* ``validate()`` calls ``croniter(expression)`` and turns ``CroniterBadCronError`` /
  ``CroniterBadDateError`` into ``AirflowTimetableInvalid``.

Any exception on that path stops the DAG from loading (an import error in the DAG processor), so
"valid" means: no exception at all. Two shapes of ``CronMixin.__init__`` exist:

* ``--mixin old``: Airflow 2.10 / 2.11 and 3.0 (descriptor built first, then croniter);
* ``--mixin new``: Airflow 3.1+ (croniter first; DOM and DOW described apart when both are set).

Versions used for the committed fixture (what Airflow's own constraints / requirements pin):

* Airflow 2 (2.10.5, 2.11; also 3.0.x): croniter 6.0.0 + cron-descriptor 1.4.5, ``--mixin old``
* Airflow 3 (3.3.2 requires croniter>=6.2.2): croniter 6.2.4 + cron-descriptor 2.2.1, and
  croniter 7.0.0 + cron-descriptor 2.2.1, both ``--mixin new``.

How to regenerate (no Airflow install needed; each judge run needs its own virtualenv):

    python3 -m venv /tmp/cv2 && /tmp/cv2/bin/pip install croniter==6.0.0 cron-descriptor==1.4.5
    python3 -m venv /tmp/cv3 && /tmp/cv3/bin/pip install croniter==6.2.4 cron-descriptor==2.2.1
    python3 -m venv /tmp/cv3b && /tmp/cv3b/bin/pip install croniter==7.0.0 cron-descriptor==2.2.1
    /tmp/cv2/bin/python oracle/gen_cron_cases.py judge --mixin old --out /tmp/judge-2.json
    /tmp/cv3/bin/python oracle/gen_cron_cases.py judge --mixin new --out /tmp/judge-3.json
    /tmp/cv3b/bin/python oracle/gen_cron_cases.py judge --mixin new --out /tmp/judge-3b.json
    python3 oracle/gen_cron_cases.py merge --airflow2 /tmp/judge-2.json \
        --airflow3 /tmp/judge-3.json /tmp/judge-3b.json --out fixtures/cron/cases.json

Output: a JSON list of ``{"expr", "valid", "airflow2", "airflow3"}``. ``airflow2`` / ``airflow3``
say whether that Airflow line accepts the string (for a line judged with several croniter
versions: whether any of them accepts it); ``valid`` is ``airflow2 or airflow3``, i.e. false only
where both reject. Strings whose verdict is random (croniter's ``R`` fields can pick an
out-of-range value on some runs only) are left out. The corpus is deterministic (fixed seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys

SEED = 20261125
RANDOM_CASES = 4200
TRIES_FOR_R = 200

AIRFLOW_PRESETS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@quarterly": "0 0 1 */3 *",
    "@yearly": "0 0 1 1 *",
}

# name, low, high (croniter's field order: minute hour dom month dow [second [year]])
FIELDS = [
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("dom", 1, 31),
    ("month", 1, 12),
    ("dow", 0, 6),
    ("second", 0, 59),
    ("year", 1970, 2099),
]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
JUNK_NAMES = ["foo", "janu", "mo", "sunday", "x", "l", "w", "lw", "h", "r", "?", "*", "", "#"]
ODD_TOKENS = [
    "1-2-3", "1//2", "/5", "5/", "-5", "5-", "*-5", "5-*", "**", "*/", "+5", "5.0", "0x5", "1_0",
    "\u0663", "\uff15", "1\u0663", "*/\u0665", "*/ 5", ",", "5,", ",5", "1,,2", "-", "/", "*/*",
    "5/*", "L-5", "5-L", "1-L/5", "L/5", "?/5", "*/5/2", "1/2/3", "1-5/2/3", "2#3#1", "#2", "2#",
    "MON#", "L", "LW", "W", "15W", "W15", "0W", "32W", "1-5W", "15W,1", "l7", "L0", "l", "5L",
    "1#5", "1#6", "1#0", "mon-fri#2", "1-5#2", "jan#2", "sun#5", "7#1", "l8", "H", "H/5",
    "H(0-29)", "H(0-29)/5", "R", "R/5", "R(0-5)", "R(5-0)", "R(3-3)", "R/0", "R(0-5)/0",
    "R(0-29)/10", "R(0-99)", "R(0-99)/5", "R/100", "r(1-2)", "R,5", "?", "??", "*/1", "00",
    "007", "0007", "99999999999999999999",
]
SPACES = [" ", "  ", "\t", "\n", " \t ", "\u00a0", "\u3000", "\u2003", "\x1c", "\x85", "\ufeff", "\r\n"]


def _number(rng: random.Random, lo: int, hi: int) -> str:
    choice = rng.random()
    if choice < 0.45:
        return str(rng.randint(lo, hi))
    if choice < 0.75:
        return str(rng.choice([lo, lo + 1, hi - 1, hi, hi + 1, max(lo - 1, 0), 7, 0, 1, 60, 24, 32, 13]))
    if choice < 0.85:
        return str(rng.randint(lo, hi)).zfill(rng.randint(2, 4))
    if choice < 0.95:
        return str(rng.randint(hi + 1, hi + 3000))
    return str(rng.choice([1969, 1970, 2020, 2099, 2100, 0]))


def _name(rng: random.Random) -> str:
    word = rng.choice(MONTHS + DAYS + JUNK_NAMES)
    style = rng.random()
    if style < 0.4:
        return word.upper()
    if style < 0.6:
        return word.capitalize()
    return word


def _atom(rng: random.Random, lo: int, hi: int) -> str:
    choice = rng.random()
    if choice < 0.6:
        return _number(rng, lo, hi)
    if choice < 0.85:
        return _name(rng)
    return rng.choice(["*", "?", "L", "l", "W"])


def _step(rng: random.Random) -> str:
    return rng.choice(["0", "1", "2", "3", "5", "7", "10", "15", "30", "59", "60", "61", "100", "", "x", "-1", "05"])


def _token(rng: random.Random, lo: int, hi: int) -> str:
    choice = rng.random()
    if choice < 0.35:
        return _atom(rng, lo, hi)
    if choice < 0.55:
        return f"{_atom(rng, lo, hi)}-{_atom(rng, lo, hi)}"
    if choice < 0.65:
        return f"*/{_step(rng)}"
    if choice < 0.72:
        return f"{_atom(rng, lo, hi)}/{_step(rng)}"
    if choice < 0.8:
        return f"{_atom(rng, lo, hi)}-{_atom(rng, lo, hi)}/{_step(rng)}"
    if choice < 0.86:
        return f"{_atom(rng, lo, hi)}#{rng.randint(0, 7)}"
    if choice < 0.89:
        return f"L{_number(rng, lo, hi)}"
    if choice < 0.92:
        return rng.choice([f"{_number(rng, 1, 31)}W", f"W{_number(rng, 1, 31)}"])
    return rng.choice(ODD_TOKENS)


def _field(rng: random.Random, index: int) -> str:
    _, lo, hi = FIELDS[index] if index < len(FIELDS) else FIELDS[0]
    roll = rng.random()
    if roll < 0.3:
        return "*"
    if roll < 0.38:
        return str(rng.randint(lo, hi))
    count = 1 if roll < 0.8 else rng.randint(2, 4)
    return ",".join(_token(rng, lo, hi) for _ in range(count))


def _plausible_value(rng: random.Random, index: int) -> str:
    _, lo, hi = FIELDS[index]
    if index == 3 and rng.random() < 0.3:
        return _cased(rng, rng.choice(MONTHS))
    if index == 4 and rng.random() < 0.3:
        return _cased(rng, rng.choice(DAYS))
    return str(rng.randint(lo, hi + (1 if index == 4 else 0)))


def _cased(rng: random.Random, word: str) -> str:
    return rng.choice([word, word.upper(), word.capitalize()])


def _plausible_token(rng: random.Random, index: int) -> str:
    _, lo, hi = FIELDS[index]
    roll = rng.random()
    if roll < 0.35:
        return _plausible_value(rng, index)
    if roll < 0.55:
        return f"{_plausible_value(rng, index)}-{_plausible_value(rng, index)}"
    if roll < 0.65:
        return f"*/{rng.randint(1, hi - lo + 2)}"
    if roll < 0.72:
        return f"{_plausible_value(rng, index)}/{rng.randint(1, hi - lo + 2)}"
    if roll < 0.8:
        return f"{_plausible_value(rng, index)}-{_plausible_value(rng, index)}/{rng.randint(1, hi - lo + 2)}"
    if index == 2:
        return rng.choice(["L", "l", "?", f"{rng.randint(1, 31)}W", f"{rng.randint(1, 28)}-L"])
    if index == 4:
        return rng.choice(["?", f"{_plausible_value(rng, 4)}#{rng.randint(1, 5)}", f"L{rng.randint(0, 7)}"])
    return _plausible_value(rng, index)


def _plausible_field(rng: random.Random, index: int) -> str:
    roll = rng.random()
    if roll < 0.35:
        return "*"
    count = 1 if roll < 0.85 else rng.randint(2, 3)
    return ",".join(_plausible_token(rng, index) for _ in range(count))


def plausible_expression(rng: random.Random) -> str:
    """Mostly well-formed schedules: each field is drawn from forms croniter usually accepts."""
    count = rng.choice([5, 5, 5, 5, 6, 7])
    fields = [_plausible_field(rng, i) for i in range(count)]
    if rng.random() < 0.3:
        fields[rng.randrange(count)] = _field(rng, rng.randrange(count))
    return " ".join(fields)


def random_expression(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        count = 5
    elif roll < 0.82:
        count = 6
    elif roll < 0.9:
        count = 7
    else:
        count = rng.choice([0, 1, 2, 3, 4, 8])
    fields = [_field(rng, i) for i in range(count)]
    if rng.random() < 0.12:
        out = ""
        for i, field in enumerate(fields):
            out += field if i == 0 else rng.choice(SPACES) + field
        if rng.random() < 0.5:
            out = rng.choice(SPACES) + out + rng.choice(SPACES)
        return out
    return " ".join(fields)


def handpicked() -> list[str]:
    cases: list[str] = []
    presets = ["@once", "@continuous", "@hourly", "@daily", "@weekly", "@monthly", "@quarterly",
               "@yearly", "@annually", "@midnight", "@reboot", "@every 5m", "@every5m", "@",
               "@minutely", "@none", "@hour", "@day"]
    for preset in presets:
        cases += [preset, preset.upper(), preset.capitalize(), " " + preset, preset + " ", preset + "\n"]
    cases += ["", " ", "\t", "\n", "*", "* *", "* * *", "* * * *", "* * * * *", "* * * * * *",
              "* * * * * * *", "* * * * * * * *", "0 0 * * *", " 0 0 * * * ", "0\t0\t*\t*\t*",
              "0\n0 * * *", "0  0  *  *  *", "0 0 * * * 0", "0 0 * * * 59", "0 0 * * * 60",
              "0 0 * * * * 2024", "0 0 * * * 0 1970", "0 0 * * * 0 2099", "0 0 * * * 0 1969",
              "0 0 * * * 0 2100", "0 0 * * * 0 2100-1970", "0 0 * * * 0 2000-1000",
              "0 0 * * * 0 1000-2000", "0 0 * * * 0 0-0", "0 0 * * * 0 */50", "0 0 * * * 0 1970/200"]
    for index, (_, lo, hi) in enumerate(FIELDS[:5]):
        for token in [str(lo), str(hi), str(hi + 1), str(lo - 1) if lo > 0 else "-1", "0", "7",
                      f"{lo}-{hi}", f"{hi}-{lo}", f"{hi}-{hi}", "0-0", f"{lo}-{hi + 1}", "*/0",
                      "*/1", f"*/{hi}", f"*/{hi + 1}", f"*/{hi + 2}", f"{lo}/15", f"{hi}/15",
                      f"{lo}-{hi}/{hi}", "5/15", "10-20/3", "20-10/3", "L", "15W", "W15", "LW",
                      "1#2", "mon#2", "L5", "?", "H", "R", "jan", "JAN", "Jan", "mon", "MON",
                      "Mon", "jan-mar", "mar-jan", "mon-fri", "fri-mon", "sun-sat", "sat-sun",
                      "mon-fri/2", "jan/2", "dec/3"] + ODD_TOKENS:
            fields = ["0", "0", "*", "*", "*"]
            fields[index] = token
            cases.append(" ".join(fields))
            for extra in ["0", "0 2024"]:
                cases.append(" ".join(fields) + " " + extra)
    cases += ["0 0 31 2 *", "0 0 30 2 *", "0 0 29 2 *", "0 0 1 1 1", "0 0 1-7 * 1", "0 0 1 * 1#2",
              "0 0 * * 1#2,3", "0 0 * * 1#2,1", "0 0 * * 1#2,2#3", "0 0 * * 0-6,1#2",
              "0 0 1 * 0-6,1#2", "0 0 * * *,1#2", "0 0 * * L5,5", "0 0 * * L5,4", "0 0 * * 6/2,1#2,3,5", "0 0 * * sat/2,1#2,3,5",
              "0 0 * * *,0-6,1#2", "0 0 * * 7/2,1#2,3,5", "0 0 * * mon-mon#2", "0 0 * * fri-mon#2", "0 0 * * 7#2,0",
              "0 0 * * 1-7", "0 0 * * 0-7", "0 0 * * 7-7", "0 0 * * 5-7", "0 0 * * * 0",
              "0 0 * * 7 0", "0 0 0 * * 0", "0 0 0 * *", "0 0 * 0 *", "0 0 * 0 * 0",
              "0 0 * * 7 0 2024", "0 0 0 * * 0 2024", "0 0 L-5 * *", "0 0 5-L * *",
              "0 0 15W,1 * *", "0 0 15W * 1", "0 0 ? * ?", "0 0 * ? *", "? 0 * * *",
              "0 0 1W * *", "0 0 31W * *", "0 0 32W * *", "0 0 0W * *", "0 0 w1 * *",
              "59/15 * * * *", "23/5 23/5 * * *", "0 12 * * MON-FRI", "0 12 * * mon-fri",
              "30 8 * JAN-MAR MON", "*/5 * * * *", "*/15 9-17 * * 1-5", "0 0 1 */3 *",
              "0 0 1,15 * *", "5,10,15 * * * *", "0-59/5 * * * *", "0 0-23/2 * * *",
              "R(0-29)/30 * * * *", "R(50-59)/20 * * * *", "0 R/30 * * *", "0 R/24 * * *",
              "0 R/25 * * *", "R(0-70) * * * *", "R(0-59) * * * *", "0 0 R * *", "0 0 * * R",
              "0 0 * * * R", "0 0 * * * 0 R", "0 0 * R(1-13) *", "0 0 * * R(0-7)"]
    return cases


def corpus(seed: int = SEED, count: int = RANDOM_CASES, with_handpicked: bool = True) -> list[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    generated = [plausible_expression(rng) if i % 2 else random_expression(rng) for i in range(count)]
    for expr in (handpicked() if with_handpicked else []) + generated:
        if expr not in seen:
            seen.add(expr)
            out.append(expr)
    return out


def _check_once(expression: str, mixin: str) -> bool:
    """One pass through Airflow's path; True when nothing raised."""
    from cron_descriptor import CasingTypeEnum, ExpressionDescriptor, FormatException, MissingFieldException
    from croniter import CroniterBadCronError, croniter

    def describe(text: str) -> None:
        ExpressionDescriptor(text, casing_type=CasingTypeEnum.Sentence, use_24hour_time_format=True).get_description()

    try:
        # CronMixin.__init__: description errors of these three kinds are swallowed.
        try:
            if mixin == "old":
                descriptor = ExpressionDescriptor(
                    expression=expression, casing_type=CasingTypeEnum.Sentence, use_24hour_time_format=True
                )
                if len(croniter(expression).expanded) <= 5:
                    descriptor.get_description()
            else:
                if len(croniter(expression).expanded) <= 5:
                    parts = expression.split()
                    if len(parts) >= 5 and parts[2] != "*" and parts[4] != "*":
                        describe(" ".join(parts[:4] + ["*"] + parts[5:]))
                        describe(" ".join(parts[:2] + ["*"] + parts[3:]))
                    else:
                        describe(expression)
        except (CroniterBadCronError, FormatException, MissingFieldException):
            pass
        # validate(): any croniter error rejects the DAG.
        croniter(expression)
    except Exception:  # noqa: BLE001 - every exception is a rejected DAG
        return False
    return True


def judge(schedule: str, mixin: str) -> str:
    if schedule in ("@once", "@continuous"):
        return "valid"
    expression = AIRFLOW_PRESETS.get(schedule, schedule)
    tries = TRIES_FOR_R if "r" in expression.lower() else 1
    results = {_check_once(expression, mixin) for _ in range(tries)}
    if len(results) > 1:
        return "random"
    return "valid" if results.pop() else "invalid"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    judge_cmd = sub.add_parser("judge", help="judge the corpus with the croniter installed here")
    judge_cmd.add_argument("--mixin", choices=["old", "new"], required=True)
    judge_cmd.add_argument("--out", required=True)
    judge_cmd.add_argument("--seed", type=int, default=SEED, help="other seeds: extra fuzzing, not the fixture")
    judge_cmd.add_argument("--count", type=int, default=RANDOM_CASES, help="random expressions to generate")
    merge_cmd = sub.add_parser("merge", help="merge judge outputs into cases.json")
    merge_cmd.add_argument("--airflow2", nargs="+", required=True)
    merge_cmd.add_argument("--airflow3", nargs="+", required=True)
    merge_cmd.add_argument("--out", required=True)
    args = parser.parse_args()

    if args.command == "judge":
        from importlib.metadata import version

        random.seed(args.seed)
        exprs = corpus(args.seed, args.count, with_handpicked=args.seed == SEED)
        verdicts = [judge(expr, args.mixin) for expr in exprs]
        report = {
            "croniter": version("croniter"),
            "cron_descriptor": version("cron-descriptor"),
            "mixin": args.mixin,
            "cases": [[expr, verdict] for expr, verdict in zip(exprs, verdicts)],
        }
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False)
        counts = {v: verdicts.count(v) for v in ("valid", "invalid", "random")}
        print(f"croniter {report['croniter']}, cron-descriptor {report['cron_descriptor']}: {counts}", file=sys.stderr)
        return

    def load(paths: list[str]) -> tuple[list[str], dict[str, set[str]]]:
        order: list[str] = []
        verdicts: dict[str, set[str]] = {}
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                for expr, verdict in json.load(handle)["cases"]:
                    if expr not in verdicts:
                        order.append(expr)
                        verdicts[expr] = set()
                    verdicts[expr].add(verdict)
        return order, verdicts

    order, two = load(args.airflow2)
    _, three = load(args.airflow3)
    cases = []
    for expr in order:
        if "random" in two[expr] or "random" in three.get(expr, {"random"}):
            continue
        ok2 = "valid" in two[expr]
        ok3 = "valid" in three[expr]
        cases.append({"expr": expr, "valid": ok2 or ok3, "airflow2": ok2, "airflow3": ok3})
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("[\n")
        handle.write(",\n".join(json.dumps(case, ensure_ascii=True) for case in cases))
        handle.write("\n]\n")
    print(f"{len(cases)} cases written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
