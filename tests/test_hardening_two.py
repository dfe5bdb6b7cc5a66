"""Hardening, round two (issue 23): what a careless user and a hostile file found.

PDF decompression bombs, links planted in a run folder, a fix that deleted text,
HTML in Markdown reports, formulas in CSV cells, locked runs, linear name checks and
stated input limits, and out-of-memory as one line with exit status 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from types import SimpleNamespace

import pytest
from conftest import EXAMPLE, ROOT

from continuity.errors import BibleError, InputError
from tests.test_generate import FERRY, TWO, env  # noqa: F401 - env: the generate tests' fixture

# -- 1. compressed PDFs expand without limit ----------------------------------------------------


def bomb_pdf(chars: int, pages: int = 1) -> bytes:
    """A PDF whose page content (Flate-compressed) prints ``chars`` characters in tiny type."""
    rows = max(1, chars // 72)
    lines = b"".join(b"(%08d INT. HOUSE - DAY ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxy) '\n" % i
                     for i in range(rows))
    lead = 700.0 / rows
    stream = zlib.compress(b"BT /F1 %.5f Tf %.5f TL 10 760 Td\n" % (lead, lead) + lines + b"ET", 9)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 "
                    f"{3 + 2 * pages} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# Runs a command and prints the peak RSS (MB) of the largest process under it: the CLI or its PDF reader.
_MEASURED = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(p.returncode)")


def test_a_pdf_bomb_is_one_line_and_exit_2_within_bounds(tmp_path):
    """2M characters in a 77 KB file: main took 10-21 s and 800 MB; now the reader stops at its memory cap."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb_pdf(2_000_000))
    assert path.stat().st_size < 100_000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "studio.cli", "scenes", str(path)],
                          capture_output=True, text=True, env=env, timeout=60)
    seconds = time.monotonic() - start
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "page 1 of 1 needed more than 256 MB" in proc.stderr and "STUDIO_PDF_MAX_MB" in proc.stderr
    assert seconds < 10
    assert float(proc.stdout) < 256


def test_a_page_with_too_much_text_is_refused_by_count(tmp_path):
    """Under the memory cap, the per-page character limit names the page and the setting."""
    from continuity.screenplay.readers.pdf_text import Limits, extract

    with pytest.raises(InputError, match=r"page 1 holds [\d,]+ characters.*STUDIO_PDF_MAX_PAGE_CHARS"):
        extract(bomb_pdf(40_000), "dense.pdf", Limits(page_chars=20_000))
    with pytest.raises(InputError, match=r"more than 50,000 characters of text by page 3 of 4.*STUDIO_PDF_MAX_CHARS"):
        extract(bomb_pdf(18_000, pages=4), "long.pdf", Limits(chars=50_000))


def test_page_limit_and_reading_deadline(tmp_path, monkeypatch):
    from continuity.api import load_script
    from continuity.screenplay.readers.pdf_text import Limits, extract

    path = tmp_path / "many.pdf"
    path.write_bytes(bomb_pdf(100, pages=401))
    start = time.monotonic()
    with pytest.raises(InputError, match=r"401 pages; the limit is 400,.*STUDIO_PDF_MAX_PAGES"):
        load_script(path)  # main read all of a 1,999-page PDF (24 s) before classifying it
    assert time.monotonic() - start < 5
    path.write_bytes(bomb_pdf(100, pages=12))
    monkeypatch.setenv("STUDIO_PDF_MAX_PAGES", "10")
    with pytest.raises(InputError, match=r"12 pages; the limit is 10,.*STUDIO_PDF_MAX_PAGES"):
        load_script(path)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"took over 1 s \(stopped at page 1\b.*STUDIO_PDF_TIMEOUT"):
        extract(bomb_pdf(5_000_000), "slow.pdf", Limits(page_chars=10**8, chars=10**8, mb=4096, seconds=1))
    assert time.monotonic() - start < 6


def test_a_normal_pdf_reads_the_same_through_the_bounded_reader():
    from continuity.screenplay.readers import pdf as pdf_reader
    from continuity.screenplay.readers.fountain import parse
    from continuity.screenplay.writers import pdf as pdf_writer

    script = parse((EXAMPLE / "script.fountain").read_text(encoding="utf-8"))
    buf = io.BytesIO()
    pdf_writer.write(script, buf)
    got = pdf_reader.parse(buf.getvalue(), source="x.pdf")
    assert [s.heading.text for s in got.scenes] == [s.heading.text for s in script.scenes]


