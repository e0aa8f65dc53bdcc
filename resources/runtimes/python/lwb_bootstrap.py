# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
"""Lambda Workbench runtime interface client for Python (implementation).

bootstrap.py (the entry point the engine starts) only imports this module:
a script is compiled on every start, an imported module is loaded from its
cached .pyc (compile: ~5-18 ms here; load: ~0.3 ms).

Talks to the Runtime API (2018-06-01) the way the official awslambdaric does:
same handler resolution, same error documents, same log lines.

Start-up cost is the point of this file: before the first GET /next it
imports nothing that the interpreter has not already loaded except the C
modules _socket, select and _json. json, traceback and logging are never imported
by the runtime on the happy path; logging is configured by an import hook
the moment user code imports it.
"""

import os
import sys

import _socket
import select as _select

_ENV = os.environ
_API_VERSION = "/2018-06-01/runtime"


# --------------------------------------------------------------------------
# sys.path: task root, layers, then the runtime and the system paths
# --------------------------------------------------------------------------

_HERE = os.path.dirname(os.path.abspath(__file__))
_OWN_FILES = (os.path.join(_HERE, "bootstrap.py"), os.path.abspath(__file__))


def _setup_sys_path():
    here = _HERE
    # Running a script puts its folder first on sys.path; a user module named
    # like one of ours must not be shadowed by it.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    task_root = _ENV.get("LAMBDA_TASK_ROOT") or os.getcwd()
    layer_env = _ENV.get("LWB_LAYER_DIRS")
    # Later layers win on file conflicts in the merged /opt, so search them first.
    layers = [p for p in layer_env.split(":") if p][::-1] if layer_env else ["/opt"]
    versions = ["python%d.%d" % sys.version_info[:2]]
    exec_env = _ENV.get("AWS_EXECUTION_ENV", "")
    if exec_env.startswith("AWS_Lambda_python"):
        declared = exec_env[len("AWS_Lambda_"):]
        if declared not in versions:
            versions.insert(0, declared)
    front = [task_root]
    for layer in layers:
        for v in versions:
            front.append(layer + "/python/lib/" + v + "/site-packages")
        front.append(layer + "/python")
    rest = [p for p in sys.path if p not in front]
    sys.path[:] = front + rest
    if sys.flags.no_site:
        _add_system_site_packages()


def _add_system_site_packages():
    """What `site` does at start-up, minus running the import lines of .pth files.

    The catalogue starts Python with -S: on Debian, `site` runs the import lines of every .pth
    file in dist-packages (setuptools' distutils hack, namespace-package shims that pull in
    importlib.util and functools) and costs ~5 ms of each cold start. Lambda's own runtime has
    none of them. The system packages (boto3 stands in for the one Lambda bundles) stay
    importable: the site folders and the folders .pth files name are added in site's order,
    and exit/quit/help/copyright are installed as site would."""
    import site  # with -S importing it only defines functions
    site.setquit()
    site.setcopyright()
    site.sethelper()
    seen = set(sys.path)
    for sitedir in site.getsitepackages():
        if sitedir in seen or not os.path.isdir(sitedir):
            continue
        sys.path.append(sitedir)
        seen.add(sitedir)
        try:
            names = sorted(n for n in os.listdir(sitedir) if n.endswith(".pth"))
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(sitedir, name), encoding="utf-8") as f:
                    lines = f.read().splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                line = line.rstrip()
                if not line or line.startswith(("#", "import ", "import\t")):
                    continue
                path = os.path.join(sitedir, line)
                if path not in seen and os.path.exists(path):
                    sys.path.append(path)
                    seen.add(path)


# --------------------------------------------------------------------------
# stdout / stderr: unbuffered, like the official client (and `python -u`)
# --------------------------------------------------------------------------

def _unbuffer_stdio():
    import io  # already loaded by the interpreter

    def wrap(stream, fd):
        try:
            enc = stream.encoding or "utf-8"
            errors = stream.errors or "strict"
        except Exception:
            enc, errors = "utf-8", "strict"
        return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=enc,
                                errors=errors, write_through=True)

    if sys.stdout is not None:
        sys.stdout = wrap(sys.stdout, 1)
    if sys.stderr is not None:
        sys.stderr = wrap(sys.stderr, 2)


