// Loaded into the web process with `node --import` (package.json start:web, scripts/lib/stack.ts).
// Appends the socket's address to X-Forwarded-For on every incoming request, before Next.js sees
// it: Next keeps a client-sent header untouched, so without this the client would choose the
// address our rate limits key on. lib/http/client-address.ts reads the list from the right.
import http from 'node:http';

const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeer(event, ...args) {
  if (event === 'request') {
    const request = args[0];
    const peer = request?.socket?.remoteAddress;
    if (peer && request.headers) {
      const sent = request.headers['x-forwarded-for'];
      request.headers['x-forwarded-for'] = sent ? `${sent}, ${peer}` : peer;
    }
  }
  return emit.call(this, event, ...args);
};
