"""The Python face of `eigenname stream`: one long-lived process, JSONL in and out.

Why a subprocess and not bindings: the static Swift binary is the product that is
tested, benchmarked and shipped; talking JSONL to `eigenname stream` keeps the
Python side free of a compiler and of a second implementation. `eigenname stream`
answers every input line with one output line, in input order, as soon as it is
done, so a writer thread can keep a bounded number of lines in flight while the
caller reads results — the pipe never fills on both ends at once (no deadlock
with big texts), and the binary's worker threads stay busy. It runs as
`eigenname stream --compact`, whose answers are only `["id", [[start, end, type,
text, canonical, source(, qid)], …]]`: the text we sent is not echoed back, and
the answers that arrived together are parsed with one json.loads.
"""
from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field

try:
    import fcntl
except ImportError:  # pragma: no cover  (not a POSIX system: the pipes keep their size)
    fcntl = None  # type: ignore[assignment]

# `import eigenname` is part of every script's start (a fresh interpreter pays for each
# module): typing, logging, pathlib and shutil, with what they import, took about as long
# as the rest of the package, so they are imported only for type checkers or when needed.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    import logging
    from typing import Any, Iterable, Iterator, Sequence, Union
    _Item = Union[str, Mapping[str, Any]]

__all__ = [
    "Annotator", "Document", "Entity",
    "EigennameError", "EigennameBinaryNotFound", "LexiconError", "EigennameProcessError", "DocumentError",
    "find_binary", "packaged_lexicons",
]

PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


def _logger() -> logging.Logger:
    """The package's logger ("eigenname"); logging is imported at the first message."""
    import logging
    return logging.getLogger("eigenname")


# ---------------------------------------------------------------------------- results

@dataclass(frozen=True)
class Entity:
    """One entity. `start`/`end` are Python string indices (code points, end exclusive),
    so `text[e.start:e.end] == e.text`; `id` is the Wikidata QID of the lexicon row (its
    `id` column, as the binary writes it), else None; `source` is
    "lexicon" or "discovered"."""
    start: int
    end: int
    type: str
    text: str
    canonical: str
    source: str = "lexicon"
    id: str | None = None

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Entity:
        """An entity of the interchange format (a missing `source` means "lexicon", as in Swift)."""
        return cls(start=obj["start"], end=obj["end"], type=obj["type"], text=obj["text"],
                   canonical=obj["canonical"], source=obj.get("source", "lexicon"), id=obj.get("id"))

    def to_json(self) -> dict[str, Any]:
        """The interchange field order; `id` only when there is one."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "type": self.type, "text": self.text,
                               "canonical": self.canonical, "source": self.source}
        if self.id is not None:
            out["id"] = self.id
        return out


_new = object.__new__


def _entity(start: int, end: int, type: str, text: str, canonical: str, source: str = "lexicon",
            id: str | None = None, _new: Any = _new, _Entity: Any = Entity) -> Entity:
    """Entity(...) without the frozen dataclass's object.__setattr__ per field, which was
    about a sixth of Python's time per output line (tens of thousands of entities a second):
    the fields go straight into the instance dict. The same object: equal, hashable, frozen.
    Its arguments are a row of `eigenname stream --compact` (the id only when there is one)."""
    entity = _new(_Entity)
    d = entity.__dict__
    d["start"] = start
    d["end"] = end
    d["type"] = type
    d["text"] = text
    d["canonical"] = canonical
    d["source"] = source
    d["id"] = id
    return entity


@dataclass(frozen=True)
class Document:
    """An annotated document: its id, its text and its entities in text order."""
    id: str
    text: str
    entities: tuple[Entity, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------------------- errors

class EigennameError(Exception):
    """Base class of this package's errors."""


class EigennameBinaryNotFound(EigennameError, FileNotFoundError):
    """No eigenname executable where one was looked for."""


class LexiconError(EigennameError, ValueError):
    """A lexicon file the binary refused; `file` and `line` (None when the message names no
    line, e.g. a file that cannot be read) say where, `reason` what."""

    def __init__(self, message: str, file: str | None, line: int | None, reason: str):
        super().__init__(message)
        self.file, self.line, self.reason = file, line, reason


