import { expectRefused } from '../assert';
import type { ConformanceCheck } from '../types';

export const roleChecks: ConformanceCheck[] = [
  {
    id: 'roles/vendor-cannot-create-entry',
    title: { zh: '软件厂商不能创建目录条目（403）', en: 'a vendor cannot create a catalogue entry (403)' },
    spec: 'createResource',
    async run(context) {
      // The role is refused before the body is read, so an empty body is enough.
      const call = context.client('vendor').request('createResource', { body: {} } as never);
      await expectRefused(call, 403, 'vendor createResource');
    },
  },
];
