import type { WebSocket } from 'ws';
import type { LiveServerMessage } from '../lib/sync/api';

/**
 * The live channel's subscribers per team: after a push commits, each open
 * socket of that team gets a short "team changed at seq N" and pulls.
 */
export class LiveHub {
  private readonly sockets = new Map<string, Set<{ socket: WebSocket; deviceId: string }>>();

  add(teamId: string, deviceId: string, socket: WebSocket): () => void {
    const entry = { socket, deviceId };
    const set = this.sockets.get(teamId) ?? new Set();
    set.add(entry);
    this.sockets.set(teamId, set);
    return () => {
      set.delete(entry);
      if (set.size === 0) this.sockets.delete(teamId);
    };
  }

  notify(teamId: string, seq: number, exceptDevice?: string) {
    const message = JSON.stringify({ type: 'changed', seq } satisfies LiveServerMessage);
    for (const { socket, deviceId } of this.sockets.get(teamId) ?? []) {
      if (deviceId !== exceptDevice && socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /** A revoked device or a member who left loses its channel at once. */
  disconnect(teamId: string, deviceIds: (id: string) => boolean) {
    for (const { socket, deviceId } of this.sockets.get(teamId) ?? []) if (deviceIds(deviceId)) socket.close(4401, 'unauthorized');
  }

  count(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }
}
