#!/usr/bin/env python3
"""CPU time per thread of the failover benchmark's processes, for docs/benchmarks.md.

  thread_cpu.py sample OUT SECONDS      # beside a FailoverBenchmark run: every 100 ms, the CPU
                                        # ticks of each master's threads (grouped by name) and
                                        # the totals of the simulated agents' and the harness's JVMs
  thread_cpu.py report OUT BENCH_OUTPUT # share of a core per process and the busiest threads,
                                        # 0-0.5, 0.5-1 and 1-1.5 s after each "killing master-N at"

Linux only (reads /proc). Masters are found by "--cluster-port" in their command line.
"""
import datetime
import os
import re
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "java" not in cmd:
            continue
        if "SimulatedAgents" in cmd:
            found[pid] = "agents"
        elif "FailoverBenchmark" in cmd:
            found[pid] = "harness"
        elif "--cluster-port" in cmd:
            port = re.search(r"--port (\d+)", cmd)
            found[pid] = "master:" + (port.group(1) if port else pid)
    return found


def ticks(stat_path):
    fields = open(stat_path).read()
    fields = fields[fields.rindex(")") + 2:].split()  # the name may hold spaces
    return int(fields[11]) + int(fields[12])  # utime + stime


def sample(out_path, seconds):
    end = time.time() + seconds
    found, looked = processes(), time.time()
    with open(out_path, "w") as out:
        while time.time() < end:
            if time.time() - looked > 1:  # masters are killed and started again
                found, looked = processes(), time.time()
            now, records = time.time(), []
            for pid, name in found.items():
                try:
                    if name.startswith("master"):
                        groups = {}
                        for tid in os.listdir(f"/proc/{pid}/task"):
                            try:
                                thread = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
                                thread = re.sub(r"[-.#]?\d+$", "", thread)
                                groups[thread] = groups.get(thread, 0) + ticks(f"/proc/{pid}/task/{tid}/stat")
                            except OSError:
                                pass
                        records.append(name + "=" + ";".join(f"{k}:{v}" for k, v in groups.items()))
                    else:
                        records.append(f"{name}=total:{ticks(f'/proc/{pid}/stat')}")
                except OSError:
                    pass
            out.write("%.3f|%s\n" % (now, "|".join(records)))
            out.flush()
            time.sleep(max(0.0, 0.1 - (time.time() - now)))


def report(samples_path, bench_output):
    rows = []
    for line in open(samples_path):
        parts = line.strip().split("|")
        values = {}
        for part in parts[1:]:
            if "=" not in part:
                continue
            name, rest = part.split("=", 1)
            for item in filter(None, rest.split(";")):
                thread, count = item.rsplit(":", 1)
                values[(name, thread)] = int(count)
        rows.append((float(parts[0]), values))
    today = datetime.date.today().isoformat()
    for line in open(bench_output):
        kill = re.match(r"killing (master-\d) at (\S+)", line)
        if not kill or not rows:
            continue
        t0 = datetime.datetime.strptime(today + " " + kill.group(2), "%Y-%m-%d %H:%M:%S.%f").timestamp()
        print(f"kill of {kill.group(1)} at {kill.group(2)}")
        for start, stop in ((0, 0.5), (0.5, 1.0), (1.0, 1.5)):
            a = min(rows, key=lambda r: abs(r[0] - (t0 + start)))
            b = min(rows, key=lambda r: abs(r[0] - (t0 + stop)))
            span = b[0] - a[0]
            if span <= 0:
                continue
            used = {k: v - a[1][k] for k, v in b[1].items() if k in a[1] and v > a[1][k]}
            per_process = {}
            for (name, _), v in used.items():
                per_process[name] = per_process.get(name, 0) + v
            share = lambda v: round(100 * v / TICKS / span)
            busiest = sorted(used.items(), key=lambda kv: -kv[1])[:8]
            print(f"  {start}-{stop} s, % of a core: " + ", ".join(f"{n} {share(v)}" for n, v in per_process.items()))
            print("    busiest: " + ", ".join(f"{n}/{t} {share(v)}" for (n, t), v in busiest))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "sample":
        sample(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