# -- 2 and 7. run folders: no writing through links; one run at a time ----------------------------


def _generate(tmp, *, progress=None, **kw):
    from agents.fake import CompetentWriter
    from studio.generation.runs import RunOptions, run_generate

    opts = dict(treatment=TWO, bible=FERRY / "bible.yaml", out=tmp / "out", project=tmp / "proj")
    opts.update(kw)
    return run_generate(RunOptions(**opts), backend=CompetentWriter(), progress=progress or (lambda e: None))


def test_a_dangling_link_in_the_run_folder_is_refused_and_not_followed(env):
    out = env / "out"
    out.mkdir()
    outside = env / "elsewhere.txt"
    (out / "script.fountain").symlink_to(outside)
    with pytest.raises(InputError, match=r"already holds files that are not this run's \(script.fountain\)"):
        _generate(env)
    assert not outside.exists()


def test_a_link_planted_after_the_folder_was_claimed_is_replaced_not_followed(env):
    victim = env / "victim.csv"
    victim.write_text("precious\n")

    def plant(event):
        if event.get("event") == "start":  # the folder is claimed: plant links where the run will write
            (env / "out" / "shots.csv").symlink_to(victim)
            (env / "out" / "run.md").symlink_to(env / "created-outside.md")

    result = _generate(env, progress=plant)
    assert result.status == "complete"
    assert victim.read_text() == "precious\n" and not (env / "created-outside.md").exists()
    for name in ("shots.csv", "run.md"):
        assert not (env / "out" / name).is_symlink() and (env / "out" / name).stat().st_size > 0


def test_a_second_run_into_a_busy_folder_or_of_a_busy_run_is_refused(env):
    second: list[str] = []

    def meanwhile(event):
        if event.get("event") == "start" and not second:
            second.append("tried")
            with pytest.raises(InputError) as exc:
                _generate(env, project=env / "proj2")  # another run, same --out
            second.append(str(exc.value))

    first = _generate(env, progress=meanwhile)
    assert first.status == "complete"
    assert f"the run folder {env / 'out'}/ is in use by run {first.state.id[:8]} (pid {os.getpid()}, since " in second[1]
    # The same run id: a second --resume while one is running is refused before any model call.
    stopped = _generate(env, out=env / "b", max_llm_calls=2)
    assert stopped.status == "stopped"
    again: list[str] = []

    def resume_meanwhile(event):
        if event.get("event") == "start" and not again:
            again.append("tried")
            with pytest.raises(InputError) as exc:
                _generate(env, resume=stopped.state.id[:8], out=env / "c")
            again.append(str(exc.value))

    done = _generate(env, resume=stopped.state.id[:8], out=None, progress=resume_meanwhile)
    assert done.status == "complete"
    assert f"run {stopped.state.id[:8]} is in use by run {stopped.state.id[:8]} (pid {os.getpid()}" in again[1]
    assert not (env / "c").exists() or not any((env / "c").iterdir())


