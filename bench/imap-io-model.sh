#!/usr/bin/env bash
# Which I/O model for the IMAP service (issue 13): blocking threads, our own NIO, or Netty,
# measured with the prototype server of bench/ImapIoModels.java (bench/ImapIoNetty.java for
# Netty) run with the daemon's JVM options. Per model and round:
#   start    launch to listening (port file written), and main() to listening inside the JVM
#   first    the first client session (connect, greeting, LOGIN, NOOP, LOGOUT): lazy start-up cost
#   RSS      of the server after warm-up, after IDLE authenticated idle connections, growth
#   latency  of SESSIONS normal client sessions and their NOOP round trips beside the idle ones
# Models alternate round by round so they meet the host in the same state.
#
#   bench/imap-io-model.sh [ROUNDS [IDLE [SESSIONS]]]     default: 3 5000 200
#
# Needs javac and Maven (it copies Netty 4.1's four jars from Maven Central into its scratch
# directory); ulimit -n must allow IDLE + 100 descriptors per process.
set -euo pipefail
rounds=${1:-3}
idle=${2:-5000}
sessions=${3:-200}
netty=4.1.118.Final
home=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/smio.XXXXXX)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$((idle + 1000))" 2>/dev/null || true

for artifact in common buffer resolver transport; do
    mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact=io.netty:netty-$artifact:$netty -DoutputDirectory="$work/netty" >"$work/mvn.log" 2>&1 \
        || { cat "$work/mvn.log" >&2; exit 1; }
done
mkdir -p "$work/classes"
javac -d "$work/classes" "$home/bench/ImapIoModels.java"
javac -d "$work/classes" -cp "$work/classes:$work/netty/*" "$home/bench/ImapIoNetty.java"

jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -Xss256k -Xmx64m -Xms8m
    -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData -Xshare:auto)
rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
client() { "${jvm[@]}" -cp "$work/classes" ImapIoModels client "$@"; }

round() {   # round MODEL
    local model=$1 port_file=$work/port.$1 t0 ready inside port base grown line
    rm -f "$port_file"
    t0=$(date +%s%N)
    case $model in
        netty) "${jvm[@]}" -cp "$work/classes:$work/netty/*" ImapIoNetty "$port_file" & ;;
        *) "${jvm[@]}" -cp "$work/classes" ImapIoModels "$model" "$port_file" & ;;
    esac
    server=$!
    until [ -f "$port_file" ]; do sleep 0.002; done
    ready=$(( ($(date +%s%N) - t0) / 1000000 ))
    read -r port inside < "$port_file"
    first=$(echo | client "$port" 0 1 | awk '/normal session/ { print $9 }')
    echo | client "$port" 0 200 >/dev/null   # warm-up
    sleep 1
    base=$(rss "$server")
    coproc CLIENT { client "$port" "$idle" "$sessions"; }
    while read -r line <&"${CLIENT[0]}"; do
        [ "$line" = idle ] && break
        opened=$line
    done
    sleep 2
    grown=$(rss "$server")
    nthreads=$(threads "$server")
    lat="client failed"
    if [ -n "${CLIENT_PID:-}" ]; then
        echo >&"${CLIENT[1]}"
        lat=$(cat <&"${CLIENT[0]}")
        wait "$CLIENT_PID" || true
    fi
    printf '%-8s start %4d ms (in JVM %3d ms)  first session %6s ms  RSS %5s -> %6s MiB (+%s)  threads %s\n' \
        "$model" "$ready" "$inside" "$first" "$base" "$grown" \
        "$(echo "$grown - $base" | bc)" "$nthreads"
    echo "         $opened"
    echo "$lat" | sed 's/^/         /'
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=
}

echo "imap-io-model: $rounds rounds, $idle idle connections, $sessions normal sessions; $(date -Is), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
    echo "round $r"
    for model in blocking nio netty; do
        round "$model"
    done
done
