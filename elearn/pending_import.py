"""Parsed import rows that wait in the session between an import's preview and its confirmation.

The rows are kept as compressed JSON (a 2,000-row file takes a few hundred kilobytes at most),
never as a file on disk, behind a one-time token that the confirmation form posts back: a
second confirmation, or one from a stale page, finds nothing.
"""

import base64
import json
import secrets
import zlib


class PendingImport:
    def __init__(self, session, key):
        self.session, self.key = session, key

    def put(self, filename, rows):
        """Keep `rows` ([(line, values)...]) of `filename`; return the token the confirmation must post."""
        token = secrets.token_urlsafe(16)
        packed = base64.b64encode(zlib.compress(json.dumps(rows, ensure_ascii=False).encode())).decode("ascii")
        self.session[self.key] = {"token": token, "filename": filename, "rows": packed}
        return token

    def discard(self):
        self.session.pop(self.key, None)

    @property
    def token(self):
        return (self.session.get(self.key) or {}).get("token")

    def take(self, token):
        """(filename, rows) kept under `token`, removed from the session; None when there are none."""
        pending = self.session.get(self.key)
        if not pending or not secrets.compare_digest(pending["token"], token or ""):
            return None
        self.discard()
        rows = json.loads(zlib.decompress(base64.b64decode(pending["rows"])))
        return pending["filename"], [(line, values) for line, values in rows]
