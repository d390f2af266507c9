"""The decoder's model and grammar (``summarizer._backends.decoding``) on llama.cpp's C API."""

from __future__ import annotations

import ctypes
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt


class LlamaTokenModel:
    """Sequence 0 of a loaded ``llama_cpp.Llama``'s context, as a ``TokenModel``.

    Args:
        llama: The loaded model; its context, vocabulary and batch size are used.
        max_batch: The most tokens one evaluation takes (at least the draft plus one).
    """

    def __init__(self, llama: Any, *, max_batch: int = 16) -> None:
        import llama_cpp

        self._lib = llama_cpp
        self._ctx = llama.ctx
        self._vocab = llama._model.vocab
        self.n_vocab = int(llama.n_vocab())
        self.n_ctx = int(llama.n_ctx())
        self.n_batch = int(llama.n_batch)
        self._batch = llama_cpp.llama_batch_init(max(self.n_batch, max_batch), 0, 1)
        self._pieces: dict[int, bytes] = {}
        self._piece_buffer = ctypes.create_string_buffer(256)

    def close(self) -> None:
        """Free the batch (the context belongs to the ``Llama``)."""
        if self._batch is not None:
            self._lib.llama_batch_free(self._batch)
            self._batch = None

    def evaluate(self, tokens: list[int], start: int, *, logits_from: int) -> None:
        batch = self._batch
        batch.n_tokens = len(tokens)
        for index, token in enumerate(tokens):
            batch.token[index] = token
            batch.pos[index] = start + index
            batch.n_seq_id[index] = 1
            batch.seq_id[index][0] = 0
            batch.logits[index] = index >= logits_from
        status = self._lib.llama_decode(self._ctx, batch)
        if status != 0:
            raise RuntimeError(f"llama.cpp could not evaluate the batch (status {status})")

    def logits(self, index: int) -> npt.NDArray[np.float32]:
        pointer = self._lib.llama_get_logits_ith(self._ctx, index)
        return np.ctypeslib.as_array(pointer, shape=(self.n_vocab,))

    def truncate(self, length: int) -> None:
        memory = self._lib.llama_get_memory(self._ctx)
        self._lib.llama_memory_seq_rm(memory, 0, length, -1)

    def is_end(self, token: int) -> bool:
        return bool(self._lib.llama_vocab_is_eog(self._vocab, token))

    def piece(self, token: int) -> bytes:
        piece = self._pieces.get(token)
        if piece is None:
            buffer = self._piece_buffer
            length = self._lib.llama_token_to_piece(
                self._vocab, token, buffer, len(buffer), 0, False
            )
            piece = self._pieces[token] = buffer.raw[: max(length, 0)]
        return piece


class GrammarConstraint:
    """A GBNF grammar as llama.cpp's grammar sampler, asked one token at a time.

    A context manager: the sampler is freed on exit.

    Args:
        model: The model whose vocabulary the grammar reads tokens in.
        grammar: GBNF text whose start rule is ``root``.

    Raises:
        ValueError: llama.cpp cannot parse the grammar.
    """

    def __init__(self, model: LlamaTokenModel, grammar: str) -> None:
        lib = self._lib = model._lib
        self._sampler = lib.llama_sampler_init_grammar(
            model._vocab, grammar.encode("utf-8"), b"root"
        )
        if not self._sampler:
            raise ValueError("llama.cpp could not parse the grammar")
        self._one = lib.llama_token_data(0, 0.0, 0.0)
        self._one_array = lib.llama_token_data_array(
            data=ctypes.pointer(self._one), size=1, selected=-1, sorted=False
        )
        self._ids = np.arange(model.n_vocab, dtype=np.intc)
        self._all: npt.NDArray[Any] = np.zeros(
            model.n_vocab, dtype=[("id", np.intc), ("logit", np.float32), ("p", np.float32)]
        )
        self._all_array = lib.llama_token_data_array(
            data=self._all.ctypes.data_as(lib.llama_token_data_p),
            size=model.n_vocab,
            selected=-1,
            sorted=False,
        )

    def __enter__(self) -> GrammarConstraint:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._sampler:
            self._lib.llama_sampler_free(self._sampler)
            self._sampler = None

    def allows(self, token: int) -> bool:
        self._one.id, self._one.logit = token, 0.0
        self._one_array.size, self._one_array.sorted = 1, False
        self._lib.llama_sampler_apply(self._sampler, ctypes.byref(self._one_array))
        return bool(self._one.logit != -np.inf)

    def best_allowed(self, logits: npt.NDArray[np.float32]) -> int:
        # The grammar sets refused logits to -inf in place, keeping the order: the first
        # highest is the token llama.cpp's greedy sampler would pick after the grammar.
        self._all["id"] = self._ids
        self._all["logit"] = logits
        self._all_array.size, self._all_array.sorted = len(self._ids), False
        self._lib.llama_sampler_apply(self._sampler, ctypes.byref(self._all_array))
        return int(self._all["id"][int(np.argmax(self._all["logit"]))])

    def accept(self, token: int) -> None:
        self._lib.llama_sampler_accept(self._sampler, token)
