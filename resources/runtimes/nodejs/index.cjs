// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
//
// Lambda Workbench runtime interface client for Node.js.
//
// Behaves like aws-lambda-nodejs-runtime-interface-client (the RIC behind the
// managed nodejs runtimes): same handler resolution (CommonJS, ES modules,
// nested folders), same callback / promise / context.succeed semantics with
// callbackWaitsForEmptyEventLoop, same error documents and console format.

'use strict';

// Cold start: this file is CommonJS on purpose. A CommonJS entry point never
// starts the ES module loader (~5 ms of every cold start); handlers that are ES
// modules (.mjs, or .js under "type": "module") get it on demand through
// import(). One file, no `net` (see rawTcpFactory), no process.stdout (see
// writeStdout): before the first /next only builtins Node has already loaded
// are used; `util`, `stream`, `url` are required the first time they are needed.

const fs = require('fs');
const path = require('path');

let utilModule = null;
const util = () => utilModule || (utilModule = require('util'));

// ---------------------------------------------------------------------------
// Runtime API client: minimal keep-alive HTTP/1.1 over one TCP connection.
// One persistent connection, one request at a time, one write per request,
// TCP_NODELAY, no read timeout (GET /next is a long poll and the
// environment may be frozen while it waits). The Runtime API always answers
// with Content-Length, never chunked, so that is all the parser handles.
// The socket is ref'd only while a request is in flight: between invokes it
// must not keep the event loop alive, or callbackWaitsForEmptyEventLoop
// (which waits for 'beforeExit') would never fire.
// ---------------------------------------------------------------------------

// `net` costs ~3 ms of a cold start (it loads all of `stream`, and the first
// connect compiles a good part of it). The client needs one TCP connection and
// four operations, so it uses the libuv TCP handle that `net` itself is built
// on, and falls back to `net` if that is unavailable or not the shape we know
// (another Node.js major, the permission model, --pending-deprecation, which
// would print a warning for process.binding()).
let net = null;
const IP_LITERAL = /^(\d{1,3}\.){3}\d{1,3}$|:/;

function rawTcpFactory() {
  try {
    const force = process.env.LWB_NODEJS_RUNTIME_API_TRANSPORT;
    if (force === 'net') return null;
    if (/--pending-deprecation|--experimental-permission|--permission/.test(
      `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS || ''}`)) return null;
    const { TCP, TCPConnectWrap, constants } = process.binding('tcp_wrap');
    const pipeWrap = process.binding('pipe_wrap');
    const sw = process.binding('stream_wrap');
    const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset } = sw;
    if (typeof TCP !== 'function' || typeof TCPConnectWrap !== 'function' || typeof WriteWrap !== 'function' ||
        !streamBaseState || typeof kReadBytesOrError !== 'number' || typeof kArrayBufferOffset !== 'number' ||
        typeof TCP.prototype.connect !== 'function' || typeof TCP.prototype.writeBuffer !== 'function' ||
        typeof TCP.prototype.readStart !== 'function' || !constants || constants.SOCKET === undefined) {
      return null;
    }
    const UV_EOF = -4095;
    const sysError = (code, syscall, where) => {
      const name = require('util').getSystemErrorName(code);
      const e = new Error(`${syscall} ${name}${where ? ` ${where}` : ''}`);
      e.code = name;
      e.errno = code;
      e.syscall = syscall;
      return e;
    };
    // socketPath: the engine's Unix-domain socket for the same API (LWB_RUNTIME_API_SOCKET).
    return (host, port, onData, onClose, socketPath) => {
      const local = typeof socketPath === 'string' && socketPath !== '' &&
        typeof pipeWrap.Pipe === 'function' && typeof pipeWrap.PipeConnectWrap === 'function';
      if (!local && !IP_LITERAL.test(host)) return null; // a host name needs a DNS lookup: `net` does that
      const handle = local ? new pipeWrap.Pipe(pipeWrap.constants.SOCKET) : new TCP(constants.SOCKET);
      let closed = false;
      const close = (err) => {
        if (closed) return;
        closed = true;
        handle.close();
        onClose(err);
      };
      const writeQueue = [];
      let connected = false;
      const write = (data) => {
        if (closed) return false;
        const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        if (!connected) {
          writeQueue.push(buf);
          return true;
        }
        const req = new WriteWrap();
        req.handle = handle;
        req.buffer = buf; // kept alive until libuv is done with it
        req.oncomplete = (status) => {
          if (status < 0) close(sysError(status, 'write'));
        };
        req.async = false;
        const err = handle.writeBuffer(req, buf);
        if (err) close(sysError(err, 'write'));
        return true;
      };
      handle.onread = (arrayBuffer) => {
        const nread = streamBaseState[kReadBytesOrError];
        if (nread > 0) {
          if (!closed) onData(Buffer.from(arrayBuffer, streamBaseState[kArrayBufferOffset], nread));
        } else if (nread < 0) {
          close(nread === UV_EOF ? null : sysError(nread, 'read'));
        }
      };
      const where = local ? socketPath : `${host}:${port}`;
      const req = local ? new pipeWrap.PipeConnectWrap() : new TCPConnectWrap();
      req.oncomplete = (status) => {
        if (closed) return;
        if (status < 0) return close(sysError(status, 'connect', where));
        connected = true;
        if (!local) handle.setNoDelay(true);
        const err = handle.readStart();
        if (err) return close(sysError(err, 'read'));
        for (const buf of writeQueue.splice(0)) write(buf);
      };
      let err;
      if (local) {
        req.address = socketPath;
        err = handle.connect(req, socketPath);
      } else {
        req.address = host;
        req.port = port;
        err = host.includes(':') ? handle.connect6(req, host, port) : handle.connect(req, host, port);
      }
      if (err) {
        // Reported asynchronously, like `net` does.
        process.nextTick(() => close(sysError(err, 'connect', where)));
      }
      return {
        write,
        ref: () => handle.ref(),
        unref: () => handle.unref(),
        destroy: () => {
          if (!closed) {
            closed = true;
            handle.close();
          }
        },
      };
    };
  } catch (_e) {
    return null;
  }
}
const rawTcp = rawTcpFactory();

