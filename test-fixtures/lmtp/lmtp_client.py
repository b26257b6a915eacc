#!/usr/bin/env python3
"""Delivers messages with Python's smtplib.LMTP, a real LMTP client, one recipient per
transaction (smtplib reads one reply after DATA). Prints one line per message:
'OK rcpt' or 'FAIL rcpt code text'.

usage: lmtp_client.py SOCKET_PATH|HOST:PORT SENDER RECIPIENT [RECIPIENT...] < message
"""
import smtplib
import sys


def main():
    target, sender, recipients = sys.argv[1], sys.argv[2], sys.argv[3:]
    message = sys.stdin.buffer.read()
    if target.startswith("/"):
        client = smtplib.LMTP(target)
    else:
        host, port = target.rsplit(":", 1)
        client = smtplib.LMTP(host, int(port))
    status = 0
    for rcpt in recipients:
        try:
            refused = client.sendmail(sender, [rcpt], message)
            print("OK " + rcpt if not refused else "FAIL %s %s" % (rcpt, refused))
        except smtplib.SMTPRecipientsRefused as e:
            code, text = e.recipients[rcpt]
            print("FAIL %s %d %s" % (rcpt, code, text.decode()))
            status = 1
        except smtplib.SMTPDataError as e:
            print("FAIL %s %d %s" % (rcpt, e.smtp_code, e.smtp_error.decode()))
            status = 1
    client.quit()
    return status


if __name__ == "__main__":
    sys.exit(main())
