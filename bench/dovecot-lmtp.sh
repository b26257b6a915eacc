#!/bin/sh
# Starts a throwaway Dovecot LMTP server (Debian's dovecot-lmtpd, maildir, default
# mail_fsync=optimized) with its socket at $DIR/lmtp, for side-by-side LMTP benchmarks.
# With IMAP_PORT set it serves IMAP too (dovecot-imapd) on 127.0.0.1:IMAP_PORT, logins
# checked against IMAP_USER's IMAP_PASSWORD as a SHA512-CRYPT hash (as the store keeps them).
# Usage: [IMAP_PORT=N IMAP_USER=U IMAP_PASSWORD=P] bench/dovecot-lmtp.sh start|stop [DIR]
#        (default DIR /tmp/sm-dovecot)
set -eu
action=${1:?start or stop}
dir=${2:-/tmp/sm-dovecot}
case $action in
start)
    command -v dovecot >/dev/null || { echo "dovecot-lmtp: install dovecot-lmtpd first" >&2; exit 1; }
    # Dovecot will not deliver as uid 0: mail belongs to an unprivileged bench user
    id smbench >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin smbench
    rm -rf "$dir"; mkdir -p "$dir/run" "$dir/mail"
    chown smbench:smbench "$dir/mail"
    passdb="driver = static
  args = nopassword=y"
    imap=
    if [ -n "${IMAP_PORT:-}" ]; then
        command -v /usr/lib/dovecot/imap >/dev/null || { echo "dovecot-lmtp: install dovecot-imapd first" >&2; exit 1; }
        printf '%s:%s\n' "${IMAP_USER:?}" "$(doveadm pw -s SHA512-CRYPT -p "${IMAP_PASSWORD:?}")" > "$dir/passwd"
        chmod 644 "$dir/passwd"
        passdb="driver = passwd-file
  args = $dir/passwd"
        imap="imap
disable_plaintext_auth = no
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}"
    fi
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = lmtp $imap
ssl = no
mail_location = maildir:$dir/mail/%n
userdb {
  driver = static
  args = uid=smbench gid=smbench home=$dir/mail/%n
}
passdb {
  $passdb
}
service lmtp {
  unix_listener $dir/lmtp {
    mode = 0666
  }
}
CONF
    dovecot -c "$dir/dovecot.conf"
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -S "$dir/lmtp" ] && break; sleep 0.2; done
    [ -S "$dir/lmtp" ] || { echo "dovecot-lmtp: no socket at $dir/lmtp; see $dir/dovecot.log" >&2; exit 1; }
    echo "unix:$dir/lmtp" ;;
stop)
    dovecot -c "$dir/dovecot.conf" stop 2>/dev/null || true ;;
esac
