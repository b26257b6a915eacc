#!/usr/bin/env python3
"""The client of bench/imap-select.sh: SELECT of one large INBOX, timed over a raw socket.

  imap_select.py HOST:PORT USER PASSWORD MESSAGES N

After one LOGIN, N+1 SELECT INBOX on that connection (UNSELECT between: CLOSE would expunge);
then N SELECT INBOX each on a fresh connection after its own LOGIN; then N SELECT INBOX on the
first connection, each after another connection changed the mailbox (a flag on one message,
toggled), so the daemon's kept snapshot is out of date each time. The first SELECT of all is
shown apart (the daemon compiles its code for it); for each series the min / median / p90 of the
rest in ms. Every answer must say "* MESSAGES EXISTS", or the run fails: a SELECT that did not
see the whole mailbox measures nothing. The client is bench/imap_bench.py's.
"""
import re
import sys

from imap_bench import Client

EXISTS = re.compile(rb"^\* (\d+) EXISTS\r?$", re.MULTILINE)


def select(c, messages):
    ms, response = c.command("SELECT INBOX")
    counts = EXISTS.findall(response)
    if counts != [b"%d" % messages]:
        sys.exit(f"imap_select: SELECT INBOX answered EXISTS {[int(n) for n in counts]}, not {messages}")
    return ms


def login(address, user, password):
    c = Client(address)
    c.command(f'LOGIN "{user}" "{password}"')
    return c


def summary(name, millis):
    s = sorted(millis)
    at = lambda q: s[int((len(s) - 1) * q)]  # noqa: E731 - the same rank rule as bench/imap.sh's LOGINS
    print(f"{name:<28} min {s[0]:7.2f} ms, median {at(0.5):7.2f} ms, p90 {at(0.9):7.2f} ms ({len(s)} SELECTs)")


def main(address, user, password, messages, n):
    c = login(address, user, password)
    first = select(c, messages)
    print(f"{'first SELECT of the daemon':<28} {first:7.2f} ms")
    same = []
    for _ in range(n):
        c.command("UNSELECT")
        same.append(select(c, messages))
    changer = login(address, user, password)
    changer.command("SELECT INBOX")
    changed = []
    for i in range(n):
        number = 1 + i // 2 * 997 % messages  # flagged, then unflagged: each STORE changes the mailbox
        changer.command(f"STORE {number} {'+' if i % 2 == 0 else '-'}FLAGS.SILENT (\\Flagged)")
        c.command("UNSELECT")
        changed.append(select(c, messages))
    changer.command("LOGOUT")
    c.command("LOGOUT")
    fresh = []
    for _ in range(n):
        c = login(address, user, password)
        fresh.append(select(c, messages))
        c.command("LOGOUT")
        c.sock.close()
    summary("SELECT, one connection", same)
    summary("SELECT, fresh connections", fresh)
    summary("SELECT after a change", changed)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit("usage: imap_select.py HOST:PORT USER PASSWORD MESSAGES N")
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