# --------------------------------------------------------------------------
# JSON without importing the json package (which pulls in re: ~5 ms)
# --------------------------------------------------------------------------

class _ScanContext:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo = None

    @staticmethod
    def parse_constant(name):
        return {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}[name]


_WS = " \t\n\r"
_DEC_MARK = "\x00LWBDEC\x00"
_DEC_MARK_ENC = "\\u0000LWBDEC\\u0000"

try:
    import _json as _cjson
    _scanner = _cjson.make_scanner(_ScanContext())
except Exception:  # pragma: no cover - interpreter without the C accelerator
    _cjson = None
    _scanner = None


def _json_loads(data):
    """json.loads for the event; exact stdlib errors via the slow path."""
    if _scanner is not None:
        try:
            s = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
            idx = len(s) - len(s.lstrip(_WS))
            obj, end = _scanner(s, idx)
            if not s[end:].strip(_WS):
                return obj
        except Exception:
            pass
    import json
    return json.loads(data)


class _Encoder:
    """Encodes like the official client: simplejson semantics for Decimal
    (the number as written), NaN/Infinity allowed, ASCII output except on
    python3.12 (the official client sets ensure_ascii=False only there)."""

    def __init__(self, ensure_ascii=True):
        self.ensure_ascii = ensure_ascii
        self.saw_decimal = False
        self._enc = None

    def _default(self, o):
        cls = type(o)
        dec = sys.modules.get("decimal")
        if dec is not None and isinstance(o, dec.Decimal):
            if o.is_nan():
                return float("nan")
            self.saw_decimal = True
            return _DEC_MARK + str(o) + _DEC_MARK
        raise TypeError("Object of type %s is not JSON serializable" % cls.__name__)

    def _make(self):
        if _cjson is not None:
            try:
                strenc = (_cjson.encode_basestring_ascii if self.ensure_ascii
                          else _cjson.encode_basestring)
                return _cjson.make_encoder(None, self._default, strenc, None, ": ", ", ",
                                           False, False, True)
            except Exception:
                pass
        import json
        e = json.JSONEncoder(default=self._default, ensure_ascii=self.ensure_ascii)
        return lambda o, _lvl: e.encode(o)

    def encode(self, o):
        if self._enc is None:
            self._enc = self._make()
        self.saw_decimal = False
        if isinstance(o, str):
            return (_cjson.encode_basestring_ascii(o) if self.ensure_ascii and _cjson
                    else self._make_str(o))
        chunks = self._enc(o, 0)
        out = chunks if isinstance(chunks, str) else "".join(chunks)
        if self.saw_decimal:
            out = self._unmark(out)
        return out

    def _make_str(self, o):
        if _cjson is not None:
            return _cjson.encode_basestring(o)
        import json
        return json.dumps(o, ensure_ascii=self.ensure_ascii)

    @staticmethod
    def _unmark(out):
        for mark in (_DEC_MARK, _DEC_MARK_ENC):
            q = '"' + mark
            while True:
                i = out.find(q)
                if i < 0:
                    break
                j = out.find(mark + '"', i + len(q))
                out = out[:i] + out[i + len(q):j] + out[j + len(mark) + 1:]
        return out


_ENSURE_ASCII = _ENV.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12"
_encoder = _Encoder(ensure_ascii=_ENSURE_ASCII)
_ascii_encoder = _Encoder(ensure_ascii=True)


def to_json(obj):
    return _encoder.encode(obj)


# --------------------------------------------------------------------------
# Minimal keep-alive HTTP/1.1 client for the Runtime API
# --------------------------------------------------------------------------

class RuntimeApiError(Exception):
    pass


