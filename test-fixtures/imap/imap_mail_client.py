#!/usr/bin/env python3
"""Python's imaplib as a real IMAP client of the daemon, for the end-to-end tests.

usage: imap_mail_client.py HOST PORT USER PASSWORD [--starttls CAFILE] COMMAND [ARGS...]

COMMAND is one of
  read              LIST, SELECT INBOX and each message's flags and subject, then LOGOUT
  seed FOLDER N     CREATE FOLDER and APPEND N small messages to it (the first one \\Seen)
  state             every folder with its messages as "Message-ID flags" lines, sorted
  flag FOLDER ID F  STORE +FLAGS (F) on the message of FOLDER with Message-ID ID
Prints what it found, one fact a line; exits 1 with the server's answer on a NO or BAD.
"""
import email
import imaplib
import re
import ssl
import sys
import time


def check(result, what):
    typ, data = result
    if typ != "OK":
        sys.exit("%s: %s %r" % (what, typ, data))
    return data


def connect(host, port, starttls):
    client = imaplib.IMAP4(host, int(port))
    if starttls:
        context = ssl.create_default_context(cafile=starttls)
        client.starttls(ssl_context=context)
        print("tls", client.sock.version())
    return client


def folders(client):
    names = []
    for line in check(client.list('""', "*"), "LIST"):
        match = re.match(rb'\((.*?)\) "/" (.*)', line)
        attributes, name = match.group(1).decode(), match.group(2).decode().strip('"')
        if "\\Noselect" not in attributes and "\\NonExistent" not in attributes:
            names.append(name)
    return sorted(names)


def messages(client, folder):
    """Message-ID and flags of every message of folder."""
    count = int(check(client.select('"%s"' % folder, readonly=True), "SELECT " + folder)[0])
    found = []
    data = check(client.fetch("1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT)])"), "FETCH") if count else []
    for item in data:
        if not isinstance(item, tuple):
            continue
        flags = sorted(f.decode() for f in imaplib.ParseFlags(item[0]) if f != b"\\Recent")
        headers = email.message_from_bytes(item[1])
        found.append((headers["Message-ID"], headers["Subject"], flags))
    client.close()
    return sorted(found)


def read(client):
    print("capability", " ".join(c for c in client.capabilities if c in ("IDLE", "UIDPLUS", "MOVE", "NAMESPACE")))
    print("folders", " ".join(folders(client)))
    for message_id, subject, flags in messages(client, "INBOX"):
        print("INBOX", subject, " ".join(flags))


def seed(client, folder, count):
    check(client.create('"%s"' % folder), "CREATE " + folder)
    for i in range(int(count)):
        message = ("From: Ann <ann@example.org>\r\nTo: joe@example.com\r\nSubject: %s %d\r\n"
                   "Message-ID: <%s.%d@example.org>\r\nDate: Fri, 20 Nov 2026 08:00:00 +0000\r\n\r\n"
                   "message %d of %s\r\n" % (folder, i, folder.replace("/", "."), i, i, folder))
        flags = "(\\Seen)" if i == 0 else "()"
        data = check(client.append('"%s"' % folder, flags, imaplib.Time2Internaldate(time.time()),
                                        message.encode()), "APPEND")
        print("appended", folder, data[0].decode())


def state(client):
    for folder in folders(client):
        for message_id, subject, flags in messages(client, folder):
            print(folder, message_id, " ".join(flags))


def flag(client, folder, message_id, flag_name):
    check(client.select('"%s"' % folder), "SELECT " + folder)
    numbers = check(client.search(None, "HEADER", "Message-ID", message_id), "SEARCH")[0].split()
    if len(numbers) != 1:
        sys.exit("%s in %s: %d messages" % (message_id, folder, len(numbers)))
    check(client.store(numbers[0], "+FLAGS", "(%s)" % flag_name), "STORE")
    print("flagged", folder, message_id, flag_name)


def main(argv):
    host, port, user, password = argv[1:5]
    rest = argv[5:]
    starttls = None
    if rest and rest[0] == "--starttls":
        starttls, rest = rest[1], rest[2:]
    client = connect(host, port, starttls)
    check(client.login(user, password), "LOGIN")
    command, args = rest[0], rest[1:]
    {"read": read, "seed": seed, "state": state, "flag": flag}[command](client, *args)
    client.logout()


if __name__ == "__main__":
    main(sys.argv)
