import { ExchangeError } from '../errors/ExchangeError';

export interface Page<Item> {
  items: Item[];
  /** Pass back to continue after this page; null on the last page. Safe to checkpoint. */
  nextCursor: string | null;
  requestId: string | undefined;
}

/**
 * A lazily fetched, cursor-paged list. Iterate it with `for await` to get every item across
 * pages, or call `pages()` to work page by page (and keep `nextCursor` for resuming later).
 * Nothing is requested until iteration starts; each iteration starts again from `startCursor`.
 */
export class Paginator<Item> implements AsyncIterable<Item> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<Page<Item>>;
  readonly #startCursor: string | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>, startCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#startCursor = startCursor;
  }

  /** Just the first page. */
  firstPage(): Promise<Page<Item>> {
    return this.#fetchPage(this.#startCursor);
  }

  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    let cursor = this.#startCursor;
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (page.nextCursor === null || page.nextCursor === undefined || page.nextCursor === '') return;
      // A server handing back the cursor it was given would loop forever; stop loudly instead.
      if (page.nextCursor === cursor) {
        throw new ExchangeError(
          'pagination.stalled',
          `The server returned the same cursor twice (服务端重复返回同一游标，分页无法前进) [requestId=${page.requestId ?? '-'}]`,
          { requestId: page.requestId },
        );
      }
      cursor = page.nextCursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects every item; meant for small lists and tests. */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
