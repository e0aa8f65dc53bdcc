// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
// Reports how the runtime reaches the Runtime API: the socket the engine offers, and which
// kinds of socket this process holds (the runtime client's connection is the only one).
const fs = require('fs');

exports.handler = async () => {
  const path = process.env.LWB_RUNTIME_API_SOCKET || '';
  const unix = new Set(
    fs.readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)
      .map((line) => line.trim().split(/\s+/)[6]).filter(Boolean),
  );
  const sockets = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch (e) {
      continue;
    }
    if (target.startsWith('socket:[')) sockets.push(unix.has(target.slice(8, -1)) ? 'unix' : 'other');
  }
  return { socketEnv: path, isSocket: path !== '' && fs.statSync(path).isSocket(), sockets: sockets.sort() };
};
