#!/usr/bin/env python3
"""The client of bench/imap.sh: one IMAP client, the same for every server it is pointed at.

  imap_bench.py fill LMTP_SOCKET RCPT COUNT SEED      deliver COUNT messages of about 5 KB
  imap_bench.py ops HOST:PORT USER PASSWORD COUNT      one round of the timed operations;
                                                      prints "name ms" per line
  imap_bench.py idle HOST:PORT USER PASSWORD LMTP_SOCKET RCPT N
                                                      N deliveries while IDLE; prints the
                                                      250-to-EXISTS latencies in ms, one a line
  imap_bench.py logins USER PASSWORD N HOST:PORT...   N LOGINs on fresh connections to each
                                                      server in turn; prints "HOST:PORT ms"

The operations run over a raw socket with unique tags: a response is read until its tagged
line, without parsing literals (imaplib's per-line parsing would make the client the
bottleneck and hide the servers' difference). Each answer is checked for what must be in it
(the tagged OK, one FETCH per message, the searched numbers).
"""
import random
import smtplib
import socket
import sys
import time

WORDS = ("mail store instance message folder server client delivery queue index header body "
         "report meeting budget travel invoice summary question answer project release").split()


def message(i, rnd):
    """About 5 KB: text/plain, or every fourth one multipart/mixed with a base64 attachment."""
    text = "\r\n".join(" ".join(rnd.choice(WORDS) for _ in range(12)) for _ in range(55)) + "\r\n"
    head = (f"From: Sender {i % 37} <sender{i % 37}@example.org>\r\nTo: Joe <joe@example.com>\r\n"
            f"Cc: team{i % 5}@example.com\r\nSubject: {rnd.choice(WORDS)} {rnd.choice(WORDS)} {i}\r\n"
            f"Date: Mon, 7 Dec 2026 {i % 24:02d}:{i % 60:02d}:00 +0000\r\n"
            f"Message-ID: <{i}.{rnd.randrange(10**9)}@bench.example.org>\r\nMIME-Version: 1.0\r\n")
    if i % 4:
        return (head + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text).encode()
    blob = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                   for _ in range(1368))
    attachment = "\r\n".join(blob[k:k + 76] for k in range(0, len(blob), 76))
    return (head + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text[:3300] + "\r\n--b1\r\n"
            "Content-Type: application/octet-stream; name=\"data.bin\"\r\n"
            "Content-Disposition: attachment; filename=\"data.bin\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + attachment + "\r\n--b1--\r\n").encode()


def fill(socket_path, rcpt, count, seed):
    rnd = random.Random(seed)
    lmtp = smtplib.LMTP(socket_path)
    for i in range(count):
        lmtp.sendmail("bench@example.org", [rcpt], message(i, rnd))
    lmtp.quit()


class Client:
    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.n = 0
        greeting = self.line()
        if not greeting.startswith(b"* OK"):
            sys.exit(f"imap_bench: {address} greeted with {greeting!r}")

    def line(self):
        while b"\r\n" not in self.buf:
            self.recv()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def recv(self):
        data = self.sock.recv(1 << 20)
        if not data:
            sys.exit("imap_bench: the server closed the connection")
        self.buf += data

    def command(self, text):
        """Sends one command; returns (ms until the tagged line arrived, the whole response)."""
        self.n += 1
        tag = b"Q%dZ" % self.n
        t0 = time.perf_counter()
        self.sock.sendall(tag + b" " + text.encode() + b"\r\n")
        chunks, tail = [self.buf], self.buf[-2048:]  # the tail alone is searched: no quadratic copying
        while True:
            if tail.endswith(b"\r\n"):
                start = tail.rfind(b"\r\n", 0, len(tail) - 2)
                start = start + 2 if start >= 0 else 0  # where the last line starts
                if tail.startswith(tag + b" ", start):
                    break
            data = self.sock.recv(1 << 20)
            if not data:
                sys.exit("imap_bench: the server closed the connection")
            chunks.append(data)
            tail = (tail + data[-2048:])[-2048:]
        ms = (time.perf_counter() - t0) * 1000
        response, self.buf = b"".join(chunks), b""
        status = tail[start:].split(b" ", 2)[1]
        if status != b"OK":
            sys.exit(f"imap_bench: {text!r} answered {tail[start:]!r}")
        return ms, response


def ops(address, user, password, count):
    c = Client(address)
    fetches = lambda r: r.count(b" FETCH (")  # noqa: E731 - checks one answer per message
    steps = [
        ("LOGIN", f'LOGIN "{user}" "{password}"', None),
        ("SELECT", "SELECT INBOX", lambda r: b"* %d EXISTS" % count in r),
        ("FETCH_full", "FETCH 1:* (FLAGS RFC822.SIZE BODY.PEEK[])", lambda r: fetches(r) == count),
        ("FETCH_env_bs", "FETCH 1:* (ENVELOPE BODYSTRUCTURE)", lambda r: fetches(r) == count),
        ("FETCH_headers", "FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (From To Subject Date Message-ID)])",
         lambda r: fetches(r) == count),
        ("SEARCH_UNSEEN", "SEARCH UNSEEN", lambda r: r.startswith(b"* SEARCH 1 2 3")),
        ("STORE_seen", "STORE 1:* +FLAGS (\\Seen)", lambda r: fetches(r) == count),
        ("UID_SEARCH_SEEN", "UID SEARCH SEEN", lambda r: r.startswith(b"* SEARCH ") and r.count(b" ") > count),
    ]
    for name, text, check in steps:
        ms, response = c.command(text)
        if check is not None and not check(response):
            sys.exit(f"imap_bench: {address} {name}: unexpected answer {response[:200]!r}...")
        print(f"{name} {ms:.3f}")
    c.command("STORE 1:* -FLAGS.SILENT (\\Seen)")  # the next round starts unseen again
    c.command("LOGOUT")


def idle(address, user, password, socket_path, rcpt, n):
    c = Client(address)
    c.command(f'LOGIN "{user}" "{password}"')
    c.command("SELECT INBOX")
    c.sock.sendall(b"I IDLE\r\n")
    if not c.line().startswith(b"+"):
        sys.exit("imap_bench: IDLE not accepted")
    lmtp = smtplib.LMTP(socket_path)
    lmtp.ehlo_or_helo_if_needed()
    rnd = random.Random(7)
    for i in range(n):
        for code, reply in (lmtp.mail("bench@example.org"), lmtp.rcpt(rcpt)):
            if code != 250:
                sys.exit(f"imap_bench: LMTP answered {code} {reply!r}")
        code, _ = lmtp.data(message(100000 + i, rnd))
        t0 = time.perf_counter()
        if code != 250:
            sys.exit(f"imap_bench: LMTP DATA answered {code}")
        while not c.line().endswith(b" EXISTS"):
            pass
        print(f"{(time.perf_counter() - t0) * 1000:.3f}")
    lmtp.quit()
    c.sock.sendall(b"DONE\r\n")
    while not c.line().startswith(b"I "):
        pass
    c.command("LOGOUT")


def logins(user, password, n, addresses):
    """LOGIN alone, many times: the servers take turns login by login, so both see the same load."""
    for _ in range(n):
        for address in addresses:
            c = Client(address)
            ms, response = c.command(f'LOGIN "{user}" "{password}"')
            if b" OK " not in response.splitlines()[-1] + b" ":
                sys.exit(f"imap_bench: {address} refused the LOGIN: {response.splitlines()[-1]!r}")
            print(f"{address} {ms:.3f}")
            c.command("LOGOUT")
            c.sock.close()


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "fill":
        fill(args[0], args[1], int(args[2]), int(args[3]))
    elif mode == "ops":
        ops(args[0], args[1], args[2], int(args[3]))
    elif mode == "idle":
        idle(args[0], args[1], args[2], args[3], args[4], int(args[5]))
    elif mode == "logins":
        logins(args[0], args[1], int(args[2]), args[3:])
    else:
        sys.exit(f"imap_bench: unknown mode {mode} (fill, ops, idle, logins)")
