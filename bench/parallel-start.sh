#!/bin/sh
# storemulti -p start of 10 instances (the primary and 9 secondaries), serial (-P 1)
# against parallel waves (-P 4). The secondaries share no group, so they form one wave
# of 9 after the primary's own (consecutive instances of one group make a wave).
# postmulti takes 5.2 s for 10 Postfix instances on this machine (shared/NOTES.md).
# Then -p status over the 10, running and stopped (postmulti: 706 ms over 10 stopped).
# Needs a built checkout (mvn -q -B package -DskipTests).
#   bench/parallel-start.sh [ROUNDS]   (default 3; each start after SETTLE=3 s of idle)
# MAIL_OWNER=USER, run as root, measures the system-install path: root starts every
# daemon as USER through setpriv (USER must be able to read this checkout).
set -eu
home=$(cd "$(dirname "$0")/.." && pwd)
bin=$home/bin
rounds=${1:-3}
settle=${SETTLE:-3}   # seconds of idle before each start; SETTLE=0 starts right after the stop
dir=$(mktemp -d /tmp/smps.XXXXXX)
primary=$dir/etc/store
trap '"$bin/storemulti" -c "$primary" -p stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
mkdir -p "$primary"
cat > "$primary/main.cf" <<CF
queue_directory = $dir/var/spool/store
data_directory = $dir/var/lib/store
command_directory = $bin
daemon_directory = $bin
meta_directory = $home/templates
CF
if [ -n "${MAIL_OWNER:-}" ]; then
    chmod 755 "$dir"
    echo "mail_owner = $MAIL_OWNER" >> "$primary/main.cf"
fi
"$bin/storectl" -c "$primary" set-permissions >/dev/null
"$bin/storemulti" -c "$primary" -e init
i=1
while [ $i -le 9 ]; do
    "$bin/storemulti" -c "$primary" -e create -I "store-p$i"
    "$bin/storemulti" -c "$primary" -i "store-p$i" -e enable
    i=$((i + 1))
done
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# the machine's speed today, to compare runs made on other days: a bare JVM start and exit
t0=$(ms); for _ in 1 2 3 4 5; do java -Xshare:auto -XX:TieredStopAtLevel=1 -version 2>/dev/null; done; t1=$(ms)
echo "reference: java -version takes $(( (t1 - t0) / 5 )) ms"
# -P 1 and -P 4 alternate, so both meet the host in the same state (it slows down under
# sustained load)
r=1
while [ $r -le "$rounds" ]; do
    for parallel in 1 4; do
        sleep "$settle"   # the stopped daemons' exits and writeback end before the next start
        t0=$(ms)
        "$bin/storemulti" -c "$primary" -P $parallel -p start >/dev/null
        t1=$(ms)
        "$bin/storemulti" -c "$primary" -P $parallel -p stop >/dev/null
        t2=$(ms)
        echo "-P $parallel round $r: start of 10 instances $((t1 - t0)) ms, stop $((t2 - t1)) ms"
    done
    r=$((r + 1))
done
"$bin/storemulti" -c "$primary" -P 4 -p start >/dev/null
for state in running; do
    r=1
    while [ $r -le "$rounds" ]; do
        t0=$(ms)
        "$bin/storemulti" -c "$primary" -p status >/dev/null
        t1=$(ms)
        echo "-p status of 10 $state instances: $((t1 - t0)) ms"
        r=$((r + 1))
    done
done
"$bin/storemulti" -c "$primary" -p stop >/dev/null
r=1
while [ $r -le "$rounds" ]; do
    t0=$(ms)
    "$bin/storemulti" -c "$primary" -p status >/dev/null 2>&1 || true
    t1=$(ms)
    echo "-p status of 10 stopped instances: $((t1 - t0)) ms"
    r=$((r + 1))
done
echo "(2 CPUs; load $(cut -d' ' -f1-3 /proc/loadavg))"
