"""Soak test: ``zairyu serve`` held at the target rate for minutes, against a real server.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 300] [--agenda-rate 5] [--workers 1] [--concurrency 16]

Starts ``zairyu serve`` on a free port with a fresh SQLite database holding the demo office (as
bench/bench_web.py does), signs in through the API, then sends ``POST /api/v1/assess`` (the motivating case) at
``--rate`` requests a second, open loop (each request has its scheduled start; a late server makes the
latency grow, it does not slow the load down), plus ``GET /api/v1/agenda`` at ``--agenda-rate``. Every minute it
prints the requests sent, errors, the p95 latency of that minute, the achieved rate and the server's memory
(resident set size of the server process and its workers, from /proc). Ends with a Markdown table (copied into
docs/security.md). Target (docs/bench-web.md): >= 300 assessments/s, p95 <= 50 ms; no error; memory flat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import FACTS, ON, ZAIRYU, Conn, free_port, raw_request, server_pids


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the server processes, in MB (from /proc; Linux)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


@dataclass
class Minute:
    sent: int = 0
    errors: int = 0
    lat: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)

    def p95(self) -> float:
        s = sorted(self.lat)
        return s[max(0, int(len(s) * 0.95) - 1)] * 1000 if s else float("nan")


async def soak(port: int, token: str, args: argparse.Namespace, pids: list[int]) -> list[Minute]:
    assess = raw_request("POST", f"/api/v1/assess?on={ON}&lang=en", token, json.dumps(FACTS).encode())
    agenda = raw_request("GET", "/api/v1/agenda", token)
    minutes = [Minute() for _ in range(args.minutes + 1)]  # the last one: answers after the end (a backlog)
    t_start = time.perf_counter()
    t_end = t_start + args.minutes * 60
    free: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(args.concurrency):
        free.put_nowait(Conn("127.0.0.1", port))
    pending: set[asyncio.Task[None]] = set()

    async def one(raw: bytes, scheduled: float) -> None:
        conn = await free.get()
        try:
            status = await conn.request(raw)
            ok = status == 200
        except (OSError, asyncio.IncompleteReadError, ValueError):
            ok = False
            conn.close()
            conn = Conn("127.0.0.1", port)
        # counted in the minute it completed; latency from the scheduled start: waiting for a free connection
        # counts (no coordinated omission)
        done = time.perf_counter()
        m = minutes[min(int((done - t_start) // 60), len(minutes) - 1)]
        m.sent += 1
        m.lat.append(done - scheduled)
        if not ok:
            m.errors += 1
        free.put_nowait(conn)

    async def stream(raw: bytes, rate: float) -> None:
        if rate <= 0:
            return
        step = 1.0 / rate
        k = 0
        while True:
            scheduled = t_start + k * step
            if scheduled >= t_end:
                return
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(one(raw, scheduled))
            pending.add(task)
            task.add_done_callback(pending.discard)
            k += 1

    async def memory() -> None:
        while time.perf_counter() < t_end:
            idx = min(int((time.perf_counter() - t_start) // 60), args.minutes)
            minutes[idx].rss.append(rss_mb(pids))
            await asyncio.sleep(5)

    async def report() -> None:
        shown = 0
        while shown < args.minutes:
            await asyncio.sleep(1)
            done = int((time.perf_counter() - t_start) // 60)
            while shown < min(done, args.minutes):
                m = minutes[shown]
                print(f"minute {shown + 1}: {m.sent} answered ({m.sent / 60:.0f}/s), {m.errors} errors, "
                      f"p95 {m.p95():.1f} ms, server RSS {max(m.rss, default=0):.0f} MB", flush=True)
                shown += 1

    await asyncio.gather(stream(assess, args.rate), stream(agenda, args.agenda_rate), memory(), report())
    if pending:
        await asyncio.gather(*pending)
    return minutes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=int, default=10)
    ap.add_argument("--rate", type=float, default=300, help="assessments a second")
    ap.add_argument("--agenda-rate", type=float, default=5, help="agenda requests a second")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--concurrency", type=int, default=16, help="keep-alive connections")
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="zairyu-soak-"))
    env = {**os.environ, "ZAIRYU_DATA_DIR": str(data), "ZAIRYU_DATABASE_URL": f"sqlite:///{data / 'zairyu.db'}"}
    subprocess.run([*ZAIRYU, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([*ZAIRYU, "demo", "--on", ON], env=env, check=True, capture_output=True)
    subprocess.run([*ZAIRYU, "users", "add", "soak@example.org", "--role", "caseworker",
                    "--password", "soak-password-1"], env=env, check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*ZAIRYU, "serve", "--port", str(port), "--workers", str(args.workers), "--on", ON],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        token = httpx.post(url + "/api/v1/auth/token", json={"email": "soak@example.org",
                                                              "password": "soak-password-1"}).json()["access_token"]
        pids = server_pids(server.pid)
        rss0 = rss_mb(pids)
        minutes = asyncio.run(soak(port, token, args, pids))
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(m.sent for m in minutes)
    errors = sum(m.errors for m in minutes)
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} after "
          f"the run), Python {platform.python_version()}; zairyu serve --workers {args.workers}, SQLite; "
          f"{args.rate:.0f} assessments/s + {args.agenda_rate:.0f} agenda/s, open loop, {args.concurrency} "
          f"connections, {args.minutes} minutes; server RSS before the load {rss0:.0f} MB\n")
    print("| minute | answered | answered/s | errors | p95 ms (from scheduled start) | server RSS MB (max) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for i, m in enumerate(minutes, 1):
        label = str(i) if i <= args.minutes else "after the end (backlog)"
        if i > args.minutes and not m.sent:
            continue
        print(f"| {label} | {m.sent} | {m.sent / 60:.0f} | {m.errors} | {m.p95():.1f} | "
              f"{max(m.rss, default=0):.0f} |")
    print(f"\ntotal: {total} requests, {errors} errors")


if __name__ == "__main__":
    main()
