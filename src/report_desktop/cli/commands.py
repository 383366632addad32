"""The command-line verbs: ``report-desktop [check|convert|merge|db] …``.

Other tools depend on these verbs and exit codes: 0 fine; 1 ``check`` found errors
(warnings alone give 0), or ``verify`` found the file is not exactly a 定稿; 2 input unreadable, invalid or wrong usage, with a Chinese
message on stderr.
"""
from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from ..core import formats, summary, unitname
from ..core.calendar import Calendar, CalendarDataError
from ..core.files import ReportFileError, Source, check_output, inputs
from ..core.final import Stamp
from ..core.report import Report
from ..core.rules import ERROR, RULE_TITLES, SEVERITY_WORDS, has_errors, validate
from ..core.store import Store, StoreError, StoreLocked, default_path
from ..core.store.paths import checked_path
from ..services import calendar as store_calendar
from ..services import exporting, finals, holder
from ..services import reports as report_service
from ..services import summary as summary_service
from . import tally
from .parser import UsageError, build_parser
from .safety import quiet_stdout

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


def _store_path(args) -> Path:
    db = getattr(args, "db", None)
    return default_path() if db is None else db


def _store_source(args) -> list[Source]:
    """The data file as a file no output may overwrite."""
    path = _store_path(args)
    return [(path, f"数据文件“{Path(path).name}”")]


def _output_checked(args, sources: list[Source]) -> list[Source]:
    """Refuse an output that cannot be written, or is one of ``sources``, before any work
    (the write checks it again); the sources, for the write."""
    check_output(args.output, sources)
    return sources


def _store_exists(path) -> bool:
    """Whether a data file is there; a path that cannot be one (a name too long for the
    file system, a pipe) raises StoreError as opening it would."""
    try:
        return checked_path(path).exists()
    except OSError:
        return True     # there, but not to be looked at: opening it says why


def _open_store(args, must_exist: bool = False, readonly: bool = False) -> Store | None:
    """Reading verbs open read-only: no backup, no migration, no store created."""
    path = _store_path(args)
    if must_exist and not _store_exists(path):
        return None
    return Store.open_readonly(path) if readonly else Store(path)


def _previous_from_store(args, report: Report) -> Report | None:
    try:
        store = _open_store(args, must_exist=True, readonly=True)
    except StoreError:
        return None   # a broken store must not stop a file check
    if store is None:
        return None
    with store:
        return store.get(report.unit, report.year - 1)


def _calendar_from_store(args) -> Calendar | None:
    """The store's working-day calendar (the clerk's years too) for S17; the shipped one
    when there is no store or it cannot be read."""
    try:
        store = _open_store(args, must_exist=True, readonly=True)
        if store is None:
            return None
        with store:
            return store_calendar.load(store)
    except (StoreError, CalendarDataError):
        return None


def _print_findings(findings, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=1))
        return
    errors = sum(f.severity == ERROR for f in findings)
    for f in findings:
        tag = SEVERITY_WORDS[f.severity]
        print(f"[{tag} {f.rule} {RULE_TITLES.get(f.rule, '')}] {f.message}")
    print(f"共 {errors} 个错误，{len(findings) - errors} 个提醒。" if findings
          else "检查通过：没有发现错误或提醒。")


def _read(path) -> Report:
    """A report file read by extension; what the importer did on the clerk's behalf (修订
    accepted, formulas computed, …) goes to stderr, so stdout stays the verb's result."""
    report = formats.read(path)
    for note in report.notes:
        print(f"文件“{Path(path).name}”：{note}", file=sys.stderr)
    return report


def cmd_check(args) -> int:
    report = _read(args.input)
    previous = _read(args.previous) if args.previous else _previous_from_store(args, report)
    findings = validate(report, previous, _calendar_from_store(args))
    _print_findings(findings, args.format)
    return EXIT_ERRORS if has_errors(findings) else EXIT_OK


def _export(report: Report, output: Path, args, sources: list[Source],
            previous: Report | None = None, stamp: Stamp | None = None):
    """Write a report under the one export policy (services.exporting); what was overridden.
    A Word file written with fonts this machine lacks gets a note on stderr.  ``stamp``:
    the 定稿 the report is (db get --final)."""
    found = exporting.export(report, output, allow_errors=args.allow_errors, fonts=args.fonts,
                             previous=previous, sources=sources, stamp=stamp)
    note = exporting.fonts_note(exporting.missing_fonts(output, args.fonts), args.fonts,
                                command_line=True)
    if note:
        print(f"提示：{note}", file=sys.stderr)
    return found


def cmd_convert(args) -> int:
    sources = _output_checked(args, inputs(args.input) + _store_source(args))
    report = _read(args.input)
    found = _export(report, args.output, args, sources)
    note = found.draft_note()
    print(f"已写出草稿：{args.output}\n  草稿：{note}" if note else f"已写出：{args.output}")
    return EXIT_OK


