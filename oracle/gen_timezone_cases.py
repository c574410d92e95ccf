#!/usr/bin/env python3
"""Ground truth for airlint's time zone check (src/model/timezone.ts): fixtures/timezones/cases.json.

Every name is judged by the real ``pendulum.timezone(name)``, the call Airflow DAG files make (and
what ``pendulum.datetime(..., tz=name)`` does with a string): valid means no exception.

The names: every entry of ``zoneinfo.available_timezones()`` of the Python that runs this script,
plus tricky ones: case variants, aliases and links, offsets, removed links ICU still knows, paths,
whitespace, and files of the system zoneinfo folder.

Run it with a Python that has pendulum 3 (what Airflow 2.8+ and 3.x install), on Linux with the
system tzdata installed (the ``posix/`` and ``right/`` cases read it):

    /tmp/af2/bin/python oracle/gen_timezone_cases.py > fixtures/timezones/cases.json
"""

import json
import sys
import zoneinfo

import pendulum

TRICKY = [
    # pendulum maps any case of "utc" to UTC; zoneinfo is case-sensitive for everything else
    "UTC", "utc", "Utc", "uTC",
    "europe/amsterdam", "EUROPE/AMSTERDAM", "Europe/amsterdam", "america/new_york", "America/New_york",
    "us/pacific", "US/pacific", "etc/gmt+5", "Etc/gmt+5", "gmt", "est", "cet", "Asia/kolkata",
    # aliases and links that zoneinfo accepts
    "US/Pacific", "US/Eastern", "Etc/GMT+5", "Etc/GMT-14", "Etc/UTC", "GMT", "UCT", "Universal", "Zulu",
    "EST", "EST5EDT", "CET", "Europe/Kiev", "Europe/Kyiv", "Asia/Calcutta", "America/Buenos_Aires",
    "America/Ciudad_Juarez", "America/Coyhaique", "Pacific/Kanton", "Pacific/Enderbury",
    # links tzdata removed and Java-style ids, which ICU may still know
    "ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT", "IET", "IST",
    "JST", "MIT", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST", "HST", "MST", "GMT0", "PRC", "ROK",
    "US/Pacific-New", "Canada/East-Saskatchewan", "SystemV/AST4", "SystemV/EST5EDT", "SystemV/PST8PDT",
    # not zone names
    "", " ", " UTC", "UTC ", "Europe/Paris ", "Z", "z", "local", "Local", "+02:00", "-0500", "+2", "UTC+2",
    "GMT+5", "GMT-3", "Etc/GMT+14", "Etc/GMT-15", "Etc/Unknown", "Europe/Atlantis", "Mars/Olympus_Mons",
    "EST5", "PST", "IST", "CEST", "BST", "Eastern", "Pacific", "America", "Europe", "Europe/",
    "/Europe/Paris", "Europe//Paris", "Europe/../Europe/Paris", "/etc/localtime", "zoneinfo/Europe/Paris",
    "Europe\\Paris", "Europe/Paris/", "America/New York", "America/New-York",
    # files of the system zoneinfo folder (present on Debian/Ubuntu with tzdata installed)
    "posixrules", "localtime", "Factory", "posix/Europe/Paris", "right/UTC", "posix/UTC", "posix/utc",
    "right/europe/paris", "posix/Mars/Base", "leap-seconds.list", "tzdata.zi", "zone.tab", "iso3166.tab",
]


def judge(name: str) -> bool:
    try:
        pendulum.timezone(name)
    except Exception:  # InvalidTimezone, ValueError (bad key or file), IsADirectoryError...
        return False
    return True


def main() -> None:
    names = sorted(zoneinfo.available_timezones())
    seen = set(names)
    names += [n for n in TRICKY if n not in seen and not seen.add(n)]
    cases = [{"name": n, "valid": judge(n)} for n in names]
    sys.stdout.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]\n")


if __name__ == "__main__":
    main()
