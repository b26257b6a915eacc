#!/usr/bin/env bash
# A daemon's start to ready as `storectl start` reports it ("ready in N s": from the launch of
# the daemon JVM to its ready answer, without the storectl JVM), and the wall time of the whole
# `storectl start`, for one or more builds side by side: HOME is a built checkout or an unpacked
# distribution (run its bin/class-data-archives first, so its archives fit its paths); runs
# alternate between the homes, start by start, so load affects them alike.
# Usage: bench/daemon-ready.sh [runs [HOME...]]   (defaults 10 and this checkout)
set -euo pipefail
runs=${1:-10}
shift || true
homes=("$@")
[ ${#homes[@]} -gt 0 ] || homes=("$(cd "$(dirname "$0")/.." && pwd)")
work=$(mktemp -d /tmp/smd.XXXXXX)
cleanup() {
    for i in "${!homes[@]}"; do "${homes[$i]}/bin/storectl" -c "$work/$i/etc" abort >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for i in "${!homes[@]}"; do
    mkdir -p "$work/$i/etc"
    printf 'queue_directory = %s/q\ndata_directory = %s/d\nmulti_instance_name = store-r%s\n' \
        "$work/$i" "$work/$i" "$i" > "$work/$i/etc/main.cf"
    "${homes[$i]}/bin/storectl" -c "$work/$i/etc" set-permissions >/dev/null
done
for run in $(seq 1 "$runs"); do
    for i in "${!homes[@]}"; do
        t=$(date +%s%N)
        ready=$("${homes[$i]}/bin/storectl" -c "$work/$i/etc" start | sed -n 's/.*ready in \([0-9.]*\) s.*/\1/p')
        echo "$i $ready $(( ($(date +%s%N) - t) / 1000000 ))" >> "$work/results"
        "${homes[$i]}/bin/storectl" -c "$work/$i/etc" stop >/dev/null
    done
done
printf '%-50s %28s %30s\n' home "ready s (min median max)" "storectl start ms (min med max)"
for i in "${!homes[@]}"; do
    ready=$(awk -v i="$i" '$1 == i { print $2 }' "$work/results" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
    wall=$(awk -v i="$i" '$1 == i { print $3 }' "$work/results" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
    printf '%-50s %28s %30s\n' "${homes[$i]}" "$ready" "$wall"
done
echo "($runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
