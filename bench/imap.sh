#!/bin/sh
# IMAP, storemulti next to Dovecot, side by side in one run with one client
# (bench/imap_bench.py, python3 over a raw socket). Each server gets the same MESSAGES
# messages of about 5 KB in INBOX by LMTP (a quarter multipart with an attachment); then
# WARMUP rounds, then ROUNDS rounds, the servers alternating, each round on a fresh connection:
# LOGIN, SELECT, FETCH 1:* (FLAGS RFC822.SIZE BODY.PEEK[]), FETCH 1:* (ENVELOPE BODYSTRUCTURE), a
# header-list FETCH, SEARCH UNSEEN, STORE 1:* +FLAGS (\Seen), UID SEARCH SEEN (then, untimed, the
# \Seen flags off again). The warm-up rounds are not counted: our daemon compiles its hot code
# during its first commands (C1, DaemonCommand), and a fresh daemon's first rounds measure that,
# not the steady state a running server is in; the table shows it apart, as the first round's
# ratio. Per operation: each side's median over the counted rounds in ms, storemulti's speed as
# a ratio (dovecot ms / storemulti ms: above 1 means storemulti is faster), and the same ratio
# for round 1 alone. Then IDLE: IDLE_N LMTP deliveries while a client idles, the time from the
# LMTP 250 to the EXISTS, p50 and p99.
# With LOGINS=N, last, N LOGINs on fresh connections to each, the servers taking turns login
# by login: the median and p90 of each and the ratio (a steadier LOGIN figure than the rounds').
#
# storemulti runs as a daemon started by storectl (imap_listen on loopback); Dovecot is
# Debian's dovecot-imapd + dovecot-lmtpd (maildir, defaults) via bench/dovecot-lmtp.sh.
# Both check the password against a SHA512-CRYPT hash. Builds nothing: run
# 'mvn -q -B package -DskipTests' first. Needs root (Dovecot's mail user).
#
#   [WARMUP=N] [LOGINS=N] bench/imap.sh [MESSAGES [ROUNDS [IDLE_N]]]   default: WARMUP=5, 2000 10 200
#
# DAEMON_JAVA_OPTIONS goes to main.cf's daemon_java_options (e.g. "-XX:TieredStopAtLevel=4
# -XX:CompileThresholdScaling=1" to measure C2 against the daemon's default C1).
# Everything lives under a fresh /tmp/smib.XXXXXX, removed at the end (KEEP=1 keeps it);
# both servers are stopped on any exit.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
messages=${1:-2000}
rounds=${2:-10}
warmup=${WARMUP:-5}
idle_n=${3:-200}
classpath="instance-manager/target/lib/*:instance-manager/target/instance-manager.jar"
if [ ! -f instance-manager/target/instance-manager.jar ]; then
    echo "imap.sh: $root is not built: run 'mvn -q -B package -DskipTests' there first" >&2
    exit 1
fi
command -v python3 >/dev/null || { echo "imap.sh: python3 is needed (the client)" >&2; exit 1; }

dir=$(mktemp -d /tmp/smib.XXXXXX)
chmod 755 "$dir" # Dovecot's mail user must reach its directory below
instance=$dir/sm
dovecot_dir=$dir/dc
cleanup() {
    status=$?
    bin/storectl -c "$instance" stop >/dev/null 2>&1 || bin/storectl -c "$instance" abort >/dev/null 2>&1 || true
    bench/dovecot-lmtp.sh stop "$dovecot_dir" || true
    if [ "${KEEP:-0}" = 1 ] || [ $status -ne 0 ]; then
        echo "imap.sh: kept $dir" >&2
    else
        rm -rf "$dir"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
user=joe@example.com
password='bench secret'

# storemulti: a throwaway instance, its daemon started the way an operator does
sm_port=$(free_port)
mkdir -p "$instance"
cat > "$instance/main.cf" <<CF
queue_directory = $instance/q
data_directory = $instance/d
lmtp_listen = unix:\$queue_directory/private/lmtp
imap_listen = inet:127.0.0.1:$sm_port
default_domain = example.com
daemon_java_options = ${DAEMON_JAVA_OPTIONS:-}
CF
bin/storectl -c "$instance" set-permissions >/dev/null
cat > "$dir/AddUser.java" <<'JAVA'
import java.nio.file.Path;
import org.storemulti.store.Store;

/** AddUser DATA_DIR LOCAL DOMAIN PASSWORD: adds the domain, the user and its auth account. */
public class AddUser {
    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]))) {
            store.domains().add(args[2]);
            store.mailboxes().addUser(args[2], args[1]);
            store.authAccounts().add(args[1] + "@" + args[2], args[3]);
        }
    }
}
JAVA
java -cp "$classpath" "$dir/AddUser.java" "$instance/d" joe example.com "$password"
bin/storectl -c "$instance" start >/dev/null

