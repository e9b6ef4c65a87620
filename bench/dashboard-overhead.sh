#!/usr/bin/env bash
# One run of `bin/dim bench sentiment` (storm, throughput phase), alone or with a dashboard page open:
#   bench/dashboard-overhead.sh base|browser|page [RECORDS]
# With `browser` or `page`, once the harness prints its broker, a dashboard JVM reads the run's topics
# and headless chromium shows its page until the benchmark ends: `browser` is chromium alone (what a
# page open costs), `page` drives it from DashboardPageProbe (Selenium), which also records how the
# page kept up and answered (its own JVM and its once-a-second scripts cost CPU too). Prints the
# harness's result line, the CPU of the dashboard JVM and of chromium while output flowed, and, with
# `page`, the page's figures. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:?base, browser or page}
case $mode in base | browser | page) ;; *) echo "unknown mode $mode: base, browser or page" >&2; exit 2 ;; esac
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Every chromium process alive now (the browser and its renderers, started by chromedriver).
chromium_ticks() {
    local total=0 pid
    for pid in $(pgrep -f 'chromium' || true); do total=$((total + $(cpu_ticks "$pid"))); done
    echo "$total"
}
records=${2:-200000}
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
    java -Xmx1g ${DASHBOARD_JVM_OPTIONS:-} -Dlog4j2.configurationFile=config/log4j2-dim.xml -Ddim.log.level=WARN -Ddim.home="$PWD" \
        -cp "tools/target/classes:worker/target/classes:$(cat tools/target/dev-classpath.txt)" io.datainmotion.cli.Dim dashboard --port 0 \
        --bootstrap "$bootstrap" --filter "$work/dashboard.properties" >"$work/dashboard.log" 2>&1 &
    dashboard=$!
    until grep -qs "Dashboard on" "$work/dashboard.log"; do sleep 1; done
    url=$(grep -o "http://[0-9.:]*/" "$work/dashboard.log")
    if [[ $mode == page ]]; then
        java -cp "tools/target/test-classes:tools/target/classes:worker/target/classes:$(cat tools/target/test-classpath.txt)" \
            io.datainmotion.dashboard.DashboardPageProbe "$url" 900 "$work/stop" >"$work/probe.log" 2>&1 &
    else
        # The flags HeadlessChromium gives it (as root it needs --no-sandbox).
        chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/chromium" "$url" \
            >"$work/chromium.log" 2>&1 &
    fi
    page_process=$!
    # CPU of the page's two processes while the topology's output flows: from the harness's first
    # progress line with output to its end, so start-up is not counted.
    (until grep -qE "storm #1 +[1-9][0-9,]* /" "$work/bench.log"; do sleep 0.2; done
     echo "$(date +%s.%N) $(cpu_ticks "$dashboard") $(chromium_ticks)" >"$work/cpu-start") &
fi
wait "$bench" || true
grep -E "^storm |load average" "$work/bench.log" | head -3
if [[ $mode != base ]]; then
    if [[ -s $work/cpu-start ]]; then
        read -r started dashboard_start chromium_start <"$work/cpu-start"
        awk -v t0="$started" -v t1="$(date +%s.%N)" -v d="$(($(cpu_ticks "$dashboard") - dashboard_start))" \
            -v c="$(($(chromium_ticks) - chromium_start))" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { s = t1 - t0; printf "while output flowed (%.0f s): dashboard JVM %.1f CPU-s (%.2f of a core), chromium %.1f CPU-s (%.2f of a core)\n", s, d / hz, d / hz / s, c / hz, c / hz / s }'
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
