#!/bin/sh
# Unix mailboxes (issue 15), the parts that need no sync engine:
#  1. spool save of an unchanged spool of MAILBOXES mailboxes (target: opens no mailbox file,
#     under 1 s): in-JVM median, then the storeadm command itself (JVM start included), once
#     under strace -e trace=open,openat to show which files it opens;
#  2. an mbox of MESSAGES messages, about MB megabytes: writing, reading every message as a
#     stream, a snapshot under the mail locks, an append of 1,000 messages; run with -Xmx64m,
#     so nothing can be held whole.
#  3. importing that mbox into a new store (backup -R from mbox:FILE) and exporting the store to a
#     new mbox tree (backup to mbox:DIR), through the sync library as storeadm sync runs it, side
#     by side with doveadm backup from Dovecot's mbox to its maildir and back, in the same run
#     (doveadm needs root and dovecot-core; skipped, and said, without them).
#   bench/mbox.sh [SCRATCH_DIR] [MAILBOXES] [MESSAGES] [MB] [PARTS]
# PARTS (default "1 2 3") picks the parts to run: "3" alone (the import and export next to
# doveadm) still writes the mbox of part 2 first, without part 2's other timings and peers.
# SCRATCH_DIR (default instance-runtime/target/bench-mbox, removed first) must be on the file
# system you care about. Builds offline into target/; never installs anything (strace is used
# when present).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/instance-runtime/target/bench-mbox}
mailboxes=${2:-1000}
messages=${3:-20000}
mb=${4:-100}
parts=${5:-1 2 3}
part() { case " $parts " in *" $1 "*) return 0;; *) return 1;; esac; }
cd "$root"
mkdir -p instance-runtime/target
if ! mvn -q -B -o -Dstyle.color=never -pl instance-runtime -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath >instance-runtime/target/bench-build.log 2>&1; then
    cat instance-runtime/target/bench-build.log >&2
    exit 1
fi
cp="instance-runtime/target/classes:instance-runtime/target/test-classes:store-sync/target/classes:store-engine/target/classes:$(cat instance-runtime/target/bench.classpath)"
rm -rf "$scratch"
mkdir -p "$scratch"
echo "mbox bench: $mailboxes mailboxes; $messages messages, ~$mb MB; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"

if part 1; then
java -cp "$cp" org.storemulti.spool.bench.MboxBenchmark spool "$scratch" "$mailboxes"

# the command as an operator runs it, a JVM per save: bin/storeadm (with its class data archive)
# when the build is packaged and has the spool commands, else the same flags without the archive
storeadm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $cp org.storemulti.admin.StoreAdm"
how="java -cp, no class data archive (mvn -q package -DskipTests for bin/storeadm)"
if grep -qs "org/storemulti/admin/SpoolCommands" instance-manager/target/lib/instance-runtime-*.jar; then
    storeadm="bin/storeadm"
    how="bin/storeadm"
fi
best=
for i in 1 2 3 4 5; do
    start=$(date +%s%N)
    $storeadm spool save "$scratch/spool" --to "$scratch/archives" >/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "spool_unchanged_save_command_ms $best ms (best of 5, JVM start included; $how)"
stat -c '%x' "$scratch/spool/user0000" | sed 's/^/spool_user0000_atime_after /'

if command -v strace >/dev/null 2>&1; then
    strace -f -qq -e trace=open,openat -o "$scratch/strace.txt" \
        $storeadm spool save "$scratch/spool" --to "$scratch/archives" >/dev/null
    opened=$(grep -c "\"$scratch/spool/user[0-9]*\"" "$scratch/strace.txt" || true)
    dir=$(grep -c "\"$scratch/spool\"" "$scratch/strace.txt" || true)
    echo "spool_unchanged_save_mailbox_files_opened $opened (of $mailboxes; the spool directory itself opened $dir times, to list it)"
else
    echo "spool_unchanged_save_mailbox_files_opened not measured: strace is not installed"
fi
fi

java -Xmx64m -cp "$cp" org.storemulti.spool.bench.MboxBenchmark mbox "$scratch/mbox" "$messages" "$mb"
big="$scratch/mbox/big.mbox"

if part 2; then
# peers on the same file, in the same run: Python's mailbox module reading every message, and
# cp(1) for the raw copy a locked snapshot makes
if command -v python3 >/dev/null 2>&1; then
    python3 - "$big" <<'PY'
