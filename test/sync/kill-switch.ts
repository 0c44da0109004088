import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy';

const isBatch = (method: string, url: string) => method === 'POST' && /\/records\/batch(\?|$)/.test(url);

export interface KillSwitch {
  /** The exchange URL to give the sync: a proxy in front of `target`. */
  url: string;
  /**
   * At the `at`-th record batch the proxy receives once `ready()` holds, `kill` runs and that batch is cut:
   * before it reaches the exchange, or after the exchange committed it (its answer is lost), as the seeded
   * sequence picks. Load cannot move this point, as it moves a kill sent on a progress line.
   */
  arm(at: number, kill: () => void, ready?: () => boolean): void;
  disarm(): void;
  stats: FaultProxy['stats'];
  close(): Promise<void>;
}

export async function startKillSwitch(target: string, seed: number): Promise<KillSwitch> {
  let armed: { at: number; seen: number; kill: () => void; ready: () => boolean } | undefined;
  const proxy = await startFaultProxy({
    target,
    seed,
    // Every request `match` picks gets one of these faults; it picks exactly the armed batch.
    rate: 1,
    faults: ['reset', 'drop-after-commit'],
    match: (method, url) => {
      if (!armed || !isBatch(method, url) || !armed.ready()) return false;
      armed.seen += 1;
      if (armed.seen !== armed.at) return false;
      armed.kill();
      return true;
    },
  });
  return {
    url: proxy.url,
    arm: (at, kill, ready = () => true) => {
      let isReady = false;
      armed = { at, seen: 0, kill, ready: () => (isReady ||= ready()) };
    },
    disarm: () => {
      armed = undefined;
    },
    stats: proxy.stats,
    close: () => proxy.close(),
  };
}
