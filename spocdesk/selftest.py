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
    """0 when every step worked; otherwise one sentence on stderr and 1."""
    try:
        return _run()
    except Exception as exc:  # a broken build shows up here: say what, not a traceback
        print(f"self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from spocdesk.core.cases import service as cases
    from spocdesk.core.paths import resolve
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
    if not ok:
        print("self-test: the window did not render", file=sys.stderr)
        return 1
    problems = bundle_problems()
    for problem in problems:
        print(f"self-test: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("self-test passed")
    return 0


def bundle_problems() -> list[str]:
    """What a build left out: icons, the SVG plugins, translations (ours and Qt's)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QImageReader

    from spocdesk.ui.resources import icon, translations_dir

    problems = []
    if icon("cases").isNull() or icon("spocdesk").isNull():
        problems.append("the icons are missing")
    if b"svg" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        problems.append("Qt's SVG image plugin is missing")
    shipped = sorted(translations_dir().glob("spocdesk_*.qm"))
    if not shipped:
        problems.append(f"no translations in {translations_dir()}")
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for qm in shipped:
        language = qm.stem.split("_", 1)[1]
        if not QTranslator().load(str(qm)):
            problems.append(f"{qm.name} does not load")
        if not QTranslator().load(f"qtbase_{language}", qt_translations):
            problems.append(f"Qt's own qtbase_{language}.qm is missing")
    return problems
