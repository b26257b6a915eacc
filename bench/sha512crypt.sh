#!/bin/sh
# One SHA512-CRYPT password check ({SHA512-CRYPT}, 5,000 rounds: nearly all of an IMAP
# LOGIN), storemulti next to glibc, in the same minute: PasswordHash.verify and commons-codec's
# Sha2Crypt in a JVM with the daemon's flags (C1 only, DaemonCommand), then glibc's crypt(3)
# through python3's ctypes. Each: WARMUP checks, then the median of CHECKS. Run from anywhere
# inside the checkout; builds store-engine's test classes offline, never installs anything.
#
#   bench/sha512crypt.sh [CHECKS [WARMUP]]      default: 200 50
#
# JAVA_OPTIONS replaces the daemon's flags (e.g. "-XX:+UseSerialGC" for full tiered, C2).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
checks=${1:-200}
warmup=${2:-50}
cd "$root"
. bench/engine-classpath.sh
password='bench secret'
hash='$6$0123456789abcdef$'
hash=$(python3 -c 'import ctypes, sys
crypt = ctypes.CDLL("libcrypt.so.1").crypt
crypt.restype = ctypes.c_char_p
print(crypt(sys.argv[1].encode(), sys.argv[2].encode()).decode())' "$password" "$hash")
echo "SHA512-CRYPT check, '$password' against $hash; $(date -Is); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # JAVA_OPTIONS is a list of words
java ${JAVA_OPTIONS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5} -cp "$cp" \
    org.storemulti.store.bench.PasswordCheckBenchmark "$checks" "$warmup" "$password" "$hash"
python3 - "$checks" "$warmup" "$password" "$hash" <<'PY'
import ctypes, sys, time
checks, warmup, password, stored = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4].encode()
crypt = ctypes.CDLL("libcrypt.so.1").crypt
crypt.restype = ctypes.c_char_p
for _ in range(warmup):
    assert crypt(password, stored) == stored
ms = []
for _ in range(checks):
    start = time.perf_counter_ns()
    ok = crypt(password, stored) == stored
    ms.append((time.perf_counter_ns() - start) / 1e6)
    assert ok
ms.sort()
print("%-32s median %6.3f ms  min %6.3f  max %6.3f  (%d checks after %d)" % (
    "glibc crypt(3) (python ctypes)", ms[checks // 2], ms[0], ms[-1], checks, warmup))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
