#!/usr/bin/env python3
"""Wall-clock view for bench/profile.sh: where the connection threads are, waiting or running.

JFR's samples cover threads running Java code, and JDK 25's JFR recorded no park events for the
pgwire connections, which are virtual threads: a statement waiting for a Raft commit does not show.
bench/profile.sh therefore takes thread dumps (`jcmd PID Thread.dump_to_file -format=json`, which
includes virtual threads) every few seconds of the run; this counts, over all dumps, each
connection thread's state and nearest io.tessera frame with its Tessera caller."""
import argparse
import collections
import json
import re
import sys

TESSERA_PREFIX = "io.tessera."
NO_TESSERA = "(no io.tessera frame on the stack)"


def method_of(frame):
    """'java.base/java.lang.Thread.sleep(Thread.java:540)' -> 'java.lang.Thread.sleep'."""
    return re.sub(r"\$\$Lambda[./]0x[0-9a-f]+", "$$Lambda", frame.split("(", 1)[0].split("/")[-1])


def site(stack):
    own = []
    for m in map(method_of, stack):
        if m.startswith(TESSERA_PREFIX) and "$$Lambda" not in m and (not own or own[-1] != m):
            own.append(m)
    return " < ".join(own[:2]) if own else NO_TESSERA


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--threads", default="pgwire-conn", help="substring of the thread names counted")
    parser.add_argument("dumps", nargs="+")
    args = parser.parse_args()
    where = collections.Counter()
    for path in args.dumps:
        with open(path) as f:
            dump = json.load(f)["threadDump"]
        for container in dump["threadContainers"]:
            for thread in container["threads"]:
                if args.threads in thread.get("name", ""):
                    state = "running" if thread.get("state") == "RUNNABLE" else "waiting"
                    where[f"{state:<7}  {site(thread.get('stack', []))}"] += 1
    total = sum(where.values())
    print(f"{total} stacks of the '{args.threads}' threads in {len(args.dumps)} thread dumps"
          " (a RUNNABLE thread may be blocked in a socket read or native call)\n")
    if not total:
        return
    print(f"{'stacks':>7} {'share':>6}  state    nearest io.tessera frame < its Tessera caller")
    for key, n in where.most_common(args.top):
        print(f"{n:>7} {100.0 * n / total:>5.1f}%  {key}")


if __name__ == "__main__":
    sys.exit(main())