class RuntimeClient:
    """One persistent connection; one sendall per request; no read timeout.

    The Runtime API always answers with Content-Length (never chunked), so
    the response parser only handles that."""

    def __init__(self, address, local_socket=None):
        host, _, port = address.rpartition(":")
        # The engine's Unix-domain socket for the same API (LWB_RUNTIME_API_SOCKET): no TCP
        # on either end. The Host header still names AWS_LAMBDA_RUNTIME_API, which stays the
        # fallback.
        self._local = local_socket or None
        if host.startswith("[") and host.endswith("]"):
            self._family, self._addr = _socket.AF_INET6, (host[1:-1], int(port))
        else:
            self._family, self._addr = _socket.AF_INET, (host, int(port))
        self._host = address.encode("latin-1")
        self._sock = None
        self._readable = None
        self._buf = b""
        self._next_sent = False
        ua = "aws-lambda-python/%d.%d.%d-lwb" % sys.version_info[:3]
        self._common = b"Host: " + self._host + b"\r\nUser-Agent: " + ua.encode() + b"\r\n"
        self._next_req = (b"GET " + _API_VERSION.encode() + b"/invocation/next HTTP/1.1\r\n"
                          + self._common + b"\r\n")

    def _connect(self):
        s = None
        if self._local is not None:
            s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
            try:
                s.connect(self._local)
            except OSError:
                s.close()
                s = None
                self._local = None
        if s is None:
            s = _socket.socket(self._family, _socket.SOCK_STREAM)
            s.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
            s.connect(self._addr)
        self._sock = s
        self._buf = b""
        # A thread blocked in recv() on a Unix socket is woken each time the engine reads
        # what this end wrote (the kernel signals "write space" on the same wait queue), only
        # to sleep again: one needless context switch per invocation. poll() waits for
        # POLLIN alone.
        self._readable = _select.poll()
        self._readable.register(s.fileno(), _select.POLLIN)

    def _close(self):
        self._next_sent = False
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
        self._sock = None

    def _roundtrip(self, data, then_next=False):
        for attempt in (0, 1):
            if self._sock is None:
                self._connect()
            try:
                if then_next:
                    # Pipelined: the result and the request for the next event in one
                    # write; the server answers the 202 together with that event.
                    self._sock.sendall(data + self._next_req)
                    self._next_sent = True
                else:
                    self._sock.sendall(data)
                return self._read_response()
            except (ConnectionError, _EmptyResponse):
                # The server closed an idle keep-alive connection: retry once.
                self._close()
                if attempt:
                    raise
        raise RuntimeApiError("unreachable")

    def _read_response(self):
        sock = self._sock
        buf = self._buf
        while True:
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            if not buf:
                self._readable.poll()
            chunk = sock.recv(65536)
            if not chunk:
                if buf:
                    raise RuntimeApiError("connection closed inside a response header")
                raise _EmptyResponse()
            buf += chunk
        head = buf[:end].decode("utf-8", "replace").split("\r\n")
        rest = buf[end + 4:]
        status = int(head[0].split(" ", 2)[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length") or 0)
        if len(rest) < length:
            chunks = [rest]
            have = len(rest)
            while have < length:
                chunk = sock.recv(max(65536, length - have))
                if not chunk:
                    raise RuntimeApiError("connection closed inside a response body")
                chunks.append(chunk)
                have += len(chunk)
            rest = b"".join(chunks)
        self._buf = rest[length:]
        body = rest[:length]
        if headers.get("connection", "").lower() == "close":
            self._close()
        return status, headers, body

    def wait_next_invocation(self):
        status = None
        if self._next_sent:
            self._next_sent = False
            try:
                status, headers, body = self._read_response()
            except (ConnectionError, _EmptyResponse):
                self._close()
        if status is None:
            status, headers, body = self._roundtrip(self._next_req)
        if status != 200:
            raise RuntimeApiError("Failed to get next invocation: HTTP %d %s"
                                  % (status, body[:512].decode("utf-8", "replace")))
        return headers, body

    def _post(self, path, body, extra=b"", then_next=False):
        if isinstance(body, str):
            body = body.encode("utf-8")
        req = b"".join((b"POST ", _API_VERSION.encode(), path.encode(), b" HTTP/1.1\r\n",
                        self._common, extra, b"Content-Length: ", str(len(body)).encode(),
                        b"\r\n\r\n", body))
        status, _headers, resp = self._roundtrip(req, then_next)
        if not 200 <= status < 300:
            _write_stderr("[lambda-workbench] POST %s answered HTTP %d: %s\n"
                          % (path, status, resp[:512].decode("utf-8", "replace")))
        return status

    def post_invocation_result(self, request_id, body, content_type):
        return self._post("/invocation/" + _quote(request_id) + "/response", body,
                          b"Content-Type: " + content_type.encode() + b"\r\n", True)

    def post_invocation_error(self, request_id, error_json, xray_json):
        extra = b"Content-Type: application/json\r\n"
        if xray_json and len(xray_json) < 1024 * 1024:
            extra += b"Lambda-Runtime-Function-XRay-Error-Cause: " + xray_json.encode() + b"\r\n"
        return self._post("/invocation/" + _quote(request_id) + "/error", error_json, extra, True)

    def post_init_error(self, error_json, error_type):
        return self._post("/init/error", error_json,
                          b"Content-Type: application/json\r\n"
                          b"Lambda-Runtime-Function-Error-Type: " + error_type.encode() + b"\r\n")


class _EmptyResponse(Exception):
    pass


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def _quote(s):
    # Request ids are UUIDs; escape anything else that cannot go in a path.
    if _UNRESERVED.issuperset(s):
        return s
    return "".join(c if c in _UNRESERVED else "".join("%%%02X" % b for b in c.encode("utf-8"))
                   for c in s)


def _write_stderr(msg):
    try:
        sys.stderr.write(msg)
    except Exception:
        pass


# --------------------------------------------------------------------------
# Errors, shaped like awslambdaric
# --------------------------------------------------------------------------

class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"
    LAMBDA_RUNTIME_CLIENT_ERROR = "Runtime.LambdaRuntimeClientError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    import traceback
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, fr in enumerate(frames):
        if "/bootstrap.py" not in fr[0] and fr[0] not in _OWN_FILES:
            return frames[i:]
    return frames


def _format_frames(frames):
    import traceback
    return traceback.format_list(frames)


def build_fault_result(exc_info, msg=None, invoke_id=None):
    etype, value, tb = exc_info
    frames = _user_frames(tb)
    return make_error(msg if msg else str(value), etype.__name__, _format_frames(frames),
                      invoke_id), frames


def make_xray_fault(ex_type, ex_msg, working_dir, frames):
    stack = []
    files = []
    for tb_file, tb_line, tb_method, _code in frames:
        stack.append({"label": tb_method, "path": tb_file, "line": tb_line})
        if tb_file not in files:
            files.append(tb_file)
    return {
        "working_directory": working_dir,
        "exceptions": [{"message": ex_msg, "type": ex_type, "stack": stack}],
        "paths": files,
    }


# --------------------------------------------------------------------------
# Logging: text (`[LEVEL]\t<time>\t<requestId>\t<msg>`) or JSON
# --------------------------------------------------------------------------

_LOG_FORMAT_JSON = (_ENV.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
_raw_level = _ENV.get("AWS_LAMBDA_LOG_LEVEL")
_LOG_LEVEL = {None: "", "TRACE": "DEBUG"}.get(_raw_level, _raw_level or "").upper()
_ERROR_LOG_LINE_TERMINATE = "\r"
_ERROR_LOG_IDENT = "\u00a0"

_current_request_id = None
_current_tenant_id = None


def _iso_now_ms():
    import time
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % (int(t * 1000) % 1000)


def _log_sink_write(msg):
    sys.stdout.write(msg)


def _replace_indent(line, old, new):
    n = len(line) - len(line.lstrip(old))
    return new * n + line[n:]


def log_error(error_result):
    if _LOG_FORMAT_JSON:
        import time
        rec = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time())),
               "level": "ERROR"}
        rec.update(error_result)
        _log_sink_write(to_json(rec) + "\n")
        return
    desc = "[ERROR]"
    etype = error_result.get("errorType")
    if etype:
        desc += " " + etype
    emsg = error_result.get("errorMessage")
    if emsg:
        if etype:
            desc += ":"
        desc += " " + emsg
    lines = [desc]
    stack = error_result.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            if element == "":
                lines.append("")
            else:
                for tl in element.splitlines():
                    lines.append(_replace_indent(tl, " ", _ERROR_LOG_IDENT))
    _log_sink_write(_ERROR_LOG_LINE_TERMINATE.join(lines) + "\n")


