#!/usr/bin/env bash
# Footprint and speed of one instance daemon: `storectl start` to ready, `stop` when idle,
# idle RSS and PSS (from /proc/PID/smaps_rollup). Needs a built checkout
# (mvn -q -B package -DskipTests). Usage: bench/daemon.sh [runs]   (default 5)
# Targets (issue #5): start < 1.5 s, stop < 1 s, RSS < 64 MiB.
set -euo pipefail
runs=${1:-5}
home=$(cd "$(dirname "$0")/.." && pwd)
storectl=$home/bin/storectl
work=$(mktemp -d /tmp/smb.XXXXXX)   # short: the control socket path must stay under 108 bytes
trap '"$storectl" -c "$work/etc" abort >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

mkdir -p "$work/etc"
printf 'queue_directory = %s/q\ndata_directory = %s/d\nmulti_instance_name = store-bench\n' \
    "$work" "$work" > "$work/etc/main.cf"
"$storectl" -c "$work/etc" set-permissions >/dev/null

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/smaps_rollup"; }

printf '%-4s %9s %8s %9s %9s\n' run start_ms stop_ms rss_MiB pss_MiB
for run in $(seq 1 "$runs"); do
    t=$(date +%s%N)
    "$storectl" -c "$work/etc" start >/dev/null
    start=$(ms "$t")
    pid=$(tr -d ' \n' < "$work/q/pid/master.pid")
    sleep 2   # idle
    rss=$(kib Rss "$pid"); pss=$(kib Pss "$pid")
    t=$(date +%s%N)
    "$storectl" -c "$work/etc" stop >/dev/null
    stop=$(ms "$t")
    printf '%-4s %9s %8s %9.1f %9.1f\n' "$run" "$start" "$stop" "$(echo "$rss/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
done
echo "(start and stop include the storectl JVM itself; load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
