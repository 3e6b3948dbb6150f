"""spocdesk: an encrypted desktop workbench for a single point of contact."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spocdesk")
except PackageNotFoundError:  # running from a source tree or a frozen build
    __version__ = "0.1.0"

APP_NAME = "spocdesk"
