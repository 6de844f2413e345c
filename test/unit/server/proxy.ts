import net from 'node:net';

/**
 * A TCP proxy in front of the team server that breaks connections on purpose:
 * it forwards bytes as they are, one request per connection (it adds
 * `Connection: close`, so a response is everything the server sends back),
 * and a rule may cut a request's response after some bytes or drop it whole.
 * The client sees what it would see when its network dies: a reset socket.
 */
export type Fault = { cutAfterBytes: number } | { dropReply: true } | undefined;

export interface FaultyProxy {
  url: string;
  /** Every request line that went through, in order ("GET /sync/pull?after=0&limit=500"). */
  readonly requests: string[];
  /** Decides each request's fault; the default passes everything. */
  rule: (requestLine: string) => Fault;
  /** Resets every open connection now (a client killed mid-request). */
  killAll(): void;
  /** Points the proxy at another upstream port (a restarted server). */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function faultyProxy(upstreamPort: number): Promise<FaultyProxy> {
  const open = new Set<net.Socket>();
  let target = upstreamPort;
  const proxy: FaultyProxy = {
    url: '',
    requests: [],
    rule: () => undefined,
    killAll() {
      for (const s of open) s.resetAndDestroy();
    },
    retarget(port) {
      target = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.killAll();
        server.close(() => resolve());
      }),
  };

  const server = net.createServer((client) => {
    open.add(client);
    const upstream = net.connect(target, '127.0.0.1');
    open.add(upstream);
    let first = true;
    let fault: Fault;
    let sent = 0;
    const kill = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (first) {
        first = false;
        const text = chunk.toString('latin1');
        const end = text.indexOf('\r\n');
        const line = text.slice(0, end).replace(/ HTTP\/1\.[01]$/, '');
        proxy.requests.push(line);
        fault = proxy.rule(line);
        chunk = Buffer.from(`${text.slice(0, end + 2)}Connection: close\r\n${text.slice(end + 2).replace(/^connection:[^\r]*\r\n/gim, '')}`, 'latin1');
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (fault && 'dropReply' in fault) return kill();
      if (fault && 'cutAfterBytes' in fault && sent + chunk.length > fault.cutAfterBytes) {
        client.write(chunk.subarray(0, Math.max(0, fault.cutAfterBytes - sent)), () => kill());
        sent = fault.cutAfterBytes;
        return;
      }
      sent += chunk.length;
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.on('end', () => upstream.end());
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', forget);
    upstream.on('close', () => {
      forget();
      if (!client.destroyed) client.end();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return proxy;
}
