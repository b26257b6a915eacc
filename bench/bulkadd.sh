#!/bin/sh
# storeadm bulkadd throughput: USERS users with pre-hashed passwords (target: under 60 s for
# 100,000), then PLAIN_USERS users with plain passwords (hashed by storeadm on every core),
# next to the cost of one SHA512-CRYPT hash on one core. Run from anywhere in the checkout:
#   bench/bulkadd.sh [SCRATCH_DIR] [USERS] [PLAIN_USERS] [DELETED_USERS]
# Last, DELETED_USERS (default 1000) of the plain users are removed with bulkdel, for its rate.
# SCRATCH_DIR (default: instance-runtime/target/bench-bulkadd, removed first) must be on the
# file system you care about. Builds offline into target/; never installs anything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/instance-runtime/target/bench-bulkadd}
users=${2:-100000}
plain=${3:-10000}
deleted=${4:-1000}
cd "$root"
mkdir -p instance-runtime/target
if ! mvn -q -B -o -Dstyle.color=never -pl instance-runtime -am compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath >instance-runtime/target/bench-build.log 2>&1; then
    cat instance-runtime/target/bench-build.log >&2
    exit 1
fi
cp="instance-runtime/target/classes:$(cat instance-runtime/target/bench.classpath)"
rm -rf "$scratch"
mkdir -p "$scratch/config"
printf 'data_directory = %s\nqueue_directory = %s\ndefault_domain = example.com\n' \
    "$scratch/data" "$scratch/queue" >"$scratch/config/main.cf"

# One run of a tiny Java program against the same classpath: prints 100 pre-computed hashes
# and the milliseconds one SHA512-CRYPT hash takes on one core (median of 200, after warm-up).
cat >"$scratch/HashTool.java" <<'JAVA'
import org.storemulti.store.auth.PasswordHash;
public class HashTool {
    public static void main(String[] args) {
        for (int i = 0; i < 300; i++) PasswordHash.of("warm-up-" + i);
        long[] t = new long[200];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime(); PasswordHash.of("password-" + i); t[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(t);
        System.err.printf("%.2f%n", t[t.length / 2] / 1e6);
        for (int i = 0; i < 100; i++) System.out.println(PasswordHash.of("password-" + i));
    }
}
JAVA
hash_ms=$(java -cp "$cp" "$scratch/HashTool.java" 2>&1 >"$scratch/hashes.txt" | tail -1)

awk -v n="$users" 'NR <= 100 { h[NR - 1] = $0 } END {
    for (i = 0; i < n; i++) printf "example.com:user%06d:%s::1:\n", i, h[i % 100] }' \
    "$scratch/hashes.txt" >"$scratch/prehashed.txt"
awk -v n="$plain" 'BEGIN { for (i = 0; i < n; i++) printf "plain.example:plain%06d:password-%d::1:\n", i, i }' \
    >"$scratch/plain.txt"

awk -v n="$deleted" 'BEGIN { for (i = 0; i < n; i++) printf "plain%06d@plain.example\n", i }' \
    >"$scratch/delete.txt"

run() { # label file [command]: runs storeadm bulkadd (or COMMAND), prints elapsed seconds and users/s
    start=$(date +%s.%N)
    status=0
    java -cp "$cp" org.storemulti.admin.StoreAdm -c "$scratch/config" "${3:-bulkadd}" "$2" >"$scratch/$1.out" \
        2>"$scratch/$1.err" || status=$?
    end=$(date +%s.%N)
    lines=$(wc -l <"$2")
    awk -v s="$start" -v e="$end" -v n="$lines" -v l="$1" \
        'BEGIN { d = e - s; printf "%-10s %7d users  %7.1f s  %8.0f users/s\n", l, n, d, n / d }'
    cat "$scratch/$1.out"
    if [ "$status" -ne 0 ]; then
        echo "bulkadd failed (exit $status); first errors:" >&2
        head -5 "$scratch/$1.err" >&2
        exit 1
    fi
}
cores=$(nproc)
echo "storeadm bulkadd, $cores cores, data in $scratch/data"
run prehashed "$scratch/prehashed.txt"
run plain "$scratch/plain.txt"
run bulkdel "$scratch/delete.txt" bulkdel
awk -v ms="$hash_ms" -v c="$cores" 'BEGIN {
    printf "one SHA512-CRYPT hash: %.2f ms on one core = %.0f hashes/s per core, %.0f/s on %d cores (the ceiling for plain)\n",
        ms, 1000 / ms, c * 1000 / ms, c }'
