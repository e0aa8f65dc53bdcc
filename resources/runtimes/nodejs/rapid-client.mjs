// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
//
// Minimal keep-alive HTTP/1.1 client for the Runtime API over `net`.
// One persistent connection, one request at a time, one write per request,
// TCP_NODELAY, no read timeout (GET /next is a long poll and the
// environment may be frozen while it waits). The Runtime API always answers
// with Content-Length, never chunked, so that is all the parser handles.
// The socket is ref'd only while a request is in flight: between invokes it
// must not keep the event loop alive, or callbackWaitsForEmptyEventLoop
// (which waits for 'beforeExit') would never fire.

import net from 'node:net';

const API = '/2018-06-01/runtime';
const CRLFCRLF = Buffer.from('\r\n\r\n');

export class RapidClient {
  constructor(address) {
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
    this.chunks = [];
    this.length = 0;
    this.userAgent = `aws-lambda-nodejs/${process.version}-lwb`;
    this.nextRequest = Buffer.from(
      `GET ${API}/invocation/next HTTP/1.1\r\nHost: ${address}\r\nUser-Agent: ${this.userAgent}\r\n\r\n`,
      'latin1',
    );
  }

  _connect() {
    const s = net.connect({ host: this.host, port: this.port, noDelay: true });
    s.setNoDelay(true);
    s.on('data', (chunk) => this._onData(chunk));
    s.on('error', (err) => this._onClose(err));
    s.on('close', () => this._onClose(null));
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

  _post(path, body, headers) {
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    let head = `POST ${API}${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nUser-Agent: ${this.userAgent}\r\n`;
    for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
    head += `Content-Length: ${payload.length}\r\n\r\n`;
    const headBuf = Buffer.from(head, 'latin1');
    return this._request(Buffer.concat([headBuf, payload], headBuf.length + payload.length)).then(
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
    const res = await this._request(this.nextRequest);
    if (res.status !== 200) {
      throw new Error(
        `Failed to get next invocation: HTTP ${res.status} ${res.body.toString('utf8', 0, 512)}`,
      );
    }
    return { bodyJson: res.body.toString('utf8'), headers: res.headers };
  }

  postInvocationResponse(bodyString, id) {
    return this._post(`/invocation/${encodeURIComponent(id)}/response`, bodyString, {
      'Content-Type': 'application/json',
    });
  }

  postInvocationError(bodyString, id, xray) {
    const headers = { 'Content-Type': 'application/json' };
    if (xray && xray.length < 1024 * 1024) headers['Lambda-Runtime-Function-XRay-Error-Cause'] = xray;
    return this._post(`/invocation/${encodeURIComponent(id)}/error`, bodyString, headers);
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
