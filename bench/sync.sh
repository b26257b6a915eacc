#!/bin/sh
# storeadm sync next to doveadm backup (issue 14), in one run, the same mail on both sides:
#  1. initial backup of one user of MESSAGES messages (2-20 KB) to a fresh destination
#     (target: no slower than Dovecot), then the same run again with no changes;
#  2. backup -A over USERS users (5 messages each) with no changes, after an initial one
#     (target: <= 5 ms per user, JVM start included); Dovecot one doveadm per user (its -A
#     does not expand %n in the destination).
# storemulti: store to another instance's store (store:), one JVM per command as an operator
# runs it. Dovecot: Debian's dovecot-core 2.3, maildir to a fresh maildir, its auth serving a
# passwd-file userdb (a throwaway dovecot under SCRATCH_DIR, stopped at the end).
#   bench/sync.sh [SCRATCH_DIR] [MESSAGES] [USERS]
# SCRATCH_DIR (default instance-runtime/target/bench-sync, removed first) must be on the file
# system you care about. Run as root (Dovecot's mail belongs to the user smbench, made if absent).
# Builds offline into target/; installs nothing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/instance-runtime/target/bench-sync}
messages=${2:-2000}
users=${3:-1000}
cd "$root"
command -v doveadm >/dev/null || { echo "bench/sync.sh: install dovecot-core first" >&2; exit 1; }
mkdir -p instance-runtime/target
if ! mvn -q -B -o -Dstyle.color=never -pl instance-runtime -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath >instance-runtime/target/bench-build.log 2>&1; then
    cat instance-runtime/target/bench-build.log >&2
    exit 1
fi
cp="instance-runtime/target/classes:instance-runtime/target/test-classes:store-sync/target/classes:store-engine/target/classes:$(cat instance-runtime/target/bench.classpath)"
storeadm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $cp org.storemulti.admin.StoreAdm"
id smbench >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin smbench
uid=$(id -u smbench)
gid=$(id -g smbench)

rm -rf "$scratch"
mkdir -p "$scratch"
chmod 755 "$scratch" # Dovecot's auth runs as user dovecot: a 0700 directory fails every lookup
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
ratio() { awk "BEGIN { printf \"%.2f\", $1 / ($2 > 0 ? $2 : 1) }"; }

instance() { # NAME: an instance configuration with its own data directory
    mkdir -p "$scratch/$1/config"
    printf 'data_directory = %s\nqueue_directory = %s\ndefault_domain = example.com\n' \
        "$scratch/$1/data" "$scratch/$1/queue" >"$scratch/$1/config/main.cf"
}
dovecot_conf() { # NAME MAILROOT USER...: a throwaway dovecot (auth only) whose users live under MAILROOT
    d="$scratch/dovecot-$1"
    mkdir -p "$d/run"
    shift
    mailroot=$1
    shift
    for u in "$@"; do echo "$u:{PLAIN}x:$uid:$gid::$mailroot/$u"; done >"$d/users"
    cat >"$d/dovecot.conf" <<CONF
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
protocols =
ssl = no
mail_location = maildir:~
passdb {
  driver = passwd-file
  args = $d/users
}
userdb {
  driver = passwd-file
  args = $d/users
}
CONF
    dovecot -c "$d/dovecot.conf"
}
stop_dovecots() {
    for c in "$scratch"/dovecot-*/dovecot.conf; do [ -f "$c" ] && dovecot -c "$c" stop 2>/dev/null || true; done
}
trap stop_dovecots EXIT