def _log_warning_direct(message):
    """What `logging.warning(message)` prints once our handler is installed,
    without importing logging (used on the init-error path)."""
    if _LOG_FORMAT_JSON:
        rec = {"timestamp": _iso_now_ms(), "level": "WARNING", "message": message,
               "logger": "root", "requestId": _current_request_id or ""}
        _log_sink_write(to_json(rec) + "\n")
    else:
        _log_sink_write("[WARNING]\t%s\t%s\t%s\n" % (_iso_now_ms(), _current_request_id or "",
                                                     message))


_UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function "
    "code. However, in rare cases, a Lambda runtime update can cause unexpected function "
    "behavior. For functions using managed runtimes, runtime updates can be triggered by a "
    "function change, or can be applied automatically. To determine if the runtime has been "
    "updated, check the runtime version in the INIT_START log entry. If this error correlates "
    "with a change in the runtime version, you may be able to mitigate this error by "
    "temporarily rolling back to the previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html")


def _configure_logging(logging):
    """Install Lambda's root handler on a freshly imported logging module."""
    import time

    class LambdaLoggerHandler(logging.Handler):
        def __init__(self):
            logging.Handler.__init__(self)
            self.log_sink = _LogSink()

        def emit(self, record):
            try:
                self.log_sink.log(self.format(record))
            except Exception:
                self.handleError(record)

    class LambdaLoggerFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = _current_request_id or ""
            record.tenant_id = _current_tenant_id
            return True

    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler()
    if _LOG_FORMAT_JSON:
        handler.setFormatter(_make_json_formatter(logging))
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S"))
    if _LOG_LEVEL in logging._nameToLevel:
        logging.getLogger().setLevel(_LOG_LEVEL)
    handler.addFilter(LambdaLoggerFilter())
    logging.getLogger().addHandler(handler)


