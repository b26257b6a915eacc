#!/bin/sh
# Life-cycle benchmark for storemulti (issues 3 and 4): create N instances one after
# another in a throw-away sandbox, timing each create; then time 'storemulti -l' over the
# set (5 runs). Prints per-create times for the first and last ten, medians, and -l times.
# Usage: bench/lifecycle.sh [N]      (default 100; needs a built checkout)
# BENCH_DIR=/some/empty/dir keeps the sandbox for further measurements.
# The machine's load shows in the wall times: the script prints the load average too.
set -eu
n=${1:-100}
home=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
STOREMULTI_SANDBOX=$work "$home/bin/sandbox" >/dev/null 2>&1 || true
primary=$work/etc/store
sm="$home/bin/storemulti -c $primary"
$sm -e init

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

times=$work/create.times
i=1
while [ "$i" -le "$n" ]; do
    t=$(date +%s%N)
    $sm -e create -I "store-bench$i" -G "g$(( i % 5 ))"
    ms "$t" >> "$times"
    i=$((i + 1))
done
echo "create: first 10 (ms): $(head -n 10 "$times" | tr '\n' ' ')"
echo "create: last 10 (ms):  $(tail -n 10 "$times" | tr '\n' ' ')"
echo "create: median of first 10: $(head -n 10 "$times" | median) ms, of last 10: $(tail -n 10 "$times" | median) ms, max: $(sort -n "$times" | tail -n 1) ms"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
count=$($sm -l | wc -l)
for run in 1 2 3 4 5; do
    t=$(date +%s%N); $sm -l >/dev/null; ms "$t"
done > "$work/list.times"
echo "-l over $count instances (ms, 5 runs): $(tr '\n' ' ' < "$work/list.times") median $(median < "$work/list.times")"
for run in 1 2 3 4 5; do
    t=$(date +%s%N); $sm -x true >/dev/null; ms "$t"
done > "$work/x.times"
echo "-x true over $count instances (ms, 5 runs): median $(median < "$work/x.times")"
g=$($sm -l -g g1 | wc -l)
for run in 1 2 3 4 5; do
    t=$(date +%s%N); $sm -g g1 -p status >/dev/null 2>&1 || true; ms "$t"
done > "$work/p.times"
echo "-p status over $g instances, in-process storectl (ms, 5 runs): median $(median < "$work/p.times")"
