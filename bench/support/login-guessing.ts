// Other clients' latency while password guessers hammer the token endpoint (issue 12, finding 7): the p50 of a
// catalogue list by a client holding a valid token, first alone, then while 16 guessers send wrong secrets as fast
// as the answers come back.
import { Agent } from 'node:http';
import { createSender } from './http';

const GUESSERS = 16;
// Reads go on for at least this long, so that the guessers' answers (a throttled one waits 1 s) fall inside.
const READ_MS = 3000;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

export interface GuessingLatency {
  /** p50 of the reads with nobody guessing, ms. */
  alone: number;
  /** p50 of the same reads while the guessers run, ms. */
  guessed: number;
  /** Guesses answered 401 (secret checked) and 429 (throttled) during the reads. */
  checked: number;
  throttled: number;
}

export async function measureGuessing(url: string): Promise<GuessingLatency> {
  // Separate sockets: the reader never queues behind a guesser on the client side.
  const readerAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const guesserAgent = new Agent({ keepAlive: true, maxSockets: GUESSERS });
  const read = createSender(readerAgent);
  const guess = createSender(guesserAgent);
  try {
    const login = await read(
      url,
      'POST',
      '/v1/oauth/token',
      form,
      'grant_type=client_credentials&client_id=gongan-demo&client_secret=gongan-demo-secret-2f9c1e7a',
    );
    const auth = {
      authorization: `Bearer ${(JSON.parse(login.text) as { access_token: string }).access_token}`,
    };
    const p50 = async () => {
      const latencies: number[] = [];
      for (const until = performance.now() + READ_MS; performance.now() < until; ) {
        const started = performance.now();
        const answer = await read(url, 'GET', '/v1/catalog/resources?limit=10', auth);
        latencies.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`read: ${answer.status}`);
      }
      return latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!;
    };
    await p50(); // warm-up
    const alone = await p50();

    let running = true;
    const counts = { checked: 0, throttled: 0 };
    const guessers = Array.from({ length: GUESSERS }, async (_, g) => {
      for (let n = 0; running; n++) {
        const body = `grant_type=client_credentials&client_id=renshe-demo&client_secret=guess-${g}-${n}`;
        const answer = await guess(url, 'POST', '/v1/oauth/token', form, body);
        if (answer.status === 401) counts.checked++;
        else if (answer.status === 429) counts.throttled++;
        else throw new Error(`guess: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the guessers get going
    counts.checked = 0;
    counts.throttled = 0;
    const guessed = await p50();
    const during = { ...counts };
    running = false;
    await Promise.all(guessers);
    return { alone, guessed, ...during };
  } finally {
    readerAgent.destroy();
    guesserAgent.destroy();
  }
}
