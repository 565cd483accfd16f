"""Whole-process time of the command line: ``zairyu deadlines FILE`` and ``zairyu assess FILE``, as a user types
them (a new Python process each time: start, imports, reading the law, the answer, exit).

    .venv/bin/python bench/bench_cli.py [--runs 15] [--src DIR]

Prints a Markdown table (copied into docs/bench-cli.md): median and best wall time and the median CPU time
(user + system of the child) per command. ``--src DIR`` runs the commands on another checkout's ``src`` (a
"before" measurement on the same machine). The commands run with their compiled bytecode, as an installed zairyu
has it (pip compiles it on install): ``PYTHONDONTWRITEBYTECODE`` is taken out of the children's environment so the
warm-up run writes it (measurements before 2026-12-05 evening ran with it set: zairyu's own modules, installed
editable, were compiled from source on every run, about 0.05 s).
Target (issue "A working day in the office"): <= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "examples" / "facts" / "motivating_case_2023-01.json"
COMMANDS = {
    "zairyu deadlines FILE": ["deadlines", str(FACTS), "--on", "2023-01-20"],
    "zairyu assess FILE": ["assess", str(FACTS), "--on", "2023-01-20"],
    "zairyu assess FILE --json": ["assess", str(FACTS), "--on", "2023-01-20", "--json"],
    "zairyu status student": ["status", "student"],
}


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from zairyu.cli import main; main()", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--src", help="run on another checkout's src folder")
    args = ap.parse_args()
    env = dict(os.environ, COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}, {args.runs} runs each, src: {args.src or 'this checkout'}, "
          f"cache: {env.get('ZAIRYU_CACHE_DIR', '~/.cache/zairyu')}\n")
    print("| command | median wall s | best wall s | median CPU s |")
    print("|---|---:|---:|---:|")
    for name, cmd in COMMANDS.items():
        run_once(cmd, env)  # warm the file cache and the compiled bytecode
        runs = [run_once(cmd, env) for _ in range(args.runs)]
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"| `{name}` | {statistics.median(walls):.3f} | {min(walls):.3f} | {statistics.median(cpus):.3f} |")


if __name__ == "__main__":
    main()
