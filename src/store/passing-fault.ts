/*
 * Whether a failure of a database call will pass by itself: the connection dropped or was refused,
 * the server is restarting or short of resources, a lock or a statement timed out, two
 * transactions collided, SQLite's file was busy. Such a failure says nothing about what was asked,
 * so the work is tried again; anything else (a constraint, a syntax error, a bug) is an answer and
 * trying again gives the same one.
 */

/** PostgreSQL SQLSTATE classes that pass: connection exception, transaction rollback (serialisation,
 * deadlock), insufficient resources, operator intervention (shutdown, cancel, statement timeout). */
const PASSING_CLASSES = new Set(['08', '40', '53', '57']);
/** Single codes outside those classes: lock not available, and the server's idle-session limits. */
const PASSING_STATES = new Set(['55P03', '25P03', '57P05']);
/** Node's socket failures when the server is away. */
const PASSING_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
/** SQLite: the file is being written by another connection, or the disk said no for now. */
const PASSING_SQLITE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|PROTOCOL)/;

/** The `pg` pool's and client's own words when no connection can be had or it went away. */
const PASSING_PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end on the pool',
];

export function isPassingStoreFault(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code) && (PASSING_CLASSES.has(code.slice(0, 2)) || PASSING_STATES.has(code)))
      return true;
    if (PASSING_SOCKET.has(code) || PASSING_SQLITE.test(code)) return true;
  }
  return PASSING_PG_MESSAGES.some((m) => err.message.includes(m));
}
