#!/bin/sh
# Engine-level delivery rate with group commit at 1, 4 and 16 threads, next to the
# machine's raw write+fsync+rename rate. Run from anywhere inside the checkout:
#   bench/engine-deliver.sh [SCRATCH_DIR] [SECONDS] [THREADS...]
# SCRATCH_DIR must be on the file system you care about (default: store-engine/target/bench,
# removed first). Builds the module's test classes offline; never installs anything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/store-engine/target/bench}
seconds=${2:-5}
[ $# -gt 2 ] && shift 2 || set --
cd "$root"
. bench/engine-classpath.sh
rm -rf "$scratch"
exec java -cp "$cp" org.storemulti.store.bench.DeliverBenchmark "$scratch" "$seconds" "$@"
