import { defineRule } from '../../rule';
import { describeTerm } from '../../vocabulary';
import { tokenAt } from '../support';

/** Formats that are files: shared on the platform, they travel as files. */
const FILE_FORMATS = new Set(['file', 'spreadsheet', 'image', 'media']);

export const rule = defineRule({
  id: 'share/method-format-mismatch',
  severity: 'warning',
  description: {
    zh: '文件类格式以接口或数据库方式共享，或数据库格式以文件方式共享',
    en: 'file-class formats shared as api/database, database formats shared as file',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    const format = tokenAt(file, ['format', 'class'], 'formatClass');
    const method = tokenAt(file, ['share', 'method', 'type'], 'shareMethodType');
    const methodClass = tokenAt(file, ['share', 'method', 'class'], 'shareMethodClass');
    if (!format || !method || methodClass === 'offline') return;
    const mismatch =
      (FILE_FORMATS.has(format) && (method === 'api' || method === 'database')) ||
      (format === 'database' && method === 'file');
    if (!mismatch) return;
    const f = describeTerm('formatClass', format);
    const m = describeTerm('shareMethodType', method);
    report({
      at: ['share', 'method', 'type'],
      message: {
        zh: `格式为 ${f.zh} 的资源通常不以 ${m.zh} 方式共享${FILE_FORMATS.has(format) ? '（文件类格式应以 file 文件方式共享）' : '（数据库应以 database 或 api 方式共享）'}`,
        en: `a resource in ${f.en} format is not usually shared as ${m.en}${FILE_FORMATS.has(format) ? ' (file formats are shared as file)' : ' (databases are shared as database or api)'}`,
      },
    });
  },
});
