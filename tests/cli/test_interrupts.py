"""The first Ctrl-C stops ``cleaner clean``; later ones are ignored while it stops."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from cleaner.cli.interrupts import first_interrupt_stops, stacks_on_sigusr1


@pytest.fixture(autouse=True)
def keep_handler() -> Iterator[None]:
    """Whatever a test does to SIGINT, the test process gets its own handler back."""
    before = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, before)


def test_first_interrupt_raises_and_the_next_ones_are_ignored() -> None:
    with pytest.raises(KeyboardInterrupt), first_interrupt_stops():
        signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    signal.raise_signal(signal.SIGINT)  # a second press: nothing happens, the cleanup goes on


def test_without_an_interrupt_the_handler_before_comes_back() -> None:
    before = signal.getsignal(signal.SIGINT)
    with first_interrupt_stops():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before


def test_a_process_that_ignores_sigint_keeps_ignoring_it() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # started in the background, say
    with first_interrupt_stops():
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="no SIGUSR1 on this platform")
def test_sigusr1_prints_every_threads_stack_and_the_run_goes_on(capfd: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGUSR1)
    with stacks_on_sigusr1():
        signal.raise_signal(signal.SIGUSR1)
        went_on = True
    assert went_on
    err = capfd.readouterr().err
    assert "test_interrupts.py" in err and "most recent call first" in err
    assert signal.getsignal(signal.SIGUSR1) == before  # handed back after the run
