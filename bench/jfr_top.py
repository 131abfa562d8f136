#!/usr/bin/env python3
"""Summarises a JFR recording for bench/profile.sh, from the JSON of `jfr print --json` on stdin.

CPU: CPU-time samples (JDK 25's jdk.CPUTimeSample, which also sees threads inside native code such
as RocksDB's JNI calls and fsync; else the execution samples of threads running Java code) by the
library of the top frame; charged to their nearest io.tessera frame, so that time spent in
libraries (Ratis, RocksDB, gRPC, the JDK) is charged to the Tessera code that called them; the
io.tessera methods on the stack (inclusive); samples per thread group.
Waiting: the blocking events JFR records above its threshold (parks, monitor waits, socket reads,
fsyncs), summed per nearest io.tessera frame and its Tessera caller, for the threads whose name
contains --wait-threads (the connections' threads: their waits are the statements' latency)."""
import argparse
import collections
import json
import re
import sys

TESSERA_PREFIX = "io.tessera."
SAMPLES = ("jdk.CPUTimeSample", "jdk.ExecutionSample")
# The library of a frame: the longest of these prefixes it starts with, else its first two names.
LIBRARIES = ("io.tessera.", "org.apache.ratis.", "org.rocksdb.", "sun.nio.", "java.util.concurrent.",
             "java.lang.invoke.", "jdk.internal.", "com.google.protobuf.", "io.grpc.", "io.netty.",
             # Ratis's shaded copies of gRPC, Netty and protobuf: RPC plumbing, not Raft itself.
             "org.apache.ratis.thirdparty.io.grpc.", "org.apache.ratis.thirdparty.io.netty.",
             "org.apache.ratis.thirdparty.com.google.")
NO_TESSERA = "(no io.tessera frame on the stack)"
DURATION = re.compile(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?")


def frame_name(frame):
    method = frame["method"]
    # JFR's JSON spells classes with slashes; hidden lambda classes carry an address.
    owner = re.sub(r"\$\$Lambda[./]0x[0-9a-f]+", "$$Lambda", method["type"]["name"].replace("/", "."))
    return f'{owner}.{method["name"]}'


def frames_of(values):
    return [frame_name(f) for f in (values.get("stackTrace") or {}).get("frames", [])]


def tessera_frames(frames):
    """The io.tessera frames from the top of the stack down, consecutive repeats merged."""
    out = []
    for f in frames:
        if f.startswith(TESSERA_PREFIX) and "$$Lambda" not in f and (not out or out[-1] != f):
            out.append(f)
    return out


def thread_name(thread):
    return (thread or {}).get("javaName") or (thread or {}).get("osName") or "?"


def seconds(duration):
    m = DURATION.fullmatch(duration or "")
    if not m:
        return 0.0
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


def table(title, rows, total, top, unit):
    print(title)
    print(f"{unit:>10} {'share':>6}  frame")
    for name, n in rows.most_common(top):
        shown = f"{n:>10.0f}" if unit == "samples" else f"{n:>10.1f}"
        print(f"{shown} {100.0 * n / total:>5.1f}%  {name}")
    print()


def library(frame):
    known = [p for p in LIBRARIES if frame.startswith(p)]
    if known:
        return max(known, key=len) + "*"
    return ".".join(frame.split(".")[:2]) + ".*"


def cpu(kind, samples, top):
    nearest, inclusive, threads = collections.Counter(), collections.Counter(), collections.Counter()
    libraries = collections.Counter()
    for values in samples:
        frames = frames_of(values)
        if frames:
            libraries[library(frames[0])] += 1
        own = tessera_frames(frames)
        nearest[own[0] if own else NO_TESSERA] += 1
        for name in set(own):
            inclusive[name] += 1
        threads[re.sub(r"\d+", "N", thread_name(values.get("sampledThread") or values.get("eventThread")))] += 1
    total = len(samples)
    print(f"{total} samples of {kind}\n")
    if total:
        table("CPU by library of the top frame", libraries, total, top, "samples")
        table("CPU by nearest io.tessera frame (its own time plus the libraries it called)", nearest, total, top, "samples")
        table("CPU by io.tessera method on the stack (inclusive)", inclusive, total, top, "samples")
        table("CPU by thread (numbers in names replaced by N)", threads, total, top, "samples")


def waits(events, thread_filter, top):
    by_site = collections.Counter()
    for event in events:
        values = event["values"]
        if thread_filter not in thread_name(values.get("eventThread")):
            continue
        own = tessera_frames(frames_of(values))
        site = " < ".join(own[:2]) if own else NO_TESSERA
        by_site[f'{event["type"].removeprefix("jdk.")}: {site}'] += 1000 * seconds(values.get("duration"))
    total = sum(by_site.values())
    print(f"Waiting of the '{thread_filter}' threads: {total / 1000:.1f} s in blocking events above JFR's threshold\n")
    if total:
        table("Waits by event and nearest io.tessera frame < its Tessera caller", by_site, total, top, "ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--wait-threads", default="pgwire-conn")
    args = parser.parse_args()
    events = json.load(sys.stdin)["recording"]["events"]
    kind = next((k for k in SAMPLES if any(e["type"] == k for e in events)), SAMPLES[-1])
    cpu(kind, [e["values"] for e in events if e["type"] == kind], args.top)
    waits([e for e in events if e["type"] not in SAMPLES], args.wait_threads, args.top)


if __name__ == "__main__":
    main()
