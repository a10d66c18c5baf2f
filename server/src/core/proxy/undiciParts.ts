// The parts of undici the proxy transport uses, loaded one by one. The
// package's index loads every feature (fetch, WebSocket, caches, mocks, SQLite
// store), which costs a long-running language server about 9 MB of resident
// memory for nothing it calls.
import type * as undici from 'undici';

const DispatcherClass = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
// undici's index installs these API methods on every dispatcher; ProxyAgent
// itself calls connect() to open HTTPS tunnels, so both must be present.
Object.assign(DispatcherClass.prototype, {
  request: require('undici/lib/api/api-request') as unknown,
  connect: require('undici/lib/api/api-connect') as unknown,
});

export const Agent = require('undici/lib/dispatcher/agent') as typeof undici.Agent;
export const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof undici.EnvHttpProxyAgent;
export const Pool = require('undici/lib/dispatcher/pool') as typeof undici.Pool;
export const Client = require('undici/lib/dispatcher/client') as typeof undici.Client;
