/**
 * The part of the `smpp` package (node-smpp 0.5) that Dabyl uses; the package ships no types.
 * PDU fields are named as in the SMPP 5.0 specification.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    /** Any other field of the command, and its TLVs, by their specification names. */
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    /** False when the socket is not writable (the PDU was not sent). */
    send(pdu: PDU, onResponse?: (pdu: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    deliver_sm(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    enquire_link(options?: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    unbind(options?: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    server?: Server;
  }

  export interface ConnectOptions {
    host: string;
    port: number;
    tls?: boolean;
    auto_enquire_link_period?: number;
    /** Passed on to tls.connect. */
    rejectUnauthorized?: boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  /** The package is CommonJS: Node hands its module.exports over as the default export. */
  const smpp: {
    PDU: new (command: string, options?: Record<string, unknown>) => PDU;
    connect(options: ConnectOptions, onConnect?: () => void): Session;
    createServer(onSession: (session: Session) => void): Server;
  };
  export default smpp;
}
