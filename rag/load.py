"""Load stage: files on disk -> :class:`SourceDocument` s with metadata, or a clear error.

Supported: ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm``. Metadata comes from the
text itself (a leading `` date 2023-09-12 By Name …`` line, a headline first line, a
``By NAME (Agency)`` byline, HTML ``<meta>`` tags) and is overridden by an optional sidecar
``metadata.json`` in the same folder::

    {"<file stem>": {"title": "...", "published": "YYYY-MM-DD", "source": "...",
                     "author": "...", "url": "..."}}
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SIDECAR_NAME = "metadata.json"
MAX_TITLE_CHARS = 160
# Only the first few lines of an article can hold its byline.
BYLINE_SEARCH_LINES = 6

_DATE_LINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b(?:\s+By\s+(?P<author>[^•|\n]+?)\s*(?:[•|].*)?$|.*$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*By\s+(?P<author>[^()\n]{3,80}?)\s*(?:\((?P<source>[^)]+)\))?\s*$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class LoadError(ValueError):
    """A file that cannot be ingested: ``str()`` names the file and the problem."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass
class SourceDocument:
    """One article ready for chunking: its full text and metadata."""

    doc_id: str
    text: str
    path: str
    title: str
    published: date | None = None
    source: str = ""
    author: str = ""
    url: str = ""

    @property
    def content_hash(self) -> str:
        """Hash of text and metadata: any change to either re-ingests the document."""
        payload = json.dumps(
            [self.text, self.title, self.published and self.published.isoformat(),
             self.source, self.author, self.url],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders into supported files; missing paths become errors."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for p in paths:
        if not p.exists():
            errors.append((str(p), "no such file or folder"))
        elif p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                errors.append((str(p), "folder holds no .txt, .md or .html files"))
            files.extend(found)
        elif p.suffix.lower() not in SUPPORTED_SUFFIXES:
            errors.append((str(p), f"unsupported file type {p.suffix or '(none)'}; "
                                   f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"))
        else:
            files.append(p)
    return files, errors


def load_file(path: Path, max_bytes: int, sidecar: dict | None = None) -> SourceDocument:
    """Read one file into a :class:`SourceDocument`; raise :class:`LoadError` on bad input."""
    raw = _read_bytes(path, max_bytes)
    text = _decode(path, raw)
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        text, meta = _from_html(text)
    else:
        meta = _from_text(text, markdown=suffix in {".md", ".markdown"})
    if not text.strip():
        raise LoadError(path, "no readable text")
    meta.update({k: v for k, v in (sidecar or {}).get(path.stem, {}).items() if v})
    return SourceDocument(
        doc_id=path.stem,
        text=text,
        path=str(path.resolve()),
        title=str(meta.get("title") or _fallback_title(text, path)),
        published=_parse_date(meta.get("published")),
        source=str(meta.get("source") or meta.get("author") or ""),
        author=str(meta.get("author") or ""),
        url=str(meta.get("url") or ""),
    )


def read_sidecar(folder: Path) -> tuple[dict, str | None]:
    """Read ``metadata.json`` of a folder: (mapping, problem or None)."""
    f = folder / SIDECAR_NAME
    if not f.is_file():
        return {}, None
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"unreadable metadata file ({exc}); using metadata from the texts"
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return {}, "expected an object of objects keyed by file stem; ignored"
    return data, None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(path, f"{size:,} bytes is over the {max_bytes:,}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise LoadError(path, "file is empty")
    if b"\x00" in raw[:8192]:
        raise LoadError(path, "looks binary (NUL bytes), not text")
    return raw


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            path, f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset "
                  f"{exc.start}); convert it to UTF-8"
        ) from exc
    # Normalise line endings only; quotes must stay verbatim substrings of this text.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _from_text(text: str, markdown: bool) -> dict:
    meta: dict = {}
    lines = text.split("\n")
    nonblank = [ln for ln in lines if ln.strip()]
    first = 0
    if nonblank and (m := _DATE_LINE.match(nonblank[0])):
        meta["published"] = m.group("date")
        if m.group("author"):
            meta["author"] = m.group("author").strip()
        first = 1
    for ln in nonblank[first : first + BYLINE_SEARCH_LINES]:
        if m := _BYLINE.match(ln):
            author = m.group("author").strip()
            meta.setdefault("author", author.title() if author.isupper() else author)
            if m.group("source"):
                meta["source"] = m.group("source").strip()
            break
    if markdown:
        for ln in nonblank:
            if ln.startswith("# "):
                meta["title"] = ln[2:].strip()
                break
    elif len(nonblank) > first:
        head = nonblank[first].strip()
        if _looks_like_headline(head):
            meta["title"] = head
    return meta


def _looks_like_headline(line: str) -> bool:
    return 8 <= len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ":", ",", ";"))


def _fallback_title(text: str, path: Path) -> str:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and not _DATE_LINE.match(ln)]
    first = lines[0] if lines else path.stem
    if len(first) <= MAX_TITLE_CHARS:
        return first
    cut = first[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _from_html(html: str) -> tuple[str, dict]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta: dict = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        val = (tag.get("content") or "").strip()
        if not val:
            continue
        if key in {"article:published_time", "date", "pubdate", "dc.date"}:
            meta.setdefault("published", val)
        elif key in {"author", "article:author"}:
            meta.setdefault("author", val)
        elif key in {"og:site_name", "publisher"}:
            meta.setdefault("source", val)
        elif key in {"og:title"}:
            meta.setdefault("title", val)
    if soup.title and soup.title.get_text(strip=True):
        meta.setdefault("title", soup.title.get_text(" ", strip=True))
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        meta.setdefault("title", h1.get_text(" ", strip=True))
    for bad in soup(["script", "style", "noscript", "iframe", "template", "head", "svg"]):
        bad.decompose()
    blocks = [
        " ".join(el.get_text(" ", strip=True).split())
        for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td"])
        if not el.find_parent(["p", "li", "blockquote", "pre", "td"])
    ]
    text = "\n\n".join(b for b in blocks if b)
    if not text:
        text = "\n\n".join(
            " ".join(ln.split()) for ln in soup.get_text("\n").split("\n") if ln.strip()
        )
    return text, meta


def _parse_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    m = _ISO_DATE.search(str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