class EigennameProcessError(EigennameError, RuntimeError):
    """The eigenname process died (twice in a row) or broke the line-for-line protocol;
    `stderr` holds the end of what it wrote there, `returncode` its exit status."""

    def __init__(self, message: str, returncode: int | None = None, stderr: str = ""):
        super().__init__(message + (f"\n--- eigenname stderr (end) ---\n{stderr}" if stderr.strip() else ""))
        self.returncode, self.stderr = returncode, stderr


class DocumentError(EigennameError, ValueError):
    """The binary answered one document with an error (e.g. a text it cannot read)."""

    def __init__(self, doc_id: str, message: str):
        super().__init__(f"document {doc_id!r}: {message}")
        self.doc_id, self.message = doc_id, message


# ---------------------------------------------------------------------------- locating files

def find_binary(binary: str | os.PathLike[str] | None = None) -> str:
    """The executable to run: `binary`, else $EIGENNAME_BIN, else the one inside this
    package (the wheel's), else `eigenname` on PATH. Raises EigennameBinaryNotFound
    naming every place tried."""
    tried: list[str] = []
    for candidate, origin in ((binary, "binary="), (os.environ.get("EIGENNAME_BIN") or None, "$EIGENNAME_BIN")):
        if candidate is not None:
            path = os.fspath(candidate)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
            # An explicit choice that does not work is an error, not a reason to fall back.
            raise EigennameBinaryNotFound(f"eigenname binary not found or not executable: {path} (from {origin})")
    packaged = os.path.join(PACKAGE_DIR, "bin", "eigenname")
    if os.path.isfile(packaged) and os.access(packaged, os.X_OK):
        return packaged
    tried.append(packaged)
    import shutil
    on_path = shutil.which("eigenname")
    if on_path:
        return on_path
    tried.append("eigenname on PATH")
    raise EigennameBinaryNotFound("eigenname binary not found (tried " + ", ".join(tried) + "); install the wheel "
                                  "(make wheel), or pass Annotator(binary=...) or set EIGENNAME_BIN")


def packaged_lexicons() -> str | None:
    """The default lexicons the wheel carries (eigenname/Lexicons), or None in a source tree."""
    path = os.path.join(PACKAGE_DIR, "Lexicons")
    return path if os.path.isdir(path) else None


def _default_lexicon_dir(env: Mapping[str, str]) -> str | None:
    """The directory the binary will read its default lexicons from, as far as we can know:
    $EIGENNAME_LEXICONS (which the Annotator sets to the packaged copy unless the user did)."""
    return env.get("EIGENNAME_LEXICONS") or None


# ---------------------------------------------------------------------------- the process

_LEXICON_ERROR = re.compile(r"^eigenname: error: (?P<file>.+?)(?::(?P<line>\d+))?: (?P<reason>.*)$")
_PIPE_BYTES = 1 << 20  # both pipes raised to this (Linux's default maximum), from 64 KB
_READ_BYTES = 1 << 20  # at most this much of stdout per read
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # Python 3.10+ names it; Linux's number