def _merge_request(args) -> summary_service.Request:
    """The unit reports to sum (files, and the store's with --from-db) and the county's own."""
    parent = _read(args.parent) if args.parent else None
    path = _store_path(args)
    if args.from_db and not _store_exists(path):
        raise ReportFileError(f"数据文件“{path}”不存在，无法从中汇总（--from-db）。")
    stored: list[Report] = []
    try:
        store = Store.open_readonly(path) if _store_exists(path) else None
    except StoreError:
        if args.from_db:
            raise
        store = None   # a broken store must not stop a merge of files
    if store is not None:
        with store:
            if args.from_db:
                infos = summary_service.stored_candidates(store.list_reports(), args.unit, args.year)
                _point_out_look_alikes(infos)
                stored = [store.load(i.id) for i in infos]
            if parent is None:
                parent = store.get(args.unit, args.year)
    return summary_service.Request(args.unit.strip(), args.year, stored, list(args.inputs), parent,
                                   level=args.level)


def _never(*_args) -> None:
    return None


def cmd_merge(args) -> int:
    problem = summary.unit_problem(args.unit)
    if problem:
        raise ReportFileError(problem + "（--unit）。")
    sources = _output_checked(args, inputs(*args.inputs, args.parent, args.roster)
                              + _store_source(args))
    request = _merge_request(args)
    out = summary_service.gather(request, _never, threading.Event())
    if out.failures:
        lines = "\n".join(f"  {p.name}：{msg}" for p, msg in out.failures)
        if not args.skip_unreadable:
            raise ReportFileError(f"有 {len(out.failures)} 个文件无法读取，未生成汇总：\n{lines}\n"
                                  "如要跳过它们、汇总其余的报告，请加 --skip-unreadable。")
        print(f"已跳过 {len(out.failures)} 个无法读取的文件：\n{lines}", file=sys.stderr)
    for rep in out.reports:
        for note in rep.notes:
            print(f"“{rep.unit}”的报告：{note}", file=sys.stderr)
    if not out.reports:
        raise ReportFileError("没有可汇总的单位报告：请给出各单位的报告文件，或加 --from-db 汇总数据文件中的报告。")
    if out.problems:
        raise ReportFileError("以下报告不能汇总：\n" + "\n".join(f"  {p}" for p in out.problems))
    print(f"各单位报告检查结果（{len(out.reports)} 份）：")
    for c in out.checks:
        verdict = "通过" if not (c.errors or c.warnings) else f"{c.errors} 个错误，{c.warnings} 个提醒"
        print(f"  {c.unit}（{c.source}）：{verdict}")
    if args.roster:
        roster = summary.check_roster(out.reports, summary.read_roster(args.roster))
        print(f"名单中未报送的单位（{len(roster.missing)} 个）：{'、'.join(roster.missing)}"
              if roster.missing else "名单中的单位都已报送。")
        if roster.unexpected:
            print(f"不在名单中的单位（{len(roster.unexpected)} 个）：{'、'.join(roster.unexpected)}")
    if request.parent is not None:
        diffs = summary.compare(request.parent, out.total)
        if diffs:
            print(f"本级报告与各单位合计不一致的单元格（{len(diffs)} 个）：")
            for d in diffs:
                print(f"  {d.name}：本级报告 {d.parent}，各单位合计 {d.children}")
        else:
            print("本级报告与各单位合计一致。")
    _export(summary_service.summary_report(out.total, request.parent), args.output, args, sources)
    kept = "，正文取自本级报告" if request.parent is not None else ""
    print(f"已写出：{args.output}（{len(out.reports)} 个单位的合计{kept}）")
    return EXIT_OK


def cmd_fix_punctuation(args) -> int:
    from ..core.rules.proofread.fixes import describe_fixes, fix_report
    sources = _output_checked(args, inputs(args.input))
    report = _read(args.input)
    before = dict(report.texts)
    done = fix_report(report)
    formats.write(report, args.output, args.fonts, sources=sources)
    for line in describe_fixes(report, done, before):
        print(line)
    count = sum(len(e) for e in done.values())
    print(f"已写出：{args.output}（修正标点 {count} 处）" if count else f"已写出：{args.output}（标点无需修正）")
    return EXIT_OK


def _claimed(args) -> holder.Claim | None:
    """A writer takes its turn with the window (services/holder.py): it waits up to
    ``--wait`` seconds for a window or another writer holding the data file to let go,
    then says who holds it.  None when no lock file can be made (the store still locks)."""
    path = _store_path(args)
    wait = getattr(args, "wait", holder.WRITER_WAIT_S)    # db get --final has no --wait
    def waiting(who):
        print(holder.waiting_message(path, who, wait), file=sys.stderr, flush=True)
    try:
        got = holder.claim(path, holder.COMMAND, wait, waiting)
    except OSError:
        return None
    if isinstance(got, holder.Holder):
        raise StoreLocked(holder.held_message(path, got, wait), Path(path))
    return got


