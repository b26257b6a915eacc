#!/usr/bin/env bash
# storemulti user-move of one user with N messages (about SIZE bytes each, in the INBOX)
# between two instances on one disk, both daemons running: the wall time of the
# whole command (JVM start, three mirrors, routing switch with the transport map, kick), and
# of each step as its output lines arrive. The mail is delivered over LMTP (Python's
# smtplib.LMTP, 4 connections) to store-a first; nothing else runs on the instances meanwhile.
# Needs a built checkout (mvn -q -B package -DskipTests) and python3.
# Usage: bench/user-move.sh [MESSAGES [SIZE [RUNS]]]   (defaults 10000 4000 3; a run moves the
# user back and forth, so odd runs go a -> b and even runs b -> a; every run is a full move
# of all N messages to an instance where the user does not exist yet: the copy left behind
# is purged before the next run)
# Target (issue 14): 10,000 messages in under 10 s.
set -euo pipefail
messages=${1:-10000}
size=${2:-4000}
runs=${3:-3}
home=$(cd "$(dirname "$0")/.." && pwd)
bin=$home/bin
work=$(mktemp -d /tmp/smum.XXXXXX)   # short: socket paths stay under 108 bytes
P=$work/etc/store
cleanup() {
    "$bin/storemulti" -c "$P" -p stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$P" "$work/var/spool/store" "$work/var/lib/store"
cp "$home/etc/main.cf" "$P/main.cf"
"$bin/storeconf" -c "$P" -e "queue_directory = $work/var/spool/store" "data_directory = $work/var/lib/store" \
    "command_directory = $bin" "daemon_directory = $bin" "meta_directory = $home/templates" "mail_owner =" \
    "storemulti_postmap_command = true" "storemulti_mta_reload_command ="
"$bin/storemulti" -c "$P" -e init >/dev/null
for name in store-a store-b; do
    "$bin/storemulti" -c "$P" -e create -I "$name" >/dev/null
    "$bin/storemulti" -c "$P" -i "$name" -e enable
done
"$bin/storectl" -c "$P" set-permissions >/dev/null
for name in store-a store-b; do
    "$bin/storectl" -c "$work/etc/$name" start >/dev/null
    "$bin/storeadm" -c "$work/etc/$name" domain add example.org
done
"$bin/storeadm" -c "$work/etc/store-a" -d example.org mailbox user-add joe
"$bin/storeadm" -c "$work/etc/store-a" auth add joe@example.org secret
t=$(date +%s%N)
python3 - "$work/var/spool/store-a/private/lmtp" "$messages" "$size" <<'PY'
import smtplib, sys, threading
socket, total, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def worker(k):
    client = smtplib.LMTP(socket)
    for n in range(k, total, 4):
        body = ("line %d of a message of about %d bytes\r\n" % (n, size)) * (size // 40)
        msg = ("From: a@example.net\r\nTo: joe@example.org\r\nSubject: m%d\r\nMessage-ID: <%d@bench>\r\n\r\n%s"
               % (n, n, body)).encode()
        client.sendmail("a@example.net", ["joe@example.org"], msg)
    client.quit()
threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
PY
echo "filled: $messages messages of ~$size bytes over LMTP in $(( ($(date +%s%N) - t) / 1000000 )) ms"
"$bin/storemulti" -c "$P" --postfix-transport "$work/transport" >/dev/null
"$bin/storeadm" -c "$work/etc/store-a" mailbox status joe@example.org
from=store-a; to=store-b
printf '%-4s %-18s %9s   %s\n' run move wall_ms "steps (ms since start, as printed)"
for run in $(seq 1 "$runs"); do
    t=$(date +%s%N)
    steps=$("$bin/storemulti" -c "$P" user-move joe@example.org --to "$to" | while IFS= read -r line; do
        case $line in *": initial mirror:"*) s=initial;; *": second mirror:"*) s=second;; *"routing switched"*) s=routed;;
            *"sessions kicked"*) s=kicked;; *": final mirror:"*) s=final;; *) continue;; esac
        printf '%s=%s ' "$s" $(( ($(date +%s%N) - t) / 1000000 ))
    done)
    wall=$(( ($(date +%s%N) - t) / 1000000 ))
    printf '%-4s %-18s %9s   %s\n' "$run" "$from -> $to" "$wall" "$steps"
    "$bin/storemulti" -c "$P" user-move joe@example.org --to "$to" --purge >/dev/null
    "$bin/storeadm" -c "$work/etc/$to" mailbox status joe@example.org | grep -q "^messages=$messages " \
        || { echo "user-move.sh: $to does not hold $messages messages" >&2; exit 1; }
    tmp=$from; from=$to; to=$tmp
done
echo "($messages messages of ~$size bytes; load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs; $(date -u +%FT%TZ))"
