"""Greedy decoding with the grammar checked lazily and drafts taken from the prompt.

llama-cpp-python's sampler chain runs the grammar over all 151,936 candidates of the
vocabulary at every step, then takes the best. Greedy decoding only needs the best
token the grammar allows: when the unconstrained best token is allowed (nearly always,
in a JSON answer) it is that token, and the whole vocabulary is constrained only when it
is refused. llama.cpp's own sampler (``common_sampler_sample``) does the same.

Extraction answers copy the prompt's own words, so the tokens that followed the last few
ones where they occur earlier in the prompt are a good guess at what comes next
(prompt-lookup decoding). The guess is evaluated together with the last token in one
batch, which on a CPU costs about what one token does, and a guessed token is kept only
while it is the token greedy decoding picks at its position: the answer is the greedy
answer, never the guess. That holds for the logits as given; llama.cpp's CPU kernels
round a batch of several tokens slightly differently from one token, so where the two
best tokens are nearly tied a drafted answer can take the other one. Drafting is
therefore off unless asked for (``Settings.draft_tokens``).

The model and the grammar are behind two small protocols, so the algorithm is tested
exactly on a scripted model; ``summarizer._backends.llama`` implements them on llama.cpp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

# Tokens guessed per step, where drafting is on. On two cores a batch of up to five
# tokens costs about what one does (one pass over the weights); past that the matrix
# products cost per token (bench/README.md, "Local model").
DRAFT_TOKENS = 4
# The longest run of recent tokens looked up in the prompt; shorter runs are tried next.
LOOKUP_NGRAM = 3


class TokenModel(Protocol):
    """A causal language model with one sequence of evaluated tokens (its memory)."""

    n_ctx: int
    n_batch: int

    def evaluate(self, tokens: list[int], start: int, *, logits_from: int) -> None:
        """Evaluate ``tokens`` at positions ``start``...; keep logits for the tokens from
        index ``logits_from`` of ``tokens`` on."""

    def logits(self, index: int) -> npt.NDArray[np.float32]:
        """The logits after token ``index`` of the last evaluation (-1: its last)."""

    def truncate(self, length: int) -> None:
        """Forget the evaluated tokens at positions ``length`` and after."""

    def is_end(self, token: int) -> bool:
        """Whether ``token`` ends generation (end of turn or of text)."""

    def piece(self, token: int) -> bytes:
        """The bytes of ``token``'s text."""


class Constraint(Protocol):
    """A grammar that follows the answer token by token."""

    def allows(self, token: int) -> bool:
        """Whether ``token`` may come next."""

    def best_allowed(self, logits: npt.NDArray[np.float32]) -> int:
        """The first token of the highest logit among those allowed."""

    def accept(self, token: int) -> None:
        """Advance past ``token`` (an allowed one)."""


@dataclass
class Decoded:
    """One answer: its tokens and text, why it stopped, and what the prompt cost.

    Attributes:
        tokens: The generated tokens (without the end-of-generation token).
        text: Their text, cut before a stop string.
        finish_reason: ``stop`` (end of generation or a stop string) or ``length``.
        prompt_tokens: The prompt's length in tokens.
        cached_tokens: Prompt tokens kept evaluated from the previous request.
        drafted: Tokens guessed from the prompt and evaluated.
        accepted: Guessed tokens that greedy decoding picked too.
    """

    tokens: list[int] = field(default_factory=list)
    text: str = ""
    finish_reason: str = "length"
    prompt_tokens: int = 0
    cached_tokens: int = 0
    drafted: int = 0
    accepted: int = 0


class GreedyDecoder:
    """Greedy decoding on one ``TokenModel``, reusing what it evaluated last.

    The decoder keeps the tokens whose keys and values the model holds, and evaluates
    only what a new prompt does not share with them (every template's prompt opens with
    the same system message and article).

    Args:
        model: The model.
        draft_tokens: Tokens guessed from the prompt per step (0: none).
    """

    def __init__(self, model: TokenModel, *, draft_tokens: int = 0) -> None:
        self.model = model
        self.draft_tokens = draft_tokens
        self.kept: list[int] = []  # the tokens the model's memory holds, in order

    def forget(self) -> None:
        """Drop the kept tokens: the next prompt is evaluated whole."""
        self.model.truncate(0)
        self.kept = []

    def decode(
        self,
        prompt: list[int],
        *,
        max_tokens: int,
        constraint: Constraint | None = None,
        stop: tuple[bytes, ...] = (),
    ) -> Decoded:
        """Greedy-decode an answer to ``prompt``.

        Args:
            prompt: The prompt's tokens.
            max_tokens: The most tokens to generate (capped by the context window).
            constraint: The grammar the answer must follow.
            stop: Byte strings that end the answer (it is cut before them).

        Raises:
            ValueError: the prompt does not fit in the context window.
        """
        if not prompt or len(prompt) >= self.model.n_ctx:
            raise ValueError(
                f"the prompt has {len(prompt)} tokens; the context window {self.model.n_ctx}"
            )
        result = Decoded(prompt_tokens=len(prompt), cached_tokens=self._evaluate(prompt))
        budget = min(max_tokens, self.model.n_ctx - len(prompt))
        _Generation(self, prompt, result, constraint, stop).run(budget)
        return result

    def _evaluate(self, prompt: list[int]) -> int:
        """Evaluate what the kept tokens do not cover; how many prompt tokens were kept."""
        # The last prompt token is evaluated again even when all are kept: its logits
        # are needed, and only the last evaluation's are at hand.
        keep = min(common_prefix(self.kept, prompt), len(prompt) - 1)
        self._truncate(keep)
        step = self.model.n_batch
        for start in range(keep, len(prompt), step):
            chunk = prompt[start : start + step]
            last = start + len(chunk) == len(prompt)
            self._run(chunk, logits_from=len(chunk) - 1 if last else len(chunk))
        return keep

    def _run(self, tokens: list[int], *, logits_from: int) -> None:
        self.model.evaluate(tokens, len(self.kept), logits_from=logits_from)
        self.kept.extend(tokens)

    def _truncate(self, length: int) -> None:
        if length < len(self.kept):
            self.model.truncate(length)
            del self.kept[length:]


