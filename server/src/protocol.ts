// The custom messages between the language server and its VS Code client, in
// one place so both sides use the same shapes. Free of any editor import.

/** Notification `goModHygiene/status`: the result of the last check of one go.mod. */
export const STATUS_NOTIFICATION = 'goModHygiene/status';

export interface StatusReport {
  uri: string;
  state: 'checking' | 'done' | 'error';
  updates: number;
  problems: number;
  /** The GOPROXY list in use, as the server describes it (credentials masked). */
  proxy: string;
  message?: string;
}

/** Request `goModHygiene/explainConfiguration` {uri} -> {markdown}. */
export const EXPLAIN_REQUEST = 'goModHygiene/explainConfiguration';