const API = '/2018-06-01/runtime';
const CRLFCRLF = Buffer.from('\r\n\r\n');

class RapidClient {
  constructor(address, socketPath) {
    // The engine's Unix-domain socket for the same API (LWB_RUNTIME_API_SOCKET): no TCP on
    // either end. The Host header still names AWS_LAMBDA_RUNTIME_API, which stays the fallback.
    this.socketPath = socketPath || null;
    this.localWorked = false;
    let host;
    let port;
    const i = address.lastIndexOf(':');
    host = address.slice(0, i);
    port = parseInt(address.slice(i + 1), 10);
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    this.host = host;
    this.port = port;
    this.hostHeader = address;
    this.socket = null;
    this.pending = null;
    this.nextSent = false;
    this.chunks = [];
    this.length = 0;
    this.userAgent = `aws-lambda-nodejs/${process.version}-lwb`;
    this.nextRequest = Buffer.from(
      `GET ${API}/invocation/next HTTP/1.1\r\nHost: ${address}\r\nUser-Agent: ${this.userAgent}\r\n\r\n`,
      'latin1',
    );
  }

  _connect() {
    // Events of a connection that has since been replaced are ignored.
    let s = null;
    const local = this.socketPath;
    const onData = (chunk) => {
      if (this.socket === s) {
        if (local) this.localWorked = true;
        this._onData(chunk);
      }
    };
    const onClose = (err) => {
      if (this.socket !== s) return;
      // A socket that never answered: use TCP from now on (the retry below reconnects).
      if (local && !this.localWorked) this.socketPath = null;
      this._onClose(err);
    };
    s = rawTcp === null ? null : rawTcp(this.host, this.port, onData, onClose, local);
    if (s === null) {
      const n = net || (net = require('net'));
      s = local ? n.connect({ path: local }) : n.connect({ host: this.host, port: this.port, noDelay: true });
      if (!local) s.setNoDelay(true);
      s.on('data', onData);
      s.on('error', onClose);
      s.on('close', () => onClose(null));
    }
    this.socket = s;
    this.chunks = [];
    this.length = 0;
  }

  _onClose(err) {
    if (this.socket === null) return;
    this.socket = null;
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    if (this.length === 0 && p.retry) {
      // Idle keep-alive connection closed by the server: try once more.
      p.retry = false;
      this._send(p);
      return;
    }
    p.reject(err || new Error('Runtime API closed the connection'));
  }