def test_a_lock_left_by_a_dead_run_is_taken_over(env):
    from studio.generation.lock import RunLock

    out = env / "out"
    (out / ".studio").mkdir(parents=True)
    code = ("import sys, time; from pathlib import Path; from studio.generation.lock import RunLock; "
            "RunLock(Path(sys.argv[1]), 'x').acquire('deadbeef-0000'); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(out / ".studio" / "run.lock")], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match=r"in use by run deadbeef \(pid \d+"):
            RunLock(out / ".studio" / "run.lock", "the run folder").acquire("mine")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert _generate(env).status == "complete"  # the kernel freed the dead run's lock


# -- 3. findings fix replaces the span it shows --------------------------------------------------


def test_fix_replaces_the_shown_sentence_and_keeps_the_rest_of_the_paragraph(cli, tmp_path):
    import shutil

    project = tmp_path / "film"
    shutil.copytree(EXAMPLE, project)
    code, out, _ = cli("audit", project / "script.fountain", "--bible", project / "bible.yaml", "--store", "--format", "json")
    hair = next(f for f in json.loads(out)["findings"] if f["message"].startswith("MARA's hair is blonde"))
    lines = (project / "script.fountain").read_text().split("\n")
    paragraph = lines[hair["line"] - 1]
    assert paragraph != hair["text"] and paragraph.count(".") >= 3  # a multi-sentence paragraph
    code, out, _ = cli("findings", "show", hair["id"][:8], "-p", project)
    assert f"here: {hair['text']}" in out
    # Typing the whole paragraph into --text (main dropped nothing then, but the sentence-only edit did) is refused.
    code, _, err = cli("findings", "fix", hair["id"][:8], "--text", paragraph.replace("blonde", "red"), "-p", project)
    assert code == 2 and "--paragraph" in err
    code, out, err = cli("findings", "fix", hair["id"][:8], "--text", hair["text"].replace("blonde", "red"), "-p", project)
    assert code == 0, err
    after = (project / "script.fountain").read_text().split("\n")
    assert after[hair["line"] - 1] == paragraph.replace("blonde", "red")  # every other sentence kept
    assert after[: hair["line"] - 1] == lines[: hair["line"] - 1] and after[hair["line"]:] == lines[hair["line"]:]
    # --paragraph replaces the whole line on purpose.
    code, out, _ = cli("findings", "list", "--json", "-p", project)
    eyes = next(f for f in json.loads(out)["findings"] if f["status"] == "open" and f["text"] == "Eli's brown eyes narrow.")
    assert lines[eyes["line"] - 1] != eyes["text"]
    code, out, err = cli("findings", "fix", eyes["id"][:8], "--paragraph", "--text", "Eli looks away.", "-p", project)
    assert code == 0, err
    assert (project / "script.fountain").read_text().split("\n")[eyes["line"] - 1] == "Eli looks away."


# -- 4 and 5. Markdown and CSV writers escape what the script says ----------------------------------


def test_markdown_escaping_is_inert():
    from continuity.reports.escape import md, md_code

    evil = "<img src=x onerror=alert(1)> *b* [l](http://x) `c` | ~~s~~ & _u_"
    out = md(evil)
    assert "<" not in out and ">" not in out and "](" not in out.replace("\\](", "")
    for mark in "*`|~_[":
        assert all(out[i - 1] == "\\" for i, ch in enumerate(out) if ch == mark)
    assert md("# not a heading").startswith("\\#") and md("1. not a list") == "1\\. not a list"
    assert md_code("a `tick` <b>") == "``a `tick` <b>``" and md_code("`x`") == "`` `x` ``"


def test_audit_markdown_escapes_a_cue_holding_html(cli, tmp_path):
    (tmp_path / "x.fountain").write_text("INT. KITCHEN - DAY\n\nMara waits.\n\n@<img src=x onerror=alert(1)>\nHello.\n\n"
                                         "MARA\nHi.\n")
    (tmp_path / "b.yaml").write_text("title: X\ncharacters:\n  - name: MARA\n")
    code, out, err = cli("audit", tmp_path / "x.fountain", "--bible", tmp_path / "b.yaml", "--format", "markdown")
    assert "ONERROR" in out.upper()
    assert "<img" not in out.lower() and "<IMG" not in out


def test_every_csv_the_project_writes_guards_formulas(cli, tmp_path):
    from continuity.reports.escape import csv_cell, csv_text
    from studio.generation.runs import _shots_csv
    from studio.review.export import to_csv as findings_csv

    (tmp_path / "s.fountain").write_text("INT. KITCHEN - DAY\n\nMARA, 30s, wears a green coat.\n\n"
                                         "@=CMD|' -C calc'!A0\nHello.\n\nMARA\n-2+3 is what I owe you.\n")
    code, out, err = cli("sheets", tmp_path / "s.fountain", "--format", "csv")
    shot = SimpleNamespace(scene=1, number=1, size="MS", angle="eye", movement="static", lens="50mm", duration=3,
                           subjects=(SimpleNamespace(name="@SUM(A1)", position="left", facing="right"),),
                           description='=HYPERLINK("http://evil.example","click")')
    finding = {"id": "1", "status": "open", "severity": "error", "category": "name", "scene": 1, "line": 3,
               "character": "+CHAR", "subject": "-x", "message": "m", "text": "=1+1", "evidence": []}
    for text in (out, _shots_csv([shot]), findings_csv([finding], [])):
        cells = [c for row in list(csv.reader(io.StringIO(text)))[1:] for c in row]
        assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")], text
    assert "'=CMD" in out and "'=HYPERLINK" in _shots_csv([shot])
    assert csv_cell(-3) == -3 and csv_cell(None) == "" and csv_text(["a"], [{"a": "@x"}]) == "a\n'@x\n"


# -- 8. the name check is linear; bible size is bounded, and says so ---------------------------------


def _bible_with(n: int) -> str:
    import random
    import string

    rng = random.Random(7)
    names: set[str] = set()
    while len(names) < n:
        names.add("".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(5, 9))))
    base = (EXAMPLE / "bible.yaml").read_text()
    return base.replace("characters:\n", "characters:\n" + "".join(f"  - name: {x}\n" for x in sorted(names)), 1)


