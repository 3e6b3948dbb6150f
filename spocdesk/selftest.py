"""``spocdesk --self-test``: prove a build works end to end, in a temporary folder.

Creates an encrypted store, writes and reads a case, checks the file holds no
plaintext, starts the GUI on the offscreen platform, and exits 0 when all is well.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from spocdesk.core.paths import resolve
    from spocdesk.core.services import cases
    from spocdesk.core.store import Store

    marker = f"self-test {secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory(prefix="spocdesk-selftest-") as folder:
        location = resolve(data_dir=folder)
        passphrase = secrets.token_urlsafe(16)
        store = Store.create(location, passphrase)
        ref = cases.add_case(store, cases.NewCase(title=marker)).value
        store.close()
        if any(marker.encode() in p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()):
            print("self-test: plaintext found in the store", file=sys.stderr)
            return 1
        store = Store.open(location, passphrase)
        try:
            titles = [row.title for row in cases.list_cases(store) if row.ref == ref]
            if titles != [marker] or store.integrity_problems():
                print("self-test: the case did not read back", file=sys.stderr)
                return 1
            from spocdesk.app import make_application
            from spocdesk.ui.main_window import MainWindow

            app = make_application()
            window = MainWindow(location)
            window.set_store(store)
            window.show()
            app.processEvents()
            ok = not window.grab().isNull()
            window.set_store(None)
            window.close()
        finally:
            store.close()
    print("self-test passed" if ok else "self-test: the window did not render")
    return 0 if ok else 1
