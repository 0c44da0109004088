import { ExchangeHttpError, type ExchangeResponse } from '../../client';
import type { QueryParams } from '../../client/operations';
import type { CatalogEntry, Resource } from '../../generated';
import { expectEqual, expectRefused } from '../assert';
import {
  type ConformanceRecord,
  conformanceEntry,
  conformanceRecords,
  type ShareType,
} from '../fixtures/entry';
import type { CheckContext, ConformanceCheck } from '../types';
import { expectRecords, pushAccepted, recordLines } from './records';

type Role = 'providerA' | 'providerB';
type ListQuery = QueryParams<'listResources'>;

const WITHDRAW_REASON = '接口符合性检验：撤销 / conformance check: withdrawn';

/** Awaits a call that must be refused with this status and problem code. */
async function expectProblem(call: Promise<unknown>, status: number, code: string, what: string) {
  expectEqual(await expectRefused(call, status, what), code, `${what}: problem code`);
}

/** Fails unless an answer is in `status` and its ETag header equals its `etag` member; returns the ETag. */
function expectStep(answer: ExchangeResponse<Resource>, status: string, what: string): string {
  expectEqual(answer.data.status, status, `${what}: status`);
  expectEqual(answer.etag, answer.data.etag, `${what}: ETag header and etag member`);
  return answer.etag!;
}

/** providerA's conformance entry for `code`, with the share type and changes given. */
async function entryOf(
  context: CheckContext,
  code: string,
  shareType: ShareType = 'unconditional',
  change: Partial<CatalogEntry> = {},
): Promise<CatalogEntry> {
  return { ...conformanceEntry(await context.fixtures.department('providerA'), code, shareType), ...change };
}

/** A revision of a published entry: another name, share type `none`, and xm shortened to 10 characters. */
/** A refused change leaves the draft as it was: the same ETag. */
async function expectDraftUnchanged(context: CheckContext, draft: { code: string; etag: string }) {
  expectEqual((await context.client('providerA').catalog.get(draft.code)).etag, draft.etag, 'ETag after it');
}

async function revisionOf(context: CheckContext, code: string): Promise<CatalogEntry> {
  const base = await entryOf(context, code, 'none');
  const items = base.items?.map((item) => (item.key === 'xm' ? { ...item, length: 10 } : item));
  return { ...base, name: `${base.name}（修订）`, items };
}

/** Whether `code` is in a listing, and as which status and share type. */
async function listed(context: CheckContext, role: Role, query: ListQuery, code: string) {
  const items = await context.client(role).catalog.list(query).toArray();
  const found = items.find((item) => item.code === code);
  return found ? `${found.status} ${found.shareType} ${found.name}` : 'absent';
}

