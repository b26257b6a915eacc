#!/usr/bin/env bash
# storeadm -f with one very long line: the time to refuse a line of N arguments, for
# doubling N, so the growth shows (linear: time doubles with N, minus the JVM start).
# Needs a built checkout (mvn -q -B package -DskipTests).
# Usage: bench/script-args.sh [N...]   (default 25000 50000 100000 200000)
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/smsa.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc"
printf 'queue_directory = %s/q\ndata_directory = %s/d\n' "$work" "$work" > "$work/etc/main.cf"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

t=$(date +%s%N)
echo "domain_list" > "$work/empty"
"$home/bin/storeadm" -c "$work/etc" -f "$work/empty" >/dev/null
printf '%-8s %8s\n' args ms
printf '%-8s %8s\n' 0 "$(ms "$t")"
for n in "${@:-25000 50000 100000 200000}"; do
    for each in $n; do
        awk -v n="$each" 'BEGIN { printf "domain_add"; for (i = 0; i < n; i++) printf " d%d.example", i; print "" }' \
            > "$work/script"
        t=$(date +%s%N)
        "$home/bin/storeadm" -c "$work/etc" -f "$work/script" >/dev/null 2>&1 || true
        printf '%-8s %8s\n' "$each" "$(ms "$t")"
    done
done