def _widen_pipe(stream: Any) -> None:
    """Raises a pipe's buffer (best effort): the writer thread then sends a whole run of
    lines, and the binary its answers, without waiting for the other side to read."""
    if fcntl is None:
        return
    try:
        fcntl.fcntl(stream.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
    except (OSError, ValueError, AttributeError):
        pass  # not Linux, or above /proc/sys/fs/pipe-max-size: the default buffer works too


class _Process:
    """One running `eigenname stream`, with a thread draining its stderr (so a chatty
    stderr can never block it) into a bounded tail kept for error messages."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str]):
        try:
            self.popen = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=dict(env), bufsize=1 << 16)
        except OSError as e:  # exists but cannot be executed (wrong format, no permission)
            raise EigennameBinaryNotFound(f"cannot run {argv[0]}: {e}") from e
        self.pid = self.popen.pid
        self.owner_pid = os.getpid()  # a forked child must not use its parent's pipes
        _widen_pipe(self.popen.stdin)
        _widen_pipe(self.popen.stdout)
        # stdout is read in large chunks by os.read (one system call and one release of the
        # GIL for many answers), split into lines here: whole lines not yet taken, and the
        # start of the next one.
        self._out_fd = self.popen.stdout.fileno() if self.popen.stdout else -1
        self._lines: collections.deque[bytes] = collections.deque()
        self._partial: list[bytes] = []
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=200)
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()

    def _drain_stderr(self) -> None:
        assert self.popen.stderr is not None
        for raw in iter(self.popen.stderr.readline, b""):
            self._stderr_tail.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def stderr_text(self, wait: bool = True) -> str:
        """The end of stderr; after the process died, waits briefly for the last lines."""
        if wait:
            self._stderr_thread.join(timeout=5)
        return "\n".join(self._stderr_tail)

    def write(self, data: bytes) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.write(data)
        self.popen.stdin.flush()

    def read_lines(self) -> list[bytes]:
        """The answer lines there are (without their line breaks), waiting for at least one;
        [] at the end of the output (the process ended; a last line without a line break
        is no answer)."""
        if self._lines:
            lines = list(self._lines)
            self._lines.clear()
            return lines
        partial = self._partial
        while True:
            data = os.read(self._out_fd, _READ_BYTES)
            if not data:
                return []
            end = data.rfind(b"\n")
            if end < 0:
                partial.append(data)
                continue
            if partial:
                partial.append(data[:end])
                block = b"".join(partial)
                partial.clear()
            else:
                block = data[:end]
            if end + 1 < len(data):
                partial.append(data[end + 1:])
            return block.split(b"\n")

    def readline(self) -> bytes:
        """One answer line with its line break; b"" at the end of the output."""
        if not self._lines:
            self._lines.extend(self.read_lines())
            if not self._lines:
                return b""
        return self._lines.popleft() + b"\n"

    def close(self, timeout: float = 10) -> None:
        """Ends the process: closing stdin lets it finish and exit on its own."""
        if self.owner_pid != os.getpid():
            return
        for stream in (self.popen.stdin,):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream:
                stream.close()


def _close_process(proc: _Process | None) -> None:
    if proc is not None:
        try:
            proc.close(timeout=2)
        except Exception:  # at interpreter exit, best effort
            pass


class _Pending:
    """A line sent (or about to be) and not yet answered; kept to resend after a restart."""
    __slots__ = ("id", "text", "line", "id_json")

    def __init__(self, id: str, text: str, line: bytes, id_json: bytes):
        self.id, self.text, self.line = id, text, line
        self.id_json = id_json  # the id as JSON, as sent: the answer normally repeats these bytes


_CONTROL_BYTES = bytes(range(0x20))
_ascii_json_string = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]


def _json_string(text: str) -> bytes:
    """`text` as a JSON string literal: its UTF-8 with `\\` and `"` escaped (and \\n, \\r,
    \\t): a quarter less work than json.dumps's ASCII escapes (20 MB of news text: 0.04
    instead of 0.05 s), and the binary reads it as fast. Text with other
    control characters, or with a lone surrogate (no UTF-8 form), goes out as ASCII JSON
    (\\u escapes; the binary reads a lone surrogate's \\uD800 as U+FFFD, one code point for
    one, so offsets still hold)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return _ascii_json_string(text).encode("ascii")
    if b"\\" in data:
        data = data.replace(b"\\", b"\\\\")
    if b'"' in data:
        data = data.replace(b'"', b'\\"')
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        data = data.replace(b"\n", b"\\n").replace(b"\r", b"\\r").replace(b"\t", b"\\t")
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):
            return _ascii_json_string(text).encode("ascii")
    return b'"' + data + b'"'


_new_document = Document.__new__


def _document(id: str, text: str, entities: tuple[Entity, ...]) -> Document:
    """Document(...) without the frozen dataclass's object.__setattr__ per field (see _entity)."""
    document = _new_document(Document)
    d = document.__dict__
    d["id"] = id
    d["text"] = text
    d["entities"] = entities
    return document


_CHUNK_BYTES = 1 << 18  # at most this much input per write, beyond one line
_UNPARSED = object()  # an answer line not parsed yet


