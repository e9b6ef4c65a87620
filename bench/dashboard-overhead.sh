#!/usr/bin/env bash
# One run of `bin/dim bench sentiment` (storm, throughput phase), alone or with a dashboard page open:
#   bench/dashboard-overhead.sh base|browser|page|alternate [RECORDS]
#   bench/dashboard-overhead.sh pool DIR...
# With `browser` or `page`, once the harness prints its broker, a dashboard JVM reads the run's topics
# and headless chromium shows its page until the benchmark ends: `browser` is chromium alone (what a
# page open costs), `page` drives it from DashboardPageProbe (Selenium), which also records how the
# page kept up and answered (its own JVM and its once-a-second scripts cost CPU too). Prints the
# harness's result line, the CPU of the dashboard JVM and of chromium while output flowed, and, with
# `page`, the page's figures. `alternate` compares within one run, which removes the spread between
# runs: it opens the page as `browser` does, then freezes the dashboard JVM and chromium (SIGSTOP) and
# lets them run again (SIGCONT) every BLOCK_SECONDS (default 5) while output flows, and divides the
# topology's output rate in each block the page ran by the mean of the two frozen blocks beside it
# (from the harness's outputs-per-second.csv, broker append time; the first WARMUP_SECONDS, default 10,
# of output and its last 2 s are left out). A running page also catches up on what it missed while
# frozen, so this leans towards overstating its cost. BROWSER=none runs `browser` and `alternate`
# without chromium, as when the page is watched from another machine. See docs/benchmarks.md.
set -euo pipefail
mode=${1:?base, browser, page, alternate or pool}
block_seconds=${BLOCK_SECONDS:-5}
warmup_seconds=${WARMUP_SECONDS:-10}
case $mode in base | browser | page | alternate | pool) ;; *) echo "unknown mode $mode: base, browser, page, alternate or pool" >&2; exit 2 ;; esac
# Of an alternate run's log directory: each block with the page running divided by the mean of the
# frozen blocks beside it, one a line.
block_ratios() {
    awk '{ state[$1] = $2; rate[$1] = $3 }
        END { for (i in state) if (state[i] == "on" && (i - 1) in state && (i + 1) in state) print rate[i] / ((rate[i - 1] + rate[i + 1]) / 2) }' \
        "$1/block-rates"
}
if [[ $mode == pool ]]; then
    # `pool DIR...`: several `alternate` runs (the log directories they print) taken together. Each block
    # with the page running is divided by the frozen blocks beside it in its own run; one run has too few
    # blocks to tell a few percent. Prints their median with a bootstrap 95 % interval (2,000 resamples
    # of the runs and of the blocks within them, a fixed seed) and each run's median.
    shift
    [[ $# -gt 0 ]] || { echo "pool needs the log directories of alternate runs" >&2; exit 2; }
    for dir in "$@"; do
        [[ -s $dir/block-rates ]] || { echo "no block-rates in $dir: not the log directory of an alternate run" >&2; exit 2; }
    done
    for dir in "$@"; do
        block_ratios "$dir" | awk -v run="$dir" '{ print run, $1 }'
    done | awk '
        # Heap sort of a[1..n]: no recursion, since mawk stack depth runs out on the many equal values of
        # the resampled medians (a quicksort went n deep there).
        function sift(a, root, end,   child, t) {
            while ((child = 2 * root) <= end) {
                if (child < end && a[child] < a[child + 1]) child++
                if (a[root] >= a[child]) return
                t = a[root]; a[root] = a[child]; a[child] = t; root = child
            }
        }
        function sort(a, n,   i, t) {
            for (i = int(n / 2); i >= 1; i--) sift(a, i, n)
            for (i = n; i > 1; i--) { t = a[1]; a[1] = a[i]; a[i] = t; sift(a, 1, i - 1) }
        }
        function median(a, n) { sort(a, n); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        { ratio[++n] = $2; if (!($1 in blocks)) order[++runs] = $1; blocks[$1]++; of[$1, blocks[$1]] = $2 }
        END {
            if (n == 0) { print "no block with the page running had frozen blocks on both sides" > "/dev/stderr"; exit 1 }
            srand(1)
            # Runs differ from each other by more than their blocks say, so the resampling takes runs
            # first, then blocks within each run taken.
            for (b = 1; b <= 2000; b++) {
                k = 0
                for (r = 1; r <= runs; r++) {
                    run = order[int(rand() * runs) + 1]
                    for (j = 1; j <= blocks[run]; j++) sample[++k] = of[run, int(rand() * blocks[run]) + 1]
                }
                medians[b] = median(sample, k)
            }
            sort(medians, 2000)
            printf "%d runs, %d blocks with the page running: running ÷ frozen beside it, median %.3f (bootstrap 95 %% interval %.3f-%.3f)\n", runs, n, median(ratio, n), medians[51], medians[1950]
            for (r = 1; r <= runs; r++) { for (j = 1; j <= blocks[order[r]]; j++) one[j] = of[order[r], j]; printf "  %s: %d blocks, median %.3f\n", order[r], blocks[order[r]], median(one, blocks[order[r]]) }
        }'
    exit
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# A process's CPU ticks, with those of the children it has reaped.
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Every chromium process alive now (the browser and its renderers): its own session when this script
# started it, else every chromium (started by chromedriver).
chromium_ticks() {
    local total=0 pid pids
    if [[ $mode == page ]]; then pids=$(pgrep -f 'chromium' || true); else pids=$(ps -s "$page_process" -o pid= || true); fi
    for pid in $pids; do total=$((total + $(cpu_ticks "$pid"))); done
    echo "$total"
}
records=${2:-200000}
dashboard=
page_process=
# Whatever way this script ends, nothing it started stays behind, frozen or not.
leave_nothing_running() {
    if [[ -n $dashboard ]]; then
        kill -CONT "$dashboard" || true
        kill -TERM "$dashboard" || true
    fi
    if [[ -n $page_process ]]; then
        kill -CONT -- "-$page_process" || true
        kill -TERM -- "-$page_process" || kill -TERM "$page_process" || true
    fi
} 2>/dev/null
trap leave_nothing_running EXIT
work=$(mktemp -d /tmp/dim-dashboard-overhead-XXXXXX)
bin/dim bench sentiment --engines storm --phases throughput --records "$records" >"$work/bench.log" 2>&1 &
bench=$!
if [[ $mode != base ]]; then
    until grep -q "Broker on" "$work/bench.log"; do
        sleep 1
        kill -0 "$bench" 2>/dev/null || { cat "$work/bench.log"; exit 1; }
    done
    bootstrap=$(grep -o "Broker on [0-9.:]*" "$work/bench.log" | awk '{print $3}')
    cp flux/local.properties "$work/dashboard.properties"
    printf 'topic.tweets=throughput-storm-1-in\ntopic.sentiment=throughput-storm-1-out\ntopic.deadletters=throughput-storm-1-dead\ntopic.trends=throughput-storm-1-side\n' \
        >>"$work/dashboard.properties"
    # bin/dim execs the dashboard's JVM: this process id is the JVM's.
    DIM_JAVA_OPTS="-Xmx1g ${DASHBOARD_JVM_OPTIONS:-}" bin/dim dashboard --port 0 \
        --bootstrap "$bootstrap" --filter "$work/dashboard.properties" >"$work/dashboard.log" 2>&1 &
    dashboard=$!
    until grep -qs "Dashboard on" "$work/dashboard.log"; do sleep 1; done
    url=$(grep -o "http://[0-9.:]*/" "$work/dashboard.log")
    if [[ $mode == page ]]; then
        java -cp "tools/target/test-classes:tools/target/classes:worker/target/classes:$(cat tools/target/test-classpath.txt)" \
            io.datainmotion.dashboard.DashboardPageProbe "$url" 900 "$work/stop" >"$work/probe.log" 2>&1 &
    elif [[ ${BROWSER:-chromium} == none ]]; then
        # The page watched from another machine: only the dashboard JVM runs here (an idle stand-in
        # keeps the script's process handling the same).
        setsid sleep infinity &
    else
        # The flags HeadlessChromium gives it (as root it needs --no-sandbox); a session of its own, so
        # `alternate` can freeze all its processes at once.
        setsid chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/chromium" "$url" \
            >"$work/chromium.log" 2>&1 &
    fi
    page_process=$!
    # CPU of the page's two processes while the topology's output flows: from the harness's first
    # progress line with output to its end, so start-up is not counted.
    (until grep -qE "storm #1 +[1-9][0-9,]* /" "$work/bench.log"; do sleep 0.2; done
     echo "$(date +%s.%N) $(cpu_ticks "$dashboard") $(chromium_ticks)" >"$work/cpu-start") &
fi
if [[ $mode == alternate ]]; then
    # Freeze and resume the page's processes in turn while the harness runs.
    page_resume() { kill -CONT "$dashboard" 2>/dev/null || true; kill -CONT -- "-$page_process" 2>/dev/null || true; }
    until [[ -s $work/cpu-start ]] || ! kill -0 "$bench" 2>/dev/null; do sleep 0.2; done
    broker=$(grep -o "Broker on [0-9.:]* (pid [0-9]*" "$work/bench.log" | grep -o "[0-9]*$")
    engine=$(pgrep -f io.datainmotion.bench.EngineMain | head -n 1)
    # CPU ticks of the broker, the topology, the dashboard JVM and chromium at each boundary.
    ticks() { echo "$(cpu_ticks "$broker") $(cpu_ticks "$engine") $(cpu_ticks "$dashboard") $(chromium_ticks)"; }
    state=on
    while kill -0 "$bench" 2>/dev/null; do
        echo "$(date +%s%3N) $state $(ticks)" >>"$work/blocks"
        sleep "$block_seconds"
        if [[ $state == on ]]; then
            kill -STOP "$dashboard"
            kill -STOP -- "-$page_process"
            state=off
        else
            page_resume
            state=on
        fi
    done
    echo "$(date +%s%3N) end $(ticks)" >>"$work/blocks"
    page_resume
fi
wait "$bench" || true
grep -E "^storm |load average" "$work/bench.log" | head -3
if [[ $mode == alternate ]]; then
    run_dir=$(grep -o "results in [^ ]*" "$work/bench.log" | awk '{print $3}')/throughput-storm-1
    # Every block wholly inside the steady part of the output: its output rate (whole seconds inside
    # it) and the cores each process used over it.
    awk -v warmup="$warmup_seconds" -v hz="$(getconf CLK_TCK)" '
        NR == FNR { if (FNR > 1) { split($0, f, ","); second = f[1] + 0; count[second] = f[2] + 0; if (first == "" || second < first) first = second; if (second > last) last = second } next }
        { n++; for (k = 1; k <= 6; k++) b[n, k] = $k }
        END {
            for (i = 1; i < n; i++) {
                if (b[i, 1] < (first + warmup) * 1000 || b[i + 1, 1] > (last - 1) * 1000) continue
                from = int((b[i, 1] + 999) / 1000); to = int(b[i + 1, 1] / 1000) - 1
                seconds = 0; records = 0
                for (s = from; s <= to; s++) { seconds++; records += count[s] }
                span = (b[i + 1, 1] - b[i, 1]) / 1000
                if (seconds > 0) printf "%d %s %.1f", i, b[i, 2], records / seconds
                if (seconds > 0) for (k = 3; k <= 6; k++) printf " %.3f", (b[i + 1, k] - b[i, k]) / hz / span
                if (seconds > 0) printf "\n"
            }
        }' "$run_dir/outputs-per-second.csv" "$work/blocks" >"$work/block-rates"
    # The means only when there was a ratio to print (no block with frozen neighbours: nothing to compare).
    if block_ratios "$work" | sort -g | awk -v block="$block_seconds" '
        { ratio[++pairs] = $1 }
        END {
            if (pairs == 0) { print "no block with the page running had frozen blocks on both sides: more RECORDS or a shorter BLOCK_SECONDS" > "/dev/stderr"; exit 1 }
            median = pairs % 2 ? ratio[(pairs + 1) / 2] : (ratio[pairs / 2] + ratio[pairs / 2 + 1]) / 2
            printf "blocks of %d s: output rate with the page running ÷ frozen blocks beside it, %d blocks: median %.3f, range %.3f-%.3f\n", block, pairs, median, ratio[1], ratio[pairs]
        }'; then
        awk '
            { blocks[$2]++; for (k = 3; k <= 7; k++) sum[$2, k] += $k }
            END {
                printf "mean output rate of all blocks with the page running ÷ of all frozen: %.3f\n", (sum["on", 3] / blocks["on"]) / (sum["off", 3] / blocks["off"])
                for (s = 1; s <= 2; s++) {
                    st = s == 1 ? "on" : "off"
                    printf "mean of %d blocks %s: %.0f records/s; cores: broker %.3f, topology %.3f, dashboard JVM %.3f, chromium %.3f\n", blocks[st], st == "on" ? "with the page running" : "with it frozen", sum[st, 3] / blocks[st], sum[st, 4] / blocks[st], sum[st, 5] / blocks[st], sum[st, 6] / blocks[st], sum[st, 7] / blocks[st]
                }
            }' "$work/block-rates"
    fi
fi
if [[ $mode != base ]]; then
    if [[ -s $work/cpu-start ]]; then
        read -r started dashboard_start chromium_start <"$work/cpu-start"
        span="while output flowed"
        seconds=$(awk -v t0="$started" -v t1="$(date +%s.%N)" 'BEGIN { print t1 - t0 }')
        if [[ $mode == alternate ]]; then
            # Frozen processes use no CPU: divide by the time they ran.
            span="while the page ran, not frozen"
            seconds=$(awk 'NR > 1 && state == "on" { ms += $1 - at } { at = $1; state = $2 } END { print ms / 1000 }' "$work/blocks")
        fi
        awk -v s="$seconds" -v span="$span" -v d="$(($(cpu_ticks "$dashboard") - dashboard_start))" \
            -v c="$(($(chromium_ticks) - chromium_start))" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { printf "%s (%.0f s): dashboard JVM %.1f CPU-s (%.2f of a core), chromium %.1f CPU-s (%.2f of a core)\n", span, s, d / hz, d / hz / s, c / hz, c / hz / s }'
    fi
    touch "$work/stop"
    if [[ $mode == page ]]; then
        wait "$page_process" || true
        cat "$work/probe.log"
    else
        kill -TERM "$page_process"
        wait "$page_process" || true
    fi
    read -r utime stime < <(awk '{print $14, $15}' "/proc/$dashboard/stat")
    echo "dashboard JVM CPU: $(((utime + stime) / $(getconf CLK_TCK))) s over its life"
    kill -TERM "$dashboard"
    wait "$dashboard" || true
fi
echo "logs in $work"
