"""Where an export's files may be read from: inside the export (or --blob-home) and,
for `download` entries, the old site's own host only, within a size cap and a time-out.

An export is a file someone else wrote: a `blob_path` of `../../etc/passwd` or a
`download` of `http://169.254.169.254/` must not make the import read the server's files
or reach the internal network.
"""

import ipaddress
import socket
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError
from urllib.parse import urlparse

DOWNLOAD_TIMEOUT_SECONDS = 10
DOWNLOAD_MAX_BYTES = 50 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


class BlobMissing(Exception):
    """The blob of an item cannot be had; the message says why."""


def path_inside(base, blob_path):
    """`blob_path` below `base`, or raises BlobMissing: an absolute path, a `..` segment or
    a symbolic link leading out of `base` is refused."""
    relative = PurePosixPath(blob_path.replace("\\", "/"))
    drive = relative.parts[:1] and ":" in relative.parts[0]  # C:/… on a Windows-made export
    if relative.is_absolute() or ".." in relative.parts or drive:
        raise BlobMissing(f"blob_path refused (outside the export folder): {blob_path}")
    base = Path(base).resolve()
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base):
        raise BlobMissing(f"blob_path refused (leads outside the export folder): {blob_path}")
    return candidate


def is_public_address(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass
class DownloadPolicy:
    """What `download` entries may fetch. No host: no downloads at all; None: not decided
    yet (the import then allows the old site's own hosts)."""

    hosts: set | None = None
    max_bytes: int = DOWNLOAD_MAX_BYTES
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS
    allow_private: bool = False

    def check(self, url):
        """Raises BlobMissing unless `url` may be fetched."""
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https"):
            raise BlobMissing(f"download refused (not http or https): {url}")
        host = (parsed.hostname or "").lower()
        if not self.hosts:
            raise BlobMissing(f"download refused (no --download-host allowed): {url}")
        if host not in self.hosts:
            raise BlobMissing(f"download refused (host {host} is not the old site's): {url}")
        if self.allow_private:
            return
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, parsed.port or 80)}
        except (OSError, UnicodeError) as error:
            raise BlobMissing(f"download failed (host not found): {url}: {error}") from error
        private = sorted(a for a in addresses if not is_public_address(a))
        if private:
            raise BlobMissing(
                f"download refused ({host} is a private or local address: "
                f"{', '.join(private)}): {url}"
            )

    def fetch(self, url):
        """The bytes at `url`, checked first (and again at every redirect)."""
        self.check(url)
        opener = urllib.request.build_opener(CheckedRedirects(self))
        try:
            with opener.open(url, timeout=self.timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise BlobMissing(self.too_big(url))
                data = bytearray()
                while chunk := response.read(CHUNK_BYTES):
                    data += chunk
                    if len(data) > self.max_bytes:
                        raise BlobMissing(self.too_big(url))
                return bytes(data)
        except BlobMissing:
            raise
        except HTTPError as error:
            raise BlobMissing(f"download failed: {url}: HTTP {error.code}") from error
        except Exception as error:  # noqa: BLE001 - any network failure means "no blob"
            raise BlobMissing(f"download failed: {url}: {error}") from error

    def too_big(self, url):
        return f"download refused (larger than {self.max_bytes} bytes): {url}"


class CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is followed only to where the first address could have gone."""

    def __init__(self, policy):
        self.policy = policy

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.policy.check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
