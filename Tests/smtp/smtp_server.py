"""A real SMTP server on loopback for the mail tests: aiosmtpd with STARTTLS and AUTH.

Usage: smtp_server.py DIR [--port N] [--tls implicit|starttls] [--user U --password P]

Writes DIR/cert.pem (a self-signed certificate for localhost and 127.0.0.1, made with
openssl), prints "ready PORT" once it listens, and stores every accepted message as
DIR/mail/<n>.eml. Recipients starting with "reject" get a permanent 550; while DIR/down
exists every message gets a temporary 451, as a server that is not taking mail would.
"""
import argparse
import os
import ssl
import subprocess
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Store:
    def __init__(self, root):
        self.root = root
        self.mail = os.path.join(root, "mail")
        os.makedirs(self.mail, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.root, "down")):
            return "451 4.3.0 Try again later"
        number = len(os.listdir(self.mail)) + 1
        path = os.path.join(self.mail, "%05d.eml" % number)
        with open(path + ".tmp", "wb") as handle:
            handle.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            handle.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            handle.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Stored"


def certificate(root):
    cert, key = os.path.join(root, "cert.pem"), os.path.join(root, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", choices=["implicit", "starttls"], default="starttls")
    parser.add_argument("--user")
    parser.add_argument("--password")
    options = parser.parse_args()
    context = certificate(options.root)
    if options.port == 0:
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            options.port = probe.getsockname()[1]

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = options.user is not None and auth_data.login.decode() == options.user and auth_data.password.decode() == options.password
        return AuthResult(success=ok)

    handler = Store(options.root)
    # With TLS from the first byte aiosmtpd does not see the session as encrypted, so only
    # STARTTLS sessions need it before AUTH; both are encrypted all the same.
    kwargs = dict(hostname="127.0.0.1", port=options.port, authenticator=authenticate if options.user else None,
                  auth_require_tls=options.tls == "starttls", auth_required=bool(options.user))
    if options.tls == "implicit":
        controller = Controller(handler, ssl_context=context, **kwargs)
    else:
        controller = Controller(handler, tls_context=context, require_starttls=True, **kwargs)
    controller.start()
    print("ready %d" % options.port, flush=True)
    try:
        # Runs until whoever started it closes its standard input.
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
