#!/bin/sh
# Schema upgrade 2 -> 3 of a large store: LegacyStoreBuilder writes a store as the schema-2
# release left it (USERS users x PER_USER messages, default 100 x 1000 = 100,000), then a
# fresh JVM runs Store.upgrade (what storeadm db upgrade does) and verifies. Run from
# anywhere inside the checkout:
#   bench/engine-upgrade.sh [SCRATCH_DIR] [USERS] [PER_USER]
# SCRATCH_DIR (default store-engine/target/bench-upgrade) is removed first. Builds the
# module's test classes offline; never installs anything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/store-engine/target/bench-upgrade}
users=${2:-100}
per_user=${3:-1000}
cd "$root"
. bench/engine-classpath.sh
rm -rf "$scratch"
start=$(date +%s.%N)
java -cp "$cp" org.storemulti.store.fixture.LegacyStoreBuilder "$scratch" "$users" "$per_user"
echo "built the schema-2 store in $(echo "$(date +%s.%N) - $start" | bc) s: $(du -sh "$scratch" | cut -f1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
sync
start=$(date +%s.%N)
java -cp "$cp" org.storemulti.store.bench.UpgradeBenchmark "$scratch"
echo "wall time of the upgrade JVM (start, upgrade, open, verify): $(echo "$(date +%s.%N) - $start" | bc) s"
