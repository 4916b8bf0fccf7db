"""A TLS client for the agent's TLS tests: connects, sends lines, prints the server certificate's serial.

Exit 0 and "serial=<decimal>" when the client's side of the handshake succeeded and the lines were sent; exit 3 and
"error=<text>" when it failed. With TLS 1.3 the server checks a client certificate after the client's side is done,
so a refused client certificate may still exit 0: the tests read the server's counters for that.
"""
import argparse
import socket
import ssl
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--ca", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--version", choices=["TLSv1.1", "TLSv1.2", "TLSv1.3"])
parser.add_argument("--line", action="append", default=[])
args = parser.parse_args()

context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.load_verify_locations(args.ca)
if args.cert:
    context.load_cert_chain(args.cert, args.key)
if args.version:
    version = getattr(ssl.TLSVersion, args.version.replace(".", "_"))
    if version < ssl.TLSVersion.TLSv1_2:
        # OpenSSL 3 refuses TLS 1.1 at its default security level: lower it so the hello is really sent.
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    context.minimum_version = version
    context.maximum_version = version

try:
    with socket.create_connection((args.host, args.port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=args.host) as tls:
            serial = int(tls.getpeercert()["serialNumber"], 16)
            for line in args.line:
                tls.sendall(line.encode("utf-8") + b"\n")
            # End the stream with a FIN, then read until the agent closes: closing with unread bytes (TLS 1.3
            # session tickets) would make the kernel send a reset, which can discard lines the agent has not read.
            tls.shutdown(socket.SHUT_WR)
            try:
                while tls.recv(4096):
                    pass
            except (ssl.SSLError, OSError):
                pass
    print("serial=%d" % serial)
except (ssl.SSLError, OSError, ConnectionError) as e:
    print("error=%s" % e)
    sys.exit(3)
