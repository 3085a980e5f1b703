"""Cut a process off the network: what the query workers (and ``serve``) run under.

The endpoint must never make a request of its own, whatever the query says.
Rather than trust a reading of the query text, we take away the means: a
process that cannot create an Internet socket cannot reach anything, so a
SERVICE or LOAD that the engine decides to run fails inside the engine.

Two layers, each applied when the system allows it:

- **a network namespace** of its own (``unshare(CLONE_NEWNET)``, needs root or
  CAP_SYS_ADMIN): the process sees only a loopback interface that is down, so
  even 127.0.0.1 is unreachable;
- **a seccomp filter** (needs Linux on x86-64 or AArch64, no privilege): the
  ``socket`` system call is refused for every address family except AF_UNIX
  (the worker's pipe to the server is a socket pair made before), io_uring is
  refused (it can open connections without ``socket``), and so is any system
  call made through another architecture's table (the i386 ``socketcall``).

``mode="trap"`` (the workers) turns a refused call into SIGSYS, which
:func:`attempts` counts: the worker then refuses the whole query, even a
``SERVICE SILENT`` whose failure the engine would have swallowed.
``mode="errno"`` (the ``serve`` process, which must keep running) makes the
call fail with EPERM.  :func:`isolate` says what held, so the caller can log
it; where neither layer is available the guard in :mod:`inspectkg.sparql.text`
remains, and the server says so when it starts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import platform
import signal
import struct

CLONE_NEWNET = 0x40000000
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_TRAP = 0x00030000
SECCOMP_RET_ERRNO = 0x00050000
AF_UNIX = 1

# per architecture: audit arch, seccomp(2), socket(2), io_uring_setup/enter/register
_ARCH = {
    "x86_64": (0xC000003E, 317, 41, (425, 426, 427)),
    "aarch64": (0xC00000B7, 277, 198, (425, 426, 427)),
}

# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06

_attempts = 0


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _program(machine: str, action: int) -> bytes:
    """The filter: deny non-native calls, io_uring, and socket() outside AF_UNIX; allow the rest."""
    audit_arch, _, nr_socket, uring = _ARCH[machine]
    code: list = [
        _insn(_LD_W_ABS, 0, 0, 4),                # seccomp_data.arch
        _insn(_JEQ_K, 1, 0, audit_arch),
        "DENY",
        _insn(_LD_W_ABS, 0, 0, 0),                # seccomp_data.nr
        _insn(_JGE_K, 0, 1, 0x40000000),          # x32 ABI numbers
        "DENY",
    ]
    for nr in uring:
        code += [_insn(_JEQ_K, 0, 1, nr), "DENY"]
    code += [
        _insn(_JEQ_K, 1, 0, nr_socket),
        _insn(_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        _insn(_LD_W_ABS, 0, 0, 16),               # args[0] (low half): the address family
        _insn(_JEQ_K, 0, 1, AF_UNIX),
        _insn(_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        "DENY",
    ]
    return b"".join(_insn(_RET_K, 0, 0, action) if item == "DENY" else item for item in code)


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _own_namespace(libc) -> str | None:
    if libc.unshare(CLONE_NEWNET) != 0:
        return os.strerror(ctypes.get_errno())
    return None


def _seccomp(libc, machine: str, mode: str, all_threads: bool) -> str | None:
    if machine not in _ARCH:
        return f"no seccomp filter for the {machine} architecture"
    action = SECCOMP_RET_TRAP if mode == "trap" else SECCOMP_RET_ERRNO | errno.EPERM
    program = _program(machine, action)
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    flags = SECCOMP_FILTER_FLAG_TSYNC if all_threads else 0
    nr_seccomp = _ARCH[machine][1]
    if libc.syscall(nr_seccomp, SECCOMP_SET_MODE_FILTER, flags, ctypes.byref(prog)) != 0:
        return f"seccomp() failed: {os.strerror(ctypes.get_errno())}"
    return None


def _count(signum, frame) -> None:
    global _attempts
    _attempts += 1


def isolate(mode: str = "trap", *, namespace: bool = True, all_threads: bool = False) -> list[str]:
    """Cut this process off the network; returns the layers that held, e.g. ['namespace', 'seccomp'].

    Failures are not raised: the caller decides how loudly to report an empty or partial list
    (see :func:`describe`).
    """
    held: list[str] = []
    problems: list[str] = []
    if platform.system() != "Linux":
        _last[:] = [f"{platform.system()} has neither network namespaces nor seccomp"]
        return held
    libc = _libc()
    if namespace:
        problem = _own_namespace(libc)
        if problem is None:
            held.append("namespace")
        else:
            problems.append(f"no network namespace ({problem})")
    if mode == "trap":
        signal.signal(signal.SIGSYS, _count)
    problem = _seccomp(libc, platform.machine(), mode, all_threads)
    if problem is None:
        held.append("seccomp")
    else:
        problems.append(problem)
    _last[:] = problems
    return held


_last: list[str] = []


def problems() -> list[str]:
    """Why layers did not hold at the last :func:`isolate` (empty if all did)."""
    return list(_last)


def attempts() -> int:
    """How many network calls this process tried and was refused (trap mode); runs pending handlers."""
    ctypes.pythonapi.PyErr_CheckSignals()
    return _attempts