class _Generation:
    """The token loop of one answer."""

    def __init__(
        self,
        decoder: GreedyDecoder,
        prompt: list[int],
        result: Decoded,
        constraint: Constraint | None,
        stop: tuple[bytes, ...],
    ) -> None:
        self.decoder = decoder
        self.model = decoder.model
        self.history = np.array(prompt, dtype=np.intc)
        self.result = result
        self.constraint = constraint
        self.stop = stop
        self.text = b""

    def run(self, budget: int) -> None:
        first_row = -1  # after the prompt, only its last token has logits
        drafts: list[int] = []
        while budget > 0:
            # Row i holds the logits after the i-th token evaluated: the last token, then
            # the drafts. The first row whose pick is not the next draft gives the next
            # token, and the drafts after it are forgotten.
            for index in range(len(drafts) + 1):
                token = self._pick(first_row if index == 0 else index)
                guessed = index < len(drafts) and token == drafts[index]
                if index < len(drafts) and not guessed:
                    self.decoder._truncate(len(self.decoder.kept) - len(drafts) + index)
                if not self._take(token, guessed) or len(self.result.tokens) >= budget:
                    return self._finish()
                if not guessed:
                    break
            drafts = self._drafts(budget)
            self.decoder._run([self.result.tokens[-1], *drafts], logits_from=0)
            first_row = 0
        self._finish()

    def _pick(self, row: int) -> int:
        """The greedy token of logits ``row`` that the grammar allows."""
        logits = self.model.logits(row)
        token = int(np.argmax(logits))
        if self.constraint is None or self.constraint.allows(token):
            return token
        return self.constraint.best_allowed(logits)

    def _take(self, token: int, guessed: bool) -> bool:
        """Add ``token`` to the answer; False when the answer ends instead."""
        if self.model.is_end(token):
            self.result.finish_reason = "stop"
            return False
        if self.constraint is not None:
            self.constraint.accept(token)
        self.result.tokens.append(token)
        self.result.accepted += guessed
        self.text += self.model.piece(token)
        if any(s in self.text for s in self.stop):
            self.result.finish_reason = "stop"
            return False
        return True

    def _drafts(self, budget: int) -> list[int]:
        if self.decoder.draft_tokens <= 0:
            return []
        new = self.result.tokens[len(self.history) - self.result.prompt_tokens :]
        self.history = np.append(self.history, np.array(new, dtype=np.intc))
        room = min(self.model.n_ctx - len(self.decoder.kept) - 1, budget - len(self.result.tokens))
        drafts = _lookup(self.history, min(self.decoder.draft_tokens, room), LOOKUP_NGRAM)
        self.result.drafted += len(drafts)
        return drafts

    def _finish(self) -> None:
        text = self.text
        for s in self.stop:
            if s in text:
                text = text[: text.index(s)]
        self.result.text = text.decode("utf-8", errors="ignore")


def _lookup(history: npt.NDArray[np.intc], count: int, ngram: int) -> list[int]:
    """The tokens that followed the latest earlier occurrence of the history's last
    ``ngram`` tokens (else of fewer), at most ``count`` of them."""
    length = len(history)
    if count <= 0:
        return []
    for size in range(min(ngram, length - 1), 0, -1):
        tail = history[length - size :]
        windows = np.lib.stride_tricks.sliding_window_view(history[: length - 1], size)
        found = np.flatnonzero((windows == tail).all(axis=1))
        if len(found):
            start = int(found[-1]) + size
            return [int(t) for t in history[start : start + count]]
    return []


def common_prefix(first: list[int], second: list[int]) -> int:
    """How many tokens two lists share from their start."""
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length
