"""The ``pactgraph`` command: parse arguments, call one library function, render.

Every command that answers a question can print JSON (``--format json``) so scripts can use
it; everything printed here, Python can get as data from the library.

Exit codes: 0 ok; 1 the data or a query is bad (parse error, SHACL violation, failed check,
quote not in its source, query error); 2 usage error (bad argument, unknown file, name or
format); 3 internal error (a bug: rerun with ``--debug`` and report it); 130 interrupted.
Errors are one line on stderr, ``error: <where>: <what to do>``, with no traceback unless
``--debug`` is given.

Heavy libraries (rdflib's SPARQL engine, networkx, pyshacl, pyvis) are imported by the
commands that need them, never at start-up, so ``pactgraph --help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from . import __version__
from .errors import InputNotFoundError, OutputError, PactgraphError, UsageError

__all__ = ["COMMANDS", "EXIT_CODES", "build_parser", "main"]

EXIT_CODES = {
    0: "success (validate: the data conforms)",
    1: "the data or a query is bad: parse error, SHACL violation, failed check, bad quote",
    2: "usage error: bad argument, unknown file, name or format",
    3: "internal error: a bug; rerun with --debug and report it",
    4: "a remote store (--endpoint) cannot be reached, or refused or failed a request",
    130: "interrupted",
}

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message} (see '{self.prog} --help')\n")


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _max_input(args: argparse.Namespace) -> int | None:
    from .load import MAX_INPUT

    return MAX_INPUT if args.max_input is None else args.max_input or None


def _store_dir(args: argparse.Namespace) -> str | None:
    """The persistent store to answer from: ``--store``, else ``PACTGRAPH_STORE``."""
    import os

    return getattr(args, "store", None) or os.environ.get("PACTGRAPH_STORE") or None


def _remote(args: argparse.Namespace) -> Any:
    """The remote store named by ``--endpoint`` (else ``PACTGRAPH_ENDPOINT``), if any."""
    import os

    endpoint = getattr(args, "endpoint", None) or os.environ.get("PACTGRAPH_ENDPOINT")
    if not endpoint:
        for flag in ("gsp", "update_endpoint"):
            if getattr(args, flag, None):
                raise UsageError(f"--{flag.replace('_', '-')} needs --endpoint URL")
        return None
    from .remote import Remote

    return Remote(endpoint, gsp=args.gsp, update=args.update_endpoint)


def _load(args: argparse.Namespace) -> Any:
    from .load import load

    remote = _remote(args)
    if remote is not None:
        if args.data or _store_dir(args):
            raise UsageError(
                f"--endpoint {remote.endpoint} and {'--data' if args.data else 'a store'} both "
                "name what to read; give one (to add files to the remote store: pactgraph "
                "load FILES --endpoint URL)"
            )
        from .remote import open_remote

        return open_remote(remote)
    store = _store_dir(args)
    if store is not None:
        if args.data:
            raise UsageError(
                f"--data and a store ({store}) both name what to read; give one (to add files "
                "to the store: pactgraph load FILES --store DIR)"
            )
        from .persist import open_store

        return open_store(store)
    return load(args.data or None, max_input=_max_input(args))


def _load_into(args: argparse.Namespace) -> int:
    from .persist import persist

    files = [*(args.files or []), *(args.data or [])]
    remote = _remote(args)
    if (remote is not None or _store_dir(args)) and not files:
        raise UsageError("name the agreement files or folders to load")
    if remote is not None:
        from .remote import push

        pushed = push(files, remote, max_input=_max_input(args))
        _out(
            f"{len(pushed.added)} added, {len(pushed.replaced)} replaced, "
            f"{len(pushed.unchanged)} unchanged; {remote.endpoint} holds {pushed.agreements} "
            "agreement(s)"
        )
        return 0
    store = _store_dir(args)
    if store is None:
        raise UsageError(
            "pactgraph load FILES needs --store DIR (or PACTGRAPH_STORE), or --endpoint URL"
        )
    done = persist(files, store, max_input=_max_input(args))
    _out(
        f"{len(done.added)} added, {len(done.replaced)} replaced, {len(done.unchanged)} "
        f"unchanged; {store} holds {done.agreements} agreement(s), {done.quads:,} quads, "
        f"{done.bytes_on_disk / 2**20:,.1f} MiB on disk"
    )
    return 0


def _unload(args: argparse.Namespace) -> int:
    from .persist import unload

    remote = _remote(args)
    if remote is not None:
        from .remote import drop

        pushed = drop(remote, args.agreement)
        _out(f"{args.agreement} removed; {remote.endpoint} holds {pushed.agreements} agreement(s)")
        return 0
    store = _store_dir(args)
    if store is None:
        raise UsageError(
            "pactgraph unload AGREEMENT needs --store DIR (or PACTGRAPH_STORE), or --endpoint URL"
        )
    done = unload(store, args.agreement)
    _out(f"removed {args.agreement}; {store} holds {done.agreements} agreement(s)")
    return 0


def _load_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="agreement files or folders")


def _unload_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("agreement", metavar="AGREEMENT", help="the IRI of the agreement")


def _emit(data: bytes | dict[str, bytes], output: str) -> int:
    """Write what a command made to ``output`` (atomically; ``-`` for standard output)."""
    from .output import write

    if output == "-":
        assert isinstance(data, bytes), "several files cannot go to standard output"
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    for path in write(data, output):
        sys.stderr.write(f"wrote {path}\n")
    return 0


# ------------------------------------------------------------------ info


def _info(args: argparse.Namespace) -> int:
    from .render import summary_text, to_json
    from .summarize import summarize

    summary = summarize(_load(args))
    _out(to_json(summary) if args.format == "json" else summary_text(summary))
    return 0


# ------------------------------------------------------------------ validate


def _validate(args: argparse.Namespace) -> int:
    from .render import report_text, to_json
    from .validate import validate

    args.data = [*(args.files or []), *(args.data or [])]
    report = validate(_load(args), coverage=args.coverage)
    _out(to_json(report) if args.format == "json" else report_text(report))
    if report.conforms:
        return 0
    sys.stderr.write(
        f"error: {len(report.findings)} problem(s) in {', '.join(report.files)}; "
        "fix each line above and validate again\n"
    )
    return 1


# ------------------------------------------------------------------ export


def _export(args: argparse.Namespace) -> int:
    from .export import export, format_for

    args.format = format_for(args.format, args.output)
    if args.format == "neo4j" and args.output == "-":
        raise UsageError("--format neo4j writes several files; give -o DIRECTORY")
    if args.output != "-":
        from .output import check_output

        check_output(args.output, directory=args.format == "neo4j")
    data = export(_load(args), args.format)
    if args.format == "pactgraph-md":
        if isinstance(data, dict) and args.output == "-":
            raise UsageError(f"{len(data)} agreements make {len(data)} files; give -o DIRECTORY")
        _refuse_existing(args.output, data)
        _note_sources(args.output, data)
    return _emit(data, args.output)


def _note_sources(output: str, data: bytes | dict[str, bytes]) -> None:
    """Say so when an agreement file goes where its source texts are not: build finds the
    quotes in the texts beside the file."""
    from pathlib import Path

    from .load import named_sources

    if output == "-":
        return
    folder = Path(output) if isinstance(data, dict) else Path(output).parent
    texts = data.values() if isinstance(data, dict) else [data]
    missing = sorted(
        {
            name
            for text in texts
            for name in named_sources(text.decode("utf-8"))
            if not (folder / name).is_file()
        }
    )
    if missing:
        sys.stderr.write(
            f"note: {', '.join(missing)} must sit beside the agreement file for build to find "
            "its quotes; copy it there\n"
        )


def _refuse_existing(output: str, data: bytes | dict[str, bytes]) -> None:
    """An agreement file is someone's work: never write over one."""
    from pathlib import Path

    if output == "-":
        return
    target = Path(output)
    paths = [target] if isinstance(data, bytes) else [target / name for name in data]
    for path in paths:
        if path.exists():
            raise OutputError(f"{path}: exists; move it away or choose another path")


