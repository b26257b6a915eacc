"""Python's imaplib as a real IMAP client for store-imap's tests.

Usage: imap_client.py HOST PORT USER PASSWORD [CAFILE]
With CAFILE the client runs STARTTLS (trusting only that certificate) before it logs in.
Prints one line per step: what the server answered, as imaplib saw it.
"""
import imaplib
import ssl
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
cafile = sys.argv[5] if len(sys.argv) > 5 else None

M = imaplib.IMAP4(host, port)
print("greeting", M.welcome.decode())
print("capabilities", " ".join(M.capabilities))
typ, data = M.xatom("ID", '("name" "imaplib")')
print("id", typ, M.response("ID")[1][0].decode())
print("noop", M.noop()[0])
if cafile:
    typ, data = M.starttls(ssl.create_default_context(cafile=cafile))
    print("starttls", typ)
    print("capabilities", " ".join(M.capabilities))
typ, data = M.login(user, password)
print("login", typ, data[0].decode())
typ, data = M.select("INBOX")
print("select", typ, data[0].decode())
typ, data = M.logout()
print("logout", typ, data[0].decode())
