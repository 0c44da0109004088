import { verifyReceipt } from '../../client/receipts';
import { expectContractAnswer, expectEqual } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { ConformanceCheck } from '../types';
import { pushVerified, receiptKeys, refusedRecord } from './pushed-batches';

export const receiptsChecks: ConformanceCheck[] = [
  {
    id: 'receipts/keys',
    title: {
      zh: '无需凭据即可获取回执签名公钥（JWKS）',
      en: 'the receipt signing keys (JWKS) answer without credentials',
    },
    spec: 'getReceiptKeys',
    async run(context) {
      const response = await context.raw('getReceiptKeys', '/v1/.well-known/receipt-keys');
      const jwks = (await expectContractAnswer('getReceiptKeys', response, 200, 'getReceiptKeys')) as {
        keys: { kid: string }[];
      };
      if (jwks.keys.length === 0) throw new Error('getReceiptKeys: the key set is empty');
      const kids = jwks.keys.map((key) => key.kid);
      expectEqual(new Set(kids).size, kids.length, 'distinct kids in the key set');
    },
  },
  {
    id: 'receipts/batch-receipt-verifies',
    title: {
      zh: '批次回执可用公布的公钥验证，并覆盖所接收的操作',
      en: 'a batch receipt verifies with the published keys and covers the accepted operations',
    },
    spec: 'batchRecords, getReceiptKeys',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = conformanceRecords(3, 'RV');
      await pushVerified(context, code, { upsert: records });
      // A second batch with an update, a refused record and a delete: the receipt covers only what was accepted.
      const body = {
        upsert: [{ ...records[1]!, xm: '检验更新' }, refusedRecord('RV99999999')],
        delete: [{ bh: records[0]!.bh }],
      };
      const { answer } = await pushVerified(context, code, body);
      expectEqual([answer.accepted, answer.rejected], [2, 1], 'accepted and rejected of the second batch');
    },
  },
  {
    id: 'receipts/tampered-receipt-refused',
    title: {
      zh: '改动数量或哈希的回执验证失败',
      en: 'a receipt with a changed count or hash does not verify',
    },
    spec: 'batchRecords, getReceiptKeys',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const { answer } = await pushVerified(context, code, { upsert: conformanceRecords(2, 'RT') });
      const keys = await receiptKeys(context);
      const digit = answer.receipt.hash.endsWith('0') ? '1' : '0';
      const tampered = {
        count: { ...answer.receipt, count: answer.receipt.count + 1 },
        hash: { ...answer.receipt, hash: `${answer.receipt.hash.slice(0, -1)}${digit}` },
      };
      for (const [what, receipt] of Object.entries(tampered)) {
        const verdict = await verifyReceipt(receipt, keys);
        expectEqual(verdict, { valid: false, reason: 'bad_signature' }, `a receipt with a changed ${what}`);
      }
    },
  },
];