# ------------------------------------------------------------------ new, build


def _new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .literate import BASE_IRI, skeleton

    source = Path(args.source)
    if not source.is_file():
        raise InputNotFoundError(f"{source}: no such file; name the agreement's text")
    if args.base is not None and not BASE_IRI.fullmatch(args.base):
        raise UsageError(
            f"--base {args.base!r}: give an IRI ending in / or #, such as "
            "https://example.org/lease/"
        )
    try:
        text = skeleton(source, base=args.base)
    except UnicodeDecodeError as err:
        raise UsageError(f"{source}: not UTF-8 text ({err.reason}); save it as UTF-8") from None
    data = text.encode("utf-8")
    _refuse_existing(args.output, data)
    _note_sources(args.output, data)
    return _emit(data, args.output)


def _output_arg(parser: argparse.ArgumentParser, what: str) -> None:
    """``-o/--output FILE``, standard output by default, for the commands that write one."""
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help=f"{what}; '-' or nothing: standard output",
    )


def _new_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the agreement's text (UTF-8)")
    _output_arg(parser, "write the new agreement file here (never over an existing file)")
    parser.add_argument(
        "--base",
        metavar="IRI",
        help="the namespace of the agreement's names (default: https://example.org/NAME/)",
    )


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .literate import build
    from .load import BUILT_MARK, LITERATE, built_from, turtle_text

    source = Path(args.file)
    if source.suffix.lower() != LITERATE or not source.is_file():
        raise InputNotFoundError(f"{source}: no such agreement file; name a .md file")
    text = BUILT_MARK.format(name=source.name) + "\n" + turtle_text(build(source).graph)
    if args.output != "-":
        target = Path(args.output)
        if target.exists() and built_from(target) is None:
            raise OutputError(
                f"{target}: exists and was not built by pactgraph; move it away or "
                "choose another path"
            )
    return _emit(text.encode("utf-8"), args.output)


