#!/bin/sh
# The peer figure for bench/parallel-start.sh, measured the same day: the real postmulti's
# `-p start` of 10 Postfix instances (the primary and 9 secondaries), each after SETTLE=3 s
# of idle. Turns the host's Postfix into a multi-instance set (postmulti -e init, then
# postfix-p1..p9 under /etc), so it runs only on a throwaway machine and only when told:
#   apt-get install -y postfix && SCRATCH_HOST=yes bench/postmulti-start.sh [ROUNDS]
# Afterwards: postmulti -p stop; apt-get purge -y postfix; rm -rf /etc/postfix-p* \
#   /var/spool/postfix-p* /var/lib/postfix-p*
set -eu
[ "${SCRATCH_HOST:-}" = yes ] || {
    echo "postmulti-start: reconfigures this host's Postfix; set SCRATCH_HOST=yes on a throwaway machine" >&2
    exit 1
}
command -v postmulti >/dev/null || { echo "postmulti-start: install postfix first" >&2; exit 1; }
rounds=${1:-3}
settle=${SETTLE:-3}
postmulti -e init
i=1
while [ $i -le 9 ]; do
    postmulti -l | grep -q "^postfix-p$i " || postmulti -I "postfix-p$i" -e create
    postmulti -i "postfix-p$i" -e enable
    i=$((i + 1))
done
postmulti -p stop >/dev/null 2>&1 || true
ms() { echo $(( $(date +%s%N) / 1000000 )); }
r=1
while [ $r -le "$rounds" ]; do
    sleep "$settle"
    t0=$(ms)
    postmulti -p start >/dev/null 2>&1 || true
    t1=$(ms)
    postmulti -p stop >/dev/null 2>&1 || true
    t2=$(ms)
    echo "postmulti round $r: start of 10 instances $((t1 - t0)) ms, stop $((t2 - t1)) ms"
    r=$((r + 1))
done
echo "($(postconf -h mail_version); 2 CPUs; load $(cut -d' ' -f1-3 /proc/loadavg))"
