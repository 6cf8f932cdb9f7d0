import { Socket, connect } from 'node:net';

export type RawResponse = { status: number; headers: Record<string, string> };

/**
 * A request whose headers and first half of the body are on the wire, the rest held back: the
 * server has started on it and cannot finish until `finish()` sends the remainder.
 */
export class HalfSentRequest {
  private readonly socket: Socket;
  private readonly received: Promise<string>;
  private readonly rest: string;

  constructor(port: number, path: string, headers: Record<string, string>, body: unknown) {
    const json = JSON.stringify(body);
    const half = Math.floor(json.length / 2);
    this.rest = json.slice(half);
    this.socket = connect(port, '127.0.0.1');
    let text = '';
    this.received = new Promise((resolve, reject) => {
      this.socket.on('data', (chunk) => {
        text += chunk.toString();
        if (complete(text)) resolve(text);
      });
      this.socket.on('end', () => resolve(text));
      this.socket.on('close', () => resolve(text));
      this.socket.on('error', reject);
    });
    const head = Object.entries({
      Host: `127.0.0.1:${port}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(json)),
      ...headers,
    })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    this.socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n${json.slice(0, half)}`);
  }

  /** Sends the rest of the body and reads the response (status and headers). */
  async finish(): Promise<RawResponse> {
    this.socket.write(this.rest);
    const text = await this.received;
    this.socket.destroy();
    const [head = ''] = text.split('\r\n\r\n');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    return { status: Number(statusLine.split(' ')[1] ?? 0), headers };
  }
}

function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
  return end >= 0 && length !== undefined && Buffer.byteLength(text.slice(end + 4)) >= Number(length);
}

/** Whether a new TCP connection to the port is refused right now. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