def _build_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the agreement file (.md) to compile")
    _output_arg(parser, "write the Turtle here (over a file build wrote, never over another)")


def _export_args(parser: argparse.ArgumentParser) -> None:
    from .export import EXPORTERS

    parser.add_argument(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"one of {', '.join(EXPORTERS)}, or an alias (ttl, n3, n-triples, nq, json-ld, "
        "rdf+xml, cyjs, gv, mmd); default: from -o's extension, else turtle",
    )
    _output_arg(parser, "write here (a directory for neo4j)")


# ------------------------------------------------------------------ viz


def _viz_answers(args: argparse.Namespace, store: Any) -> tuple[Any, Any]:
    """The impact or state answer the page shows, from --impact / --on / --event."""
    from .parse import parse_date

    on = parse_date(args.on) if args.on else None
    events = _events(args) or None
    if args.impact:
        from .impact import impact

        return impact(store, args.impact, on=on, events=events, **_versions(args)), None
    if on is not None:
        from .state import state

        return None, state(store, on, events=events, **_versions(args))
    if events:
        raise UsageError("--event needs --on DATE (state mode) or --impact EVENT")
    return None, None


def _viz(args: argparse.Namespace) -> int:
    from .output import check_output
    from .visualize import visualize

    if args.output != "-":
        check_output(args.output)
    store = _load(args)
    impact, state = _viz_answers(args, store)
    timeline = None
    if state is not None:
        from .timeline import timeline_svg

        timeline = timeline_svg(state)
    page = visualize(
        store, impact=impact, state=state, timeline=timeline, **_versions(args)
    ).encode("utf-8")
    return _emit(page, args.output)


