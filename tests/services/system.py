"""Process, user and port helpers shared by the service starters."""

from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# PostgreSQL and Elasticsearch both refuse to run as root, and CI runs as root.
SERVICE_USER = "reemploi-tests"

_PR_SET_PDEATHSIG = 1


class ServiceUnavailable(RuntimeError):
    """A service could not be had; the message says how to provide it."""


def is_root() -> bool:
    return os.geteuid() == 0


def free_ports(count: int) -> list[int]:
    """Distinct loopback ports that are free now (held open together so none repeats)."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass(frozen=True)
class Account:
    """The unprivileged account the servers run as (the current one when not root)."""

    uid: int
    gid: int

    def owns(self, *paths: Path) -> None:
        """Hand these folders, and all they hold, to the account."""
        if not is_root():
            return
        for path in paths:
            os.chown(path, self.uid, self.gid)
            for parent, dirs, files in os.walk(path):
                for name in (*dirs, *files):
                    os.chown(os.path.join(parent, name), self.uid, self.gid, follow_symlinks=False)

    def popen_kwargs(self) -> dict:
        if not is_root():
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}


def service_account() -> Account:
    """The account for the servers, created on first use when running as root."""
    if not is_root():
        return Account(os.getuid(), os.getgid())
    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        # Exit code 9 means another run created it meanwhile: that is fine.
        subprocess.run(
            [
                *("useradd", "--system", "--user-group", "--no-create-home"),
                *("--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SERVICE_USER),
            ],
            check=False,
        )
        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            raise ServiceUnavailable(
                f"Could not create the system user {SERVICE_USER!r} to run PostgreSQL and "
                "Elasticsearch (they refuse root). Create it with `useradd --system "
                f"{SERVICE_USER}`, or set DATABASE_URL and ELASTICSEARCH_URL."
            ) from None
    return Account(entry.pw_uid, entry.pw_gid)


def run_as(account: Account, argv: Sequence[str | Path], what: str, **kwargs) -> str:
    """Run a one-off command as the account; its output becomes the error if it fails."""
    result = subprocess.run(
        [str(arg) for arg in argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        **account.popen_kwargs(),
        **kwargs,
    )
    if result.returncode != 0:
        raise ServiceUnavailable(
            f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def die_with_parent(signum: int) -> Callable[[], None]:
    def set_parent_death_signal() -> None:
        # Runs in the child after the switch of user (which would clear it), before exec:
        # if the runner is killed outright, the kernel still stops the child.
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)

    return set_parent_death_signal


def spawn(
    argv: Sequence[str | Path],
    *,
    account: Account,
    env: dict[str, str],
    log: Path,
    stop_signal: int,
) -> subprocess.Popen:
    """Start a server as the account, in its own process group, its output in `log`.

    Its own session keeps a Ctrl-C in the terminal away from it: pytest gets the
    Ctrl-C and the runner then stops the servers in order.
    """
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(arg) for arg in argv],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=log.parent,
            start_new_session=True,
            preexec_fn=die_with_parent(stop_signal),  # safe: the runner has no threads
            **account.popen_kwargs(),
        )


def stop(process: subprocess.Popen, *, stop_signal: int, timeout: float) -> None:
    """Ask the server to stop, give it `timeout` seconds, then kill what is left of its group."""
    if process.poll() is None:
        process.send_signal(stop_signal)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    # Children may outlive the leader (Elasticsearch's launcher starts the server JVM).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def tail(log: Path, lines: int = 25) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_until(
    ready: Callable[[], bool],
    *,
    process: subprocess.Popen,
    timeout: float,
    what: str,
    log: Path,
    hint: str,
) -> None:
    """Poll `ready` until it is true; fail with the log's tail if the server dies or is late."""
    start = time.monotonic()
    while not ready():
        if process.poll() is not None:
            raise ServiceUnavailable(
                f"{what} exited (code {process.returncode}) while starting. "
                f"Last lines of its log {log}:\n{tail(log)}\n{hint}"
            )
        if time.monotonic() - start > timeout:
            raise ServiceUnavailable(
                f"{what} was not ready after {timeout:.0f} s. "
                f"Last lines of its log {log}:\n{tail(log)}\n{hint}"
            )
        time.sleep(0.25)


@dataclass
class Server:
    """A server this session started, which a fault run may stop, kill and start again."""

    what: str
    launch: Callable[[], subprocess.Popen]
    ready: Callable[[], bool]
    stop_signal: int
    log: Path
    start_timeout: float
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = self.launch()
        wait_until(
            self.ready,
            process=self.process,
            timeout=self.start_timeout,
            what=self.what,
            log=self.log,
            hint="",
        )

    def stop(self, timeout: float = 20) -> None:
        if self.process is not None:
            stop(self.process, stop_signal=self.stop_signal, timeout=timeout)

    def kill(self) -> None:
        """SIGKILL to the whole group, as the kernel's OOM killer or a power cut would."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# The servers started in this process, by port: the fault run finds them here.
SERVERS: dict[int, Server] = {}
