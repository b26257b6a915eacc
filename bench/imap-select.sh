#!/bin/sh
# IMAP SELECT of one large INBOX (default 100,000 messages) through the real daemon, end to end:
# what bench/engine-read.sh's "snapshot" costs once the IMAP session, the response and the
# socket are added (issue 13's target: under 50 ms). The store is written fast by the engine's
# LegacyStoreBuilder (user0@example.com's INBOX, as engine-read.sh's, upgraded on open) with an
# auth account for user0; a daemon started by storectl serves it on loopback (imap_listen), and
# bench/imap_select.py (python3 over a raw socket) LOGINs, then SELECTs INBOX SELECTS+1 times on
# one connection (UNSELECT between) and SELECTS times on fresh connections. It prints the first
# SELECT apart (the daemon compiles its code during it) and min / median / p90 of each series,
# and fails if an EXISTS count is not MESSAGES. No Dovecot: the target is absolute.
#
#   [SELECTS=N] [KEEP=1] bench/imap-select.sh [SCRATCH [MESSAGES]]   default: SELECTS=20, a fresh
#                                                                    /tmp/smsel.XXXXXX, 100000
#
# SCRATCH must be absent or empty (nothing in it is deleted but what this script made); it is
# removed at the end (KEEP=1 keeps it, as does a failure) and the daemon stopped on any exit.
# Keep it short: the LMTP socket's path lives under it. DAEMON_JAVA_OPTIONS goes to main.cf's
# daemon_java_options (e.g. "-XX:TieredStopAtLevel=4 -XX:CompileThresholdScaling=1" to measure
# C2 against the daemon's default C1, as bench/imap.sh). Builds nothing: run
# 'mvn -q -B package -DskipTests' first (the store builder is one of store-engine's test
# classes). Needs python3.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
messages=${2:-100000}
selects=${SELECTS:-20}
classpath="store-engine/target/test-classes:instance-manager/target/lib/*:instance-manager/target/instance-manager.jar"
if [ ! -f instance-manager/target/instance-manager.jar ] || [ ! -d store-engine/target/test-classes ]; then
    echo "imap-select.sh: $root is not built: run 'mvn -q -B package -DskipTests' there first" >&2
    exit 1
fi
command -v python3 >/dev/null || { echo "imap-select.sh: python3 is needed (the client)" >&2; exit 1; }
if [ $# -ge 1 ]; then
    dir=$1
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
        echo "imap-select.sh: scratch directory $dir is not empty: name a new or empty one" >&2
        exit 2
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
else
    dir=$(mktemp -d /tmp/smsel.XXXXXX)
fi
instance=$dir/sm
cleanup() {
    status=$?
    bin/storectl -c "$instance" stop >/dev/null 2>&1 || bin/storectl -c "$instance" abort >/dev/null 2>&1 || true
    if [ "${KEEP:-0}" = 1 ] || [ $status -ne 0 ]; then
        echo "imap-select.sh: kept $dir" >&2
    else
        rm -rf "$dir"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password='bench secret'
mkdir -p "$instance"
cat > "$instance/main.cf" <<CF
queue_directory = $instance/q
data_directory = $instance/d
lmtp_listen = unix:\$queue_directory/private/lmtp
imap_listen = inet:127.0.0.1:$port
default_domain = example.com
daemon_java_options = ${DAEMON_JAVA_OPTIONS:-}
CF
cat > "$dir/MakeStore.java" <<'JAVA'
import java.nio.file.Path;
import org.storemulti.store.Store;
import org.storemulti.store.fixture.LegacyStoreBuilder;

/** MakeStore DATA_DIR MESSAGES PASSWORD: user0@example.com with MESSAGES in its INBOX, and its auth account. */
public class MakeStore {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        LegacyStoreBuilder.buildInbox(data, Integer.parseInt(args[1]), 3);
        try (Store store = Store.open(data)) { // upgrades the schema-2 store the builder wrote
            store.authAccounts().add("user0@example.com", args[2]);
        }
    }
}
JAVA
t=$(date +%s)
java -cp "$classpath" "$dir/MakeStore.java" "$instance/d" "$messages" "$password"
bin/storectl -c "$instance" set-permissions >/dev/null
bin/storectl -c "$instance" start >/dev/null
echo "imap-select.sh: store of $messages messages built and its daemon started in $(( $(date +%s) - t )) s" >&2

echo "IMAP SELECT of an INBOX of $messages messages, storemulti's daemon; $(date -Is); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/imap_select.py "127.0.0.1:$port" user0@example.com "$password" "$messages" "$selects"
pid=$(tr -d ' \n' < "$instance/q/pid/master.pid")
echo "daemon after the SELECTs: RSS $(awk '$1 == "Rss:" { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/smaps_rollup"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
