# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
"""Fork server: one pre-started runtime that execution environments are forked from.

The engine starts it like an environment (same sandbox, same variables, the runtime client
loaded and sys.path set) with LWB_FORK_SERVER_FD naming a SOCK_SEQPACKET socket to the engine.
It never imports user code. For each environment the engine sends one packet:

    b"spawn" NUL token NUL tmp-MB NUL n-cgroup-files NUL n-folders NUL
        folder-target NUL ... NAME=VALUE NUL ...

with descriptors: the output pipe, the cgroup files to join (`tasks`/`cgroup.procs`, opened by
the engine), then one open folder per folder-target. The child is cloned into its own user,
mount and PID namespace, where it is PID 1; it joins the cgroups before it does anything else,
takes a private /tmp (a new tmpfs of tmp-MB) and stdout and stderr on the pipe, and forks the
runtime (PID 2), which sets the variables (a value under a folder-target is rewritten to
/proc/self/fd/N/... of that folder: the Runtime API socket of this environment only) and only
then runs the runtime client: Init imports the handler as in a fresh process.

Back to the engine: b"ready" once (or b"unusable" NUL reason), then b"exited" NUL token NUL
wait-status for every child. b"kill" NUL token (no answer) kills a child that may not have
joined its cgroups yet.

An environment costs ~6-8 ms of CPU this way (the engine's share included) against ~20 ms
for bubblewrap and a new interpreter.
"""

import ctypes  # imported before the task root leads sys.path: a user's ctypes.py cannot shadow it
import os
import signal
import sys

import _socket
# What every environment's runtime client imports anyway, loaded once here instead of
# unmarshalled again in each child (importlib finds the handler; it brings warnings).
import importlib  # noqa: F401
import select  # noqa: F401

_CLONE_NEWNS = 0x00020000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_PR_SET_DUMPABLE = 4
_MS_NOSUID = 2
_MS_NODEV = 4


_SYS_CLONE = {"x86_64": 56, "aarch64": 220}.get(os.uname().machine)
_UID, _GID = os.getuid(), os.getgid()
_LIBC = ctypes.CDLL(None, use_errno=True)


def _clone_isolated():
    """fork() into a new user, mount and PID namespace at once: the child is PID 1 there.

    The raw clone system call with no new stack behaves as fork() but for the namespaces; it
    skips CPython's after-fork work, which only matters for a process that runs Python code
    of consequence. The child only reaps (_be_init) and forks the runtime with os.fork()."""
    if _SYS_CLONE is None:
        raise OSError(0, "unknown machine " + os.uname().machine)
    flags = _CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWPID | signal.SIGCHLD
    pid = _LIBC.syscall(ctypes.c_long(_SYS_CLONE), ctypes.c_ulong(flags), ctypes.c_void_p(0),
                       ctypes.c_void_p(0), ctypes.c_void_p(0), ctypes.c_ulong(0))
    if pid < 0:
        err = ctypes.get_errno()
        raise OSError(err, "clone: " + os.strerror(err))
    return pid


def _isolate(tmp_mb):
    """In a child of _clone_isolated(): map our ids, then a fresh /tmp. Raises OSError."""
    uid, gid = _UID, _GID
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write("%d %d 1" % (uid, uid))
    with open("/proc/self/gid_map", "w") as f:
        f.write("%d %d 1" % (gid, gid))
    options = b"size=%dk,mode=755" % (max(int(tmp_mb), 1) * 1024)
    if _LIBC.mount(b"tmpfs", b"/tmp", b"tmpfs", _MS_NOSUID | _MS_NODEV, options) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "mount /tmp: " + os.strerror(err))


def _probe():
    """Whether a child can isolate itself here (user namespaces may be disabled)."""
    try:
        pid = _clone_isolated()
    except OSError as e:
        os.write(2, ("[lambda-workbench] fork server unusable: %s\n" % (e,)).encode())
        return False
    if pid == 0:
        try:
            _isolate(1)
            os._exit(0)
        except BaseException as e:
            try:
                os.write(2, ("[lambda-workbench] fork server unusable: %s\n" % (e,)).encode())
            finally:
                os._exit(1)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _exit_code(status):
    """A wait status as one exit code, the way bubblewrap reports it: 128+N for signal N."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1


def _be_init(runtime):
    """PID 1 of the environment's namespace: reaps orphans, ends with the runtime."""
    while True:
        try:
            pid, status = os.wait()
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
        if pid == runtime:
            os._exit(_exit_code(status))


