#!/usr/bin/env bash
# Footprint and speed of one instance daemon: `storectl start` to ready, `stop` when idle,
# idle RSS and PSS (from /proc/PID/smaps_rollup). Needs a built checkout
# (mvn -q -B package -DskipTests). Then N daemons side by side: RSS and PSS per daemon
# (PSS shows what they share: JDK CDS archive, jars, libjvm).
# Usage: bench/daemon.sh [runs [instances]]   (defaults 5 and 10)
# The daemons map the class archive the build dumps (instance-manager/target/storemulti-daemon.jsa).
# Targets (issue #5): start < 1.5 s, stop < 1 s, RSS < 64 MiB.
# DAEMON_JAVA_OPTIONS goes to main.cf's daemon_java_options (e.g. "-XX:TieredStopAtLevel=1" for
# C1 only); IMAP=1 turns the imap service on (imap_listen on a free loopback port), as issue 13
# measures start-to-ready (< 1 s) and idle RSS (< 64 MiB).
set -euo pipefail
runs=${1:-5}
instances=${2:-10}
home=$(cd "$(dirname "$0")/.." && pwd)
storectl=$home/bin/storectl
work=$(mktemp -d /tmp/smb.XXXXXX)   # short: the control socket path must stay under 108 bytes
cleanup() {
    for etc in "$work"/*/etc; do "$storectl" -c "$etc" abort >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

instance() {   # instance NAME: lays out $work/NAME and prints its config directory
    mkdir -p "$work/$1/etc"
    printf 'queue_directory = %s/q\ndata_directory = %s/d\nmulti_instance_name = store-%s\n' \
        "$work/$1" "$work/$1" "$1" > "$work/$1/etc/main.cf"
    echo "daemon_java_options = ${DAEMON_JAVA_OPTIONS:-}" >> "$work/$1/etc/main.cf"
    if [ "${IMAP:-0}" = 1 ]; then
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        echo "imap_listen = inet:127.0.0.1:$port" >> "$work/$1/etc/main.cf"
    fi
    "$storectl" -c "$work/$1/etc" set-permissions >/dev/null
    echo "$work/$1/etc"
}
etc=$(instance one)

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/smaps_rollup"; }

printf '%-4s %9s %8s %9s %9s\n' run start_ms stop_ms rss_MiB pss_MiB
for run in $(seq 1 "$runs"); do
    t=$(date +%s%N)
    "$storectl" -c "$etc" start >/dev/null
    start=$(ms "$t")
    pid=$(tr -d ' \n' < "$work/one/q/pid/master.pid")
    sleep 2   # idle
    rss=$(kib Rss "$pid"); pss=$(kib Pss "$pid")
    t=$(date +%s%N)
    "$storectl" -c "$etc" stop >/dev/null
    stop=$(ms "$t")
    printf '%-4s %9s %8s %9.1f %9.1f\n' "$run" "$start" "$stop" "$(echo "$rss/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
done
echo
echo "$instances daemons side by side (idle 2 s):"
pids=()
for i in $(seq 1 "$instances"); do
    e=$(instance "n$i")
    "$storectl" -c "$e" start >/dev/null
    pids+=("$(tr -d ' \n' < "$work/n$i/q/pid/master.pid")")
done
sleep 2
rss=0; pss=0
for pid in "${pids[@]}"; do rss=$((rss + $(kib Rss "$pid"))); pss=$((pss + $(kib Pss "$pid"))); done
printf 'per daemon: RSS %.1f MiB, PSS %.1f MiB; all %d: RSS %.1f MiB, PSS %.1f MiB\n' \
    "$(echo "$rss/1024/$instances" | bc -l)" "$(echo "$pss/1024/$instances" | bc -l)" "$instances" \
    "$(echo "$rss/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
t=$(date +%s%N)
for i in $(seq "$instances" -1 1); do "$storectl" -c "$work/n$i/etc" stop >/dev/null; done
echo "stop of all $instances in sequence: $(ms "$t") ms"
echo "(start and stop include the storectl JVM itself; load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