echo "sync bench: $messages messages for one user, $users users; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
instance one
instance many
java -cp "$cp" org.storemulti.admin.bench.SyncBenchFill "$scratch/one/data" "$scratch/maildir-one" 1 "$messages"
java -cp "$cp" org.storemulti.admin.bench.SyncBenchFill "$scratch/many/data" "$scratch/maildir-many" "$users" 5
mkdir -p "$scratch/backup-one" "$scratch/backup-many"
chown -R smbench:smbench "$scratch/maildir-one" "$scratch/maildir-many" "$scratch/backup-one" "$scratch/backup-many"
dovecot_conf one "$scratch/maildir-one" joe
# shellcheck disable=SC2046
dovecot_conf many "$scratch/maildir-many" $(i=0; while [ $i -lt "$users" ]; do printf 'user%04d ' $i; i=$((i + 1)); done)
doveadm -c "$scratch/dovecot-one/dovecot.conf" mailbox status -u joe messages INBOX | sed 's/^/dovecot_source_joe /'
$storeadm -c "$scratch/one/config" mailbox status joe@example.com | sed 's/^/store_source_joe /'

for round in 1 2; do
    rm -rf "$scratch/dst-one" "$scratch/backup-one/joe"
    instance dst-one
    t0=$(now); $storeadm -c "$scratch/one/config" sync -u joe@example.com backup "store:$scratch/dst-one/config"; t1=$(now)
    doveadm -c "$scratch/dovecot-one/dovecot.conf" backup -u joe "maildir:$scratch/backup-one/joe"; t2=$(now)
    ours=$(ms "$t0" "$t1"); theirs=$(ms "$t1" "$t2")
    echo "initial_backup_${messages}_ms round $round: storemulti $ours, dovecot $theirs, dovecot/storemulti $(ratio "$theirs" "$ours")"
    t0=$(now); $storeadm -c "$scratch/one/config" sync -u joe@example.com backup "store:$scratch/dst-one/config"; t1=$(now)
    doveadm -c "$scratch/dovecot-one/dovecot.conf" backup -u joe "maildir:$scratch/backup-one/joe"; t2=$(now)
    ours=$(ms "$t0" "$t1"); theirs=$(ms "$t1" "$t2")
    echo "unchanged_backup_${messages}_ms round $round: storemulti $ours, dovecot $theirs, dovecot/storemulti $(ratio "$theirs" "$ours")"
done
$storeadm -c "$scratch/dst-one/config" mailbox status joe@example.com | sed 's/^/store_destination_joe /'
doveadm -c "$scratch/dovecot-one/dovecot.conf" -o "mail_location=maildir:$scratch/backup-one/joe" \
    mailbox status -u joe messages INBOX | sed 's/^/dovecot_destination_joe /'

# doveadm backup -A does not expand %n in the destination (every user lands in one maildir, and
# each run deletes the last user's INBOX): Dovecot runs per user, as its man page says to
dovecot_each() {
    i=0
    while [ $i -lt "$users" ]; do
        u=$(printf 'user%04d' $i)
        doveadm -c "$scratch/dovecot-many/dovecot.conf" backup -u "$u" "maildir:$scratch/backup-many/$u"
        i=$((i + 1))
    done
}
instance dst-many
t0=$(now); $storeadm -c "$scratch/many/config" sync -A backup "store:$scratch/dst-many/config"; t1=$(now)
dovecot_each; t2=$(now)
ours=$(ms "$t0" "$t1"); theirs=$(ms "$t1" "$t2")
echo "initial_backup_A_${users}_users_ms: storemulti $ours, dovecot $theirs, dovecot/storemulti $(ratio "$theirs" "$ours")"
for round in 1 2 3; do
    t0=$(now); $storeadm -c "$scratch/many/config" sync -A backup "store:$scratch/dst-many/config"; t1=$(now)
    dovecot_each; t2=$(now)
    ours=$(ms "$t0" "$t1"); theirs=$(ms "$t1" "$t2")
    echo "unchanged_backup_A_${users}_users round $round: storemulti $ours ms ($(awk "BEGIN { printf \"%.2f\", $ours / $users }") ms/user), dovecot $theirs ms ($(awk "BEGIN { printf \"%.2f\", $theirs / $users }") ms/user), dovecot/storemulti $(ratio "$theirs" "$ours")"
done
