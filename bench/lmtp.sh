#!/bin/sh
# Durable LMTP throughput, storemulti next to Dovecot, measured side by side in one run:
# N messages of about 5 KB, one recipient per transaction, to a fresh user per measurement,
# over 1, 4 and 16 connections, the two servers alternating. Prints messages/s and p50/p99
# of the DATA reply for both, and storemulti/dovecot as a ratio.
#
# Builds nothing: run 'mvn -q package -DskipTests' in the checkout first (bin/storectl and
# the launcher class path instance-manager/target/ must exist). Needs root for Dovecot
# (bench/dovecot-lmtp.sh adds an unprivileged user for its mail) and dovecot-lmtpd.
#
#   bench/lmtp.sh [MESSAGES [SIZE [CONNECTIONS...]]]     default: 2000 5000 1 4 16
#
# Everything lives under a fresh /tmp/smlb.XXXXXX (short: UNIX socket paths), removed at
# the end; both servers are stopped on any exit. KEEP=1 keeps the directory (logs).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
messages=${1:-2000}
size=${2:-5000}
[ $# -gt 2 ] && shift 2 || set -- 1 4 16
classpath="instance-manager/target/lib/*:instance-manager/target/instance-manager.jar"
if [ ! -f instance-manager/target/instance-manager.jar ]; then
    echo "lmtp.sh: $root is not built: run 'mvn -q package -DskipTests' there first" >&2
    exit 1
fi

dir=$(mktemp -d /tmp/smlb.XXXXXX)
chmod 755 "$dir" # Dovecot's delivery user must reach its directory below
instance=$dir/sm
dovecot_dir=$dir/dc
cleanup() {
    status=$?
    bin/storectl -c "$instance" stop >/dev/null 2>&1 || bin/storectl -c "$instance" abort >/dev/null 2>&1 || true
    bench/dovecot-lmtp.sh stop "$dovecot_dir" || true
    if [ "${KEEP:-0}" = 1 ] || [ $status -ne 0 ]; then
        echo "lmtp.sh: kept $dir" >&2
    else
        rm -rf "$dir"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# storemulti: a throwaway instance, its daemon started the way an operator does
mkdir -p "$instance"
cat > "$instance/main.cf" <<CF
queue_directory = $instance/q
data_directory = $instance/d
lmtp_listen = unix:\$queue_directory/private/lmtp
default_domain = example.com
CF
bin/storectl -c "$instance" set-permissions >/dev/null
bin/storectl -c "$instance" start >/dev/null
storemulti=unix:$instance/q/private/lmtp

# users through the engine while the daemon runs: joe for the warm-up, a fresh one per measurement
users="joe"
for c in "$@"; do users="$users joe$c"; done
cat > "$dir/AddUsers.java" <<'JAVA'
import java.nio.file.Path;
import org.storemulti.store.Store;

/** AddUsers DATA_DIR DOMAIN USER...: adds the domain and the users to the store. */
public class AddUsers {
    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]))) {
            store.domains().add(args[1]);
            for (int i = 2; i < args.length; i++) {
                store.mailboxes().addUser(args[1], args[i]);
            }
        }
    }
}
JAVA
# shellcheck disable=SC2086 # users is a list of plain words
java -cp "$classpath" "$dir/AddUsers.java" "$instance/d" example.com $users

# Dovecot: Debian's dovecot-lmtpd, maildir, default mail_fsync=optimized
dovecot=$(bench/dovecot-lmtp.sh start "$dovecot_dir")

# one LmtpLoad run; prints "msgs/s p50 p99" (p50 and p99 in ms)
load() {
    line=$(java bench/LmtpLoad.java "$1" "$2" "$3" "$4" "$size") || { echo "lmtp.sh: load against $1 failed: $line" >&2; exit 1; }
    echo "$line" | sed -n 's/.*: \([0-9]*\) msgs\/s, p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms, failures 0, .*/\1 \2 \3/p'
}

load "$storemulti" joe@example.com 200 4 >/dev/null # warm-up, both sides
load "$dovecot" joe@example.com 200 4 >/dev/null

echo "LMTP, $messages messages of $size bytes per run, one recipient per transaction, durable; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%11s | %24s | %24s | %5s\n' "" "storemulti" "dovecot" ""
printf '%11s | %8s %7s %7s | %8s %7s %7s | %5s\n' connections "msgs/s" "p50 ms" "p99 ms" "msgs/s" "p50 ms" "p99 ms" ratio
for c in "$@"; do
    set -- $(load "$storemulti" "joe$c@example.com" "$messages" "$c")
    s_rate=$1 s_p50=$2 s_p99=$3
    set -- $(load "$dovecot" "joe$c@example.com" "$messages" "$c")
    d_rate=$1 d_p50=$2 d_p99=$3
    printf '%11s | %8s %7s %7s | %8s %7s %7s | %5s\n' "$c" "$s_rate" "$s_p50" "$s_p99" "$d_rate" "$d_p50" "$d_p99" \
        "$(awk -v s="$s_rate" -v d="$d_rate" 'BEGIN { printf "%.2f", s / d }')"
done
