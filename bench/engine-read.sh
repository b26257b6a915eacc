#!/bin/sh
# The read side on one large mailbox (default 100,000 messages): snapshot (IMAP SELECT),
# state (a poll), changes since a modseq, FETCH of 2,000 messages with and without their
# MIME structure. Run from anywhere inside the checkout:
#   bench/engine-read.sh [SCRATCH_DIR] [MESSAGES]
# SCRATCH_DIR (default store-engine/target/bench-read) is removed first. Builds the
# module's test classes offline; never installs anything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/store-engine/target/bench-read}
messages=${2:-100000}
cd "$root"
. bench/engine-classpath.sh
rm -rf "$scratch"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -cp "$cp" org.storemulti.store.bench.ReadBenchmark "$scratch" "$messages"