def cmd_db(args) -> int:
    sources = _output_checked(args, _store_source(args)) if args.db_verb == "get" else []
    writes = args.db_verb == "add" or getattr(args, "final", False)   # --final freezes a 定稿
    claim = _claimed(args) if writes else None
    try:
        return _db_verb(args, sources)
    finally:
        if claim is not None:
            claim.release()


def _db_verb(args, sources: list[Source]) -> int:
    writes = args.db_verb == "add" or getattr(args, "final", False)
    with _open_store(args, readonly=not writes) as store:
        if args.db_verb == "list":
            reports = store.list_reports()
            for r in reports:
                print(f"{r.unit}\t{r.year}\t{r.modified}")
            if not reports:
                print("数据文件中还没有报告。", file=sys.stderr)
            _point_out_look_alikes(reports)
        elif args.db_verb == "add":
            report = _read(args.input)
            stored = report_service.put(store, report)
            print(f"已{'替换' if stored.replaced else '加入'}：{report.unit} {report.year}年"
                  + (f"（原来的内容已保存为版本“{report_service.IMPORT_KEPT_AS}”）" if stored.replaced else ""))
            _point_out_look_alikes(r for r in store.list_reports() if unitname.same(r.unit, report.unit))
        else:
            report = store.get(args.unit, args.year)
            if report is None:
                raise ReportFileError(f"数据文件中没有“{args.unit}”{args.year}年的报告。")
            previous = store.get(args.unit, args.year - 1)
            if args.final:
                return _export_final(store, report, previous, args, sources)
            _export(report, args.output, args, sources, previous)
            print(f"已写出：{args.output}")
    return EXIT_OK


def _export_final(store: Store, report: Report, previous: Report | None, args,
                  sources: list[Source]) -> int:
    """db get --final: freeze the report as its next 定稿 (or the unchanged latest one),
    then write the file stamped with it."""
    if args.allow_errors:
        raise UsageError("用法错误：--final 与 --allow-errors 不能同时使用（有错误的报告不能定稿）。")
    rid = store.find(args.unit, args.year)
    if rid is None:       # deleted by another program since it was read
        raise ReportFileError(f"数据文件中没有“{args.unit}”{args.year}年的报告。")
    final = finals.finalise(store, rid, report, validate(report, previous))
    _export(report, args.output, args, sources, previous, final.stamp)
    mark = "（文件属性中记录了版本号和校验码）" if exporting.is_published(args.output) else ""
    print(f"已写出：{args.output}\n  {final.label}（{final.when()} 定稿）{mark}\n  校验码：{final.hash}")
    return EXIT_OK


def cmd_verify(args) -> int:
    """Exit 0: the file is exactly a 定稿 of the store; 1: it differs or is none; 2: unreadable."""
    path = _store_path(args)
    if not Path(path).exists():
        raise ReportFileError(f"数据文件“{path}”不存在，无法核对（可用 --db 指定数据文件）。")
    with Store.open_readonly(path) as store:
        verdict = finals.verify(store, args.input)
    for line in verdict.lines():
        print(line)
    return EXIT_OK if verdict.outcome == finals.MATCH else EXIT_ERRORS


def _point_out_look_alikes(reports) -> None:
    """Names an older version stored twice, alike but for invisible characters or spaces
    (the store finds either by the other; it does not merge them): on stderr, so that
    ``db list``'s lines stay one report each."""
    for message in unitname.look_alike_warnings((r.unit, r.year) for r in reports):
        print(f"提醒：{message}", file=sys.stderr)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            # "replace": a path with undecodable bytes (surrogate escapes) still prints
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):   # pragma: no cover - replaced streams
            pass


def main(argv: list[str] | None = None, gui=None) -> int:
    """Run a verb.  ``gui(db, smoke)`` opens the window (or its self-test) when asked for
    with ``--smoke`` or without a verb; the command line itself never imports the window."""
    _utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.smoke or args.verb is None:
            if gui is None:
                raise UsageError("用法错误：请给出要执行的命令，如 check、convert、merge 或 db。")
            return gui(getattr(args, "db", None), args.smoke)
        code = {"check": cmd_check, "convert": cmd_convert, "merge": cmd_merge,
                "fix-punctuation": cmd_fix_punctuation, "db": cmd_db, "tally": tally.run,
                "verify": cmd_verify}[args.verb](args)
        sys.stdout.flush()   # a closed pipe shows here, not in the interpreter's exit
        return code
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ReportFileError, StoreError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        quiet_stdout()   # the reader (e.g. `| head -1`) has had enough: end without noise
        return EXIT_OK