class Annotator:
    """German named-entity recognition through one long-lived `eigenname stream` process.

    `lexicons`: extra lexicon files (TSV or compiled .enlx); `default_lexicons`: also the
    default lexicons (the wheel's copy, unless $EIGENNAME_LEXICONS names others);
    `discovery`: find unlisted people, companies and models too; `jobs`: worker threads of
    the binary (None: its default, all cores); `binary`: the executable (else
    $EIGENNAME_BIN, the wheel's, `eigenname` on PATH); `env`: extra environment variables.

    The process starts at construction and annotates an empty probe document, so a missing
    binary or a broken lexicon raises here, not at the first text. Not thread-safe: one
    call at a time (a second one while `annotate_many` is being iterated raises).
    """

    def __init__(self, lexicons: Sequence[str | os.PathLike[str]] = (), default_lexicons: bool = True,
                 discovery: bool = True, jobs: int | None = None, binary: str | os.PathLike[str] | None = None,
                 env: Mapping[str, str] | None = None):
        self.binary = find_binary(binary)
        self.lexicons = [os.fspath(p) for p in lexicons]
        self.default_lexicons, self.discovery, self.jobs = default_lexicons, discovery, jobs
        self._env = dict(os.environ)
        self._env.update(env or {})
        packaged = packaged_lexicons()
        if packaged and not self._env.get("EIGENNAME_LEXICONS"):
            # Point the binary at the wheel's lexicons (and so at the knowledge files beside
            # them) explicitly, wherever `binary` lives.
            self._env["EIGENNAME_LEXICONS"] = packaged
        # --compact: answers carry the id and the entities only (arrays), not the text we
        # sent; a binary without the option (an older one, binary=...) is run without it.
        self.argv = [self.binary, "stream", "--compact"]
        for path in self.lexicons:
            self.argv += ["--lexicon", path]
        if not default_lexicons:
            self.argv.append("--no-default-lexicons")
        if not discovery:
            self.argv.append("--no-discovery")
        if jobs is not None:
            self.argv += ["--jobs", str(jobs)]
        self._proc: _Process | None = None
        self._finalizer: weakref.finalize | None = None
        self._busy = threading.Lock()
        self.restarts = 0  # how many times a dead process was replaced (for tests and logs)
        self._start()

    # -- process life

    def _start(self) -> None:
        """Starts the process and checks it with an empty probe document, turning an early
        exit into the matching exception (broken lexicon, unusable binary)."""
        self._discard()
        proc = _Process(self.argv, self._env)
        self._proc = proc
        self._finalizer = weakref.finalize(self, _close_process, proc)
        try:
            proc.write(b'{"id":"eigenname-probe","text":""}\n')
            answer = proc.readline()
        except OSError:
            answer = b""
        if not answer:
            self._raise_start_failure(proc)

    def _raise_start_failure(self, proc: _Process) -> None:
        returncode = proc.popen.wait()
        stderr = proc.stderr_text()
        self._discard()
        if returncode == 2 and "--compact" in self.argv and "'--compact'" in stderr:
            # A binary from before `stream --compact` (usage error): the full answers work too.
            _logger().info("%s does not know `stream --compact`; running it without", self.binary)
            self.argv.remove("--compact")
            self._start()
            return
        if returncode == 2:
            for line in stderr.splitlines():
                m = _LEXICON_ERROR.match(line)
                if m and self._names_lexicon(m["file"]):
                    raise LexiconError(f"broken lexicon: {m['file']}" + (f":{m['line']}" if m["line"] else "")
                                       + f": {m['reason']}", m["file"], int(m["line"]) if m["line"] else None,
                                       m["reason"])
        hint = ""
        if "error while loading shared libraries" in stderr:
            hint = (" — the binary needs the system's ICU 72 and libxml2 (Debian 12: apt-get install libicu72 "
                    "libxml2); see the README's Python section")
        raise EigennameProcessError(f"{' '.join(self.argv)} exited with status {returncode} at start{hint}",
                                    returncode, stderr)

    def _names_lexicon(self, path: str) -> bool:
        """Whether an error message's path is one of the lexicon sources (not, say, stdin)."""
        if path in self.lexicons or path.endswith((".tsv", ".enlx", ".txt")):
            return True
        directory = _default_lexicon_dir(self._env)
        return bool(directory) and os.path.abspath(path).startswith(os.path.abspath(directory))

    def _discard(self) -> None:
        """Forgets the current process (ending it when it is ours)."""
        if self._finalizer is not None:
            self._finalizer()  # runs _close_process once
        self._finalizer, self._proc = None, None

    def _restart(self, why: str) -> None:
        _logger().warning("eigenname stream (pid %s) %s; restarting it and resending the lines in flight", self.pid, why)
        self.restarts += 1
        self._start()

    def close(self) -> None:
        """Ends the process (closing its input lets it finish). The annotator starts a new
        one if used again."""
        self._discard()

    def __enter__(self) -> Annotator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The process id of the running `eigenname stream` (for tests and monitoring)."""
        return self._proc.pid if self._proc else None

    def _ensure_process(self) -> _Process:
        if self._proc is None or self._proc.owner_pid != os.getpid():
            if self._proc is not None and self._proc.owner_pid != os.getpid():
                self._proc, self._finalizer = None, None  # a forked copy: the parent's process is not ours
            self._start()
        assert self._proc is not None
        return self._proc

    # -- annotation

    def annotate(self, text: str, id: str | None = None) -> list[Entity]:
        """The entities of one text, in text order."""
        results = self.annotate_many([{"id": "0" if id is None else id, "text": text}], batch_size=1)
        try:
            return list(next(results).entities)
        finally:
            results.close()

    def annotate_many(self, items: Iterable[_Item], batch_size: int = 256) -> Iterator[Document]:
        """Annotates a stream of texts through the one process; yields a Document per item,
        in input order, as results arrive.

        `items`: strings, or mappings with "text" and optionally "id" (ids default to the
        item's running number, "0", "1", …). At most `batch_size` lines are in flight: enough
        to keep the binary's workers busy, bounded memory however long the input.

        If the process dies (killed, crashed), it is restarted once and the lines in flight
        are sent again; if it dies again before answering one of them,
        EigennameProcessError is raised. Stopping the iteration early is fine: the answers
        still in flight are read and dropped, so the process stays in step.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not self._busy.acquire(blocking=False):
            raise RuntimeError("this Annotator is already annotating (annotate_many is being iterated); "
                               "use a second Annotator for nested or concurrent calls")
        try:
            yield from self._stream(iter(items), batch_size, greedy=isinstance(items, (list, tuple)))
        finally:
            self._busy.release()

    def _stream(self, source: Iterator[_Item], batch_size: int, greedy: bool) -> Iterator[Document]:
        state = _StreamState(source, batch_size, greedy)
        proc = self._ensure_process()
        writer = state.start_writer(proc, resend=[])
        died_without_progress = False
        try:
            while True:
                pending = state.next_pending()
                if pending is None:
                    break
                lines = proc.read_lines()
                if not lines:  # EOF: the process died
                    state.stop()  # the writer may be waiting for a slot that the dead process holds
                    writer.join()
                    if died_without_progress:
                        returncode, stderr = proc.popen.wait(), proc.stderr_text()
                        self._discard()
                        raise EigennameProcessError(
                            f"eigenname stream died again (status {returncode}) after a restart, before answering "
                            f"document {pending.id!r}", returncode, stderr)
                    self._restart(f"ended its output (exit status {proc.popen.poll()})")
                    proc = self._ensure_process()
                    died_without_progress = True
                    writer = state.start_writer(proc, resend=state.in_flight_lines())
                    continue
                died_without_progress = False
                # All these are answered now (the writer may fill their places at once);
                # should the caller stop early, the Documents not yet yielded are dropped.
                pendings = state.answered(len(lines))
                if len(pendings) < len(lines):
                    raise EigennameProcessError(f"eigenname stream answered {len(lines)} lines where "
                                                f"{len(pendings)} were sent: {lines[-1][:200]!r}")
                for pending, line, answer in zip(pendings, lines, _parse_answers(lines)):
                    yield self._document(pending, line, answer)
            writer.join()
            if state.error is not None:
                raise state.error
        finally:
            if writer.is_alive() or state.has_in_flight():
                self._abandon(state, writer, proc)

    def _abandon(self, state: _StreamState, writer: threading.Thread, proc: _Process) -> None:
        """Stopped early (break, or an exception): stop the writer, read and drop the
        answers still owed so the next call starts in step; a process that cannot be
        brought in step is discarded."""
        state.stop()
        writer.join()
        if self._proc is not proc:
            return
        try:
            for _ in range(state.in_flight_count()):
                if not proc.readline():
                    raise OSError("eof")
        except (OSError, ValueError):
            self._discard()

    def _document(self, pending: _Pending, line: bytes, answer: Any = _UNPARSED) -> Document:
        """The Document of one output line: a compact answer (`stream --compact`,
        `["id",[[start,end,"type","text","canonical","source"(,"qid")],…]]`), already parsed
        with its neighbours (`answer`), or a document object (a binary without --compact).
        Of the latter only the id and the entities are parsed, not the text the line repeats
        (we have it): `,"id":` … `,"text":` and `,"entities":[` can be found by bytes,
        because inside a JSON string every `"` is escaped, so a comma before an unescaped
        quote only occurs between members (each key once: rfind finds the entities from the
        end, without scanning the text)."""
        if answer is _UNPARSED and line[:1] == b"[":
            try:
                answer = json.loads(line)
            except ValueError as e:
                raise EigennameProcessError(f"unreadable output line for document {pending.id!r}: {line[:200]!r}") from e
        if type(answer) is dict:  # an {"error"} line among compact answers
            if "error" in answer:
                raise DocumentError(pending.id, answer["error"])
            raise EigennameProcessError(f"unreadable output line for document {pending.id!r}: {line[:200]!r}")
        if type(answer) is list:
            try:
                doc_id, rows = answer
                entities = tuple([_entity(*row) for row in rows])
            except (ValueError, TypeError) as e:
                raise EigennameProcessError(f"unreadable output line for document {pending.id!r}: {line[:200]!r}") from e
            if doc_id != pending.id:
                raise EigennameProcessError(f"out of step: expected document {pending.id!r}, got {doc_id!r}")
            return _document(pending.id, pending.text, entities)
        text_key, entities_key = line.find(b',"text":'), line.rfind(b',"entities":[')
        try:
            if line.startswith(b'{"id":') and 0 < text_key < entities_key:
                raw_id = line[6:text_key]
                doc_id = pending.id if raw_id == pending.id_json else json.loads(raw_id)
                raw_entities = json.loads(line[entities_key + 12:line.rindex(b"}")])
            else:  # an error line, or a shape this fast path does not know
                obj = json.loads(line)
                if "error" in obj:
                    raise DocumentError(pending.id, obj["error"])
                doc_id, raw_entities = obj.get("id"), obj["entities"]
        except (ValueError, KeyError) as e:
            if isinstance(e, DocumentError):
                raise
            raise EigennameProcessError(f"unreadable output line for document {pending.id!r}: {line[:200]!r}") from e
        if doc_id != pending.id:
            raise EigennameProcessError(f"out of step: expected document {pending.id!r}, got {doc_id!r}")
        entities = tuple(
            _entity(e["start"], e["end"], e["type"], e["text"], e["canonical"], e.get("source", "lexicon"), e.get("id"))
            for e in raw_entities)
        return Document(id=pending.id, text=pending.text, entities=entities)


def _parse_answers(lines: list[bytes]) -> list[Any]:
    """The compact answers `lines` (and {"error"} lines among them), parsed with one
    json.loads of them all (a fraction of the cost of one call per line); _UNPARSED for
    each when they are not all of that shape and well-formed, so that _document parses
    (and blames) them one by one."""
    if all(line[:1] == b"[" or line.startswith(b'{"error":') for line in lines):
        try:
            answers = json.loads(b"[" + b",".join(lines) + b"]")
            if len(answers) == len(lines):
                return answers
        except ValueError:
            pass
    return [_UNPARSED] * len(lines)


class _StreamState:
    """What the writer thread and the reading loop share during one annotate_many call.

    At most `batch_size` lines are in flight. From a list or tuple (whose items are all
    there) the writer fills up to `batch_size` in one write, then sleeps until the reader has
    taken half of them: one wake-up and one system call per half batch, not per line, which
    is most of what Python costs here. From any other iterable it sends one item at a time,
    as soon as there is room: its next item may wait for a result of this very call."""

    def __init__(self, source: Iterator[_Item], batch_size: int, greedy: bool):
        self.source = source
        self.batch_size = batch_size
        self.greedy = greedy
        # The writer waits while more than `low` lines are in flight; the reader wakes it
        # when the count falls to `low`.
        self.low = batch_size // 2 if greedy else batch_size - 1
        self.counter = 0
        self.cond = threading.Condition()
        self.in_flight: collections.deque[_Pending] = collections.deque()
        self.exhausted = False
        self.error: BaseException | None = None
        self.stopping = False
        self.writer_done = False

    def start_writer(self, proc: _Process, resend: list[bytes]) -> threading.Thread:
        self.writer_done = self.stopping = False
        thread = threading.Thread(target=self._write, args=(proc, resend), daemon=True)
        thread.start()
        return thread

    def _write(self, proc: _Process, resend: list[bytes]) -> None:
        """Feeds stdin: first the lines to resend, then new items while there is room.
        A dead process (broken pipe) just ends the thread; the reader sees the EOF."""
        try:
            for data in resend:
                try:
                    proc.write(data)
                except (OSError, ValueError):
                    return  # died again while resending: the reader sees EOF
            while True:
                with self.cond:
                    while len(self.in_flight) > self.low and not self.stopping:
                        self.cond.wait()
                    if self.stopping or self.exhausted:
                        return
                    room = self.batch_size - len(self.in_flight)
                chunk: list[_Pending] = []
                size, ended, failure = 0, False, None
                try:
                    while len(chunk) < room and size < _CHUNK_BYTES:
                        pending = self._next_pending()
                        if pending is None:
                            ended = True
                            break
                        chunk.append(pending)
                        size += len(pending.line)
                        if not self.greedy:
                            break
                except BaseException as e:  # the caller's iterable failed, or an item is no text
                    failure = e
                with self.cond:  # in flight before `exhausted`: the reader must not stop short
                    self.in_flight.extend(chunk)
                    self.exhausted = self.exhausted or ended
                    self.cond.notify_all()
                try:
                    if chunk:
                        proc.write(b"".join(p.line for p in chunk))
                except (OSError, ValueError):
                    return  # the process died or its stdin was closed: the reader sees EOF
                if failure is not None:
                    raise failure  # after the lines before it went out
                if ended:
                    return
        except BaseException as e:  # the caller's iterable failed, or an item is no text
            self._fail(e)
        finally:
            with self.cond:
                self.writer_done = True
                self.cond.notify_all()

    def _fail(self, error: BaseException) -> None:
        """Ends the input at an error of the caller's; raised once the lines before it are read."""
        with self.cond:
            self.error = error
            self.exhausted = True
            self.cond.notify_all()

    def _next_pending(self) -> _Pending | None:
        """The next item as a line to send, or None at the end of the input."""
        try:
            item = next(self.source)
        except StopIteration:
            return None
        return self._pending(item)

    def _pending(self, item: _Item) -> _Pending:
        index = self.counter
        self.counter += 1
        if isinstance(item, str):
            doc_id, text = str(index), item
        elif isinstance(item, Mapping):
            text = item["text"]
            doc_id = item.get("id")
            doc_id = str(index) if doc_id is None else doc_id if type(doc_id) is str else str(doc_id)
        else:
            raise TypeError(f"annotate_many wants strings or mappings with 'text', got {type(item).__name__}")
        if not isinstance(text, str):
            raise TypeError(f"document {doc_id!r}: text must be a str, got {type(text).__name__}")
        id_json = _ascii_json_string(doc_id).encode("ascii")
        return _Pending(doc_id, text, b'{"id":' + id_json + b',"text":' + _json_string(text) + b"}\n", id_json)

    def next_pending(self) -> _Pending | None:
        """The oldest unanswered line, waiting for the writer; None when all is done."""
        with self.cond:
            while not self.in_flight:
                if self.exhausted or self.writer_done:
                    return None
                self.cond.wait()
            return self.in_flight[0]

    def answered(self, count: int) -> list[_Pending]:
        """Takes the `count` oldest lines in flight (fewer if fewer are), now answered, and
        wakes the writer when that makes room."""
        with self.cond:
            in_flight = self.in_flight
            taken = [in_flight.popleft() for _ in range(min(count, len(in_flight)))]
            if len(in_flight) <= self.low:
                self.cond.notify_all()
            return taken

    def in_flight_lines(self) -> list[bytes]:
        with self.cond:
            return [p.line for p in self.in_flight]

    def has_in_flight(self) -> bool:
        with self.cond:
            return bool(self.in_flight)

    def in_flight_count(self) -> int:
        with self.cond:
            return len(self.in_flight)

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify_all()