def _viz_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        default="pactgraph.html",
        metavar="FILE.html",
        help="the page to write (default: pactgraph.html; '-' for standard output)",
    )
    parser.add_argument(
        "--impact", metavar="EVENT", help="highlight what changes when this event happens"
    )
    parser.add_argument(
        "--on",
        metavar="DATE",
        help="with --impact: the date it happens; alone: colour provisions by status on DATE",
    )
    _scenario_args(parser)


# ------------------------------------------------------------------ timeline


def _timeline(args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from .output import check_output
    from .parse import parse_date
    from .state import state
    from .timeline import timeline_page, timeline_svg

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".html", ".htm", ".svg", ".png"):
        raise UsageError(
            f"-o {args.output}: write the timeline to a FILE.html, a FILE.svg or a FILE.png"
        )
    check_output(args.output)
    on = parse_date(args.on) if args.on else dt.date.today()
    store = _load(args)
    answer = state(store, on, events=_events(args), **_versions(args))
    group_by: Any = args.group
    if args.group == "party":
        from .timeline import parties

        group_by = parties(store)
    elif args.group == "agreement":
        from .timeline import agreements

        group_by = agreements(store)
    svg = timeline_svg(answer, group_by=group_by)
    if suffix == ".svg":
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n").encode("utf-8")
    elif suffix == ".png":
        from .timeline import timeline_png

        data = timeline_png(svg)
    else:
        data = timeline_page(svg, f"Provision terms, state on {answer.on}").encode("utf-8")
    return _emit(data, args.output)


def _timeline_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        default="timeline.html",
        metavar="FILE.html|FILE.svg|FILE.png",
        help="the picture to write (default: timeline.html); PNG is drawn by a headless "
        "chromium, where one is installed",
    )
    parser.add_argument(
        "--on",
        metavar="DATE",
        help="the date of the state, marked on the axis by a black line (default: today)",
    )
    parser.add_argument(
        "--group",
        choices=["kind", "party", "agreement"],
        type=str.lower,
        help="put the rows under headings: by kind, by the party holding each provision, or "
        "by agreement",
    )
    _scenario_args(parser)


# ------------------------------------------------------------------ state, impact, ask


def _events(args: argparse.Namespace) -> dict[str, Any]:
    from .parse import parse_scenario

    try:
        return parse_scenario(args.event or [])
    except UsageError as err:
        raise UsageError(f"--event {err}") from err


def _state(args: argparse.Namespace) -> int:
    from .parse import parse_date
    from .render import state_text, to_json
    from .state import state

    answer = state(
        _load(args),
        parse_date(args.on),
        events=_events(args),
        agreements=args.agreement,
        **_versions(args),
    )
    if args.status:
        answer = answer.only(args.status)
    _out(to_json(answer) if args.format == "json" else state_text(answer, args.format))
    return 0


def _impact(args: argparse.Namespace) -> int:
    import datetime as dt
    import re

    from .impact import impact
    from .parse import parse_date
    from .render import impact_text, to_json

    within = None
    if args.year is not None:
        if not re.fullmatch(r"\d{4}", args.year) or args.on:
            raise UsageError(
                f"--in takes a year such as 2029, not {args.year!r}, and not with --on"
            )
        within = (dt.date(int(args.year), 1, 1), dt.date(int(args.year), 12, 31))
    answer = impact(
        _load(args),
        args.event_name,
        on=parse_date(args.on) if args.on else None,
        within=within,
        events=_events(args),
        **_versions(args),
    )
    _out(to_json(answer) if args.format == "json" else impact_text(answer, args.format))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff
    from .render import diff_text, to_json

    answer = diff(_load(args), args.old, args.new)
    _out(to_json(answer) if args.format == "json" else diff_text(answer, args.format))
    return 0


def _diff_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier version: IRI, name or date")
    parser.add_argument("new", metavar="NEW", help="the later version: IRI, name or date")
    _formats(parser, ["table", "json", "md"])


def _ask(args: argparse.Namespace) -> int:
    from .ask import ask
    from .render import answer_text, to_json

    answer = ask(_load(args), args.question, **_versions(args))
    _out(to_json(answer) if args.format == "json" else answer_text(answer, args.format))
    return 0


