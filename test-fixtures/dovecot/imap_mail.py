"""Python's imaplib as a real IMAP client that reads (and fills) a whole account, for the
interop tests of store-sync's maildir and mbox formats against a throwaway Dovecot.

Usage: imap_mail.py HOST PORT USER PASSWORD dump
       imap_mail.py HOST PORT USER PASSWORD fill SEED COUNT

dump prints, tab separated, one line per mailbox, message and subscription, sorted:
  mailbox  NAME  UIDVALIDITY  UIDNEXT  MESSAGES
  message  NAME  UID  FLAGS (sorted, space separated, without \\Recent)  INTERNALDATE (epoch s)  RFC822.SIZE  SHA-256 of BODY[]
  subscribed  NAME
NAME is the mailbox name as the server sends it (modified UTF-7), hierarchy separator included.

fill appends COUNT seeded random messages (CRLF, with flags, keywords and internal dates) to
INBOX and to the folders Work, Work.Sub (created and subscribed), then sets flags on some and
expunges others, so the server writes its own files the way it always does.
"""
import hashlib
import imaplib
import random
import re
import sys
import time

host, port, user, password, command = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
M = imaplib.IMAP4(host, port)
M.login(user, password)


def check(result):
    typ, data = result
    if typ != "OK":
        raise SystemExit("imap_mail.py: %s %r" % (typ, data))
    return data


def quoted(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def names():
    out = []
    for line in check(M.list()):
        m = re.match(rb'\((?P<attrs>[^)]*)\) (?P<sep>"[^"]*"|NIL) (?P<name>.*)$', line)
        attrs, name = m.group("attrs").decode(), m.group("name").decode()
        if name.startswith('"'):
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if "\\Noselect" not in attrs and "\\NonExistent" not in attrs:
            out.append(name)
    return sorted(out)


def dump():
    lines = []
    for name in names():
        status = check(M.status(quoted(name), "(UIDVALIDITY UIDNEXT MESSAGES)"))[0].decode()
        fields = dict(re.findall(r"(UIDVALIDITY|UIDNEXT|MESSAGES) (\d+)", status))
        lines.append("mailbox\t%s\t%s\t%s\t%s" % (name, fields["UIDVALIDITY"], fields["UIDNEXT"], fields["MESSAGES"]))
        check(M.select(quoted(name), readonly=True))
        if int(fields["MESSAGES"]) == 0:
            continue
        data = check(M.uid("FETCH", "1:*", "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])"))
        for item in data:
            if not isinstance(item, tuple):
                continue
            head, body = item[0].decode(), item[1]
            uid = re.search(r"UID (\d+)", head).group(1)
            flags = sorted(f for f in re.search(r"FLAGS \(([^)]*)\)", head).group(1).split() if f != "\\Recent")
            date = int(time.mktime(imaplib.Internaldate2tuple(item[0])))
            size = re.search(r"RFC822\.SIZE (\d+)", head).group(1)
            lines.append("message\t%s\t%s\t%s\t%d\t%s\t%s" % (name, uid, " ".join(flags), date, size,
                                                            hashlib.sha256(body).hexdigest()))
        check(M.close())
    for line in check(M.lsub()):
        if line is None:
            continue
        name = re.match(rb'\([^)]*\) (?:"[^"]*"|NIL) (.*)$', line).group(1).decode()
        if name.startswith('"'):
            name = name[1:-1]
        lines.append("subscribed\t%s" % name)
    print("\n".join(sorted(lines)))


def fill(seed, count):
    rnd = random.Random(seed)
    for folder in ("Work", "Work.Sub"):
        check(M.create(folder))
        check(M.subscribe(folder))
    check(M.subscribe("INBOX"))
    system = ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"]
    keywords = ["$Forwarded", "Junk", "NonJunk", "work", "$label2"]
    for n in range(count):
        folder = ("INBOX", "Work", "Work.Sub")[n % 3]
        flags = [f for f in system if rnd.random() < 0.4] + [k for k in keywords if rnd.random() < 0.25]
        body = "".join("line %d of message %d%s\r\n" % (i, n, " From x" if i % 7 == 0 else "")
                       for i in range(rnd.randrange(40)))
        message = ("From: filler@example.org\r\nSubject: fill %d\r\nMessage-ID: <fill.%d@example.org>\r\n\r\n%s"
                   % (n, n, body)).encode()
        date = imaplib.Time2Internaldate(1_600_000_000 + rnd.randrange(100_000_000))
        check(M.append(folder, "(" + " ".join(flags) + ")", date, message))
    check(M.select("INBOX"))
    check(M.uid("STORE", "1:3", "+FLAGS", "(\\Seen later)"))
    check(M.uid("STORE", "2", "-FLAGS", "(\\Deleted)"))
    check(M.uid("STORE", "4", "+FLAGS", "(\\Deleted)"))
    check(M.expunge())
    check(M.close())


if command == "dump":
    dump()
elif command == "fill":
    fill(int(sys.argv[6]), int(sys.argv[7]))
else:
    raise SystemExit("imap_mail.py: unknown command " + command)
M.logout()