def test_the_name_check_is_linear_in_the_bible(tmp_path, monkeypatch):
    """20,000 names: main's title-case pass alone took 4-10 s (quadratic); now well under a second."""
    from continuity.api import load_script
    from continuity.bible.load import parse_bible
    from continuity.checks import name
    from continuity.settings import Settings
    from continuity.story.context import context_for

    monkeypatch.setenv("STUDIO_BIBLE_MAX_NAMES", "100000")
    bible = parse_bible(_bible_with(20_000), source="big.yaml")
    ctx = context_for(load_script(EXAMPLE / "script.fountain"), bible,
                      settings=Settings(cache_dir=str(tmp_path / "c"), embedder="hashing"))
    _ = ctx.cast, ctx.sentences
    start = time.perf_counter()
    found = list(name.check(ctx))
    assert time.perf_counter() - start < 1.5, time.perf_counter() - start
    assert {f.subject for f in found if f.severity != "info"} >= {"MARRA"}


def test_a_bible_over_the_name_limit_names_the_real_cause(monkeypatch):
    from continuity.bible import load
    from continuity.settings import Settings

    assert Settings.load().bible_max_names == 5_000
    monkeypatch.setenv("STUDIO_BIBLE_MAX_NAMES", "100")
    with pytest.raises(BibleError, match=r"huge.yaml: 1\d\d names .*the limit is 100,.*STUDIO_BIBLE_MAX_NAMES"):
        load.parse_bible(_bible_with(100), source="huge.yaml")
    monkeypatch.setenv("STUDIO_BIBLE_MAX_NAMES", "200")
    assert len(load.parse_bible(_bible_with(100), source="huge.yaml").characters) > 100
    # Too many values of its own (main: "aliases expanding?") is "too large"; only aliases are blamed on aliases.
    monkeypatch.setattr(load, "_MAX_NODES", 3_000)
    big = "title: X\ncharacters:\n" + "".join(f"  - {{name: C{i}, description: d}}\n" for i in range(1_000))
    with pytest.raises(BibleError, match="document too large") as exc:
        load.parse_bible(big, source="big.yaml")
    assert "alias" not in str(exc.value)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, k in zip("abc", "bcd"))
    with pytest.raises(BibleError, match="aliases"):
        load.parse_bible(bomb, source="bomb.yaml")


# -- 9. out of memory is one line and exit 2 -----------------------------------------------------------


def test_out_of_memory_is_one_line_and_exit_2(cli, monkeypatch, tmp_path):
    import numpy as np

    import continuity.api

    def giant(*_a, **_k):
        return np.zeros((1 << 40, 1 << 20), dtype=np.float32)  # numpy's _ArrayMemoryError, a MemoryError

    monkeypatch.setattr(continuity.api, "load_script", giant)
    code, out, err = cli("scenes", EXAMPLE / "script.fountain")
    assert code == 2 and out == ""
    assert err.startswith("error: out of memory") and err.count("\n") == 1 and "STUDIO_MAX_INPUT_MB" in err

    def torch_oom(*_a, **_k):
        raise RuntimeError("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory")

    monkeypatch.setattr(continuity.api, "load_script", torch_oom)
    code, out, err = cli("scenes", EXAMPLE / "script.fountain")
    assert code == 2 and err.startswith("error: out of memory")


def test_embedding_work_is_done_in_bounded_chunks(tmp_path, monkeypatch):
    import numpy as np

    from continuity.language import embedding

    class Counting(embedding.HashingEmbedder):
        def __init__(self):
            super().__init__()
            self.calls: list[int] = []

        def encode(self, texts, progress=None):
            self.calls.append(len(texts))
            return super().encode(texts, progress)

    monkeypatch.setattr(embedding, "ENCODE_CHUNK", 100)
    model = Counting()
    texts = [f"sentence number {i}" for i in range(250)]
    vecs = embedding.Collection(model, tmp_path / "cache").embed(texts)
    assert model.calls == [100, 100, 50]
    assert np.allclose(vecs, embedding.HashingEmbedder().encode(texts))
    again = Counting()
    embedding.Collection(again, tmp_path / "cache").embed(texts)
    assert again.calls == []  # every chunk was cached as it was done
