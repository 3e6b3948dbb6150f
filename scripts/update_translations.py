"""Regenerate the translation sources and compile them.

    python scripts/update_translations.py          # update .ts from the code, compile .qm
    python scripts/update_translations.py --check  # exit 1 when the .ts is out of date or
                                                   # has untranslated strings (changes nothing)

``pyside6-lupdate`` reads every ``tr()`` / ``QCoreApplication.translate()`` /
``QT_TRANSLATE_NOOP()`` in ``spocdesk/ui`` and ``spocdesk/app.py``, and the
``QT_TRANSLATE_NOOP("spocdesk.core", …)`` templates in ``spocdesk/core`` (the error
messages and passphrase hints: core never imports Qt and marks its sentences with its
own no-op of that name, :mod:`spocdesk.core.errors`; the GUI translates them at run
time, the command line leaves them English). It merges them
into ``resources/translations/spocdesk_<lang>.ts`` (existing translations are kept;
strings no longer in the code are dropped). ``pyside6-lrelease`` then compiles each
.ts into the .qm the app loads. Both files are committed, so an install needs no Qt
tools. Translate new strings with ``pyside6-linguist resources/translations/*.ts``
(or by editing the XML), then run this script again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de", "en")
# English is the source language: its file holds only the plural forms of the "%n"
# strings ("1 result", "2 results"), as Qt recommends (lupdate -pluralonly)
PLURAL_ONLY = ("en",)
FORMS = "\x1f"  # joins the plural forms of one message in messages()


def tool(name: str) -> str | None:
    """``pyside6-<name>`` beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.is_file():
        return str(beside)
    return shutil.which(f"pyside6-{name}")


def source_files() -> list[Path]:
    files = sorted((ROOT / "spocdesk" / "ui").rglob("*.py"))
    core = sorted((ROOT / "spocdesk" / "core").rglob("*.py"))
    return [*files, ROOT / "spocdesk" / "app.py", *core]


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"spocdesk_{language}.ts"


def lupdate(target: Path) -> None:
    """Merge the strings of the code into ``target`` (created when missing)."""
    program = tool("lupdate")
    if program is None:
        raise SystemExit("pyside6-lupdate was not found; install PySide6 first.")
    target.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in source_files()]
    language = target.stem.rsplit("_", 1)[-1]
    plural_only = ["-pluralonly"] if language in PLURAL_ONLY else []
    subprocess.run([program, *files, "-no-obsolete", "-locations", "none", "-silent",
                    *plural_only, "-target-language", language, "-ts", str(target)],
                   cwd=ROOT, check=True)


def lrelease(source: Path) -> Path:
    program = tool("lrelease")
    if program is None:
        raise SystemExit("pyside6-lrelease was not found; install PySide6 first.")
    target = source.with_suffix(".qm")
    subprocess.run([program, "-silent", "-removeidentical", str(source), "-qm", str(target)],
                   cwd=ROOT, check=True)
    return target


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation, or None while unfinished or empty; a "%n"
    message's plural forms joined by :data:`FORMS` (None while one is empty)."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in (
                    "unfinished", "obsolete", "vanished"):
                out[(name, source)] = None
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = FORMS.join(forms) if forms else (translation.text or "")
            done = all(part.strip() for part in text.split(FORMS))
            out[(name, source)] = text if done else None
    return out


def check(language: str) -> list[str]:
    """What is wrong with the committed .ts: strings missing, gone, or untranslated."""
    committed = ts_path(language)
    if not committed.is_file():
        return [f"{committed.name} does not exist; run scripts/update_translations.py."]
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / f"spocdesk_{language}.ts"
        lupdate(fresh)
        wanted = set(messages(fresh))
    have = messages(committed)
    problems = [f"not in {committed.name}: [{c}] {s!r}" for c, s in sorted(wanted - set(have))]
    problems += [f"no longer in the code: [{c}] {s!r}" for c, s in sorted(set(have) - wanted)]
    problems += [f"untranslated: [{c}] {s!r}" for (c, s), t in sorted(have.items())
                 if t is None and (c, s) in wanted]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a .ts is out of date or unfinished")
    args = parser.parse_args(argv)
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for language in LANGUAGES:
        source = ts_path(language)
        lupdate(source)
        target = lrelease(source)
        have = messages(source)
        missing = sum(1 for t in have.values() if t is None)
        print(f"{source.relative_to(ROOT)}: {len(have)} strings, {missing} untranslated; "
              f"compiled {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