def _make_json_formatter(logging):
    import json
    import traceback
    from datetime import datetime, timezone

    reserved = {"name", "msg", "args", "levelname", "levelno", "pathname", "filename",
                "module", "exc_info", "exc_text", "stack_info", "lineno", "funcName",
                "created", "msecs", "relativeCreated", "thread", "threadName", "processName",
                "process", "aws_request_id", "tenant_id", "_frame_type", "taskName"}
    encode = json.JSONEncoder(ensure_ascii=False).encode

    class JsonFormatter(logging.Formatter):
        def formatTime(self, record, datefmt=None):
            dt = datetime.fromtimestamp(record.created, tz=timezone.utc)
            return dt.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

        def format(self, record):
            record.levelno = min(50, max(0, record.levelno)) // 10 * 10
            record.levelname = logging.getLevelName(record.levelno)
            ei = record.exc_info
            result = {
                "timestamp": self.formatTime(record),
                "level": record.levelname,
                "message": record.getMessage(),
                "logger": record.name,
                "stackTrace": traceback.format_tb(ei[2]) if ei else None,
                "errorType": ei[0].__name__ if ei else None,
                "errorMessage": str(ei[1]) if ei else None,
                "requestId": getattr(record, "aws_request_id", None),
                "location": ("%s:%s:%s" % (record.pathname, record.funcName, record.lineno)
                             if ei else None),
            }
            if getattr(record, "tenant_id", None) is not None:
                result["tenantId"] = record.tenant_id
            for k, v in record.__dict__.items():
                if k not in reserved and k not in result:
                    result[k] = v
            result = {k: v for k, v in result.items() if v is not None}
            try:
                return encode(result) + "\n"
            except TypeError:
                return encode({k: (v if isinstance(v, (str, int, float, bool, list, dict))
                                   else str(v)) for k, v in result.items()}) + "\n"

    return JsonFormatter()


class _LogSink:
    def log(self, msg, frame_type=None):
        sys.stdout.write(msg)