# ------------------------------------------------------------------ queries, query


def _queries(args: argparse.Namespace) -> int:
    from .query import checks, library
    from .render import queries_rows, queries_text, to_json

    named = list(library().values()) + (list(checks().values()) if args.checks else [])
    _out(to_json(queries_rows(named)) if args.format == "json" else queries_text(named))
    return 0


def _query_source(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from .query import from_file, get, named

    if args.expression is not None:
        if args.query is not None:
            raise UsageError("give a query NAME, a FILE.rq or -e SPARQL, not two of them")
        return args.expression
    if args.query is None:
        raise UsageError("give a query NAME, a FILE.rq, - (standard input) or -e SPARQL")
    if args.query == "-":
        return sys.stdin.read()
    found = named(args.query)
    if found is not None:
        return found
    path = Path(args.query)
    if path.suffix.lower() in {".rq", ".sparql"} or "/" in args.query or path.is_file():
        return from_file(path)  # its header's required parameters are checked too
    return get(args.query)  # raises UnknownNameError with close names


def _query(args: argparse.Namespace) -> int:
    from .errors import BindingError
    from .query import local_prefixes, query
    from .results import format_name, write

    if args.format is not None:
        try:
            format_name(args.format)  # an unknown name is a usage error before any work
        except UsageError as err:
            raise UsageError(f"--format {args.format}: {err}") from err
    source = _query_source(args)
    bindings: dict[str, str] = {}
    for item in args.bind or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--bind {item}: write VAR=VALUE, such as party=pg:X")
        bindings[name.strip()] = value
    store = _load(args)
    short = local_prefixes(store)  # ":name" for a node of the one agreement loaded
    try:
        result = _interruptible(
            lambda: query(
                store,
                source,
                bindings,
                engine=args.engine,
                prefixes=short,
                allow_service=args.allow_service,
            )
        )
    except BindingError as err:
        raise UsageError(f"--bind {err.variable}: {err.detail}") from err
    fmt = args.format or ("turtle" if result.form == "graph" else "table")
    sys.stdout.buffer.write(write(result, fmt, short))
    return 0


def _interruptible(run: Callable[[], Any]) -> Any:
    """``run()`` in a thread the main thread waits on, so Ctrl-C stops the command at once:
    an engine evaluating inside native code does not look at signals until it is done.
    The thread is a daemon, and ends with the process."""
    import threading

    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = run()
        except BaseException as err:  # handed to the main thread as it is
            import traceback

            # Drop the engine's objects the failed frames hold here, on their own thread:
            # the engine refuses to free them on another.
            traceback.clear_frames(err.__traceback__)
            outcome["error"] = err

    thread = threading.Thread(target=target, daemon=True, name="pactgraph-query")
    thread.start()
    while thread.is_alive():
        thread.join(0.1)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _queries_args(parser: argparse.ArgumentParser) -> None:
    _formats(parser, ["table", "json"])
    parser.add_argument("--checks", action="store_true", help="list the check queries too")


def _query_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="?",
        metavar="NAME|FILE.rq|-",
        help="a named query ('pactgraph queries' lists them), a query file, or - for stdin",
    )
    parser.add_argument("-e", "--expression", metavar="SPARQL", help="the query text itself")
    parser.add_argument(
        "--bind",
        "-b",
        action="append",
        metavar="VAR=VALUE",
        help="bind ?VAR to an RDF term: <iri>, prefix:name (:name for a node of the one "
        'agreement loaded), "text", "text"@en, "text"^^xsd:date, a number, true/false or '
        "YYYY-MM-DD (repeatable)",
    )
    parser.add_argument(
        "--format",
        "-f",
        metavar="FORMAT",
        help="SELECT/ASK: table (default), json, xml, csv, tsv, spreadsheet (CSV that a "
        "spreadsheet opens without running formulas); CONSTRUCT/DESCRIBE: "
        "turtle (default), nt, jsonld, xml, trig, table (aliases such as ttl, json-ld)",
    )
    parser.add_argument(
        "--allow-service",
        action="store_true",
        help="let a query call other endpoints with SERVICE (refused by default)",
    )
    parser.add_argument(
        "--engine",
        choices=["oxigraph", "rdflib"],
        default="oxigraph",
        type=str.lower,
        help="SPARQL engine (default: oxigraph, the faster; see tests/bench/bench_engines.py)",
    )


