"""Python's mailbox.mbox as a real reader of the mbox files store-sync exports.

Usage: read_mbox.py FILE...

Prints, tab separated, one line per message, in file order:
  message  FILE  FLAGS  SENDER  SHA-256
FLAGS are mailbox.mboxMessage.get_flags() (R O D F A, T for draft), sorted; SENDER is the first
word of get_from(); SHA-256 is of the message as an IMAP client would see it: the bytes Python
read, without the mbox state fields (Status X-Status X-Keywords X-UID X-IMAPbase X-IMAP
Content-Length), one '>' taken off '>From ' lines (mboxrd), with CRLF line ends.
"""
import hashlib
import mailbox
import re
import sys

STATE = re.compile(rb"^(status|x-status|x-keywords|x-uid|x-imapbase|x-imap|content-length):", re.I)
QUOTED = re.compile(rb"^>(>*From )")

for path in sys.argv[1:]:
    box = mailbox.mbox(path, create=False)
    for key in box.keys():
        message = box.get_message(key)
        raw = box.get_bytes(key)
        head, sep, body = raw.partition(b"\n\n")
        lines = [line for line in head.split(b"\n") if not STATE.match(line)]
        text = b"\n".join(lines) + sep + b"\n".join(QUOTED.sub(rb"\1", line) for line in body.split(b"\n"))
        crlf = text.replace(b"\n", b"\r\n")
        print("message\t%s\t%s\t%s\t%s" % (path, "".join(sorted(message.get_flags())), message.get_from().split()[0],
                                         hashlib.sha256(crlf).hexdigest()))
