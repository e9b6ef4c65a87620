#!/usr/bin/env bash
# Sentiment topology throughput and CPU on the local multi-process cluster (2 Supervisors), for
# docs/scaling.md: for each WORKERS:PARTITIONS, a fresh input topic is filled with RECORDS synthetic
# tweets, the topology is submitted with that many workers (parallelism = workers), and its consumer
# group's lag is followed (bin/dim lag) until it is 0. records/s = scored records / time from the first
# to the last output record (their timestamps, set by the sink's producer); CPU = utime+stime of the
# Worker JVMs over the same span, from samples taken every 0.5 s.
# Rounds interleave the configurations, so that load from other jobs spreads over all of them.
#   bench/cluster-scaling.sh [RECORDS] [ROUNDS] [CONFIGS...]      e.g. bench/cluster-scaling.sh 400000 2 1:1 2:4
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dim="$root/bin/dim"
records="${1:-400000}"; rounds="${2:-2}"; shift 2 || true
configs=("$@"); [[ ${#configs[@]} -eq 0 ]] && configs=(1:1 1:2 1:4 2:1 2:2 2:4)
work="$(mktemp -d /tmp/dim-scaling-XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
bootstrap="127.0.0.1:$port"
clk="$(getconf CLK_TCK)"

"$dim" kafka --port "$port" --data-dir "$work/kafka" >"$work/kafka.log" 2>&1 &
broker=$!
cleanup() { "$dim" cluster stop >/dev/null 2>&1 || true; kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
until grep -q "ready" "$work/kafka.log"; do sleep 0.5; done
"$dim" cluster start --supervisors 2 --slots 2 >/dev/null
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"t%d\",\"text\":\"tweet %d: what a wonderful day, I love it #s%d\"}\n", i, i, i % 50 }' >"$work/tweets.jsonl"

worker_cpu() {  # seconds of CPU used so far by every Worker JVM of the cluster
    local total=0 pid
    for pid in $(pgrep -f 'org.apache.storm.daemon.worker.Worker' || true); do
        grep -q -- "-Dstorm.home=$root/target/storm-cluster/run" "/proc/$pid/cmdline" 2>/dev/null || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "scale=2; $total / $clk" | bc
}

echo "workers partitions round records_per_s worker_cpu_s_per_million load_average"
for round in $(seq 1 "$rounds"); do
    for config in "${configs[@]}"; do
        workers="${config%%:*}"; partitions="${config##*:}"; run="scale-$workers-$partitions-$round"
        props="$work/$run.properties"
        sed -e "s/^topic\.\([a-z.]*\)=\(.*\)$/topic.\1=\2-$run/" -e "s/^sentiment.consumer.group=.*/sentiment.consumer.group=$run/" \
            -e "s/^topology.workers=.*/topology.workers=$workers/" -e "s/^topics.partitions=.*/topics.partitions=$partitions/" \
            -e "s/^\(sentiment\.[a-z]*\.parallelism\)=.*/\1=$workers/" "$root/flux/local.properties" >"$props"
        "$dim" topics create "tweets-$run" --partitions "$partitions" --bootstrap "$bootstrap" >/dev/null
        "$dim" produce "tweets-$run" "$work/tweets.jsonl" --bootstrap "$bootstrap" 2>/dev/null
        "$dim" submit flux/sentiment.yaml --filter "$props" --bootstrap "$bootstrap" --create-topics >/dev/null 2>&1
        samples="$work/$run.cpu"
        ( while :; do echo "$(date +%s%3N) $(worker_cpu)"; sleep 0.5; done ) >"$samples" &
        sampler=$!
        deadline=$((SECONDS + 900)); while :; do
            (( SECONDS > deadline )) && { echo "$run: lag not 0 within 900 s" >&2; exit 1; }
            out="$("$dim" lag "$run" --bootstrap "$bootstrap" 2>/dev/null || true)"
            committed="$(grep -c "^$run " <<<"$out" || true)"
            lag="$(sed -n 's/^total lag //p' <<<"$out")"
            [[ "$committed" -eq "$partitions" && "$lag" -eq 0 ]] && break
            sleep 1
        done
        kill "$sampler"; wait "$sampler" 2>/dev/null || true
        read -r first last count < <("$dim" consume "twitter_sentiment-$run" --from-beginning --print-metadata --timeout 5 \
            --bootstrap "$bootstrap" | sed -n 's/^partition=[0-9]* offset=[0-9]* timestamp=\([^ ]*\) .*/\1/p' \
            | python3 -c '
import sys, datetime
ts = [datetime.datetime.fromisoformat(l.strip().replace("Z", "+00:00")).timestamp() * 1000 for l in sys.stdin if l.strip()]
print(int(min(ts)), int(max(ts)), len(ts))')
        read -r rate cpu < <(python3 -c '
import sys
first, last, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
samples = [tuple(map(float, l.split())) for l in open(sys.argv[4]) if len(l.split()) == 2]
def cpu_at(t):
    before = [c for (s, c) in samples if s <= t]
    return before[-1] if before else samples[0][1]
after = [c for (s, c) in samples if s >= last]
cpu = (after[0] if after else samples[-1][1]) - cpu_at(first)
print(round(count / ((last - first) / 1000)), round(cpu * 1e6 / count, 1))' "$first" "$last" "$count" "$samples")
        echo "$workers $partitions $round $rate $cpu $(cut -d' ' -f1-3 /proc/loadavg)"
        "$dim" kill sentiment --wait 0 >/dev/null
    done
done