# ------------------------------------------------------------------ serve


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    def ready(url: str) -> None:
        sys.stderr.write(
            f"pactgraph: read-only SPARQL endpoint at {url} "
            f"(timeout {args.timeout:g} s, row cap {args.row_cap}); Ctrl-C stops it\n"
        )
        sys.stderr.flush()

    remote = _remote(args)
    if remote is not None:
        named = "--endpoint" if getattr(args, "endpoint", None) else "PACTGRAPH_ENDPOINT"
        raise UsageError(
            f"{named} {remote.endpoint}: serve answers from files (--data) or a store on disk "
            "(--store), not from another endpoint; query that store's own endpoint instead"
            + (" (or unset PACTGRAPH_ENDPOINT)" if named == "PACTGRAPH_ENDPOINT" else "")
        )
    store = _store_dir(args)
    if store is not None and args.data:
        raise UsageError(f"--data and a store ({store}) both name what to serve; give one")
    try:
        serve(
            args.data or None,
            store_dir=store,
            max_input=_max_input(args),
            host=args.host,
            port=args.port,
            timeout=args.timeout,
            row_cap=args.row_cap,
            cors=args.cors,
            workers=args.workers,
            ready=ready,
            allow_hosts=args.allow_host or (),
            max_memory=args.max_memory,
            queue_wait=args.queue_wait,
            busy_timeout=args.busy_timeout,
        )
    except KeyboardInterrupt:  # Ctrl-C is how a server is meant to stop
        sys.stderr.write("pactgraph: stopped\n")
    return 0


def _serve_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    parser.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="stop a query after this long, answering 503 (default: 30)",
    )
    parser.add_argument(
        "--row-cap",
        type=int,
        default=10_000,
        metavar="ROWS",
        help="return at most this many rows of a SELECT (default: 10000)",
    )
    parser.add_argument(
        "--cors", metavar="ORIGIN", help="allow browser pages from ORIGIN to query (default: none)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="query worker processes (default: 2)"
    )
    parser.add_argument(
        "--max-memory",
        type=int,
        default=2048,
        metavar="MIB",
        help="memory a query may take in its worker, beyond the data (default: 2048); "
        "past it the query is stopped and answered 503",
    )
    parser.add_argument(
        "--queue-wait",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="how long a query waits for a free worker (default: 0.5); past it, it is answered "
        "503 busy, with Retry-After",
    )
    parser.add_argument(
        "--busy-timeout",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="while other queries wait for a worker, a query running longer than this is "
        "stopped (503 busy) to make room (default: 1); alone, a query runs up to --timeout",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        metavar="NAME",
        help="a Host name requests may use besides the address listened on (repeatable; "
        "'*' allows any); others get 400, against DNS rebinding",
    )


# ------------------------------------------------------------------ the parser


def _formats(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--format",
        "-f",
        default=choices[0],
        type=str.lower,
        choices=choices,
        help=f"output format (default: {choices[0]})",
    )


def _info_args(parser: argparse.ArgumentParser) -> None:
    _formats(parser, ["table", "json"])


def _validate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="agreement files (default: the bundled agreement)"
    )
    parser.add_argument(
        "--coverage",
        choices=["warn", "error"],
        default="warn",
        help="a sentence of a source text that nothing quotes or marks not operative: a "
        "warning, or an error (default: warn)",
    )
    _formats(parser, ["table", "json"])


def _scenario_args(parser: argparse.ArgumentParser) -> None:
    _as_of_args(parser)
    parser.add_argument(
        "--event",
        action="append",
        metavar="NAME=DATE",
        help="an event of the scenario and the date it happens (repeatable), "
        "e.g. --event 'AGI verified=2029-03-01'",
    )