import mailbox, os, sys, time
path = sys.argv[1]
size = os.path.getsize(path) / 1e6
best = None
for _ in range(3):
    start = time.perf_counter()
    box = mailbox.mbox(path, create=False)
    n = 0
    for key in box.iterkeys():
        box.get_bytes(key)
        n += 1
    box.close()
    took = time.perf_counter() - start
    best = took if best is None or took < best else best
print("peer_python_mailbox_read_mb_per_s %.1f MB/s (%d msgs/s, best of 3)" % (size / best, n / best))
PY
fi
sync
start=$(date +%s%N)
cp "$big" "$scratch/mbox/copy.mbox"
echo "peer_cp_copy_ms $(( ($(date +%s%N) - start) / 1000000 )) ms (same file, page cache warm)"
fi
part 3 || exit 0
# 3. import and export, ours then doveadm's, on copies of the same file
sync
java -Xmx256m -cp "$cp" org.storemulti.spool.bench.MboxBenchmark sync "$scratch/sync" "$big" | tee "$scratch/ours.txt"
if [ "$(id -u)" = 0 ] && command -v doveadm >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
    dove="$scratch/dovecot"
    mkdir -p "$dove/mbox" "$dove/maildir" "$dove/mbox2" "$dove/home"
    chmod 755 "$scratch" "$dove"
    cp "$big" "$dove/mbox/inbox"
    chown -R nobody: "$dove/mbox" "$dove/maildir" "$dove/mbox2" "$dove/home"
    echo "bench:{PLAIN}x:$(id -u nobody):$(id -g nobody)::$dove/home::" >"$dove/passwd"
    chmod 644 "$dove/passwd"
    printf '%s\n' "base_dir = $dove/run" "state_dir = $dove/state" "log_path = $dove/dovecot.log" "protocols =" \
        "mail_location = mbox:$dove/mbox:INBOX=$dove/mbox/inbox" \
        "namespace inbox {" "  inbox = yes" "  separator = /" "}" \
        "passdb {" "  driver = passwd-file" "  args = $dove/passwd" "}" \
        "userdb {" "  driver = passwd-file" "  args = $dove/passwd" "}" \
        "service anvil {" "  chroot =" "}" >"$dove/dovecot.conf"
    dovecot -c "$dove/dovecot.conf"
    trap 'dovecot -c "$dove/dovecot.conf" stop 2>/dev/null || true' EXIT
    sync
    start=$(date +%s%N)
    doveadm -c "$dove/dovecot.conf" backup -u bench "maildir:$dove/maildir" \
        || { echo "peer_doveadm_import failed (exit $?): no ratio" >&2; exit 1; }
    import_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    start=$(date +%s%N)
    doveadm -c "$dove/dovecot.conf" -o "mail_location=maildir:$dove/maildir" backup -u bench \
        "mbox:$dove/mbox2:INBOX=$dove/mbox2/inbox" \
        || { echo "peer_doveadm_export failed (exit $?): no ratio" >&2; exit 1; }
    export_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "peer_doveadm_import_s $(awk -v t="$import_ms" 'BEGIN {printf "%.1f", t / 1000}') s (doveadm backup, Dovecot mbox -> maildir, $(ls "$dove/maildir/cur" | wc -l) messages)"
    echo "peer_doveadm_export_s $(awk -v t="$export_ms" 'BEGIN {printf "%.1f", t / 1000}') s (doveadm backup, maildir -> Dovecot mbox)"
    ours_import=$(awk '$1 == "mbox_import_s" {print $2}' "$scratch/ours.txt")
    ours_export=$(awk '$1 == "mbox_export_s" {print $2}' "$scratch/ours.txt")
    awk -v o="$ours_import" -v p="$import_ms" 'BEGIN {printf "ratio_import_doveadm_over_ours %.2f (above 1: ours is faster)\n", p / 1000 / o}'
    awk -v o="$ours_export" -v p="$export_ms" 'BEGIN {printf "ratio_export_doveadm_over_ours %.2f (above 1: ours is faster)\n", p / 1000 / o}'
else
    echo "peer_doveadm not measured: needs root, doveadm (Debian dovecot-core) and the user nobody"
fi