  _onData(chunk) {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const p = this.pending;
    if (p === null) return;
    const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    this.chunks = [buf];
    if (p.headerEnd < 0) {
      const end = buf.indexOf(CRLFCRLF);
      if (end < 0) return;
      p.headerEnd = end;
      const lines = buf.toString('utf8', 0, end).split('\r\n');
      p.status = parseInt(lines[0].split(' ')[1], 10);
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const c = line.indexOf(':');
        if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
      }
      p.headers = headers;
      p.bodyLength = parseInt(headers['content-length'] || '0', 10);
    }
    const start = p.headerEnd + 4;
    if (buf.length < start + p.bodyLength) return;
    const body = buf.subarray(start, start + p.bodyLength);
    const rest = buf.subarray(start + p.bodyLength);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    this.pending = null;
    if (this.socket) {
      this.socket.unref();
      if ((p.headers.connection || '').toLowerCase() === 'close') {
        const s = this.socket;
        this.socket = null;
        s.destroy();
      }
    }
    p.resolve({ status: p.status, headers: p.headers, body });
  }

  _send(p) {
    if (this.socket === null) this._connect();
    p.headerEnd = -1;
    this.chunks = [];
    this.length = 0;
    this.pending = p;
    this.socket.ref();
    this.socket.write(p.data);
  }

  _request(data) {
    return new Promise((resolve, reject) => {
      this._send({ data, resolve, reject, retry: true, headerEnd: -1 });
    });
  }

  // The answer to a GET /next already sent behind a POST (pipelined): wait for it without
  // writing; if the connection drops first, _onClose sends the GET again.
  _awaitNext() {
    return new Promise((resolve, reject) => {
      if (this.socket === null) {
        this._send({ data: this.nextRequest, resolve, reject, retry: true, headerEnd: -1 });
        return;
      }
      this.pending = { data: this.nextRequest, resolve, reject, retry: true, headerEnd: -1 };
      this.socket.ref();
      if (this.length > 0) this._onData(Buffer.alloc(0));
    });
  }

  // thenNext: ask for the next event in the same write (the Runtime API answers the 202
  // together with that event: one write and one wake-up per invocation).
  _post(path, body, headers, thenNext) {
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    let head = `POST ${API}${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nUser-Agent: ${this.userAgent}\r\n`;
    for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
    head += `Content-Length: ${payload.length}\r\n\r\n`;
    const headBuf = Buffer.from(head, 'latin1');
    const parts = thenNext ? [headBuf, payload, this.nextRequest] : [headBuf, payload];
    const request = this._request(Buffer.concat(parts));
    if (thenNext) this.nextSent = true;
    return request.then(
      (res) => {
        if (res.status < 200 || res.status > 299) {
          process.stderr.write(
            `[lambda-workbench] POST ${path} answered HTTP ${res.status}: ${res.body.toString('utf8', 0, 512)}\n`,
          );
        }
        return res;
      },
    );
  }

  async nextInvocation() {
    let res;
    if (this.nextSent) {
      this.nextSent = false;
      res = await this._awaitNext();
    } else {
      res = await this._request(this.nextRequest);
    }
    if (res.status !== 200) {
      throw new Error(
        `Failed to get next invocation: HTTP ${res.status} ${res.body.toString('utf8', 0, 512)}`,
      );
    }
    return { bodyJson: res.body.toString('utf8'), headers: res.headers };
  }

  postInvocationResponse(bodyString, id) {
    return this._post(
      `/invocation/${encodeURIComponent(id)}/response`,
      bodyString,
      { 'Content-Type': 'application/json' },
      true,
    );
  }

  postInvocationError(bodyString, id, xray) {
    const headers = { 'Content-Type': 'application/json' };
    if (xray && xray.length < 1024 * 1024) headers['Lambda-Runtime-Function-XRay-Error-Cause'] = xray;
    return this._post(`/invocation/${encodeURIComponent(id)}/error`, bodyString, headers, true);
  }

  postInitError(bodyString, errorType) {
    return this._post('/init/error', bodyString, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Function-Error-Type': errorType,
    });
  }

  /**
   * Streaming response: chunked POST with the streaming response-mode header.
   * Returns {write(buf), end(trailers)} writing straight to the socket; the
   * promise `done` resolves with the Runtime API's answer.
   */
  openStream(id, contentType) {
    const head =
      `POST ${API}/invocation/${encodeURIComponent(id)}/response HTTP/1.1\r\n` +
      `Host: ${this.hostHeader}\r\nUser-Agent: ${this.userAgent}\r\n` +
      `Content-Type: ${contentType}\r\n` +
      'Lambda-Runtime-Function-Response-Mode: streaming\r\n' +
      'Transfer-Encoding: chunked\r\n' +
      'Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n';
    let resolveDone;
    let rejectDone;
    const done = new Promise((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    this._send({ data: Buffer.from(head, 'latin1'), resolve: resolveDone, reject: rejectDone, retry: false, headerEnd: -1 });
    const socket = this.socket;
    return {
      done,
      write: (buf) => {
        if (buf.length === 0) return true;
        return socket.write(Buffer.concat([Buffer.from(buf.length.toString(16) + '\r\n'), buf, Buffer.from('\r\n')]));
      },
      end: (trailers) => {
        let t = '0\r\n';
        if (trailers) for (const k in trailers) t += `${k}: ${trailers[k]}\r\n`;
        socket.write(t + '\r\n');
      },
    };
  }
}

// ---------------------------------------------------------------------------
// Errors (src/Errors.js)
// ---------------------------------------------------------------------------

function isErrorLike(obj) {
  return (
    obj &&
    obj.name &&
    obj.message &&
    obj.stack &&
    typeof obj.name === 'string' &&
    typeof obj.message === 'string' &&
    typeof obj.stack === 'string'
  );
}

function intoError(err) {
  return err instanceof Error ? err : new Error(err);
}

function toRapidResponse(error) {
  try {
    if (util().types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch (_err) {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function withEnumerableProperties(error) {
  if (error instanceof Error) {
    const ret = Object.assign({ errorType: error.name, errorMessage: error.message, code: error.code }, error);
    if (typeof error.stack === 'string') ret.stack = error.stack.split('\n');
    return ret;
  }
  return error;
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch (_err) {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function defineError(name, ctor) {
  const cls =
    ctor ||
    class extends Error {};
  Object.defineProperty(cls, 'name', { value: name });
  cls.prototype.name = `Runtime.${name}`;
  return cls;
}

const ImportModuleError = defineError('ImportModuleError');
const HandlerNotFound = defineError('HandlerNotFound');
const MalformedHandlerName = defineError('MalformedHandlerName');
const UserCodeSyntaxError = defineError('UserCodeSyntaxError');
const MalformedStreamingHandler = defineError('MalformedStreamingHandler');
const InvalidStreamingOperation = defineError('InvalidStreamingOperation');
const UnhandledPromiseRejection = defineError(
  'UnhandledPromiseRejection',
  class extends Error {
    constructor(reason, promise) {
      super(reason);
      this.reason = reason;
      this.promise = promise;
    }
  },
);
const NodeJsExit = defineError(
  'NodeJsExit',
  class extends Error {
    constructor() {
      super(
        'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
      );
    }
  },
);

function serialize(body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch (_err) {
    throw new Error('Unable to stringify response body');
  }
}

function xrayCause(error) {
  try {
    const stack = [];
    const paths = [];
    if (error && typeof error.stack === 'string') {
      for (const line of error.stack.split('\n').slice(1)) {
        const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):\d+\)?$/.exec(line);
        if (!m) continue;
        const p = m[2].replace(/^file:\/\//, '');
        stack.push({ path: p, line: parseInt(m[3], 10), label: m[1] || 'anonymous' });
        if (!paths.includes(p)) paths.push(p);
      }
    }
    return JSON.stringify({
      working_directory: process.cwd(),
      exceptions: [{ type: error?.name ?? typeof error, message: error?.message ?? String(error), stack }],
      paths,
    });
  } catch (_e) {
    return '';
  }
}

// ---------------------------------------------------------------------------
// Console patch (src/LogPatch.js)
// ---------------------------------------------------------------------------

const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
const LEVELS = Object.freeze({
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
});
const JSON_FORMAT = (process.env.AWS_LAMBDA_LOG_FORMAT || '').toUpperCase() === 'JSON';

function jsonErrorReplacer(_k, value) {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value?.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
}

function formatJsonMessage(requestId, timestamp, level, ...params) {
  const result = { timestamp, level: level.name, requestId };
  const tenantId = globalThis[TENANT_ID];
  if (tenantId !== undefined && tenantId !== null) result.tenantId = tenantId;
  if (params.length === 1) {
    result.message = params[0];
    try {
      return JSON.stringify(result, jsonErrorReplacer);
    } catch (_) {
      result.message = util().format(result.message);
      return JSON.stringify(result);
    }
  }
  result.message = util().format(...params);
  for (const param of params) {
    if (param instanceof Error) {
      result.errorType = param?.constructor?.name ?? 'UnknownError';
      result.errorMessage = param.message;
      result.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
      break;
    }
  }
  return JSON.stringify(result);
}

// Log lines go straight to fd 1 with a blocking write. process.stdout on a pipe
// is a net.Socket: its first use would load `net` and `stream` (~3 ms) in the
// middle of the function's first invoke. Writes to a pipe are synchronous in
// Node on Linux anyway. If fd 1 turns out non-blocking (user code has touched
// process.stdout, which makes libuv switch the pipe to O_NONBLOCK) and is full,
// or any other error, the rest goes through process.stdout like before.
let stdoutFallback = false;

function writeStdout(line) {
  if (stdoutFallback) {
    process.stdout.write(line);
    return;
  }
  const buf = Buffer.from(line, 'utf8');
  let offset = 0;
  try {
    while (offset < buf.length) offset += fs.writeSync(1, buf, offset);
  } catch (_e) {
    stdoutFallback = true;
    process.stdout.write(buf.subarray(offset));
  }
}

function logText(level, message, ...params) {
  const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level.name}\t${util().format(message, ...params)}`;
  writeStdout(line.replace(/\n/g, '\r') + '\n');
}

function logJson(level, message, ...params) {
  const line = formatJsonMessage(globalThis[REQUEST_ID], new Date().toISOString(), level, message, ...params);
  writeStdout(line.replace(/\n/g, '\r') + '\n');
}

function patchConsole() {
  const log = JSON_FORMAT ? logJson : logText;
  const nop = () => {};
  const min = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] ?? LEVELS.TRACE;
  const mk = (level) => (level.priority >= min.priority ? (msg, ...p) => log(level, msg, ...p) : nop);
  console.trace = mk(LEVELS.TRACE);
  console.debug = mk(LEVELS.DEBUG);
  console.info = mk(LEVELS.INFO);
  console.log = console.info;
  console.warn = mk(LEVELS.WARN);
  console.error = mk(LEVELS.ERROR);
  console.fatal = (msg, ...p) => log(LEVELS.FATAL, msg, ...p);
}

function logError(msg, err) {
  if (JSON_FORMAT) console.error(intoError(err));
  else console.error(msg, toFormatted(intoError(err)));
}

// ---------------------------------------------------------------------------
// Handler loading (src/UserFunction.js)
// ---------------------------------------------------------------------------

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

function hasPackageJsonTypeModule(folder) {
  for (;;) {
    if (folder.endsWith('/node_modules')) return false;
    const pj = path.join(folder, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(pj));
        if (pkg) return pkg.type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (folder === '/' || folder === path.dirname(folder)) return false;
    folder = path.dirname(folder);
  }
}

function tryRequireFile(file, ext) {
  const p = file + (ext || '');
  return fs.existsSync(p) ? require(p) : undefined;
}

async function tryImport(file, ext) {
  const p = file + (ext || '');
  return fs.existsSync(p) ? await import(require('url').pathToFileURL(p).href) : undefined;
}

async function tryLoad(appRoot, moduleRoot, module) {
  const lambdaStylePath = path.resolve(appRoot, moduleRoot, module);
  const extensionless = tryRequireFile(lambdaStylePath);
  if (extensionless) return extensionless;
  const pjHasModule = hasPackageJsonTypeModule(path.dirname(lambdaStylePath));
  if (!pjHasModule) {
    const loaded = tryRequireFile(lambdaStylePath, '.js');
    if (loaded) return loaded;
  }
  const loaded =
    (pjHasModule && (await tryImport(lambdaStylePath, '.js'))) ||
    (await tryImport(lambdaStylePath, '.mjs')) ||
    tryRequireFile(lambdaStylePath, '.cjs');
  if (loaded) return loaded;
  // Node-style resolution relative to the task root (e.g. a package in node_modules).
  return require(require.resolve(module, { paths: [appRoot, moduleRoot] }));
}

async function loadUserApp(appRoot, moduleRoot, module) {
  try {
    return await tryLoad(appRoot, moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    if (e && e.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e);
    throw e;
  }
}

async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerString = path.basename(fullHandlerString);
  const moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) throw new MalformedHandlerName('Bad handler');
  const [, module, handlerPath] = match;
  const app = await loadUserApp(appRoot, moduleRoot, module);
  const fn = handlerPath.split('.').reduce((nested, key) => nested && nested[key], app);
  if (!fn) throw new HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${fullHandlerString} is not a function`);
  return fn;
}

function handlerMetadata(fn) {
  let streaming = false;
  const mark = fn[HANDLER_STREAMING];
  if (mark !== undefined && mark !== null && mark !== false) {
    if (mark !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
    streaming = true;
  }
  const hwm = parseInt(fn[HANDLER_HIGHWATERMARK]);
  let isAsync = false;
  try {
    isAsync = fn.constructor && fn.constructor.name === 'AsyncFunction';
  } catch (_e) {
    isAsync = false;
  }
  return { streaming, highWaterMark: isNaN(hwm) ? undefined : hwm, isAsync };
}

// ---------------------------------------------------------------------------
// Streaming helpers (awslambda.streamifyResponse / HttpResponseStream)
// ---------------------------------------------------------------------------

const METADATA_PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER_LEN = 8;

class HttpResponseStream {
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType(METADATA_PRELUDE_CONTENT_TYPE);
    const metadataPrelude = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadataPrelude);
      write(new Uint8Array(DELIMITER_LEN));
    };
    return underlyingStream;
  }
}

function installGlobalAwsLambda() {
  const off = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  globalThis.awslambda = {
    streamifyResponse: (handler, options) => {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
}

async function createResponseStream(client, id, highWaterMark) {
  const { Writable } = require('stream');
  let contentType = 'application/octet-stream';
  let sink = null;
  const open = () => {
    if (sink === null) sink = client.openStream(id, contentType);
    return sink;
  };
  const stream = new Writable({
    highWaterMark,
    write(chunk, encoding, cb) {
      const s = open();
      if (typeof stream._onBeforeFirstWrite === 'function') {
        const before = stream._onBeforeFirstWrite;
        stream._onBeforeFirstWrite = null;
        before((c) => s.write(Buffer.isBuffer(c) ? c : Buffer.from(c)));
      }
      s.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      cb();
    },
    final(cb) {
      const s = open();
      if (typeof stream._onBeforeFirstWrite === 'function') {
        const before = stream._onBeforeFirstWrite;
        stream._onBeforeFirstWrite = null;
        before((c) => s.write(Buffer.isBuffer(c) ? c : Buffer.from(c)));
      }
      s.end();
      cb();
    },
  });
  stream.setContentType = (ct) => {
    if (sink !== null) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    contentType = ct;
  };
  const fail = (err) => {
    const s = open();
    const body = Buffer.from(serialize(toRapidResponse(err))).toString('base64');
    s.end({
      'Lambda-Runtime-Function-Error-Type': toRapidResponse(err).errorType,
      'Lambda-Runtime-Function-Error-Body': body,
    });
  };
  return { stream, done: () => (sink ? sink.done : Promise.resolve()), fail };
}

// ---------------------------------------------------------------------------
// The runtime loop (src/Runtime.js, CallbackContext.js, InvokeContext.js)
// ---------------------------------------------------------------------------

const BEFORE_EXIT = Symbol.for('aws.lambda.beforeExit');
const NO_OP = () => {};
const beforeExit = {
  invoke: () => globalThis[BEFORE_EXIT](),
  reset: () => (globalThis[BEFORE_EXIT] = NO_OP),
  set: (fn) => (globalThis[BEFORE_EXIT] = fn),
};

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

// The environment's identity, set by the engine before the runtime starts and fixed for its
// life: read once (each process.env read is a call into C++ and a getenv).
let contextEnv = null;

function buildContext(headers, callbackContext) {
  const xray = headers['lambda-runtime-trace-id'];
  if (xray) process.env._X_AMZN_TRACE_ID = xray;
  else delete process.env._X_AMZN_TRACE_ID;
  const deadline = headers['lambda-runtime-deadline-ms'];
  if (contextEnv === null) {
    contextEnv = {
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    };
  }
  return Object.assign(
    callbackContext,
    contextEnv,
    {
      clientContext: parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
      identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
      invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
      awsRequestId: headers['lambda-runtime-aws-request-id'],
      tenantId: headers['lambda-runtime-aws-tenant-id'],
      getRemainingTimeInMillis: function () {
        return deadline - Date.now();
      },
    },
  );
}

class Runtime {
  constructor(client, handler, metadata, errorCallbacks) {
    this.client = client;
    this.handler = handler;
    this.metadata = metadata;
    this.errorCallbacks = errorCallbacks;
    this.scheduleIteration = this.scheduleIteration.bind(this);
  }

  scheduleIteration() {
    setImmediate(() => {
      const once = this.metadata.streaming ? this.handleOnceStreaming() : this.handleOnce();
      once.then(NO_OP, (err) => {
        console.log(`Unexpected Top Level Error: ${err.toString()}`);
        this.errorCallbacks.uncaughtException(err);
      });
    });
  }

  postError(err, id, next) {
    logError('Invoke Error', err);
    const body = serialize(toRapidResponse(err));
    this.client.postInvocationError(body, id, xrayCause(err)).then(next, (e) => this.fatal(e));
  }

  fatal(err) {
    process.stderr.write(`[lambda-workbench] Runtime API unreachable: ${err && err.message}\n`);
    process.exit(1);
  }

  buildCallbackContext(id) {
    const client = this.client;
    const next = this.scheduleIteration;
    let isCompleteInvoked = false;
    let waitForEmptyEventLoop = true;
    const complete = (result) => {
      if (isCompleteInvoked) {
        console.error(
          'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
        );
        return;
      }
      const body = serialize(result); // throws before anything is sent
      isCompleteInvoked = true;
      client.postInvocationResponse(body, id).then(next, (e) => this.fatal(e));
    };
    const callback = (err, result) => {
      beforeExit.reset();
      if (err !== undefined && err !== null) {
        this.postError(err, id, next);
      } else if (!waitForEmptyEventLoop) {
        complete(result);
      } else {
        beforeExit.set(() => setImmediate(() => complete(result)));
      }
    };
    const done = (err, result) => {
      beforeExit.reset();
      if (err !== undefined && err !== null) this.postError(err, id, next);
      else complete(result);
    };
    const ctx = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
      succeed: (result) => done(null, result),
      fail: (err) => (err === undefined || err === null ? done('handled') : done(err, null)),
      done,
    };
    // Only the first of callback / succeed / fail / done counts.
    let finished = false;
    const once = (fn) =>
      function () {
        if (!finished) {
          fn.apply(null, arguments);
          finished = true;
        }
      };
    ctx.succeed = once(ctx.succeed);
    ctx.fail = once(ctx.fail);
    ctx.done = once(ctx.done);
    return [once(callback), ctx, () => (isCompleteInvoked = true)];
  }

  setErrorCallbacks(id) {
    this.errorCallbacks.uncaughtException = (error) => {
      this.client.postInvocationError(serialize(toRapidResponse(error)), id, xrayCause(error)).finally(() => process.exit(129));
    };
    this.errorCallbacks.unhandledRejection = (error) => {
      this.client.postInvocationError(serialize(toRapidResponse(error)), id, xrayCause(error)).finally(() => process.exit(128));
    };
  }

  async next() {
    try {
      return await this.client.nextInvocation();
    } catch (err) {
      this.fatal(err);
    }
  }

  async handleOnce() {
    const { bodyJson, headers } = await this.next();
    const id = headers['lambda-runtime-aws-request-id'];
    globalThis[REQUEST_ID] = id;
    globalThis[TENANT_ID] = headers['lambda-runtime-aws-tenant-id'];
    const [callback, callbackContext, markCompleted] = this.buildCallbackContext(id);
    try {
      this.setErrorCallbacks(id);
      const isAsync = this.metadata.isAsync;
      beforeExit.set(() => {
        markCompleted();
        if (isAsync) {
          const err = new NodeJsExit();
          logError('Invoke Error', err);
          this.client
            .postInvocationError(serialize(toRapidResponse(err)), id, xrayCause(err))
            .then(this.scheduleIteration, (e) => this.fatal(e));
        } else {
          this.client.postInvocationResponse('null', id).then(this.scheduleIteration, (e) => this.fatal(e));
        }
      });
      const result = this.handler(JSON.parse(bodyJson), buildContext(headers, callbackContext), callback);
      if (result && typeof result.then === 'function') {
        result.then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail);
      }
    } catch (err) {
      callback(err);
    }
  }

  async handleOnceStreaming() {
    const { bodyJson, headers } = await this.next();
    const id = headers['lambda-runtime-aws-request-id'];
    globalThis[REQUEST_ID] = id;
    globalThis[TENANT_ID] = headers['lambda-runtime-aws-tenant-id'];
    const { stream, done, fail } = await createResponseStream(this.client, id, this.metadata.highWaterMark);
    const finish = () => done().then(this.scheduleIteration, (e) => this.fatal(e));
    try {
      this.setErrorCallbacks(id);
      beforeExit.set(this.scheduleIteration);
      const ctx = buildContext(headers, {});
      const res = this.handler(JSON.parse(bodyJson), stream, ctx);
      if (!res || typeof res.then !== 'function') {
        logError('Invoke Error', new Error('Streaming does not support non-async handlers.'));
        fail(new Error('Streaming does not support non-async handlers.'));
        return finish();
      }
      const value = await res;
      if (value !== undefined) console.warn('Streaming handlers ignore return values.');
      if (!stream.writableFinished) {
        await new Promise((resolve) => {
          if (stream.writableFinished) return resolve();
          stream.once('finish', resolve);
          stream.once('error', resolve);
          setImmediate(() => {
            if (!stream.writableEnded) {
              fail(new Error('Response stream is not finished.'));
              resolve();
            }
          });
        });
      }
      return finish();
    } catch (err) {
      logError('Invoke Error', err);
      fail(err);
      return finish();
    }
  }
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

function addLayerPaths() {
  const dirs = process.env.LWB_LAYER_DIRS;
  if (!dirs) return;
  const major = process.versions.node.split('.')[0];
  const extra = [];
  for (const d of dirs.split(':').filter(Boolean).reverse()) {
    extra.push(`${d}/nodejs/node${major}/node_modules`, `${d}/nodejs/node_modules`);
  }
  process.env.NODE_PATH = [...extra, process.env.NODE_PATH || ''].filter(Boolean).join(':');
  require('module')._initPaths();
}

async function main() {
  patchConsole();
  addLayerPaths();
  const address = process.env.AWS_LAMBDA_RUNTIME_API;
  if (!address) {
    process.stderr.write('AWS_LAMBDA_RUNTIME_API is not set\n');
    process.exit(1);
  }
  const client = new RapidClient(address, process.env.LWB_RUNTIME_API_SOCKET);
  const errorCallbacks = {
    uncaughtException: (error) => {
      const e = toRapidResponse(error);
      client.postInitError(serialize(e), e.errorType).finally(() => process.exit(129));
    },
    unhandledRejection: (error) => {
      const e = toRapidResponse(error);
      client.postInitError(serialize(e), e.errorType).finally(() => process.exit(128));
    },
  };
  process.on('uncaughtException', (error) => {
    logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new UnhandledPromiseRejection(reason, promise);
    logError('Unhandled Promise Rejection', error);
    errorCallbacks.unhandledRejection(error);
  });
  beforeExit.reset();
  process.on('beforeExit', beforeExit.invoke);

  installGlobalAwsLambda();
  const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const handlerString = process.env._HANDLER || process.argv[2] || '';
  let handler;
  let metadata;
  try {
    handler = await loadHandler(appRoot, handlerString);
    metadata = handlerMetadata(handler);
  } catch (err) {
    // Same path as the official client, where the rejection of run() surfaces
    // as an uncaught exception: logged, posted to /init/error, exit 129.
    logError('Uncaught Exception', err);
    errorCallbacks.uncaughtException(err);
    return;
  }
  new Runtime(client, handler, metadata, errorCallbacks).scheduleIteration();
}

main();