export const lifecycleChecks: ConformanceCheck[] = [
  {
    id: 'lifecycle/walk',
    title: {
      zh: '草稿→提交→注册→发布→撤销，每步返回新状态与新 ETag',
      en: 'draft → submitted → registered → published → withdrawn, each step with its status and a new ETag',
    },
    spec: 'createResource, submitResource, registerResource, publishResource, withdrawResource, getResource',
    async run(context) {
      const { code, etag } = await context.fixtures.createDraft('providerA');
      const provider = context.client('providerA').catalog;
      const authority = context.client('authority').catalog;
      const etags = [expectStep(await provider.get(code), 'draft', 'the new draft')];
      expectEqual(etags[0], etag, 'the ETag of createResource and of getResource');
      const steps = [
        ['submitted', (ifMatch: string) => provider.submit(code, { ifMatch })],
        ['registered', (ifMatch: string) => authority.register(code, { ifMatch })],
        ['published', (ifMatch: string) => authority.publish(code, { ifMatch })],
        ['withdrawn', (ifMatch: string) => provider.withdraw(code, { reason: WITHDRAW_REASON }, { ifMatch })],
      ] as const;
      for (const [status, step] of steps) {
        const next = expectStep(await step(etags.at(-1)!), status, `the step to ${status}`);
        if (etags.includes(next)) throw new Error(`the step to ${status} kept the ETag ${next}`);
        etags.push(next);
      }
      const history = (await provider.get(code)).data.history ?? [];
      expectEqual(
        history.slice(-4).map((event) => event.status),
        ['submitted', 'registered', 'published', 'withdrawn'],
        'the last four events of the history',
      );
      expectEqual(history.at(-1)?.reason, WITHDRAW_REASON, 'the reason of the withdrawal in the history');
    },
  },
  {
    id: 'lifecycle/invalid-transition',
    title: {
      zh: '不允许的状态变更返回 409 catalog.invalid_transition，状态不变',
      en: 'a step not allowed from the status is a 409 catalog.invalid_transition and changes nothing',
    },
    spec: 'registerResource, publishResource, submitResource',
    async run(context) {
      const { code, etag } = await context.fixtures.createDraft('providerA');
      const provider = context.client('providerA').catalog;
      const authority = context.client('authority').catalog;
      const invalid = 'catalog.invalid_transition';
      await expectProblem(authority.publish(code, { ifMatch: etag }), 409, invalid, 'publishing a draft');
      await expectProblem(authority.register(code, { ifMatch: etag }), 409, invalid, 'registering a draft');
      const submitted = expectStep(await provider.submit(code, { ifMatch: etag }), 'submitted', 'submit');
      await expectProblem(provider.submit(code, { ifMatch: submitted }), 409, invalid, 'submitting twice');
      const now = await provider.get(code);
      expectEqual(
        [now.data.status, now.etag],
        ['submitted', submitted],
        'status and ETag after the refusals',
      );
    },
  },
  {
    id: 'lifecycle/if-match',
    title: {
      zh: '过期的 If-Match 返回 412，缺少 If-Match 返回 428，条目不变',
      en: 'a stale If-Match is a 412, a missing one a 428, and the entry is unchanged',
    },
    spec: 'updateResource, submitResource',
    async run(context) {
      const { code, etag } = await context.fixtures.createDraft('providerA');
      const provider = context.client('providerA').catalog;
      const revised = await entryOf(context, code, 'unconditional', {
        summary: '接口符合性检验：修订后的摘要。',
      });
      const updated = expectStep(await provider.update(code, revised, { ifMatch: etag }), 'draft', 'update');
      const stale = await entryOf(context, code, 'unconditional', {
        summary: '接口符合性检验：过期的修订。',
      });
      const failed = 'precondition.failed';
      await expectProblem(
        provider.update(code, stale, { ifMatch: etag }),
        412,
        failed,
        'update, stale If-Match',
      );
      await expectProblem(provider.submit(code, { ifMatch: etag }), 412, failed, 'submit, stale If-Match');
      const withoutIfMatch = context
        .client('providerA')
        .request('updateResource', { path: { code }, body: stale } as never);
      await expectProblem(withoutIfMatch, 428, 'precondition.required', 'update without If-Match');
      const now = await provider.get(code);
      expectEqual(
        [now.data.status, now.etag, now.data.entry.summary],
        ['draft', updated, revised.summary],
        'status, ETag and summary after the refusals',
      );
    },
  },
  {
    id: 'lifecycle/lint-failed',
    title: {
      zh: '违反目录规则的条目返回 422 catalog.lint_failed 并列出诊断，不予登记',
      en: 'an entry that breaks the catalogue rules is a 422 catalog.lint_failed with its findings, not filed',
    },
    spec: 'createResource, updateResource',
    async run(context) {
      const code = await context.fixtures.newCode();
      const { condition: _dropped, ...share } = (await entryOf(context, code, 'conditional')).share;
      const broken = await entryOf(context, code, 'conditional', { share } as Partial<CatalogEntry>);
      const refusal = await context
        .client('providerA')
        .catalog.create(broken)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      if (refusal === undefined) {
        context.fixtures.created.set(code, 'providerA'); // filed after all: the run withdraws it at the end
        throw new Error('a conditional entry without its condition was filed; expected 422');
      }
      if (!(refusal instanceof ExchangeHttpError)) throw refusal;
      expectEqual([refusal.status, refusal.code], [422, 'catalog.lint_failed'], 'create: status and code');
      const findings = refusal.problem.errors ?? [];
      const named = findings.some(
        (f) => f.path === 'share.condition' || f.rule === 'share/condition-required',
      );
      if (!named) throw new Error(`the findings do not name share.condition: ${JSON.stringify(findings)}`);
      await expectRefused(context.client('authority').catalog.get(code), 404, 'the refused entry');
      // On update too: the draft keeps its ETag.
      const draft = await context.fixtures.createDraft('providerA');
      const brokenUpdate = { ...broken, code: draft.code };
      const update = context
        .client('providerA')
        .catalog.update(draft.code, brokenUpdate, { ifMatch: draft.etag });
      await expectProblem(update, 422, 'catalog.lint_failed', 'update with a broken entry');
      await expectDraftUnchanged(context, draft);
    },
  },
  {
    id: 'lifecycle/code-mismatch',
    title: {
      zh: '条目代码与路径不一致时更新返回 422 catalog.code_mismatch',
      en: "an update whose entry code differs from the path's is a 422 catalog.code_mismatch",
    },
    spec: 'updateResource',
    async run(context) {
      const draft = await context.fixtures.createDraft('providerA');
      const other = await entryOf(context, await context.fixtures.newCode());
      const update = context.client('providerA').catalog.update(draft.code, other, { ifMatch: draft.etag });
      await expectProblem(update, 422, 'catalog.code_mismatch', 'update with another code');
      await expectDraftUnchanged(context, draft);
    },
  },
  {
    id: 'lifecycle/pending-change',
    title: {
      zh: '已发布条目的修改在重新发布前不生效：其他部门仍看到并按现行版本读取',
      en: 'a change to a published entry waits: other departments see and read the version in force',
    },
    spec: 'updateResource, getResource, listResources, queryRecords, batchRecords',
    async run(context) {
      const published = await context.fixtures.publishNew('providerA');
      const { code } = published;
      const original = await entryOf(context, code);
      const [record] = conformanceRecords(1, 'PC') as [ConformanceRecord];
      await pushAccepted(context, code, { upsert: [record] });
      const revision = await revisionOf(context, code);
      const provider = context.client('providerA').catalog;
      expectStep(await provider.update(code, revision, { ifMatch: published.etag }), 'submitted', 'update');
      const own = (await provider.get(code)).data;
      expectEqual(
        [own.status, own.entry.name, own.published?.entry.name],
        ['submitted', revision.name, original.name],
        "the provider's view: status, name, name of the version in force",
      );
      const other = await context.client('providerB').catalog.get(code);
      expectEqual(
        [other.data.status, other.data.entry.name, other.data.entry.share.type, other.etag],
        ['published', original.name, 'unconditional', published.etag],
        "another department's view: status, name, share type, ETag",
      );
      const byProvider = { provider: (await context.fixtures.department('providerA')).id };
      const inForce = `published unconditional ${original.name}`;
      const listedAs = (shareType: ShareType) =>
        listed(context, 'providerB', { ...byProvider, shareType }, code);
      expectEqual(await listedAs('unconditional'), inForce, 'listed for another department, unconditional');
      expectEqual(await listedAs('none'), 'absent', 'listed for another department, none');
      const read = await context.client('providerB').records.query(code).toArray();
      expectEqual(recordLines(read), recordLines([record]), 'the records another department reads');
      // An xm of 20 characters: over the pending length 10, within the 50 in force.
      await pushAccepted(context, code, { upsert: [{ ...record, xm: '检'.repeat(20) }] });
    },
  },
  {
    id: 'lifecycle/republish',
    title: {
      zh: '修改经注册、发布后生效：其他部门看到新版本，读取与推送按新版本',
      en: 'a change registered and published is in force: others see it, reads and batches follow it',
    },
    spec: 'updateResource, registerResource, publishResource, getResource, queryRecords, batchRecords',
    async run(context) {
      const published = await context.fixtures.publishNew('providerA');
      const { code } = published;
      await pushAccepted(context, code, { upsert: conformanceRecords(1, 'RP') });
      const revision = await revisionOf(context, code);
      const authority = context.client('authority').catalog;
      const updated = await context
        .client('providerA')
        .catalog.update(code, revision, { ifMatch: published.etag });
      const registered = await authority.register(code, { ifMatch: updated.etag! });
      expectStep(
        await authority.publish(code, { ifMatch: registered.etag! }),
        'published',
        'publishing the change',
      );
      const other = (await context.client('providerB').catalog.get(code)).data;
      expectEqual(
        [other.status, other.entry.name, other.entry.share.type],
        ['published', revision.name, 'none'],
        "another department's view after re-publication",
      );
      const read = context.client('providerB').records.query(code).firstPage();
      await expectProblem(read, 403, 'access.not_shared', 'reading the entry now shared with none');
      const tooLong = { bh: 'RP90000000', xm: '检'.repeat(20), nl: 30 };
      const { data } = await context.client('providerA').records.batch(code, { upsert: [tooLong] });
      expectEqual([data.accepted, data.rejected], [0, 1], 'a record over the new xm length of 10');
    },
  },
  {
    id: 'lifecycle/withdrawn',
    title: {
      zh: '已撤销的资源拒收批次与修改（409），提供方仍可读取其记录',
      en: 'a withdrawn resource refuses batches and updates (409); its provider still reads its records',
    },
    spec: 'withdrawResource, batchRecords, updateResource, queryRecords',
    async run(context) {
      const published = await context.fixtures.publishNew('providerA');
      const { code } = published;
      const records = conformanceRecords(2, 'WD');
      await pushAccepted(context, code, { upsert: records });
      const provider = context.client('providerA');
      const withdraw = provider.catalog.withdraw(
        code,
        { reason: WITHDRAW_REASON },
        { ifMatch: published.etag },
      );
      const etag = expectStep(await withdraw, 'withdrawn', 'withdraw');
      const invalid = 'catalog.invalid_transition';
      const batch = provider.records.batch(code, { upsert: conformanceRecords(1, 'WE') });
      await expectProblem(batch, 409, invalid, 'a batch to the withdrawn resource');
      const update = provider.catalog.update(code, await entryOf(context, code), { ifMatch: etag });
      await expectProblem(update, 409, invalid, 'an update of the withdrawn resource');
      await expectRecords(context, code, records, 'the records of the withdrawn resource');
    },
  },
  {
    id: 'lifecycle/list-filters',
    title: {
      zh: '目录列表按提供方、状态、共享类型、文字过滤并按代码排序；未发布的条目其他部门看不到',
      en: 'listResources filters by provider, status, share type and text, by code; others never list a draft',
    },
    spec: 'listResources',
    async run(context) {
      const draft = (await context.fixtures.createDraft('providerA')).code;
      const shared = (await context.fixtures.publishNew('providerA', 'conditional')).code;
      const { id, code: creditCode } = await context.fixtures.department('providerA');
      const text = `资源${draft.split('/')[1]}`;
      const cases: [Role, ListQuery, string[], string[]][] = [
        ['providerA', { provider: id, status: 'draft', limit: 10 }, [draft], [shared]],
        [
          'providerA',
          { provider: creditCode, status: 'published', shareType: 'conditional' },
          [shared],
          [draft],
        ],
        ['providerA', { q: text }, [draft], [shared]],
        ['providerB', { provider: id, limit: 10 }, [shared], [draft]],
        ['providerB', { q: text }, [], [draft]],
      ];
      for (const [role, query, present, absent] of cases) {
        const what = `listResources as ${role} ${JSON.stringify(query)}`;
        const items = await context.client(role).catalog.list(query).toArray();
        const codes = items.map((item) => item.code);
        expectEqual(codes, [...codes].sort(), `${what}: order by code`);
        expectEqual(
          [present, absent].map((c) => c.filter((x) => codes.includes(x))),
          [present, []],
          what,
        );
        const outside = items.filter(
          (item) =>
            (query.status !== undefined && item.status !== query.status) ||
            (query.shareType !== undefined && item.shareType !== query.shareType) ||
            (query.provider !== undefined && item.provider.code !== creditCode) ||
            (role === 'providerB' && !['published', 'withdrawn'].includes(item.status)),
        );
        expectEqual(
          outside.map((item) => item.code),
          [],
          `${what}: items outside the filter`,
        );
      }
    },
  },
];
