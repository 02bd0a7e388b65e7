"""Helpers of bench/profile.sh: CPU of a process with its JIT threads apart, and a profile's breakdown."""
import json
import os
import sys
from collections import Counter

# Each stack goes to the first category it passes through, in this order.
CATEGORIES = [
    ("JIT compiler threads", ("C2Compiler", "Compiler::compile", "C1")),
    ("session read + write (KV)", ("KvSessionStore",)),
    ("provider call (adapter + Jetty client)", ("ProviderHttp", "jetty/client")),
    ("model access (budgets, routing, metrics)", ("ModelAccess.chat",)),
    ("output check (schema, leak guard)", ("StructuredOutput",)),
    ("SDR agent, rest", ("SdrCopilot.run",)),
    ("durable log write before the answer (RocksDB WAL + memtable)", ("LogStore.writeNow",)),
    ("interaction enqueue (request side)", ("ExecuteService.logInteraction",)),
    ("execute, rest", ("ExecuteService.execute",)),
    ("API (grant, JSON, errors)", ("ApiServer",)),
    ("Javalin", ("javalin",)),
    ("Jetty server and socket I/O", ("eclipse/jetty",)),
    ("interaction writer (blob file + index rows, background)", ("QueueWorker.loop",)),
    ("durable log group-commit thread (SF_LOG_SYNC_MS=0)", ("SqliteQueue.writeLoop", "LogStore.writeLoop")),
    ("durable log WAL sync (background, every SF_LOG_SYNC_MS)", ("WalSyncer.loop",)),
    ("RocksDB background (flush, compaction)", ("rocksdb::",)),
    ("virtual thread scheduling", ("VirtualThread", "ForkJoin")),
    ("start-up", ("Main.main",)),
]
APART = {"JIT compiler threads", "start-up"}


def cpu(pid):
    """Prints 'total jit' CPU ticks of a process, summed over its threads."""
    total = jit = 0
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            s = open(f"/proc/{pid}/task/{t}/stat").read()
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        ticks = int(fields[11]) + int(fields[12])
        total += ticks
        if comm.startswith(("C1 Comp", "C2 Comp")):
            jit += ticks
    print(total, jit)


def per_execute(measured, c0, c1):
    r = json.load(open(measured))[0]
    a0, j0 = map(int, c0.split())
    a1, j1 = map(int, c1.split())
    hz = os.sysconf("SC_CLK_TCK")
    total, jit, n = (a1 - a0) / hz, (j1 - j0) / hz, r["requests"]
    print(f"{n} executes at concurrency 16 ({r['throughput']:.0f}/s, p50 {r['p50Ms']:.2f} ms, p99 {r['p99Ms']:.2f} ms, "
          f"errors {r['errors']}); CPU per execute {total * 1e6 / n:.0f} us, without the JIT compiler threads "
          f"{(total - jit) * 1e6 / n:.0f} us ({total:.1f} s CPU, JIT {jit:.1f} s)")


def table(collapsed):
    counts = Counter()
    total = 0
    for line in open(collapsed):
        stack, n = line.rstrip().rsplit(" ", 1)
        n = int(n)
        total += n
        for name, patterns in CATEGORIES:
            if any(p in stack for p in patterns):
                counts[name] += n
                break
        else:
            counts["kernel, JVM runtime, other"] += n
    rest = total - sum(counts[k] for k in APART)
    print(f"{total} samples of 1 ms CPU\n")
    print("| where the CPU goes | share of all CPU | share without JIT and start-up |")
    print("|---|---|---|")
    for name, n in counts.most_common():
        apart = "" if name in APART else f"{n * 100 / rest:.1f} %"
        print(f"| {name} | {n * 100 / total:.1f} % | {apart} |")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "cpu":
        cpu(sys.argv[2])
    elif cmd == "per-execute":
        per_execute(*sys.argv[2:5])
    elif cmd == "table":
        table(sys.argv[2])
    else:
        sys.exit(f"profile_report.py: unknown command {cmd}")
