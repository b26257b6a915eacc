#!/usr/bin/env bash
# A daemon's start to ready as `storectl start` reports it ("ready in N s": from the launch of
# the daemon JVM to its ready answer, without the storectl JVM), and the wall time of the whole
# `storectl start`, for one or more builds side by side: HOME is a built checkout or an unpacked
# distribution (run its bin/class-data-archives first, so its archives fit its paths); runs
# alternate between the homes, start by start, so load affects them alike. HOME:imap is HOME
# with the IMAP service on (imap_listen = inet:127.0.0.1:PORT, a port free when the run begins),
# HOME:imap-tls the same with a key and certificate (openssl, RSA 2048) for STARTTLS.
# Usage: bench/daemon-ready.sh [runs [HOME[:imap|:imap-tls]...]]   (defaults 10 and this checkout)
set -euo pipefail
runs=${1:-10}
shift || true
entries=("$@")
[ ${#entries[@]} -gt 0 ] || entries=("$(cd "$(dirname "$0")/.." && pwd)")
homes=()
for entry in "${entries[@]}"; do homes+=("${entry%:imap*}"); done
work=$(mktemp -d /tmp/smd.XXXXXX)
cleanup() {
    for i in "${!homes[@]}"; do "${homes[$i]}/bin/storectl" -c "$work/$i/etc" abort >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for i in "${!homes[@]}"; do
    mkdir -p "$work/$i/etc"
    printf 'queue_directory = %s/q\ndata_directory = %s/d\nmulti_instance_name = store-r%s\n' \
        "$work/$i" "$work/$i" "$i" > "$work/$i/etc/main.cf"
    if [ "${entries[$i]}" != "${homes[$i]}" ]; then
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        echo "imap_listen = inet:127.0.0.1:$port" >> "$work/$i/etc/main.cf"
    fi
    if [ "${entries[$i]}" = "${homes[$i]}:imap-tls" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$work/$i/key.pem" \
            -out "$work/$i/cert.pem" 2>/dev/null
        printf 'imap_tls_key_file = %s\nimap_tls_cert_file = %s\n' "$work/$i/key.pem" "$work/$i/cert.pem" \
            >> "$work/$i/etc/main.cf"
    fi
    "${homes[$i]}/bin/storectl" -c "$work/$i/etc" set-permissions >/dev/null
done
for run in $(seq 1 "$runs"); do
    for i in "${!homes[@]}"; do
        t=$(date +%s%N)
        ready=$("${homes[$i]}/bin/storectl" -c "$work/$i/etc" start | sed -n 's/.*ready in \([0-9.]*\) s.*/\1/p')
        echo "$i $ready $(( ($(date +%s%N) - t) / 1000000 ))" >> "$work/results"
        "${homes[$i]}/bin/storectl" -c "$work/$i/etc" stop >/dev/null
    done
done
printf '%-50s %28s %30s\n' home "ready s (min median max)" "storectl start ms (min med max)"
for i in "${!homes[@]}"; do
    ready=$(awk -v i="$i" '$1 == i { print $2 }' "$work/results" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
    wall=$(awk -v i="$i" '$1 == i { print $3 }' "$work/results" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
    printf '%-50s %28s %30s\n' "${entries[$i]}" "$ready" "$wall"
done
echo "($runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
