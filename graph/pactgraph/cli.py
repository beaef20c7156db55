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
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .errors import PactgraphError

__all__ = ["COMMANDS", "EXIT_CODES", "build_parser", "main"]

EXIT_CODES = {
    0: "success (validate: the data conforms)",
    1: "the data or a query is bad: parse error, SHACL violation, failed check, bad quote",
    2: "usage error: bad argument, unknown file, name or format",
    3: "internal error: a bug; rerun with --debug and report it",
    130: "interrupted",
}

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message} (see '{self.prog} --help')\n")


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _load(args: argparse.Namespace) -> Any:
    from .store import load

    return load(args.data or None, store_dir=getattr(args, "store", None))


# ------------------------------------------------------------------ info


def _info(args: argparse.Namespace) -> int:
    from .info import summarize
    from .render import to_json

    summary = summarize(_load(args))
    if args.format == "json":
        _out(to_json(summary))
        return 0
    blocks = []
    for a in summary["agreements"]:

        def counts(d: dict[str, int]) -> str:
            parts = ", ".join(
                f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            return f"{sum(d.values())}" + (f": {parts}" if parts else "")

        lines = [
            a["label"] or a["title"] or a["agreement"],
            f"  IRI         {a['agreement']}",
            f"  date        {a['date'] or '(none)'}",
            f"  file        {a['file']}"
            + (f"  (source text: {a['source']})" if a["source"] else ""),
        ]
        lines += [f"  supersedes  {s}" for s in a["supersedes"]]
        lines += [
            f"  parties     {a['parties']}",
            f"  provisions  {counts(a['provisions'])}",
            f"  concepts    {a['concepts']} IP categories and services",
            f"  triggers    {counts(a['triggers'])}",
            f"  triples     {a['triples']}",
        ]
        blocks.append("\n".join(lines))
    totals = summary["totals"]
    blocks.append(
        f"{totals['agreements']} agreement(s), {totals['provisions']} provisions, "
        f"{totals['triples']} triples"
    )
    _out("\n\n".join(blocks))
    return 0


# ------------------------------------------------------------------ validate


def _validate(args: argparse.Namespace) -> int:
    from .render import to_json
    from .validation import validate

    args.data = [*(args.files or []), *(args.data or [])]
    report = validate(_load(args))
    if args.format == "json":
        _out(to_json(report.as_dict()))
    else:
        for f in report.findings:
            focus = f" [{f.focus}]" if f.focus and f.focus not in f.message else ""
            _out(f"{f.where()}: {f.message}{focus}")
    if report.conforms:
        if args.format != "json":
            _out(
                f"ok: {len(report.files)} file(s) conform: shapes, "
                f"{report.checks_run} checks, "
                f"{report.quotes_checked} quotes found verbatim in their sources"
            )
        return 0
    sys.stderr.write(
        f"error: {len(report.findings)} problem(s) in {', '.join(report.files)}; "
        "fix each line above and validate again\n"
    )
    return 1


# ------------------------------------------------------------------ queries, query


def _queries(args: argparse.Namespace) -> int:
    from .queries import checks, library
    from .render import table, to_json

    named = list(library().values()) + (list(checks().values()) if args.checks else [])
    rows: list[dict[str, Any]] = [
        {
            "name": q.name,
            "title": q.title,
            "answers": q.answers,
            "parameters": [
                {"name": p.name, "type": p.type, "required": p.required, "doc": p.doc}
                for p in q.parameters
            ],
            "returns": list(q.returns),
            "ordered": q.ordered,
        }
        for q in named
    ]
    if args.format == "json":
        _out(to_json(rows))
        return 0
    shown = [
        {
            "name": r["name"],
            "title": r["title"],
            "parameters": " ".join(
                f"?{p['name']}" + ("" if p["required"] else "?") for p in r["parameters"]
            ),
        }
        for r in rows
    ]
    _out(table(shown, ["name", "title", "parameters"]))
    _out("(?x? marks an optional parameter; 'pactgraph query NAME --bind x=VALUE' runs one)")
    return 0


def _query_source(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from .errors import UsageError
    from .queries import from_file, get, resolve

    if args.expression is not None:
        if args.query is not None:
            raise UsageError("give a query NAME, a FILE.rq or -e SPARQL, not two of them")
        return args.expression
    if args.query is None:
        raise UsageError("give a query NAME, a FILE.rq, - (standard input) or -e SPARQL")
    if args.query == "-":
        return sys.stdin.read()
    named = resolve(args.query)
    if named is not None:
        return named
    path = Path(args.query)
    if path.suffix.lower() in {".rq", ".sparql"} or "/" in args.query or path.is_file():
        return from_file(path)  # its header's required parameters are checked too
    return get(args.query)  # raises UnknownNameError with close names


def _query(args: argparse.Namespace) -> int:
    from .errors import UsageError
    from .queries import local_prefixes, run
    from .results import format_name, write

    if args.format is not None:
        format_name(args.format)  # an unknown name is a usage error before any work
    source = _query_source(args)
    bindings: dict[str, str] = {}
    for item in args.bind or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--bind {item}: write VAR=VALUE, such as party=pg:X")
        bindings[name.strip()] = value
    store = _load(args)
    short = local_prefixes(store)  # ":name" for a node of the one agreement loaded
    result = run(store, source, bindings, engine=args.engine, prefixes=short)
    fmt = args.format or ("turtle" if result.form == "graph" else "table")
    sys.stdout.buffer.write(write(result, fmt, short))
    return 0


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
        help="SELECT/ASK: table (default), json, xml, csv, tsv; CONSTRUCT/DESCRIBE: "
        "turtle (default), nt, jsonld, xml, trig, table (aliases such as ttl, json-ld)",
    )
    parser.add_argument(
        "--engine",
        choices=["oxigraph", "rdflib"],
        default="oxigraph",
        type=str.lower,
        help="SPARQL engine (default: oxigraph, the faster; see bench/engines.py)",
    )


# ------------------------------------------------------------------ serve


def _serve(args: argparse.Namespace) -> int:
    from .server import serve

    def ready(url: str) -> None:
        sys.stderr.write(
            f"pactgraph: read-only SPARQL endpoint at {url} "
            f"(timeout {args.timeout:g} s, row cap {args.row_cap}); Ctrl-C stops it\n"
        )
        sys.stderr.flush()

    try:
        serve(
            args.data or None,
            host=args.host,
            port=args.port,
            timeout=args.timeout,
            row_cap=args.row_cap,
            cors=args.cors,
            workers=args.workers,
            ready=ready,
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
    _formats(parser, ["table", "json"])


#: Each command: its help line, the function that adds its arguments, and its handler.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
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
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        help="load this agreement file or directory instead of the bundled agreement (repeatable)",
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    epilog = "exit codes:\n" + "\n".join(f"  {k:<4} {v}" for k, v in EXIT_CODES.items())
    parser = _Parser(
        prog="pactgraph",
        description="Turn an agreement into a knowledge graph and ask it questions.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pactgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_line, add_arguments, handler) in COMMANDS.items():
        command = sub.add_parser(
            name,
            help=help_line,
            description=help_line,
            parents=[common],
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_arguments(command)
        command.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.handler(args)
        sys.stdout.flush()
        return code
    except PactgraphError as err:
        if args.debug:
            raise
        sys.stderr.write(f"error: {err}\n")
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