class _LoggingImportHook:
    """A one-shot meta path finder: when user code first imports `logging`,
    let the normal import run and then install Lambda's handler on the root
    logger. Keeps `import logging` (~8 ms) off the cold-start path."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "logging":
            return None
        try:
            sys.meta_path.remove(cls)
        except ValueError:
            pass
        spec = None
        for finder in sys.meta_path:
            fs = getattr(finder, "find_spec", None)
            if fs is None:
                continue
            spec = fs(name, path, target)
            if spec is not None:
                break
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _ConfiguringLoader(spec.loader)
        return spec


class _ConfiguringLoader:
    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = self._inner
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self._inner
        self._inner.exec_module(module)
        try:
            _configure_logging(module)
        except Exception as e:  # never break the user's import
            _write_stderr("[lambda-workbench] could not configure logging: %r\n" % (e,))


# --------------------------------------------------------------------------
# Context object (awslambdaric.lambda_context)
# --------------------------------------------------------------------------

class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return ("CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])"
                % (self.cognito_identity_id, self.cognito_identity_pool_id))


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name"]

    def __repr__(self):
        return ("Client([installation_id=%s,app_title=%s,app_version_name=%s,"
                "app_version_code=%s,app_package_name=%s])"
                % (self.installation_id, self.app_title, self.app_version_name,
                   self.app_version_code, self.app_package_name))


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom=%s,env=%s,client=%s])" % (self.custom, self.env,
                                                                self.client)


def _obj_from_dict(cls, d):
    if d is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, d.get(field, None))
    return obj


# The environment's identity, set by the engine before the runtime starts and fixed for its
# life: read once, not five os.environ lookups per invocation.
def _read_context_env():
    return tuple(_ENV.get(name) for name in (
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION"))


_CONTEXT_ENV = _read_context_env()


class LambdaContext(object):
    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms,
                 invoked_function_arn=None, tenant_id=None):
        self.aws_request_id = invoke_id
        (self.log_group_name, self.log_stream_name, self.function_name,
         self.memory_limit_in_mb, self.function_version) = _CONTEXT_ENV
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        w3c = {}
        if isinstance(client_context, dict) and "w3c" in client_context:
            raw = client_context.pop("w3c")
            if isinstance(raw, dict):
                w3c = {k: raw[k] for k in ("traceparent", "tracestate", "baggage")
                       if isinstance(raw.get(k), str)}
        self._w3c_fields = w3c
        self.client_context = _obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            cl = self.client_context.client
            self.client_context.client = _obj_from_dict(Client, cl) if isinstance(cl, dict) \
                else None
        self.identity = _obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        import time
        delta = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta if delta > 0 else 0

    def w3c(self):
        return dict(self._w3c_fields)

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,"
                "function_name=%s,memory_limit_in_mb=%s,function_version=%s,"
                "invoked_function_arn=%s,client_context=%s,identity=%s,tenant_id=%s])"
                % (self.aws_request_id, self.log_group_name, self.log_stream_name,
                   self.function_name, self.memory_limit_in_mb, self.function_version,
                   self.invoked_function_arn, self.client_context, self.identity,
                   self.tenant_id))


def _parse_json_header(value, name):
    try:
        return _json_loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
                             "Unable to parse %s JSON: %s" % (name, e))


# --------------------------------------------------------------------------
# Handler resolution (awslambdaric.bootstrap._get_handler)
# --------------------------------------------------------------------------

def get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME,
                             "Bad handler '%s': %s" % (handler, e))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.BUILT_IN_MODULE_CONFLICT,
                                 "Cannot use built-in module %s as a handler module" % modname)
        import importlib
        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR,
                             "Unable to import module '%s': %s" % (modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR,
                             "Syntax error in module '%s': %s" % (modname, e), trace)
    try:
        return getattr(m, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND,
                             "Handler '%s' missing on module '%s'" % (fname, modname))


# --------------------------------------------------------------------------
# The loop
# --------------------------------------------------------------------------

def handle_event_request(client, request_handler, headers, body):
    global _current_request_id, _current_tenant_id
    invoke_id = headers.get("lambda-runtime-aws-request-id", "")
    tenant_id = headers.get("lambda-runtime-aws-tenant-id")
    _current_request_id = invoke_id
    _current_tenant_id = tenant_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id is not None:
        _ENV["_X_AMZN_TRACE_ID"] = trace_id
    elif "_X_AMZN_TRACE_ID" in _ENV:
        del _ENV["_X_AMZN_TRACE_ID"]

    error_result = None
    xray = None
    try:
        cc = headers.get("lambda-runtime-client-context")
        ci = headers.get("lambda-runtime-cognito-identity")
        try:
            deadline = int(headers.get("lambda-runtime-deadline-ms") or 0)
        except ValueError:
            deadline = 0
        context = LambdaContext(
            invoke_id,
            _parse_json_header(cc, "Client Context") if cc else None,
            _parse_json_header(ci, "Cognito Identity") if ci else None,
            deadline,
            headers.get("lambda-runtime-invoked-function-arn"),
            tenant_id,
        )
        content_type = headers.get("content-type", "application/json")
        if content_type == "application/json":
            try:
                event = _json_loads(body)
            except Exception as e:
                raise FaultException(FaultException.UNMARSHAL_ERROR,
                                     "Unable to unmarshal input: %s" % e)
        else:
            event = body
        response = request_handler(event, context)
        if isinstance(response, bytes):
            result, result_type = response, "application/unknown"
        else:
            try:
                result, result_type = to_json(response), "application/json"
            except Exception as e:
                raise FaultException(FaultException.MARSHAL_ERROR,
                                     "Unable to marshal response: %s" % e)
    except FaultException as e:
        xray = make_xray_fault("LambdaValidationError", e.msg, os.getcwd(), [])
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        etype, value, tb = sys.exc_info()
        error_result, frames = build_fault_result((etype, value, tb), None, invoke_id)
        xray = make_xray_fault(etype.__name__, str(value), os.getcwd(), frames)
        del tb

    if error_result is not None:
        log_error(error_result)
        try:
            xray_json = _ascii_encoder.encode(xray)
        except Exception:
            xray_json = ""
        client.post_invocation_error(invoke_id, to_json(error_result), xray_json)
    else:
        client.post_invocation_result(invoke_id, result, result_type)


def _prepare():
    """Everything before the Runtime API is reached that user code cannot influence."""
    _setup_sys_path()
    _unbuffer_stdio()
    if "logging" in sys.modules:  # e.g. imported by a .pth file: configure it now
        _configure_logging(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, _LoggingImportHook)


def _run():
    address = _ENV.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        _write_stderr("AWS_LAMBDA_RUNTIME_API is not set\n")
        sys.exit(1)
    client = RuntimeClient(address, _ENV.get("LWB_RUNTIME_API_SOCKET"))
    handler_name = _ENV.get("_HANDLER") or (sys.argv[1] if len(sys.argv) > 1 else "")

    try:
        request_handler = get_handler(handler_name)
    except Exception as e:
        if isinstance(e, FaultException):
            error_result = make_error(e.msg, e.exception_type, e.trace)
        else:
            error_result, _frames = build_fault_result(sys.exc_info())
        _log_warning_direct(_UNHANDLED_WARNING)
        log_error(error_result)
        try:
            client.post_init_error(to_json(error_result), error_result["errorType"])
        except Exception as post_error:
            _write_stderr("[lambda-workbench] could not post init error: %r\n" % (post_error,))
        sys.exit(1)

    while True:
        try:
            headers, body = client.wait_next_invocation()
        except Exception as e:
            _write_stderr("[lambda-workbench] Runtime API unreachable: %s\n" % (e,))
            os._exit(1)
        handle_event_request(client, request_handler, headers, body)


def main():
    fork_server_fd = _ENV.pop("LWB_FORK_SERVER_FD", None)
    if fork_server_fd is not None:
        import lwb_forkserver  # before _prepare() takes our folder off sys.path
    _prepare()
    if fork_server_fd is not None:
        lwb_forkserver.serve(int(fork_server_fd), _become_environment)
    _run()


def _become_environment():
    """In a process forked by the fork server, with this environment's variables set."""
    global _CONTEXT_ENV
    _CONTEXT_ENV = _read_context_env()
    _run()


if __name__ == "__main__":
    main()
