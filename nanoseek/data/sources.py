"""Where documents come from: the embedded corpus, the user's files, and generated text.

A document is one string; packing puts BOS before and EOS after it, and the validation split holds out
whole documents. What counts as a document per format:
  .txt      one document per blank-line-separated block (a paragraph, a speech, a poem), so that one big
            text file still gives many documents to split into train and validation;
  .jsonl    one document per line, `{"text": "..."}` (other keys are ignored, blank lines skipped);
  .parquet  one document per row of its `text` column (needs pyarrow).
A `.gz` suffix after .txt or .jsonl is read through gzip. A directory means every such file under it,
in sorted path order. Empty or whitespace-only documents are skipped everywhere; so are files that hold
no text (empty, binary, not UTF-8), each named with the reason (`readable`).
"""

import codecs
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "shakespeare.jsonl.gz"
SUFFIXES = (".txt", ".txt.gz", ".jsonl", ".jsonl.gz", ".parquet")
_BLANK_LINES = re.compile(r"\n\s*\n")


def _open_text(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_txt(path: str | Path) -> Iterator[str]:
    """The blank-line-separated blocks of a UTF-8 text file."""
    with _open_text(Path(path)) as f:
        for block in _BLANK_LINES.split(f.read()):
            yield block.strip("\r\n")


def read_jsonl(path: str | Path) -> Iterator[str]:
    """The "text" field of every line of a JSONL file; a bad line is an error naming file and line."""
    path = Path(path)
    with _open_text(path) as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: invalid JSON ({e.msg}); expected one object like "
                                 '{"text": "..."} per line') from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                found = f"keys {sorted(row)}" if isinstance(row, dict) else type(row).__name__
                raise ValueError(f'{path}:{lineno}: expected an object with a string "text" field, found {found}')
            yield row["text"]


def read_parquet(path: str | Path) -> Iterator[str]:
    """The `text` column of a parquet file, read in row batches so big files stream."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError(f"reading {path} needs pyarrow: `pip install pyarrow` "
                          "(or convert the file to JSONL with a \"text\" field)") from None
    parquet = pq.ParquetFile(path)
    if "text" not in parquet.schema_arrow.names:
        raise ValueError(f"{path}: expected a 'text' column, found columns {parquet.schema_arrow.names}")
    for batch in parquet.iter_batches(columns=["text"]):
        yield from (t for t in batch.column(0).to_pylist() if t is not None)


def default_corpus() -> Iterator[str]:
    """Shakespeare's works (42 of them, about 5 MB of text) shipped with nanoseek; one document a work."""
    return read_jsonl(CORPUS)


def read_file(path: str | Path) -> Iterator[str]:
    """Documents of one file, by its suffix."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith((".txt", ".txt.gz")):
        return read_txt(path)
    if name.endswith((".jsonl", ".jsonl.gz")):
        return read_jsonl(path)
    if name.endswith(".parquet"):
        return read_parquet(path)
    raise ValueError(f"{path}: unknown file type; expected one of {', '.join(SUFFIXES)}")


def expand(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Files named by `paths` (one path or many), directories replaced by their readable files, sorted."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SUFFIXES))
            if not found:
                raise ValueError(f"{p}: directory holds no {', '.join(SUFFIXES)} file")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")
    return files


def why_unreadable(path: Path) -> str | None:
    """Why a .txt / .jsonl file (gzipped or not) cannot be read as text, or None: read once, in chunks."""
    if path.name.lower().endswith(".parquet"):
        return None  # binary by design; pyarrow checks it
    if path.stat().st_size == 0:
        return "the file is empty"
    opener = gzip.open if path.name.endswith(".gz") else open
    decoder, offset, text = codecs.getincrementaldecoder("utf-8")(), 0, False
    try:
        with opener(path, "rb") as f:
            while chunk := f.read(1 << 20):
                if b"\0" in chunk:
                    return f"binary data (a NUL byte at offset {offset + chunk.index(0)}), not text"
                try:
                    text = bool(decoder.decode(chunk).strip()) or text
                except UnicodeDecodeError as e:
                    return (f"not UTF-8 text (byte 0x{chunk[e.start]:02x} at offset {offset + e.start}); convert it, "
                            "e.g. `iconv -f latin1 -t utf-8`")
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "not UTF-8 text (it ends inside a character)"
    except (OSError, EOFError) as e:  # e.g. a .gz suffix on a file that is not gzip
        return f"unreadable ({e})"
    return None if text else "only whitespace, no text"


def readable(files: list[Path], log=lambda message: print(message, file=sys.stderr)) -> list[Path]:
    """The files that hold text; each skipped one is logged with its reason. None left is an error."""
    kept = []
    for f in files:
        why = why_unreadable(f)
        if why:
            log(f"nanoseek data: skipped {f}: {why}")
        else:
            kept.append(f)
    if files and not kept:
        raise ValueError(f"none of the {len(files)} input files holds text (each was skipped, see above)")
    return kept


def documents(paths: str | Path | Iterable[str | Path] = (), extra_documents: Iterable[str] = (),
              use_default_corpus: bool | None = None) -> Iterator[str]:
    """Every non-empty document: the default corpus, then `paths` in order, then `extra_documents`.

    `extra_documents` is the hook for generated text (e.g. reasoning tasks). use_default_corpus=None
    means: the default corpus is used when no paths are given.
    """
    files = expand(paths)
    if use_default_corpus is None:
        use_default_corpus = not files
    streams = ([default_corpus()] if use_default_corpus else []) + [read_file(f) for f in files]
    for stream in streams + [iter(extra_documents)]:
        for doc in stream:
            if not isinstance(doc, str):
                raise TypeError(f"documents must be strings, got {type(doc).__name__}")
            if doc.strip():
                yield doc
