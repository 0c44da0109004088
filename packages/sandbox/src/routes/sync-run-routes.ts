import type { Finding } from '@unsilo/sdk';
import type { SyncRunReport } from '@unsilo/sdk/schemas';
import type { OperationHandlers, OperationInput, OperationOutput } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { loadResource } from './catalog-routes';
import { inForceForRecords } from './records-routes';

/** The contract's bounds on a report's reasons that its zod schema does not carry (maxProperties, propertyNames). */
const MAX_REASONS = 200;
const MAX_REASON_LENGTH = 100;

export function syncRunRoutes(services: Services): OperationHandlers {
  return { reportSyncRun: (input) => reportSyncRun(services, input) };
}

/** A provider's client reports a sync run of its own published resource: what it read, and refused unsent. */
async function reportSyncRun(
  services: Services,
  { request, caller, params, body }: OperationInput,
): Promise<OperationOutput> {
  const resource = inForceForRecords(await loadResource(services, request, caller, params.code!), caller);
  const report = body as SyncRunReport;
  refuseUnboundedReasons(report);
  refuseInconsistent(report);
  const receivedAt = new Date(services.state.now()).toISOString();
  const saved = await services.syncRuns.save(resource.code, caller.department.id, report, receivedAt);
  request.auditFacts!.detail = {
    syncRun: saved.run.id,
    replaced: saved.replaced,
    rowsRead: report.rowsRead,
    refusedLocally: report.refusedLocally.total,
  };
  return { status: saved.replaced ? 200 : 201, body: saved.run };
}

function refuseUnboundedReasons(report: SyncRunReport): void {
  const reasons = Object.keys(report.refusedLocally.byReason);
  const finding: Finding | undefined =
    reasons.length > MAX_REASONS
      ? {
          field: 'refusedLocally.byReason',
          rule: 'maxProperties',
          message: `must have at most ${MAX_REASONS} reasons`,
          zh: `最多 ${MAX_REASONS} 个原因`,
        }
      : reasons.some((reason) => reason.length === 0 || reason.length > MAX_REASON_LENGTH)
        ? {
            field: 'refusedLocally.byReason',
            rule: 'propertyNames',
            message: `a reason is 1 to ${MAX_REASON_LENGTH} characters`,
            zh: `原因名称须为 1 至 ${MAX_REASON_LENGTH} 个字符`,
          }
        : undefined;
  if (finding) {
    throw new Problem('request.invalid', `${finding.field}: ${finding.message}`, {
      zh: `请求不符合接口规范：${finding.zh}`,
      errors: [finding],
    });
  }
}

/** Figures that cannot belong to one run are refused rather than folded into the quality figures. */
function refuseInconsistent(report: SyncRunReport): void {
  const { rowsRead, accepted, refusedLocally, startedAt, finishedAt } = report;
  if (accepted + refusedLocally.total > rowsRead) {
    throw inconsistent(
      `accepted + refusedLocally.total (${accepted + refusedLocally.total}) exceed rowsRead (${rowsRead})`,
      `接收行数与本地拒收行数之和（${accepted + refusedLocally.total}）超过读取行数（${rowsRead}）`,
    );
  }
  for (const [reason, rows] of Object.entries(refusedLocally.byReason)) {
    if (rows <= refusedLocally.total) continue;
    throw inconsistent(
      `refusedLocally.byReason.${reason} (${rows}) exceeds refusedLocally.total (${refusedLocally.total})`,
      `本地拒收原因 ${reason} 的行数（${rows}）超过本地拒收总行数（${refusedLocally.total}）`,
    );
  }
  if (startedAt && finishedAt && Date.parse(finishedAt) < Date.parse(startedAt)) {
    throw inconsistent(
      `finishedAt (${finishedAt}) is before startedAt (${startedAt})`,
      `结束时间（${finishedAt}）早于开始时间（${startedAt}）`,
    );
  }
}

function inconsistent(detail: string, zh: string): Problem {
  return new Problem('sync_run.inconsistent', detail, { zh });
}
