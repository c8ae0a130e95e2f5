import type { Clock } from '../../engine/clock.js';
import type { SseEvent } from '../../engine/types.js';

export interface StreamWatch {
  clock: Clock;
  /** How long an event may wait for the client to take it. */
  idleMs: number;
  /** Aborted when the client closes the connection: then it did cancel. */
  signal: AbortSignal | undefined;
  /** Called once when the client has left an event untaken for `idleMs` without closing. */
  onAbandoned(events: number, idleMs: number): void;
}

/**
 * Notices a client that stopped reading a stream without cancelling it. Every door takes the next event only
 * once the client has room for it (fastify waits for `drain`, msw and nock pull on read), so an event that
 * waits `idleMs` to be taken, on a connection that is still open, is one the client is not reading. One
 * timer per stream, re-armed only when it fires, so watching costs nothing per event.
 */
export function watchStream(events: AsyncIterable<SseEvent>, watch: StreamWatch): AsyncIterable<SseEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      const stop = new AbortController();
      const onGone = () => stop.abort();
      watch.signal?.addEventListener('abort', onGone, { once: true });
      let waitingSince: number | null = null;
      let delivered = 0;
      const watchdog = async () => {
        let wait = watch.idleMs;
        while (!stop.signal.aborted) {
          await watch.clock.sleep(wait, stop.signal);
          if (stop.signal.aborted || watch.signal?.aborted) return;
          const idle = waitingSince === null ? 0 : watch.clock.now() - waitingSince;
          if (idle >= watch.idleMs) return watch.onAbandoned(delivered, idle);
          wait = watch.idleMs - idle;
        }
      };
      watchdog().catch(() => {});
      try {
        for await (const event of events) {
          waitingSince = watch.clock.now();
          yield event;
          waitingSince = null;
          delivered++;
        }
      } finally {
        stop.abort();
        watch.signal?.removeEventListener('abort', onGone);
      }
    },
  };
}
