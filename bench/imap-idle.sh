#!/usr/bin/env bash
# The real IMAP server (store-imap, over a real store) against issue 13's connection
# targets: IDLE authenticated idle connections (LOGIN checked against the store's
# SHA512-crypt hash), the server's RSS growth, and a normal client's session beside them
# (connect, greeting, LOGIN, NOOP, LOGOUT) and its NOOP round trips, measured first without
# the idle connections and then beside them, so the host's own load shows. Also what creating and
# starting the IMAP server costs inside a JVM that has the store open, and its RSS before
# and after. The server runs with the daemon's JVM options (DaemonCommand), without the
# class data archive. Client: bench/ImapIoModels.java (the I/O-model prototype's client).
#
#   bench/imap-idle.sh [ROUNDS [IDLE [SESSIONS]]]     default: 3 5000 200
#
# SERVER_JAVA_OPTS adds JVM options to the server (-Xlog:gc:file=... to see its pauses).
# Builds store-imap's test classes offline first; ulimit -n must allow IDLE + 100.
set -euo pipefail
rounds=${1:-3}
idle=${2:-5000}
sessions=${3:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d /tmp/smii.XXXXXX)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$((idle + 1000))" 2>/dev/null || true

if ! mvn -q -B -o -Dstyle.color=never -pl store-imap -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
cp="store-imap/target/classes:store-imap/target/test-classes:store-engine/target/classes:$(cat store-imap/target/bench.classpath)"
mkdir -p "$work/client"
javac -d "$work/client" bench/ImapIoModels.java

jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -Xss256k -Xmx64m -Xms8m
    -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData -Xshare:auto)
server_jvm=("${jvm[@]}" ${SERVER_JAVA_OPTS:-})   # e.g. SERVER_JAVA_OPTS=-Xlog:gc:file=/tmp/gc.log
rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
client() { "${jvm[@]}" -cp "$work/client" ImapIoModels client "$@" joe@example.com secret; }

echo "imap-idle: $rounds rounds, $idle idle connections, $sessions normal sessions; $(date -Is), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
    rm -rf "$work/store" "$work/port"
    mkdir -p "$work/store"
    mkfifo "$work/stdin.$r"
    "${server_jvm[@]}" -cp "$cp" org.storemulti.imap.bench.ImapBenchServer "$work/store" "$work/port" <"$work/stdin.$r" &
    server=$!
    exec 9>"$work/stdin.$r"
    until [ -f "$work/port" ]; do sleep 0.01; done
    read -r port start before after < "$work/port"
    first=$(echo | client "$port" 0 1 | awk '/normal session/ { print $9 }')
    echo | client "$port" 0 200 >/dev/null   # warm-up
    alone=$(echo | client "$port" 0 "$sessions" | grep "round trip\|normal session")   # the same client, no idle ones
    sleep 1
    base=$(rss "$server")
    coproc CLIENT { client "$port" "$idle" "$sessions"; }
    opened="client failed"
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
    printf 'round %d: IMAP server start %d ms (RSS %.1f -> %.1f MiB), first session %s ms; RSS %s -> %s MiB (+%s) with %d idle, threads %s\n' \
        "$r" "$start" "$(echo "$before/1024" | bc -l)" "$(echo "$after/1024" | bc -l)" "$first" "$base" "$grown" \
        "$(echo "$grown - $base" | bc)" "$idle" "$nthreads"
    echo "         without idle connections:"
    echo "$alone" | sed 's/^/           /'
    echo "         $opened; then:"
    echo "$lat" | sed 's/^/           /'
    exec 9>&-   # end of the server's standard input: it stops
    wait "$server" 2>/dev/null || true
    server=
done