def _exit_child(code):
    try:
        import atexit
        atexit._run_exitfuncs()
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(code)


def _child(ctl, fields, fds, become):
    """In the forked process: never returns."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, ())
        tmp_mb, n_procs, n_dirs = int(fields[1]), int(fields[2]), int(fields[3])
        output, procs, dirs = fds[0], fds[1:1 + n_procs], fds[1 + n_procs:1 + n_procs + n_dirs]
        # Into the environment's cgroups first: nothing it allocates escapes them.
        for fd in procs:
            os.write(fd, b"0")
            os.close(fd)
        ctl.close()
        targets = [t.decode() for t in fields[4:4 + n_dirs]]
        variables = fields[4 + n_dirs:]
        _isolate(tmp_mb)
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        os.setsid()
        # This process is PID 1 of the environment's own PID namespace, as bubblewrap gives
        # each environment: nothing in it can see or signal the other environments or the
        # server. It reaps orphans and ends with the runtime (PID 2), like bwrap's.
        runtime = os.fork()
        if runtime:
            _be_init(runtime)
        # Not readable through /proc by the other environments (which still see the server's).
        _LIBC.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
        env = os.environ
        for item in variables:
            name, _, value = item.decode("utf-8", "surrogateescape").partition("=")
            for target, fd in zip(targets, dirs):
                if value == target or value.startswith(target + "/"):
                    value = "/proc/self/fd/%d%s" % (fd, value[len(target):])
            env[name] = value
    except BaseException as e:
        try:
            os.write(2, ("[lambda-workbench] cannot start the environment: %s\n" % (e,)).encode())
        finally:
            os._exit(127)
    try:
        become()
        _exit_child(0)
    except SystemExit as e:
        code = e.code
        if code is None:
            _exit_child(0)
        if isinstance(code, int):
            _exit_child(code & 0xff)
        try:
            sys.stderr.write("%s\n" % (code,))
        except BaseException:
            pass
        _exit_child(1)
    except BaseException:
        try:
            sys.excepthook(*sys.exc_info())
        except BaseException:
            pass
        _exit_child(1)


def serve(fd, become):
    ctl = _socket.socket(_socket.AF_UNIX, _socket.SOCK_SEQPACKET, 0, fd)
    os.set_inheritable(fd, False)
    if not _probe():
        ctl.send(b"unusable\0user namespaces are not available")
        os._exit(0)

    children = {}  # pid -> token

    def reap(_signum=None, _frame=None):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            token = children.pop(pid, None)
            if token is not None:
                try:
                    ctl.send(b"exited\0" + token + b"\0" + str(status).encode())
                except OSError:
                    os._exit(0)

    signal.signal(signal.SIGCHLD, reap)
    # Everything loaded so far moves out of the collector's sight: a child's collections then
    # never walk (and write to) these objects, which would copy their pages from the server.
    import gc
    gc.collect()
    gc.freeze()
    ctl.send(b"ready")
    fd_size = _socket.CMSG_SPACE(64 * 4)
    while True:
        try:
            data, ancdata, _flags, _addr = ctl.recvmsg(1 << 20, fd_size)
        except OSError:
            os._exit(0)
        if not data:
            os._exit(0)  # the engine is gone
        fds = []
        for level, kind, payload in ancdata:
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                usable = len(payload) - len(payload) % 4
                fds.extend(int.from_bytes(payload[i:i + 4], sys.byteorder)
                           for i in range(0, usable, 4))
        fields = data.split(b"\0")
        if fields[0] == b"kill" and len(fields) > 1:
            for pid, token in list(children.items()):
                if token == fields[1]:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
        elif fields[0] == b"spawn" and len(fields) >= 5 and fds:
            token = fields[1]
            fields = fields[1:]
            signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGCHLD,))
            try:
                pid = _clone_isolated()
            except OSError as e:
                pid = -1
                ctl.send(b"exited\0" + token + b"\0" + str(127 << 8).encode())
                os.write(fds[0], ("[lambda-workbench] fork failed: %s\n" % (e,)).encode())
            if pid == 0:
                _child(ctl, fields, fds, become)
            if pid > 0:
                children[pid] = token
            signal.pthread_sigmask(signal.SIG_UNBLOCK, (signal.SIGCHLD,))
        for d in fds:
            try:
                os.close(d)
            except OSError:
                pass