# Dovecot: IMAP and LMTP, maildir
dc_port=$(free_port)
IMAP_PORT=$dc_port IMAP_USER=$user IMAP_PASSWORD=$password bench/dovecot-lmtp.sh start "$dovecot_dir" >/dev/null

client() { python3 bench/imap_bench.py "$@"; }
t=$(date +%s)
client fill "$instance/q/private/lmtp" "$user" "$messages" 1
client fill "$dovecot_dir/lmtp" "$user" "$messages" 1
echo "imap.sh: $messages messages delivered to each in $(( $(date +%s) - t )) s" >&2

echo "IMAP, INBOX of $messages messages (~5 KB), median of $rounds rounds after $warmup warm-up rounds; $(date -Is); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 $((warmup + rounds))); do
    for side in storemulti:$sm_port dovecot:$dc_port; do
        client ops "127.0.0.1:${side#*:}" "$user" "$password" "$messages" > "$dir/round"
        sed "s/^/$r ${side%:*} /" "$dir/round" >> "$dir/ops"
    done
done
# rows: round server operation ms -> per operation the median of the counted rounds for both,
# their ratio, and round 1's ratio
awk -v n="$messages" -v warmup="$warmup" '
    $1 > warmup { v[$2 " " $3] = v[$2 " " $3] " " $4; if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
    $1 == 1 { first[$2 " " $3] = $4 }
    function median(list,   a, m, i, j, t) {
        m = split(list, a, " ")
        for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    END {
        printf "%-16s %14s %14s %7s %16s %14s\n", "operation", "storemulti ms", "dovecot ms", "ratio", "storemulti msg/s", "round 1 ratio"
        for (i = 1; i <= k; i++) {
            s = median(v["storemulti " order[i]]); d = median(v["dovecot " order[i]])
            rate = order[i] ~ /^(FETCH|STORE)/ ? sprintf("%.0f", n / s * 1000) : ""
            printf "%-16s %14.2f %14.2f %7.2f %16s %14.2f\n", order[i], s, d, d / s, rate,
                first["dovecot " order[i]] / first["storemulti " order[i]]
        }
    }' "$dir/ops"

pid=$(tr -d ' \n' < "$instance/q/pid/master.pid")
echo "storemulti daemon after the rounds: RSS $(awk '$1 == "Rss:" { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/smaps_rollup")"

percentiles() { sort -n | awk '{ a[NR] = $1 } END { printf "p50 %.2f ms, p99 %.2f ms, max %.2f ms", a[int((NR + 1) / 2)], a[int(NR * 0.99 + 0.999)], a[NR] }'; }
if [ "$idle_n" -gt 0 ]; then
    client idle "127.0.0.1:$sm_port" "$user" "$password" "$instance/q/private/lmtp" "$user" "$idle_n" > "$dir/idle.sm"
    client idle "127.0.0.1:$dc_port" "$user" "$password" "$dovecot_dir/lmtp" "$user" "$idle_n" > "$dir/idle.dc"
    s=$(percentiles < "$dir/idle.sm")
    d=$(percentiles < "$dir/idle.dc")
    echo "IDLE, LMTP 250 to EXISTS over $idle_n deliveries: storemulti $s; dovecot $d"
fi
if [ "${LOGINS:-0}" -gt 0 ]; then
    echo "LOGIN alone, $LOGINS on fresh connections each, taking turns; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    client logins "$user" "$password" "$LOGINS" "127.0.0.1:$sm_port" "127.0.0.1:$dc_port" > "$dir/logins"
    awk -v sm="127.0.0.1:$sm_port" '
        { v[$1] = v[$1] " " $2 }
        function at(list, q,   a, m, i, j, t) {
            m = split(list, a, " ")
            for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return a[int((m - 1) * q) + 1]
        }
        END {
            for (k in v) if (k == sm) s = v[k]; else d = v[k]
            printf "LOGIN median / p90: storemulti %.2f / %.2f ms, dovecot %.2f / %.2f ms, ratio of medians %.2f\n",
                at(s, 0.5), at(s, 0.9), at(d, 0.5), at(d, 0.9), at(d, 0.5) / at(s, 0.5)
        }' "$dir/logins"
fi