def _as_of_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="answer from the versions published on or before DATE (default: all known)",
    )
    parser.add_argument(
        "--min-evidence",
        metavar="KIND",
        help="leave out what rests only on weaker sources: party-document, "
        "regulatory-filing, secondary-quotation or press-report (default: all)",
    )


def _versions(args: argparse.Namespace) -> dict[str, Any]:
    """``as_of`` and ``min_evidence``, as the verbs take them."""
    from .parse import parse_date

    as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
    return {"as_of": as_of, "min_evidence": getattr(args, "min_evidence", None)}


def _state_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", required=True, metavar="DATE", help="the date (YYYY-MM-DD)")
    _scenario_args(parser)
    parser.add_argument(
        "--status",
        action="append",
        choices=["in_force", "ended", "not_started"],
        help="show only provisions with this status (repeatable)",
    )
    parser.add_argument(
        "--agreement",
        action="append",
        metavar="NAME",
        help="only the provisions of this agreement, by name or IRI, and of its other "
        "versions; only they are evaluated (repeatable)",
    )
    _formats(parser, ["table", "json", "md"])


def _impact_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event_name", metavar="EVENT", help="the event, by name or IRI")
    parser.add_argument(
        "--on",
        metavar="DATE",
        help="the date it happens; without it, outcomes that depend on the date say so",
    )
    parser.add_argument(
        "--in",
        dest="year",
        metavar="YEAR",
        help="the year it happens in, the day unknown: outcomes that depend on the day say so",
    )
    _scenario_args(parser)
    _formats(parser, ["table", "json", "md"])


def _ask_args(parser: argparse.ArgumentParser) -> None:
    from .ask import FORMS

    forms = "; ".join(form.wording.rstrip("?") for form in FORMS)
    parser.add_argument("question", metavar="QUESTION", help=f"one of: {forms}")
    _as_of_args(parser)
    _formats(parser, ["table", "json", "md"])


#: Each command: its help line, the function that adds its arguments, and its handler.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "load": (
        "load agreement files once into a store on disk (--store DIR) that every command reads",
        _load_args,
        _load_into,
    ),
    "unload": ("remove an agreement from a store on disk (--store DIR)", _unload_args, _unload),
    "info": (
        "what the graph holds: agreements, parties, provisions by kind, triggers",
        _info_args,
        _info,
    ),
    "validate": (
        "check the agreements: SHACL shapes, check queries, quotes in their source",
        _validate_args,
        _validate,
    ),
    "state": (
        "every provision's status on a date under a scenario of events, with the reason",
        _state_args,
        _state,
    ),
    "impact": (
        "what changes when an event happens: what ends, begins or is modified, and why",
        _impact_args,
        _impact,
    ),
    "ask": ("answer a question in plain English (ask --help lists the forms)", _ask_args, _ask),
    "diff": (
        "what one version of an agreement changed from another, provision by provision",
        _diff_args,
        _diff,
    ),
    "queries": (
        "list the named queries: name, title and parameters",
        _queries_args,
        _queries,
    ),
    "query": (
        "run a named query, a .rq file or -e SPARQL; results as table, JSON, XML, CSV, TSV or RDF",
        _query_args,
        _query,
    ),
    "serve": (
        "serve the graph as a local read-only SPARQL 1.1 endpoint (SPARQL Protocol)",
        _serve_args,
        _serve,
    ),
    "viz": (
        "write the visual explorer: one offline HTML page (impact and state modes)",
        _viz_args,
        _viz,
    ),
    "timeline": (
        "draw each provision's term on a time axis under a scenario (HTML or SVG)",
        _timeline_args,
        _timeline,
    ),
    "export": (
        "write the agreements as RDF, for graph tools (GraphML, GEXF, Neo4j, DOT, ...), or "
        "as agreement files (pactgraph-md)",
        _export_args,
        _export,
    ),
    "new": (
        "start an agreement file (.md) from its text: each sentence with a block to fill in",
        _new_args,
        _new,
    ),
    "build": (
        "compile an agreement file (.md) to Turtle; every command also reads it with --data",
        _build_args,
        _build,
    ),
}


