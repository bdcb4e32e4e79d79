#!/usr/bin/env python3
"""Loopback snapshot server for the camera tests (standard library only).

Serves, on 127.0.0.1 only, the answers a webcam URL can give:

  /good           a whole JPEG (Content-Length)
  /http10         the same as HTTP/1.0 without Content-Length (mjpg-streamer)
  /truncated      the JPEG without its last 100 bytes (cut in the scan)
  /html           200 with an HTML page (a portal or login page)
  /404            404 with an HTML error page
  /slow?ms=N      the JPEG after N milliseconds
  /redirect?to=U  302 to U
  /offline        ustreamer's "no live video" answer: a JPEG with
                  X-UStreamer-Online: false
  /counter        the JPEG; every request is logged, for discard_first

Prints "READY http 127.0.0.1:PORT" when listening (--port 0 picks a free
port); with --log FILE appends one line "PATH" per request.
"""

import argparse
import base64
import http.server
import socketserver
import sys
import threading
import time
import urllib.parse

JPEG = base64.b64decode("""
/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIf
IiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7
Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAwAEADASIA
AhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQA
AAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3
ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWm
p6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEA
AwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSEx
BhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElK
U1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3
uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDzBLf2
qdLf2q4lv7VOlv7V9LKsc1CuVEt/arCW/tVtLf2qwlv7VzyqntUK5TS39qsJb+1W0t/arCW/tXNK
sezQrlRLf2qdLf2q4lv7VOlv7VzSrHtUK5ziW/tVhLf2q2lv7VYS39q1lVPxehXKiW/tU6W/tVtL
f2qwlv7VzSrHtUK5US39qsJb+1W0t/ap0t/aueVY9qhXKiW/tVhLf2q2lv7VYS39q5pVT2aFc5xL
f2qwlv7VbS39qnS39q1lWPxehXKiW/tVhLf2q2lv7VYS39q5pVT2qFcqJb+1Tpb+1W0t/arCW/tX
NKse1QrlRLf2qwlv7VbS39qnS39q55Vj2aFc/9k=
""")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "httpcam/1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, ctype="image/jpeg", headers=(), length=True):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        if self.server.log:
            with self.server.lock, open(self.server.log, "a") as f:
                f.write(url.path + "\n")
        if url.path in ("/good", "/counter"):
            self.send(200, JPEG)
        elif url.path == "/http10":
            self.protocol_version = "HTTP/1.0"
            self.send(200, JPEG, length=False)
        elif url.path == "/truncated":
            self.send(200, JPEG[:len(JPEG) - 100])
        elif url.path == "/html":
            self.send(200, b"<!DOCTYPE html><html><body>Login</body></html>",
                      "text/html")
        elif url.path == "/404":
            self.send(404, b"<html><body>Not found</body></html>",
                      "text/html")
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", ["2000"])[0]) / 1000.0)
            try:
                self.send(200, JPEG)
            except OSError:
                pass
        elif url.path == "/redirect":
            self.send(302, b"", "text/plain",
                      headers=[("Location", query.get("to", ["/good"])[0])])
        elif url.path == "/offline":
            self.send(200, JPEG, headers=[("X-UStreamer-Online", "false")])
        else:
            self.send(404, b"unknown path\n", "text/plain")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--log", help="append each request's path to FILE")
    args = ap.parse_args()
    srv = Server(("127.0.0.1", args.port), Handler)
    srv.log = args.log
    srv.lock = threading.Lock()
    sys.stdout.write("READY http 127.0.0.1:%d\n" % srv.server_address[1])
    sys.stdout.flush()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