#: The commands that read no agreements: they take none of the options naming where those are.
_READS_NO_AGREEMENTS = frozenset({"queries", "new", "build"})


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for every command; with ``only``, the arguments of that command
    alone (every command is still listed), so a run does not import what the others need
    to describe theirs (the ask forms, the export formats)."""
    bare = _Parser(add_help=False)
    bare.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors"
    )
    common = _Parser(add_help=False)
    common.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        help="load this agreement file or directory instead of the bundled agreement (repeatable)",
    )
    common.add_argument(
        "--store",
        metavar="DIR",
        help="read the agreements from the store on disk made by pactgraph load (default: "
        "$PACTGRAPH_STORE, if set)",
    )
    common.add_argument(
        "--endpoint",
        metavar="URL",
        help="read the agreements from this SPARQL 1.1 query endpoint (default: "
        "$PACTGRAPH_ENDPOINT, if set); credentials from $PACTGRAPH_ENDPOINT_USER and "
        "$PACTGRAPH_ENDPOINT_PASSWORD or ~/.netrc",
    )
    common.add_argument(
        "--gsp",
        metavar="URL",
        help="the remote store's Graph Store Protocol endpoint, for load and unload (an "
        "Oxigraph server's is found from --endpoint)",
    )
    common.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="the remote store's SPARQL Update endpoint, for load and unload where it has no "
        "Graph Store Protocol",
    )
    common.add_argument(
        "--max-input",
        type=int,
        metavar="MIB",
        help="read at most this much input (default: a fiftieth of this machine's memory, "
        "at most 1024 MiB; 0: no limit); validating takes about 50 times the input",
    )
    # SUPPRESS: a subcommand that is not given --debug keeps the one given before it
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors"
    )
    epilog = "exit codes:\n" + "\n".join(f"  {k:<4} {v}" for k, v in EXIT_CODES.items())
    parser = _Parser(
        prog="pactgraph",
        description="Turn an agreement into a knowledge graph and ask it questions.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pactgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "--data",
        action="append",
        dest="data_before",
        metavar="FILE",
        help="the same as --data after the command",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_line, add_arguments, handler) in COMMANDS.items():
        command = sub.add_parser(
            name,
            help=help_line,
            description=help_line,
            parents=[bare if name in _READS_NO_AGREEMENTS else common],
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if only is None or name == only:
            add_arguments(command)
        command.set_defaults(handler=handler)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is neither an option nor the file of
    a ``--data`` written before the command; None when that is no command (help, say)."""
    words = iter(argv)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


@contextlib.contextmanager
def _stop_cleanly_on_sigterm() -> Iterator[None]:
    """While a command runs, have SIGTERM unwind like Ctrl-C, so a half-written output's
    temporary file is removed; the previous handler comes back after (main thread only)."""
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(words))
    args = parser.parse_args(words)
    if args.command is None:
        parser.print_help()
        return 2
    # --data may stand before the command (pactgraph --data F info) or after it, or both
    args.data = [*(args.data_before or []), *(getattr(args, "data", None) or [])] or None
    try:
        if args.command in _READS_NO_AGREEMENTS and args.data:
            raise UsageError(f"pactgraph {args.command} reads no agreements: leave out --data")
        with _stop_cleanly_on_sigterm():
            code: int = args.handler(args)
        sys.stdout.flush()
        return code
    except PactgraphError as err:
        if args.debug:
            raise
        sys.stderr.write(f"error: {' '.join(str(err).split())}\n")  # one line, always
        return err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:
        if args.debug:
            raise
        sys.stderr.write(
            f"error: internal error ({type(err).__name__}: {err}); "
            "rerun with --debug and report it\n"
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
